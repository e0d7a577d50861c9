import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseScenario, type ReadPolicyFile } from './parse.js';
import { InputError, type Problem } from './problems.js';
import type { Scenario } from './types.js';

const readPolicyFile: ReadPolicyFile = (scenarioFile, rel) => {
  const path = resolve(dirname(scenarioFile), rel);
  if (!existsSync(path)) return undefined;
  return { path: displayPath(path), text: readFileSync(path, 'utf8') };
};

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

/** Scenario files under `paths` (files, or directories searched recursively for *.yaml), sorted. */
export function findScenarioFiles(paths: string[]): string[] {
  const out: string[] = [];
  const problems: Problem[] = [];
  for (const p of paths) {
    if (!existsSync(p)) {
      problems.push({ file: p, line: 0, column: 0, path: '', message: 'no such file or directory' });
      continue;
    }
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  if (problems.length) throw new InputError(problems);
  return [...new Set(out)].sort();
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'policies' ? [] : walk(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

/** Loads every scenario; collects the problems of all files before throwing. */
export function loadScenarios(paths: string[]): Scenario[] {
  const files = findScenarioFiles(paths);
  const scenarios: Scenario[] = [];
  const problems: Problem[] = [];
  for (const file of files) {
    try {
      scenarios.push(parseScenario(displayPath(file), readFileSync(file, 'utf8'), readPolicyFile));
    } catch (err) {
      if (err instanceof InputError) problems.push(...err.problems);
      else throw err;
    }
  }
  const names = new Map<string, string>();
  for (const s of scenarios) {
    const other = names.get(s.name);
    if (other) problems.push({ file: s.file, line: 1, column: 1, path: 'name', message: `scenario name "${s.name}" is also used by ${other}` });
    names.set(s.name, s.file);
  }
  if (problems.length) throw new InputError(problems);
  if (files.length === 0) throw new InputError([{ file: paths.join(' '), line: 0, column: 0, path: '', message: 'no scenario files (*.yaml) found' }]);
  return scenarios;
}
