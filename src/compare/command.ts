import { writeOutput } from '../report/write-output.js';
import { EXIT, InputError } from '../errors.js';
import { compareRuns, runsDiffer } from './diff.js';
import { readRunFile, type RunFile } from './records.js';
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
export function runCompare(
  fileA: string,
  fileB: string,
  opts: CompareOptions,
  out: (s: string) => void,
  warn: (s: string) => void = () => undefined,
): number {
  const [runA, runB] = readBoth(fileA, fileB);
  const a = { label: opts.labelA ?? shapeLabel(runA.shape) ?? fileA, file: fileA, records: runA.records };
  const b = { label: opts.labelB ?? shapeLabel(runB.shape) ?? fileB, file: fileB, records: runB.records };
  if (a.label === b.label) {
    a.label = opts.labelA ?? fileA;
    b.label = opts.labelB ?? fileB;
  }
  for (const d of shapeDifferences(runA.shape, runB.shape))
    warn(`warning: the two runs differ in more than the CNI: ${d}; a difference in answers may come from that`);
  const c = compareRuns(a, b);
  out(renderCompareConsole(c));
  if (opts.markdown) writeOutput(opts.markdown, renderCompareMarkdown(c));
  if (opts.html) writeOutput(opts.html, renderCompareHtml(c));
  return runsDiffer(c) ? EXIT.failed : EXIT.ok;
}

/** `calico v3.30.1` from a run's header, or undefined when it has none. */
export function shapeLabel(shape: Record<string, unknown> | undefined): string | undefined {
  if (!shape || typeof shape.cni !== 'string') return undefined;
  return typeof shape.cniVersion === 'string' ? `${shape.cni} ${shape.cniVersion}` : shape.cni;
}

/** What else than the CNI differs between two runs' shapes (`nodes: 1 against 2`); nothing when either has no header. */
export function shapeDifferences(
  a: Record<string, unknown> | undefined,
  b: Record<string, unknown> | undefined,
): string[] {
  if (!a || !b) return [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== 'cni' && k !== 'cniVersion');
  return keys
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => `${k}: ${String(a[k] ?? '(none)')} against ${String(b[k] ?? '(none)')}`);
}

/** Both files' records; the problems of both at once when either is bad. */
function readBoth(fileA: string, fileB: string): [RunFile, RunFile] {
  const problems: InputError['problems'] = [];
  const read = (file: string): RunFile => {
    try {
      return readRunFile(file);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.push(...err.problems);
      return { records: [] };
    }
  };
  const pair: [RunFile, RunFile] = [read(fileA), read(fileB)];
  if (problems.length) throw new InputError(problems);
  return pair;
}
