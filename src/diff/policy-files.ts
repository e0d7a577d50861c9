import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, type Node } from 'yaml';
import { validateNetworkPolicy } from '../manifest/networkpolicy.js';
import type { NetworkPolicy } from '../model/types.js';
import { InputError, type Problem } from '../problems.js';
import { readTextFile } from '../scenario/read-text-file.js';
import { YamlSource } from '../scenario/yaml-source.js';

/** Manifest files under `paths` (files, or folders searched recursively for *.yaml, *.yml, *.json), sorted. */
export function findManifestFiles(paths: string[]): string[] {
  const out: string[] = [];
  const problems: Problem[] = [];
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [join(dir, e.name)] : [],
    );
  for (const p of paths) {
    if (!existsSync(p)) problems.push({ file: p, line: 0, column: 0, path: '', message: 'no such file or directory' });
    else out.push(...(statSync(p).isDirectory() ? walk(p) : [p]));
  }
  if (problems.length) throw new InputError(problems);
  return [...new Set(out)].sort();
}

/**
 * Every NetworkPolicy in the manifest texts, validated as the API server would (a manifest it would
 * reject is bad input here, with its file, line and field). A document without metadata.namespace
 * goes to `defaultNamespace`, as `kubectl apply` does. Pure.
 */
export function parsePolicyManifests(
  files: { file: string; text: string }[],
  defaultNamespace: string,
): NetworkPolicy[] {
  const policies: NetworkPolicy[] = [];
  const problems: Problem[] = [];
  for (const { file, text } of files) {
    const src = new YamlSource(file, text);
    const docs = src.parseAll();
    problems.push(...src.problems);
    for (const doc of docs) {
      const root = doc.contents as Node | null;
      if (root === null) continue;
      const result = validateNetworkPolicy(root, defaultNamespace);
      if (result.ok) policies.push(result.policy);
      else {
        for (const issue of result.issues) {
          const at = src.position(issue.node ?? (isMap(root) ? root : undefined));
          problems.push({ file, line: at.line, column: at.column, path: issue.path, message: issue.message });
        }
      }
    }
  }
  if (problems.length) throw new InputError(problems);
  return policies;
}

export function loadPolicyManifests(paths: string[], defaultNamespace: string): NetworkPolicy[] {
  const files: { file: string; text: string }[] = [];
  const problems: Problem[] = [];
  for (const file of findManifestFiles(paths)) {
    const read = readTextFile(file);
    if (read.ok) files.push({ file, text: read.text });
    else problems.push({ file, line: read.line, column: read.column, path: '', message: read.message });
  }
  if (problems.length) throw new InputError(problems);
  return parsePolicyManifests(files, defaultNamespace);
}

/** `kubectl apply` of `changes` over `current`: the same namespace/name replaces, a new one is added. Pure. */
export function applyOver(current: readonly NetworkPolicy[], changes: readonly NetworkPolicy[]): NetworkPolicy[] {
  const byKey = new Map(current.map((p) => [`${p.namespace}/${p.name}`, p]));
  for (const p of changes) byKey.set(`${p.namespace}/${p.name}`, p);
  return [...byKey.values()];
}
