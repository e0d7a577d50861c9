import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFORMANCE_CASES } from './cases.js';
import { fileName, renderCase, renderWorld, WORLD_FILE } from './render.js';

export const CONFORMANCE_DIR = 'scenarios/conformance';

/** Every scenario file the corpus consists of, by name. Pure. */
export function conformanceFiles(): Map<string, string> {
  return new Map(CONFORMANCE_CASES.map((c) => [fileName(c), renderCase(c)]));
}

/**
 * Writes a generated corpus: its scenario files and its world file (at `worldFile`, relative to
 * `dir`), removing scenario files the generator makes no more. Returns the scenarios written.
 */
export function writeGeneratedCorpus(
  dir: string,
  files: ReadonlyMap<string, string>,
  world: { file: string; text: string },
): number {
  mkdirSync(join(dir, dirname(world.file)), { recursive: true });
  for (const f of readdirSync(dir)) if (f.endsWith('.yaml') && !files.has(f)) rmSync(join(dir, f));
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, world.file), world.text);
  return files.size;
}

/** Writes the corpus and its world file. Returns the scenarios written. */
export function writeConformance(dir = CONFORMANCE_DIR): number {
  return writeGeneratedCorpus(dir, conformanceFiles(), { file: WORLD_FILE, text: renderWorld() });
}

if (process.argv[1]?.endsWith('generate.ts')) {
  console.log(`wrote ${writeConformance()} scenarios and ${WORLD_FILE} to ${CONFORMANCE_DIR}`);
}
