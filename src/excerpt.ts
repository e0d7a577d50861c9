/** Characters that must not reach a terminal or a log as they are: controls, format characters, unassigned and private-use code points, line and paragraph separators. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\u2028\u2029]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every unprintable character written as an escape (`\n`, `\u{1b}`). */
export function escapeUnprintable(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => NAMED[ch] ?? `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`);
}

/** At most `max` characters of `text`, escaped, with a note of how much was left out. */
export function excerpt(text: string, max = 60): string {
  const chars = [...text];
  const shown = escapeUnprintable(chars.slice(0, max).join(''));
  return chars.length > max ? `${shown}… (${chars.length - max} more characters)` : shown;
}
