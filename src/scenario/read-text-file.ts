import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { decodeText, MAX_FILE_BYTES, type TextFile } from './text-file.js';

/** Why the operating system refused, in words (the code stays for searching). */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a directory, not a file',
    ENOTDIR: 'a part of the path is not a directory',
    ELOOP: 'too many symbolic links (a loop?)',
    EMFILE: 'too many open files',
  };
  if (code === 'ENOENT') return 'no such file or directory';
  return code && words[code]
    ? `cannot read: ${words[code]} (${code})`
    : `cannot read: ${err instanceof Error ? err.message : String(err)}`;
}

/** What a file that is not a regular file is, in words. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function refused(message: string): TextFile {
  return { ok: false, line: 0, column: 0, message };
}

function notRegular(stats: Stats): TextFile {
  return refused(`not a regular file but ${kindOf(stats)}: a scenario or policy file is read from a regular file`);
}

function tooLarge(size: string): TextFile {
  return refused(
    `file is ${size} bytes; a scenario or policy file may be at most ${MAX_FILE_BYTES} bytes (is it the right file?)`,
  );
}

/** Bytes read at a time. */
const CHUNK_BYTES = 64 * 1024;

/** At most MAX_FILE_BYTES + 1 bytes of the open file (one more tells that it is too large). */
function readBounded(fd: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total <= MAX_FILE_BYTES) {
    const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, MAX_FILE_BYTES + 1 - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}

/**
 * Reads a file as scenario text, never throwing and never waiting: what is not a regular file (a
 * directory, a FIFO, a device such as /dev/zero) is refused before it is read, a file larger than
 * MAX_FILE_BYTES is refused unread (or once that much is read, if it grows), and an unreadable or
 * binary file is a problem.
 */
export function readTextFile(path: string): TextFile {
  let fd: number | undefined;
  try {
    const before = statSync(path);
    if (!before.isFile()) return notRegular(before);
    if (before.size > MAX_FILE_BYTES) return tooLarge(String(before.size));
    // Non-blocking: a file swapped for a FIFO after the check above does not block the open.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const opened = fstatSync(fd);
    if (!opened.isFile()) return notRegular(opened);
    const bytes = readBounded(fd);
    if (bytes.length > MAX_FILE_BYTES) return tooLarge(`more than ${MAX_FILE_BYTES}`);
    return decodeText(bytes);
  } catch (err) {
    return refused(describeFsError(err));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
