import { InputError, type Problem } from '../problems.js';
import { FAIL_CLASSES, type FailClass } from './fail-on.js';
import type { ApiRecordJson, RecordJson } from './record-json.js';

/**
 * One known outcome that is not a pass: what it is (a probe, an API expectation, a manifest) by
 * the fields that stay the same from run to run, and its class. A probe is its scenario, step
 * index, source, target, port, protocol, tool (and address family on a dual-stack cluster): the
 * key `compare` matches runs by, without the expectation's line, so editing a scenario file above
 * an expectation keeps its entry.
 */
export type BaselineEntry =
  | ({ verdict: FailClass } & ProbeIdentity)
  | ({ verdict: FailClass } & ApiIdentity)
  | ({ verdict: FailClass } & ManifestIdentity);

export interface ProbeIdentity {
  scenario: string;
  step: string;
  stepIndex: number;
  from: string;
  to: string;
  port: number;
  protocol: string;
  tool: string;
  family?: 'ipv4' | 'ipv6';
}

export interface ApiIdentity {
  scenario: string;
  step: string;
  stepIndex: number;
  request: string;
}

export interface ManifestIdentity {
  scenario: string;
  /** The policy's id in the scenario, and the manifest's name when it has one. */
  policy: string;
  name?: string;
}

export type Identity = ProbeIdentity | ApiIdentity | ManifestIdentity;

/** A file of known outcomes (`--baseline`, written by `--write-baseline`). */
export interface Baseline {
  file: string;
  entries: BaselineEntry[];
}

export const BASELINE_KIND = 'netpol-harness-baseline';
export const BASELINE_VERSION = 1;

/** The key an outcome is matched by: its identity, without its class. */
export function identityKey(e: Identity): string {
  if ('request' in e) return ['api', e.scenario, e.stepIndex, e.request].join('\u0000');
  if ('policy' in e) return ['manifest', e.scenario, e.policy, e.name ?? ''].join('\u0000');
  return ['probe', e.scenario, e.stepIndex, e.from, e.to, e.port, e.protocol, e.tool, e.family ?? ''].join('\u0000');
}

/** How a report names an outcome: `scenario / step: from → to (tool)`. */
export function describeIdentity(e: Identity): string {
  if ('request' in e) return `${e.scenario} / ${e.step}: ${e.request}`;
  if ('policy' in e) return `${e.scenario}: policy ${e.name ?? e.policy} (${e.policy})`;
  return `${e.scenario} / ${e.step}: ${e.from} → ${e.to} (${e.tool}${e.family ? `, ${e.family}` : ''})`;
}

export function probeIdentity(r: RecordJson): ProbeIdentity {
  return {
    scenario: r.scenario,
    step: r.step,
    stepIndex: r.stepIndex,
    from: r.from,
    to: r.to,
    port: r.port,
    protocol: r.protocol,
    tool: r.tool,
    ...(r.family ? { family: r.family } : {}),
  };
}

export function apiIdentity(a: ApiRecordJson): ApiIdentity {
  return {
    scenario: a.scenario,
    step: typeof a.step === 'string' ? a.step : '',
    stepIndex: typeof a.stepIndex === 'number' ? a.stepIndex : 0,
    request: typeof a.request === 'string' ? a.request : '',
  };
}

/** The file `--write-baseline` writes: entries in the order given, one object each, indented. */
export function renderBaseline(entries: readonly BaselineEntry[]): string {
  return JSON.stringify({ kind: BASELINE_KIND, version: BASELINE_VERSION, entries }, null, 2) + '\n';
}

const PROBE_FIELDS = [
  ['scenario', 'string'],
  ['step', 'string'],
  ['stepIndex', 'number'],
  ['from', 'string'],
  ['to', 'string'],
  ['port', 'number'],
  ['protocol', 'string'],
  ['tool', 'string'],
] as const;
const API_FIELDS = [
  ['scenario', 'string'],
  ['step', 'string'],
  ['stepIndex', 'number'],
  ['request', 'string'],
] as const;
const MANIFEST_FIELDS = [
  ['scenario', 'string'],
  ['policy', 'string'],
] as const;

/** Reads a baseline file's text; every bad entry is a problem naming the file and the entry. Pure. */
export function parseBaseline(file: string, text: string): Baseline {
  const fail = (path: string, message: string): never => {
    throw new InputError([{ file, line: 0, column: 0, path, message }]);
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return fail('', `not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const o = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<
    string,
    unknown
  >;
  if (o.kind !== BASELINE_KIND || o.version !== BASELINE_VERSION)
    fail(
      'kind',
      `not a baseline: expected {"kind": "${BASELINE_KIND}", "version": ${BASELINE_VERSION}, "entries": […]}, as --write-baseline writes`,
    );
  if (!Array.isArray(o.entries)) fail('entries', 'must be an array');
  const problems: Problem[] = [];
  const entries: BaselineEntry[] = [];
  (o.entries as unknown[]).forEach((raw, i) => {
    const at = (path: string, message: string) =>
      problems.push({ file, line: 0, column: 0, path: `entries[${i}]${path ? `.${path}` : ''}`, message });
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return at('', 'must be an object');
    const e = raw as Record<string, unknown>;
    if (!(FAIL_CLASSES as readonly unknown[]).includes(e.verdict))
      return at('verdict', `must be one of ${FAIL_CLASSES.join(', ')}, got ${JSON.stringify(e.verdict)}`);
    const fields = 'request' in e ? API_FIELDS : 'policy' in e ? MANIFEST_FIELDS : PROBE_FIELDS;
    const bad = fields.filter(([k, t]) => typeof e[k] !== t);
    for (const [k, t] of bad) at(k, e[k] === undefined ? 'required field is missing' : `must be a ${t}`);
    if (e.family !== undefined && e.family !== 'ipv4' && e.family !== 'ipv6') at('family', 'must be ipv4 or ipv6');
    if (bad.length === 0) entries.push(e as unknown as BaselineEntry);
  });
  if (problems.length) throw new InputError(problems);
  return { file, entries };
}
