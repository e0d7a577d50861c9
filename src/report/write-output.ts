import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EnvironmentError, OutputPathError } from '../errors.js';
import { escapeUnprintable } from '../excerpt.js';

/** Why a report could not be written where it was asked to go: the path's fault (exit 2). */
const PATH_FAULTS: Record<string, string> = {
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'a part of the path is a file, not a directory',
  ENOENT: 'no such directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links (a loop?)',
};

/** Why a report could not be written: the machine's fault (exit 3). */
const DISK_FAULTS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EFBIG: 'file too large',
};

function writeError(file: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const where = `cannot write ${escapeUnprintable(file)}`;
  const pathFault = code ? PATH_FAULTS[code] : undefined;
  if (pathFault) return new OutputPathError(`${where}: ${pathFault} (${code})`);
  const diskFault = code ? DISK_FAULTS[code] : undefined;
  const why = diskFault ?? escapeUnprintable(err instanceof Error ? err.message : String(err));
  return new EnvironmentError(`${where}: ${why}${diskFault ? ` (${code})` : ''}`);
}

/** `mkdir -p`, one folder at a time: Node's recursive mkdir retries forever where mkdir says ENOENT of a folder that exists (/proc). */
function makeFolder(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d) && dirname(d) !== d; d = dirname(d)) missing.push(d);
  for (const d of missing.reverse()) mkdirSync(d);
}

/**
 * Writes a report to `file` (its folder made if missing), or to stdout when `file` is `-`. A path
 * that cannot take it (a directory, no permission) is an OutputPathError (exit 2), a full disk or
 * an I/O error an EnvironmentError (exit 3); both name the file and the error code.
 */
export function writeOutput(
  file: string,
  text: string,
  stdout: (s: string) => void = (s) => void process.stdout.write(s),
): void {
  if (file === '-') {
    stdout(text);
    return;
  }
  try {
    makeFolder(dirname(file));
    writeFileSync(file, text);
  } catch (err) {
    throw writeError(file, err);
  }
}
