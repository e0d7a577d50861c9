import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, type Node } from 'yaml';
import { CNP_KIND, validateClusterNetworkPolicy } from '../manifest/cluster-network-policy.js';
import { validateNetworkPolicy, type ManifestIssue } from '../manifest/networkpolicy.js';
import type { ClusterNetworkPolicy } from '../model/cnp-types.js';
import type { NetworkPolicy, World } from '../model/types.js';
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

/** The policies in force: NetworkPolicies and the cluster-scoped ClusterNetworkPolicies of the tiers. */
export interface PolicySet {
  policies: NetworkPolicy[];
  clusterPolicies: ClusterNetworkPolicy[];
}

/** The policies in force in `world`. */
export function policySetOf(world: World): PolicySet {
  return { policies: world.policies, clusterPolicies: world.clusterNetworkPolicies ?? [] };
}

/**
 * Every NetworkPolicy and ClusterNetworkPolicy in the manifest texts, validated as the API server
 * would (a manifest it would reject is bad input here, with its file, line and field). A
 * NetworkPolicy without metadata.namespace goes to `defaultNamespace`, as `kubectl apply` does; a
 * ClusterNetworkPolicy has none. Pure.
 */
export function parsePolicyManifests(files: { file: string; text: string }[], defaultNamespace: string): PolicySet {
  const set: PolicySet = { policies: [], clusterPolicies: [] };
  const problems: Problem[] = [];
  for (const { file, text } of files) {
    const src = new YamlSource(file, text);
    const docs = src.parseAll();
    problems.push(...src.problems);
    for (const doc of docs) {
      const root = doc.contents as Node | null;
      if (root === null) continue;
      const report = (issues: ManifestIssue[]) => {
        for (const issue of issues) {
          const at = src.position(issue.node ?? (isMap(root) ? root : undefined));
          problems.push({ file, line: at.line, column: at.column, path: issue.path, message: issue.message });
        }
      };
      if (isMap(root) && root.get('kind') === CNP_KIND) {
        const result = validateClusterNetworkPolicy(root);
        if (result.ok) set.clusterPolicies.push(result.policy);
        else report(result.issues);
      } else {
        const result = validateNetworkPolicy(root, defaultNamespace);
        if (result.ok) set.policies.push(result.policy);
        else report(result.issues);
      }
    }
  }
  if (problems.length) throw new InputError(problems);
  return set;
}

export function loadPolicyManifests(paths: string[], defaultNamespace: string): PolicySet {
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

/**
 * `kubectl apply` of `changes` over `current`: a NetworkPolicy of the same namespace/name, or a
 * ClusterNetworkPolicy of the same name, replaces; a new one is added. Pure.
 */
export function applyOver(current: PolicySet, changes: PolicySet): PolicySet {
  const policies = new Map(current.policies.map((p) => [`${p.namespace}/${p.name}`, p]));
  for (const p of changes.policies) policies.set(`${p.namespace}/${p.name}`, p);
  const clusterPolicies = new Map(current.clusterPolicies.map((p) => [p.name, p]));
  for (const p of changes.clusterPolicies) clusterPolicies.set(p.name, p);
  return { policies: [...policies.values()], clusterPolicies: [...clusterPolicies.values()] };
}
