import { OUTCOME_CLASSES, type OutcomeClass } from '../model/outcome.js';
import { TOOLS, type Tool } from './types.js';

/** An expectation written on one line: `from -> to result[|result] [tool] [~"body"] [@derived] [@"section"]`. */
export interface RowFields {
  from: string;
  to: string;
  expect: OutcomeClass[];
  tool?: Tool;
  body?: string;
  derived?: boolean;
  section?: string;
}

function tokenize(text: string): string[] | { error: string } {
  const tokens: string[] = [];
  const re = /\s*(?:([~@]?)"((?:[^"\\]|\\.)*)"|(\S+))/y;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < text.length && (m = re.exec(text))) {
    at = re.lastIndex;
    if (m[2] !== undefined) tokens.push(`${m[1]}"${m[2].replace(/\\(.)/g, '$1')}`);
    else if (m[3] !== undefined) {
      if (m[3].includes('"')) return { error: `unterminated quote in "${text}"` };
      tokens.push(m[3]);
    }
  }
  if (text.slice(at).trim() !== '') return { error: `unterminated quote in "${text}"` };
  return tokens;
}

export function parseRow(text: string): RowFields | { error: string } {
  const tokens = tokenize(text.trim());
  if ('error' in tokens) return tokens;
  const [from, arrow, to, ...flags] = tokens;
  const usage = `expected "FROM -> TO RESULT [${TOOLS.join('|')}] [~\\"body\\"] [@derived] [@\\"section\\"]"`;
  if (!from || arrow !== '->' || !to) return { error: `cannot read "${text}": ${usage}` };
  let expect: OutcomeClass[] | undefined;
  const row: Omit<RowFields, 'expect'> = { from, to };
  for (const flag of flags) {
    const alternatives = flag.split('|');
    if (alternatives.every((r) => OUTCOME_CLASSES.includes(r as OutcomeClass))) {
      if (expect) return { error: `two results in "${text}": give one (alternatives as a|b)` };
      expect = alternatives as OutcomeClass[];
    } else if (TOOLS.includes(flag as Tool)) row.tool = flag as Tool;
    else if (flag.startsWith('~"')) row.body = flag.slice(2);
    else if (flag === '@derived') row.derived = true;
    else if (flag.startsWith('@"')) row.section = flag.slice(2);
    else {
      return {
        error: `unknown word "${flag}" in "${text}": expected a result (${OUTCOME_CLASSES.join(', ')}), ${TOOLS.join(', ')}, ~"body", @derived or @"section"`,
      };
    }
  }
  if (!expect) return { error: `no result in "${text}": ${usage}` };
  return { ...row, expect };
}
