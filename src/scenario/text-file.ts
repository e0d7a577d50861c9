/** Reads a scenario or policy file as text, or says exactly why it cannot be read (for a problem with a location). */

/** Larger files are refused unread: a scenario is a few kilobytes, and a huge file is a mistake, not a scenario. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type TextFile = { ok: true; text: string } | { ok: false; line: number; column: number; message: string };

/** Decodes `bytes` as UTF-8 YAML text, refusing what no YAML file holds: invalid UTF-8, NUL and other control bytes. */
export function decodeText(bytes: Uint8Array): TextFile {
  if (bytes.length > MAX_FILE_BYTES) {
    return {
      ok: false,
      line: 1,
      column: 1,
      message: `file is ${bytes.length} bytes; a scenario or policy file may be at most ${MAX_FILE_BYTES} bytes (is it the right file?)`,
    };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad !== undefined) {
    const { line, column } = lineAndColumn(bytes, bad);
    const byte = (bytes[bad] ?? 0).toString(16).padStart(2, '0');
    return {
      ok: false,
      line,
      column,
      message: `not UTF-8 text: byte 0x${byte} cannot start or continue a character (a binary file, or another encoding?)`,
    };
  }
  const control = bytes.findIndex((b) => (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f);
  if (control >= 0) {
    const { line, column } = lineAndColumn(bytes, control);
    const byte = (bytes[control] ?? 0).toString(16).padStart(2, '0');
    return {
      ok: false,
      line,
      column,
      message: `control character 0x${byte} in the text (a binary file?); YAML allows only tab, line feed and carriage return`,
    };
  }
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.startsWith('\ufeff')) text = text.slice(1);
  return { ok: true, text };
}

/** 1-based line and column (in bytes) of `offset`. */
function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629), or undefined. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return undefined;
}
