import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CNP_CONFORMANCE_CASES } from './cases.js';
import { fileName, renderCase, renderWorld, WORLD_FILE } from './render.js';

export const CNP_CONFORMANCE_DIR = 'scenarios/cluster-network-policy';

/** Every file the corpus consists of, by name. Pure. */
export function cnpConformanceFiles(): Map<string, string> {
  return new Map(CNP_CONFORMANCE_CASES.map((c) => [fileName(c), renderCase(c)]));
}

/** Writes the corpus and its world file, removing scenario files no case makes any more. Returns the scenarios written. */
export function writeCnpConformance(dir = CNP_CONFORMANCE_DIR): number {
  mkdirSync(join(dir, dirname(WORLD_FILE)), { recursive: true });
  const files = cnpConformanceFiles();
  for (const f of readdirSync(dir)) if (f.endsWith('.yaml') && !files.has(f)) rmSync(join(dir, f));
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, WORLD_FILE), renderWorld());
  return files.size;
}

if (process.argv[1]?.endsWith('generate.ts')) {
  console.log(`wrote ${writeCnpConformance()} scenarios and ${WORLD_FILE} to ${CNP_CONFORMANCE_DIR}`);
}
