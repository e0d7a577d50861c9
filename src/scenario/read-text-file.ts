import { describeFsError, readBoundedFile, type FileLimit } from '../bounded-file.js';
import { decodeText, MAX_FILE_BYTES, type TextFile } from './text-file.js';

export { describeFsError };

/** Scenario and policy files: at most MAX_FILE_BYTES. */
export const SCENARIO_FILE_LIMIT: FileLimit = { maxBytes: MAX_FILE_BYTES, what: 'a scenario or policy file' };

/**
 * Reads a file as scenario text, never throwing and never waiting: what is not a regular file (a
 * directory, a FIFO, a device such as /dev/zero) is refused before it is read, a file larger than
 * MAX_FILE_BYTES is refused unread (or once that much is read, if it grows), and an unreadable or
 * binary file is a problem.
 */
export function readTextFile(path: string): TextFile {
  const read = readBoundedFile(path, SCENARIO_FILE_LIMIT);
  if (!read.ok) return { ok: false, line: 0, column: 0, message: read.message };
  return decodeText(read.bytes);
}
