import { escapeUnprintable } from './excerpt.js';

/** The colour codes the reports write (report/table.ts), the only control sequences a report may send to a terminal. */
// eslint-disable-next-line no-control-regex -- matching ANSI colour codes is the point
const SGR = /\x1b\[[0-9;]*m/g;

function escapeKeepingTabs(text: string): string {
  return text.split('\t').map(escapeUnprintable).join('\t');
}

/**
 * `text` for a terminal or a CI log: every unprintable character a name or a message may carry
 * (an escape sequence, a bell, a carriage return) written as an escape (`\u{1b}`), line breaks and
 * tabs kept, and with `keepColours` the colour codes too (those are the report's own).
 */
export function terminalText(text: string, keepColours = false): string {
  return text
    .split('\n')
    .map((line) => {
      if (!keepColours) return escapeKeepingTabs(line);
      let out = '';
      let from = 0;
      for (const m of line.matchAll(SGR)) {
        out += escapeKeepingTabs(line.slice(from, m.index)) + m[0];
        from = m.index + m[0].length;
      }
      return out + escapeKeepingTabs(line.slice(from));
    })
    .join('\n');
}

/** One table cell or value for a terminal: every unprintable character escaped, line breaks too; colour codes kept. */
export function cellText(text: string): string {
  let out = '';
  let from = 0;
  for (const m of text.matchAll(SGR)) {
    out += escapeUnprintable(text.slice(from, m.index)) + m[0];
    from = m.index + m[0].length;
  }
  return out + escapeUnprintable(text.slice(from));
}
