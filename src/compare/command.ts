import { writeOutput } from '../cli/check-command.js';
import { EXIT, InputError } from '../errors.js';
import { compareRuns, runsDiffer } from './diff.js';
import { readRunRecords, type RunRecord } from './records.js';
import { renderCompareHtml } from './render-html.js';
import { renderCompareMarkdown } from './render-markdown.js';
import { renderCompareConsole } from './render-text.js';

export interface CompareOptions {
  labelA?: string;
  labelB?: string;
  markdown?: string;
  html?: string;
}

/** `netpol-harness compare A.json B.json`: 0 when every probe got the same answer, 1 when not. */
export function runCompare(fileA: string, fileB: string, opts: CompareOptions, out: (s: string) => void): number {
  const [recordsA, recordsB] = readBoth(fileA, fileB);
  const a = { label: opts.labelA ?? fileA, file: fileA, records: recordsA };
  const b = { label: opts.labelB ?? fileB, file: fileB, records: recordsB };
  const c = compareRuns(a, b);
  out(renderCompareConsole(c));
  if (opts.markdown) writeOutput(opts.markdown, renderCompareMarkdown(c));
  if (opts.html) writeOutput(opts.html, renderCompareHtml(c));
  return runsDiffer(c) ? EXIT.failed : EXIT.ok;
}

/** Both files' records; the problems of both at once when either is bad. */
function readBoth(fileA: string, fileB: string): [RunRecord[], RunRecord[]] {
  const problems: InputError['problems'] = [];
  const read = (file: string): RunRecord[] => {
    try {
      return readRunRecords(file);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.push(...err.problems);
      return [];
    }
  };
  const pair: [RunRecord[], RunRecord[]] = [read(fileA), read(fileB)];
  if (problems.length) throw new InputError(problems);
  return pair;
}
