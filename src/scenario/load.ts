import { readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseScenario, type ReadPolicyFile } from './parse.js';
import { InputError, type Problem } from '../problems.js';
import { describeFsError, readTextFile } from './read-text-file.js';
import type { Scenario } from './types.js';

/** A file's problems shown at most; the rest are counted (a garbage file can have thousands). */
export const MAX_PROBLEMS_PER_FILE = 20;

const readPolicyFile: ReadPolicyFile = (scenarioFile, rel) => {
  const path = resolve(dirname(scenarioFile), rel);
  const read = readTextFile(path);
  if (read.ok) return { path: displayPath(path), text: read.text };
  return { path: displayPath(path), problem: { line: read.line, column: read.column, message: read.message } };
};

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

function fsProblem(file: string, err: unknown): Problem {
  return { file, line: 0, column: 0, path: '', message: describeFsError(err) };
}

/** Scenario files under `paths` (files, or directories searched recursively for *.yaml), sorted. */
export function findScenarioFiles(paths: string[]): string[] {
  const { files, problems } = findFiles(paths);
  if (problems.length) throw new InputError(problems);
  return files;
}

function findFiles(paths: string[]): { files: string[]; problems: Problem[] } {
  const out: string[] = [];
  const problems: Problem[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (err) {
      problems.push(fsProblem(p, err));
      continue;
    }
    if (isDir) out.push(...walk(p, problems));
    else out.push(p);
  }
  return { files: distinctFiles(out).sort(), problems };
}

/** The files, each once: a file named twice (`a.yaml ./a.yaml`, a folder and a file in it, a link) keeps its first name. */
function distinctFiles(files: string[]): string[] {
  const byRealPath = new Map<string, string>();
  for (const file of files) {
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      real = resolve(file);
    }
    if (!byRealPath.has(real)) byRealPath.set(real, file);
  }
  return [...byRealPath.values()];
}

function walk(dir: string, problems: Problem[]): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    problems.push(fsProblem(dir, err));
    return [];
  }
  return entries.flatMap((e) => {
    const p = join(dir, e.name);
    // policies/ and worlds/ hold the files scenarios name (policy files, world files), not scenarios.
    if (e.isDirectory()) return e.name === 'policies' || e.name === 'worlds' ? [] : walk(p, problems);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

/** At most MAX_PROBLEMS_PER_FILE problems of each file, and a line saying how many more there were. */
export function capProblemsPerFile(problems: Problem[]): Problem[] {
  const perFile = new Map<string, Problem[]>();
  for (const p of problems) perFile.set(p.file, [...(perFile.get(p.file) ?? []), p]);
  return [...perFile.values()].flatMap((list) => {
    if (list.length <= MAX_PROBLEMS_PER_FILE) return list;
    const shown = list.slice(0, MAX_PROBLEMS_PER_FILE);
    const last = shown[shown.length - 1] as Problem;
    return [
      ...shown,
      {
        file: last.file,
        line: last.line,
        column: last.column,
        path: '',
        message: `… and ${list.length - shown.length} more problems in this file`,
      },
    ];
  });
}

/** Loads every scenario; collects the problems of all files before throwing. */
export function loadScenarios(paths: string[]): Scenario[] {
  const { files, problems } = findFiles(paths);
  const scenarios: Scenario[] = [];
  for (const file of files) {
    const shown = displayPath(file);
    const read = readTextFile(file);
    if (!read.ok) {
      problems.push({ file: shown, line: read.line, column: read.column, path: '', message: read.message });
      continue;
    }
    try {
      scenarios.push(parseScenario(shown, read.text, readPolicyFile));
    } catch (err) {
      if (err instanceof InputError) problems.push(...err.problems);
      else throw err;
    }
  }
  const names = new Map<string, string>();
  for (const s of scenarios) {
    const other = names.get(s.name);
    if (other)
      problems.push({
        file: s.file,
        line: 1,
        column: 1,
        path: 'name',
        message: `scenario name "${s.name}" is also used by ${other}`,
      });
    names.set(s.name, s.file);
  }
  if (problems.length) throw new InputError(capProblemsPerFile(problems));
  if (files.length === 0)
    throw new InputError([
      { file: paths.join(' '), line: 0, column: 0, path: '', message: 'no scenario files (*.yaml) found' },
    ]);
  return scenarios;
}
