import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { EnvironmentError } from '../errors.js';

export interface ChecksumEntry {
  sha256: string;
  file: string;
}

/** Pure: `sha256sum` output lines (`<hex>  <file>`). */
export function parseSha256Sums(text: string): ChecksumEntry[] {
  return text
    .split('\n')
    .map((l) => /^([0-9a-f]{64}) [ *](.+)$/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ sha256: m[1] ?? '', file: m[2] ?? '' }));
}

/**
 * Checks every file SHA256SUMS lists in dir (a CNI's folder: calico/, kube-router/, …); throws
 * EnvironmentError naming each mismatch. `what` names the files in messages.
 */
export function verifyChecksums(dir: string, sumsFile = 'SHA256SUMS', what = 'Calico manifests'): ChecksumEntry[] {
  const sumsPath = join(dir, sumsFile);
  if (!existsSync(sumsPath)) throw new EnvironmentError(`${sumsPath} is missing: the ${what} cannot be verified`);
  const entries = parseSha256Sums(readFileSync(sumsPath, 'utf8'));
  if (entries.length === 0) throw new EnvironmentError(`${sumsPath} lists no files`);
  const problems: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.file);
    if (!existsSync(path)) {
      problems.push(`${e.file}: missing`);
      continue;
    }
    const actual = createHash('sha256').update(readFileSync(path)).digest('hex');
    if (actual !== e.sha256) problems.push(`${e.file}: sha256 ${actual}, SHA256SUMS says ${e.sha256}`);
  }
  if (problems.length > 0) {
    throw new EnvironmentError(
      `${what} do not match ${sumsPath}:\n  ${problems.join('\n  ')}`,
      `if the change is intended: bash ${basename(dir)}/verify.sh --update`,
    );
  }
  return entries;
}
