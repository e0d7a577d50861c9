import type { NodePair } from '../engine/setup/placement.js';
import type { Verdict } from '../reachability/verdict.js';
import { InputError, type Problem } from '../problems.js';

/**
 * One probe as `--json` writes it (json.ts for check, live-json.ts for run): the shape every
 * report that can be rebuilt from files (HTML, Markdown, annotations, merge) reads.
 */
export interface RecordJson {
  scenario: string;
  scenarioFile: string;
  line: number;
  step: string;
  stepIndex: number;
  from: string;
  to: string;
  port: number;
  protocol: string;
  tool: string;
  documented: string[];
  provenance:
    { kind: 'documented'; file: string; section: string; quote?: string } | { kind: 'derived'; reason?: string };
  model: string;
  destination?: string;
  explanation: string[];
  verdict: Verdict;
  reason: string;
  /* Live runs only. */
  runId?: string;
  live?: string;
  liveReason?: string;
  flaky?: boolean;
  sent?: boolean;
  /**
   * What the traffic says of the expectation: confirmed, confirmed-stand-in (through an outside
   * stand-in a policy's ipBlock was rewritten to hold: the rewrite's answer), contradicted,
   * not-sent, undecided.
   */
  traffic?: string;
  /** The outside stand-in the traffic went through, with the ipBlock rewrites in force for it. */
  standIn?: { documented: string; address: string; rewritten: string[] };
  sentTo?: string;
  sourceNode?: string;
  destinationNode?: string;
  /** Whether source and destination pod ran on one node (both known only). */
  nodePair?: NodePair;
  /** On a dual-stack cluster: the address family the probe went in. */
  family?: 'ipv4' | 'ipv6';
  baseline?: string;
  history?: string[];
  attempts?: number;
  command?: string[];
  exitCode?: number;
  output?: string;
  detail?: string;
  bodyExcerpt?: string;
  durationMs?: number;
  repro?: string;
  via?: string;
  transportNote?: string;
  /** When the cell was watched (ISO times): the windows the environment watcher judges it by. */
  observed?: { from: string; to: string }[];
  /** The verdict before an environment fault made it inconclusive. */
  verdictBeforeEnvironment?: string;
  /** When the step's change took effect (after the change, between lowerMs and upperMs). */
  enforcement?: { lowerMs: number; upperMs: number };
}

export const VERDICTS: readonly string[] = [
  'pass',
  'disagrees',
  'document-defect',
  'derived-contradiction',
  'enforcement-mismatch',
  'inconclusive',
  'flaky',
  'not-sent',
];

const REQUIRED: readonly [keyof RecordJson, 'string' | 'number' | 'array' | 'object'][] = [
  ['scenario', 'string'],
  ['scenarioFile', 'string'],
  ['line', 'number'],
  ['step', 'string'],
  ['stepIndex', 'number'],
  ['from', 'string'],
  ['to', 'string'],
  ['port', 'number'],
  ['tool', 'string'],
  ['documented', 'array'],
  ['provenance', 'object'],
  ['model', 'string'],
  ['explanation', 'array'],
  ['verdict', 'string'],
  ['reason', 'string'],
];

function kindOf(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
}

/** Whether these are the records of a live run (they say what the cluster did). */
export function isLive(records: readonly RecordJson[]): boolean {
  return records.some((r) => r.live !== undefined);
}

/**
 * An API expectation's record as `run --json` writes it (`kind: "api"`, see live-json.ts): kept
 * whole, so a merge writes it back as it was.
 */
export type ApiRecordJson = Record<string, unknown> & { kind: 'api'; scenario: string; verdict: string };

/**
 * What a file's records belong to, so `merge` can tell whether files are the shards of one run:
 * the run set (shards of one run share it), the shard, the corpus the shards were cut from, and
 * the harness that wrote it. Files written before these fields have none of them.
 */
export interface ShardSetFields {
  runSet?: string;
  /** `i/n`; absent for a whole run. */
  shard?: string;
  /** The scenarios selected, before sharding: how many, and a hash of their files' content. */
  corpus?: { scenarios: number; sha256: string };
  harnessVersion?: string;
  /** Set by `merge --allow-partial`: why the merged set is not one whole run. */
  partial?: string[];
}

/** The first line `run --json` writes: the run's id, what its verdicts came from, and its shard. */
export type RunHeaderJson = { kind: 'run'; runId: string; shape?: Record<string, unknown> } & ShardSetFields &
  Record<string, unknown>;

/** The first line `check --shard i/n --json` writes: its shard. */
export type CheckHeaderJson = { kind: 'check' } & ShardSetFields & Record<string, unknown>;

export type HeaderJson = RunHeaderJson | CheckHeaderJson;

/**
 * Reads a JSON-lines file of records; every bad line is a problem with its file and line. API
 * expectations' records are no probes: they go to `api` when given, else they are skipped.
 */
export function parseRecordsJsonl(
  file: string,
  text: string,
  api?: ApiRecordJson[],
  headers?: HeaderJson[],
): RecordJson[] {
  const records: RecordJson[] = [];
  const problems: Problem[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const at = { file, line: i + 1, column: 1 };
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      problems.push({ ...at, path: '', message: `not JSON: ${err instanceof Error ? err.message : String(err)}` });
      return;
    }
    if (kindOf(value) !== 'object') {
      problems.push({ ...at, path: '', message: `expected a probe record (a JSON object), got ${kindOf(value)}` });
      return;
    }
    const o = value as Record<string, unknown>;
    // The header (`kind: "run"`: its id and the cluster's shape; `kind: "check"`) describes the records; no probe.
    if (o.kind === 'run' || o.kind === 'check') {
      headers?.push(o as HeaderJson);
      return;
    }
    // An API expectation's record (`kind: "api"`, run --json) is no probe: the probe reports leave it out.
    if (o.kind === 'api') {
      const missing = (['scenario', 'verdict'] as const).filter((k) => typeof o[k] !== 'string');
      for (const k of missing)
        problems.push({ ...at, path: k, message: 'required field of an API record is missing or not a string' });
      if (missing.length === 0) api?.push(o as ApiRecordJson);
      return;
    }
    const bad = REQUIRED.filter(([k, t]) => kindOf(o[k]) !== t);
    for (const [k, t] of bad)
      problems.push({
        ...at,
        path: k,
        message:
          o[k] === undefined
            ? 'required field is missing'
            : `must be ${t === 'array' ? 'an array' : `a ${t}`}, got ${kindOf(o[k])}`,
      });
    if (bad.length === 0 && !VERDICTS.includes(o.verdict as string))
      problems.push({ ...at, path: 'verdict', message: `unknown verdict "${String(o.verdict)}"` });
    else if (bad.length === 0) records.push(withSourcesApart(o as unknown as RecordJson));
  });
  if (problems.length) throw new InputError(problems);
  return records;
}

/**
 * Files written before derived contradictions had their own verdict call them document defects:
 * a derived record's is the harness's expectation, never the document's, so it is read as one.
 */
export function withSourcesApart(r: RecordJson): RecordJson {
  return r.verdict === 'document-defect' && r.provenance.kind === 'derived'
    ? { ...r, verdict: 'derived-contradiction' }
    : r;
}

/** Records as JSON lines, the way --json writes them. */
export function recordsJsonl(records: readonly object[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : '');
}
