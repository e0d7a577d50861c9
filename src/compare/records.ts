import { readBoundedText } from '../bounded-file.js';
import type { RecordJson } from '../report/record-json.js';
import { InputError, type Problem } from '../problems.js';

/** The fields of a `run --json` record (RecordJson, src/report/record-json.ts) that a comparison reads, the live ones required. */
export interface RunRecord extends Pick<
  RecordJson,
  | 'scenario'
  | 'scenarioFile'
  | 'line'
  | 'step'
  | 'stepIndex'
  | 'from'
  | 'to'
  | 'port'
  | 'protocol'
  | 'tool'
  | 'documented'
  | 'model'
  | 'explanation'
  | 'liveReason'
  | 'repro'
  | 'nodePair'
> {
  verdict: string;
  runId: string;
  /** The cluster's answer: an outcome class, `inconclusive` or `not-sent`. */
  live: string;
  flaky: boolean;
  /** Where the record is in its file (1-based line). */
  at: number;
}

const REQUIRED_STRINGS = [
  'scenario',
  'scenarioFile',
  'step',
  'from',
  'to',
  'protocol',
  'tool',
  'model',
  'verdict',
  'runId',
  'live',
] as const;
const REQUIRED_NUMBERS = ['line', 'stepIndex', 'port'] as const;

function problem(file: string, line: number, message: string): Problem {
  return { file, line, column: 1, path: '', message };
}

/** One line's record, or what is wrong with it. */
function toRecord(value: unknown, file: string, at: number): RunRecord | Problem {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return problem(file, at, 'not a JSON object');
  const v = value as Record<string, unknown>;
  for (const k of REQUIRED_STRINGS)
    if (typeof v[k] !== 'string')
      return problem(
        file,
        at,
        `"${k}" is missing or not a string: not a \`run --json\` record (a \`check --json\` record has no live answer)`,
      );
  for (const k of REQUIRED_NUMBERS)
    if (typeof v[k] !== 'number') return problem(file, at, `"${k}" is missing or not a number`);
  const strings = (k: string) =>
    Array.isArray(v[k]) ? (v[k] as unknown[]).filter((x): x is string => typeof x === 'string') : [];
  return {
    scenario: v.scenario as string,
    scenarioFile: v.scenarioFile as string,
    line: v.line as number,
    step: v.step as string,
    stepIndex: v.stepIndex as number,
    from: v.from as string,
    to: v.to as string,
    port: v.port as number,
    protocol: v.protocol as string,
    tool: v.tool as string,
    documented: strings('documented'),
    model: v.model as string,
    explanation: strings('explanation'),
    verdict: v.verdict as string,
    runId: v.runId as string,
    live: v.live as string,
    ...(typeof v.liveReason === 'string' ? { liveReason: v.liveReason } : {}),
    flaky: v.flaky === true,
    ...(typeof v.repro === 'string' ? { repro: v.repro } : {}),
    ...(v.nodePair === 'same-node' || v.nodePair === 'cross-node' ? { nodePair: v.nodePair } : {}),
    at,
  };
}

/** A run's file: its probe records, and the cluster shape its header gives (runs written before headers have none). */
export interface RunFile {
  records: RunRecord[];
  shape?: Record<string, unknown>;
}

/** Parses JSON-lines text as `run --json` writes it; every bad line is reported at once. Pure. */
export function parseRunRecords(text: string, file: string): RunRecord[] {
  return parseRunFile(text, file).records;
}

/** The records and the header's shape; the header (`kind: "run"`) and API records (`kind: "api"`) are no probes. */
export function parseRunFile(text: string, file: string): RunFile {
  let shape: Record<string, unknown> | undefined;
  const out: RunRecord[] = [];
  const problems: Problem[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      problems.push(problem(file, i + 1, `not JSON: ${(err as Error).message}`));
      return;
    }
    const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
    if (kind === 'run') {
      const v = (value as { shape?: unknown }).shape;
      if (typeof v === 'object' && v !== null) shape = v as Record<string, unknown>;
      return;
    }
    if (kind === 'api') return;
    const r = toRecord(value, file, i + 1);
    if ('message' in r) problems.push(r);
    else out.push(r);
  });
  if (problems.length) throw new InputError(problems);
  if (out.length === 0)
    throw new InputError([problem(file, 0, 'no records: expected the JSON lines `netpol-harness run --json` writes')]);
  return { records: out, ...(shape ? { shape } : {}) };
}

export function readRunRecords(file: string): RunRecord[] {
  return readRunFile(file).records;
}

/** The largest --json report read (compare, merge): a whole corpus on every shape is a few MiB. */
export const REPORT_FILE_LIMIT = { maxBytes: 256 * 1024 * 1024, what: 'a --json report' };

/** A --json report, read bounded: a FIFO, a folder, a device or a file over the limit is refused. */
export function readRunFile(file: string): RunFile {
  const read = readBoundedText(file, REPORT_FILE_LIMIT);
  if (!read.ok) throw new InputError([problem(file, 0, read.message)]);
  return parseRunFile(read.text, file);
}

/** The same probe in two runs: scenario, step, the expectation's line, source, target, port, protocol, tool. */
export function probeKey(r: RunRecord): string {
  return [r.scenario, r.stepIndex, r.line, r.from, r.to, r.port, r.protocol, r.tool].join('\u0000');
}
