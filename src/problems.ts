import { escapeUnprintable, excerpt } from './excerpt.js';

/** One problem in an input file, located by file, line and field path. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  /** Field path such as `steps[1].expect[0].to`. */
  path: string;
  message: string;
}

/** A problem's message is cut here: it quotes input, and input can be anything. */
export const MAX_MESSAGE_CHARS = 400;

/** `file:line:col: path: message`, with unprintable characters escaped and long messages cut. */
export function formatProblem(p: Problem): string {
  const file = escapeUnprintable(p.file);
  const where = p.line > 0 ? `${file}:${p.line}:${p.column}` : file;
  const message = excerpt(p.message, MAX_MESSAGE_CHARS);
  return p.path ? `${where}: ${excerpt(p.path, 120)}: ${message}` : `${where}: ${message}`;
}

export type PathSegment = string | number;

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

/** Bad input: every problem found, at once. The CLI turns it into exit code 2. */
export class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
  }
}
