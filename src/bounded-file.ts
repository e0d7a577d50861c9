// Every file a user names is read through here: never waiting on a FIFO, never reading a device
// or a huge file whole, and saying in words why a file was refused.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** What is read, and how much of it may be: `what` names the kind of file in messages ("a baseline file"). */
export interface FileLimit {
  maxBytes: number;
  what: string;
}

export type BoundedFile = { ok: true; bytes: Buffer } | { ok: false; missing: boolean; message: string };

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

function refused(message: string, missing = false): BoundedFile {
  return { ok: false, missing, message };
}

function notRegular(stats: Stats, limit: FileLimit): BoundedFile {
  return refused(`not a regular file but ${kindOf(stats)}: ${limit.what} is read from a regular file`);
}

/** The refusal of a file over the limit, in the words every reader uses. */
export function tooLargeMessage(size: string, limit: FileLimit): string {
  return `file is ${size} bytes; ${limit.what} may be at most ${limit.maxBytes} bytes (is it the right file?)`;
}

/** Bytes read at a time. */
const CHUNK_BYTES = 64 * 1024;

/** At most maxBytes + 1 bytes of the open file (one more tells that it is too large). */
function readUpTo(fd: number, maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total <= maxBytes) {
    const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}

/**
 * Reads a file's bytes, never throwing and never waiting: what is not a regular file (a
 * directory, a FIFO, a device such as /dev/zero) is refused before it is read, and a file larger
 * than the limit is refused unread (or once that much is read, if it grows).
 */
export function readBoundedFile(path: string, limit: FileLimit): BoundedFile {
  let fd: number | undefined;
  try {
    const before = statSync(path);
    if (!before.isFile()) return notRegular(before, limit);
    if (before.size > limit.maxBytes) return refused(tooLargeMessage(String(before.size), limit));
    // Non-blocking: a file swapped for a FIFO after the check above does not block the open.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const opened = fstatSync(fd);
    if (!opened.isFile()) return notRegular(opened, limit);
    const bytes = readUpTo(fd, limit.maxBytes);
    if (bytes.length > limit.maxBytes) return refused(tooLargeMessage(`more than ${limit.maxBytes}`, limit));
    return { ok: true, bytes };
  } catch (err) {
    return refused(describeFsError(err), (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT');
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export type BoundedText = { ok: true; text: string } | { ok: false; missing: boolean; message: string };

/** readBoundedFile, decoded as UTF-8 (as readFileSync(path, 'utf8') would: bad bytes become U+FFFD). */
export function readBoundedText(path: string, limit: FileLimit): BoundedText {
  const read = readBoundedFile(path, limit);
  return read.ok ? { ok: true, text: read.bytes.toString('utf8') } : read;
}
