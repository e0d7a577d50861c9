import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CNP_CONFORMANCE_CASES } from './cases.js';
import { fileName, renderCase } from './render.js';

export const CNP_CONFORMANCE_DIR = 'scenarios/cluster-network-policy';

/** Every file the corpus consists of, by name. Pure. */
export function cnpConformanceFiles(): Map<string, string> {
  return new Map(CNP_CONFORMANCE_CASES.map((c) => [fileName(c), renderCase(c)]));
}

/** Writes the corpus, removing scenario files no case makes any more. */
export function writeCnpConformance(dir = CNP_CONFORMANCE_DIR): number {
  mkdirSync(dir, { recursive: true });
  const files = cnpConformanceFiles();
  for (const f of readdirSync(dir)) if (f.endsWith('.yaml') && !files.has(f)) rmSync(join(dir, f));
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  return files.size;
}

if (process.argv[1]?.endsWith('generate.ts')) {
  console.log(`wrote ${writeCnpConformance()} scenarios to ${CNP_CONFORMANCE_DIR}`);
}
