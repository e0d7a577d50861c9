import { createHash } from 'node:crypto';
import { InputError } from '../problems.js';
import { readTextFile } from './read-text-file.js';
import type { Scenario } from './types.js';

/** Which corpus records came from: how many scenarios were selected, and a hash of their files. */
export interface CorpusFingerprint {
  scenarios: number;
  sha256: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The fingerprint of files' contents: the SHA-256 of their own SHA-256s, sorted, so neither the
 * files' names nor their order count, only what they say. Pure.
 */
export function fingerprintOf(texts: readonly string[], scenarios: number): CorpusFingerprint {
  return { scenarios, sha256: sha256(texts.map(sha256).sort().join('\n')) };
}

/**
 * The fingerprint of the scenarios selected (before sharding, so every shard of one corpus gets
 * the same): each scenario's file, its world file and the policy files it reads, each once.
 */
export function corpusFingerprint(
  scenarios: readonly Scenario[],
  read: (file: string) => string = readScenarioText,
): CorpusFingerprint {
  const files = [
    ...new Set(scenarios.flatMap((s) => [s.file, ...(s.world ? [s.world] : []), ...s.policies.map((p) => p.file)])),
  ];
  return fingerprintOf(
    files.map((f) => read(f)),
    scenarios.length,
  );
}

/** A scenario or policy file read again, bounded as the loader reads it (it may have changed since). */
function readScenarioText(file: string): string {
  const read = readTextFile(file);
  if (read.ok) return read.text;
  throw new InputError([{ file, line: read.line, column: read.column, path: '', message: read.message }]);
}
