import { writeGeneratedCorpus } from '../conformance/generate.js';
import { CNP_CONFORMANCE_CASES } from './cases.js';
import { fileName, renderCase, renderWorld, WORLD_FILE } from './render.js';

export const CNP_CONFORMANCE_DIR = 'scenarios/cluster-network-policy';

/** Every file the corpus consists of, by name. Pure. */
export function cnpConformanceFiles(): Map<string, string> {
  return new Map(CNP_CONFORMANCE_CASES.map((c) => [fileName(c), renderCase(c)]));
}

/** Writes the corpus and its world file. Returns the scenarios written. */
export function writeCnpConformance(dir = CNP_CONFORMANCE_DIR): number {
  return writeGeneratedCorpus(dir, cnpConformanceFiles(), { file: WORLD_FILE, text: renderWorld() });
}

if (process.argv[1]?.endsWith('generate.ts')) {
  console.log(`wrote ${writeCnpConformance()} scenarios and ${WORLD_FILE} to ${CNP_CONFORMANCE_DIR}`);
}
