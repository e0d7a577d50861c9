import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Problem } from '../problems.js';
import { identityKey, probeIdentity, apiIdentity, type Baseline } from './baseline.js';
import type { GateResult } from './gate.js';
import type { ApiRecordJson, RecordJson } from './record-json.js';

/** Verdicts annotated even when the gate does not fail on them (as warnings). */
const NOTEWORTHY: readonly string[] = ['disagrees', 'document-defect', 'enforcement-mismatch', 'flaky'];

/** Which annotations GitHub shows first: enforcement mismatches, then what the API server did otherwise, then document defects. */
const RANK: readonly string[] = [
  'enforcement-mismatch',
  'api-contradicted',
  'document-defect',
  'disagrees',
  'flaky',
  'inconclusive',
  'not-sent',
];

/** GitHub shows at most 10 error and 10 warning annotations of a step; the rest are dropped. */
export const GITHUB_ANNOTATIONS_PER_LEVEL = 10;

/** Whether to print GitHub workflow commands: GitHub Actions sets GITHUB_ACTIONS=true in every step. */
export function annotationsOn(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.GITHUB_ACTIONS) && env.GITHUB_ACTIONS !== 'false';
}

/** A workflow command's message: %, CR and LF escaped, so a message of several lines stays one command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also , and : escaped. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface AnnotationPlace {
  /** Absent for an annotation of the whole step (the summary of those left out). */
  file?: string;
  line?: number;
  col?: number;
  title?: string;
}

/** `::error file=…,line=…,title=…::message`: GitHub shows it on that line of the pull request. */
export function annotation(level: 'error' | 'warning', at: AnnotationPlace, message: string): string {
  const props: string[] = [];
  if (at.file) props.push(`file=${escapeProperty(at.file)}`);
  if (at.file && at.line && at.line > 0) props.push(`line=${at.line}`);
  if (at.file && at.col && at.col > 0) props.push(`col=${at.col}`);
  if (at.title) props.push(`title=${escapeProperty(at.title)}`);
  return `::${level}${props.length ? ' ' + props.join(',') : ''}::${escapeData(message)}`;
}

/**
 * A file's path as GitHub places annotations: relative to the repository (`GITHUB_WORKSPACE`, else
 * the working directory), with `/`. A file outside it keeps the path it was given.
 */
export function repositoryPath(file: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const root = env.GITHUB_WORKSPACE || cwd;
  const rel = relative(root, resolve(cwd, file));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file;
  return rel.split(sep).join('/');
}

/** What the gate judged, as the annotations need it. */
export interface AnnotationInput {
  records: readonly RecordJson[];
  api?: readonly ApiRecordJson[];
  /** The gate's result: what it fails on is an error, other noteworthy outcomes warnings. */
  gate?: GateResult;
  /** Known outcomes (`--baseline`): annotated after the new ones. */
  baseline?: Baseline;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

interface Candidate {
  level: 'error' | 'warning';
  kind: string;
  known: boolean;
  order: number;
  text: string;
}

function text(v: unknown): string {
  return v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
}

function probeMessage(r: RecordJson): string {
  const live = r.live !== undefined ? `, the cluster did ${r.live}` : '';
  const lines = [
    `${r.from} → ${r.to} (${r.tool}) in step "${r.step}": document ${r.documented.join(' or ')}, model ${r.model}${live}: ${r.reason}`,
    ...r.explanation,
  ];
  if (r.repro) lines.push(`repro: ${r.repro}`);
  return lines.join('\n');
}

function apiMessage(a: ApiRecordJson): string {
  const documented = Array.isArray(a.documented) ? a.documented.map(text).join(' or ') : text(a.documented);
  const model = a.model !== undefined ? `, model ${text(a.model)}` : '';
  const code = a.code !== undefined ? ` (HTTP ${text(a.code)})` : '';
  return [
    `api: ${text(a.request)} in step "${text(a.step)}": document ${documented}${model}, the API server answered ${text(a.live)}${code}: ${text(a.reason)}`,
    ...(a.message !== undefined ? [text(a.message)] : []),
  ].join('\n');
}

/**
 * The workflow commands for a gate's outcomes, in the order GitHub should show them. What fails the
 * gate is an error on the expectation's line in the scenario file; probes that did not pass but
 * do not fail the gate are warnings. GitHub keeps 10 of each level a step: the most important are
 * written (errors by class, enforcement mismatches first, then API contradictions and document
 * defects; new before known ones), and one last annotation counts the ones left out.
 */
export function gateAnnotations(input: AnnotationInput): string[] {
  const env = input.env ?? process.env;
  const cwd = input.cwd ?? process.cwd();
  const failing = new Set((input.gate?.failing ?? []).map((o) => identityKey(o.identity)));
  const known = new Set((input.baseline?.entries ?? []).map((e) => `${identityKey(e)}\u0000${e.verdict}`));
  const candidates: Candidate[] = [];
  const add = (key: string, kind: string, place: AnnotationPlace, scenario: string, message: string) => {
    const fails = input.gate ? failing.has(key) : NOTEWORTHY.includes(kind);
    if (!fails && !NOTEWORTHY.includes(kind)) return;
    const file = place.file ? repositoryPath(place.file, env, cwd) : undefined;
    candidates.push({
      level: fails ? 'error' : 'warning',
      kind,
      known: known.has(`${key}\u0000${kind}`),
      order: candidates.length,
      text: annotation(
        fails ? 'error' : 'warning',
        { ...place, ...(file ? { file } : {}), title: `netpol-harness ${kind}: ${scenario}` },
        message,
      ),
    });
  };
  for (const r of input.records)
    if (r.verdict !== 'pass')
      add(
        identityKey(probeIdentity(r)),
        r.verdict,
        { file: r.scenarioFile, line: r.line },
        r.scenario,
        probeMessage(r),
      );
  for (const a of input.api ?? [])
    if (a.verdict !== 'pass')
      add(
        identityKey(apiIdentity(a)),
        'api-contradicted',
        { file: text(a.scenarioFile), ...(typeof a.line === 'number' ? { line: a.line } : {}) },
        a.scenario,
        apiMessage(a),
      );
  const rank = (k: string) => (RANK.includes(k) ? RANK.indexOf(k) : RANK.length);
  const sorted = [...candidates].sort(
    (x, y) =>
      Number(x.level === 'warning') - Number(y.level === 'warning') ||
      Number(x.known) - Number(y.known) ||
      rank(x.kind) - rank(y.kind) ||
      x.order - y.order,
  );
  return capped(sorted);
}

/** At most 10 of each level; when some are left out, the last slot of the level that overflowed says how many. */
function capped(sorted: readonly Candidate[]): string[] {
  const cap = GITHUB_ANNOTATIONS_PER_LEVEL;
  const errors = sorted.filter((c) => c.level === 'error');
  const warnings = sorted.filter((c) => c.level === 'warning');
  if (errors.length <= cap && warnings.length <= cap) return sorted.map((c) => c.text);
  // The summary takes a slot of its own level: an error when errors were left out, else a warning.
  const level = errors.length > cap ? 'error' : 'warning';
  const shownErrors = errors.slice(0, level === 'error' ? cap - 1 : cap);
  const shownWarnings = warnings.slice(0, level === 'warning' ? cap - 1 : cap);
  const leftErrors = errors.length - shownErrors.length;
  const leftWarnings = warnings.length - shownWarnings.length;
  const parts = [
    ...(leftErrors ? [`${leftErrors} more error${leftErrors === 1 ? '' : 's'}`] : []),
    ...(leftWarnings ? [`${leftWarnings} more warning${leftWarnings === 1 ? '' : 's'}`] : []),
  ];
  const byKind = new Map<string, number>();
  for (const c of [...errors.slice(shownErrors.length), ...warnings.slice(shownWarnings.length)])
    byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
  const kinds = [...byKind].map(([k, n]) => `${n} ${k}`).join(', ');
  return [
    ...shownErrors.map((c) => c.text),
    ...shownWarnings.map((c) => c.text),
    annotation(
      level,
      { title: 'netpol-harness: more not annotated' },
      `${parts.join(' and ')} not annotated (${kinds}): GitHub shows ${cap} of each a step. Every one is in the job's reports (--markdown, --junit, --json).`,
    ),
  ];
}

/** One error per bad-input problem, on its line and column (at most 10, then how many more). */
export function problemAnnotations(
  problems: readonly Problem[],
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): string[] {
  return capped(
    problems.map((p, order) => ({
      level: 'error' as const,
      kind: 'bad input',
      known: false,
      order,
      text: annotation(
        'error',
        {
          file: repositoryPath(p.file, env, cwd),
          line: p.line,
          col: p.column,
          title: 'netpol-harness: bad input',
        },
        p.path ? `${p.path}: ${p.message}` : p.message,
      ),
    })),
  );
}
