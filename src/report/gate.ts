import {
  apiIdentity,
  describeIdentity,
  identityKey,
  probeIdentity,
  type Baseline,
  type BaselineEntry,
  type Identity,
  type ManifestIdentity,
} from './baseline.js';
import { FAIL_CLASSES, type FailClass } from './fail-on.js';
import type { ApiRecordJson, RecordJson } from './record-json.js';
import type { Colors } from './table.js';

/** What a command asks to fail on, and what it already knows of (`--fail-on`, `--baseline`). */
export interface Gate {
  failOn: readonly FailClass[];
  /** Whether --fail-on was given (else the command's default). */
  explicit?: boolean;
  baseline?: Baseline;
}

/** One judged outcome: what it is, its class (pass for none), and where it is written. */
export interface Outcome {
  identity: Identity;
  verdict: FailClass | 'pass';
  where?: { file: string; line: number };
}

/** What a run, check or merge produced, as the gate sees it. */
export interface GateInput {
  records: readonly RecordJson[];
  api?: readonly ApiRecordJson[];
  /** check: the manifests the API server would reject. */
  rejected?: readonly ManifestIdentity[];
}

export interface GateResult {
  failOn: readonly FailClass[];
  /** Outcomes of a class failed on and not in the baseline: the reason for exit 1. */
  failing: (Outcome & { was?: FailClass })[];
  /** Of those, how many per class. */
  counts: Partial<Record<FailClass, number>>;
  /** Outcomes of a class failed on that the baseline knows: accepted. */
  accepted: number;
  /** Outcomes of other classes (not failed on), per class. */
  ignored: Partial<Record<FailClass, number>>;
  /** Failing outcomes the baseline has no entry for. */
  baselineNew: Outcome[];
  /** Failing outcomes the baseline has with another class. */
  baselineChanged: (Outcome & { was: FailClass })[];
  /** Baseline entries of the scenarios judged here that no longer occur (with what is there now). */
  baselineGone: { entry: BaselineEntry; now: FailClass | 'pass' | 'not seen' }[];
  baseline?: { file: string; entries: number };
}

/** Every probe, API expectation and rejected manifest as an outcome. */
export function outcomesOf(input: GateInput): Outcome[] {
  return [
    ...input.records.map((r) => ({
      identity: probeIdentity(r),
      verdict: r.verdict as FailClass | 'pass',
      where: { file: r.scenarioFile, line: r.line },
    })),
    ...(input.api ?? []).map((a) => ({
      identity: apiIdentity(a),
      verdict: a.verdict === 'pass' ? ('pass' as const) : ('api-contradicted' as const),
      ...(typeof a.scenarioFile === 'string'
        ? { where: { file: a.scenarioFile, line: typeof a.line === 'number' ? a.line : 0 } }
        : {}),
    })),
    ...(input.rejected ?? []).map((m) => ({ identity: m, verdict: 'rejected' as const })),
  ];
}

function count<T extends string>(items: readonly T[]): Partial<Record<T, number>> {
  const out: Partial<Record<T, number>> = {};
  for (const i of items) out[i] = (out[i] ?? 0) + 1;
  return out;
}

/**
 * Judges the outcomes: one of a class failed on fails unless the baseline has it with the same
 * class. Baseline entries of the scenarios judged here that no longer occur are listed (entries of
 * other scenarios are left alone: a shard, or a run of some files, says nothing of them). Pure.
 */
export function judge(input: GateInput, gate: Gate): GateResult {
  const outcomes = outcomesOf(input);
  const known = new Map<string, BaselineEntry[]>();
  for (const e of gate.baseline?.entries ?? []) {
    const key = identityKey(e);
    known.set(key, [...(known.get(key) ?? []), e]);
  }
  const failing: GateResult['failing'] = [];
  const baselineNew: Outcome[] = [];
  const baselineChanged: GateResult['baselineChanged'] = [];
  const ignored: FailClass[] = [];
  const now = new Map<string, FailClass | 'pass'>();
  let accepted = 0;
  for (const o of outcomes) {
    const key = identityKey(o.identity);
    now.set(key, o.verdict);
    if (o.verdict === 'pass') continue;
    if (!gate.failOn.includes(o.verdict)) {
      ignored.push(o.verdict);
      continue;
    }
    const entries = known.get(key) ?? [];
    if (entries.some((e) => e.verdict === o.verdict)) {
      accepted++;
      continue;
    }
    const was = entries[0]?.verdict;
    if (was !== undefined) {
      failing.push({ ...o, was });
      baselineChanged.push({ ...o, was });
    } else {
      failing.push(o);
      if (gate.baseline) baselineNew.push(o);
    }
  }
  const judged = new Set(outcomes.map((o) => o.identity.scenario));
  const changedKeys = new Set(baselineChanged.map((o) => identityKey(o.identity)));
  const baselineGone = (gate.baseline?.entries ?? [])
    .filter((e) => judged.has(e.scenario))
    .filter((e) => now.get(identityKey(e)) !== e.verdict && !changedKeys.has(identityKey(e)))
    .map((entry) => ({ entry, now: now.get(identityKey(entry)) ?? ('not seen' as const) }));
  return {
    failOn: gate.failOn,
    failing,
    counts: count(failing.map((o) => o.verdict as FailClass)),
    accepted,
    ignored: count(ignored),
    baselineNew,
    baselineChanged,
    baselineGone,
    ...(gate.baseline ? { baseline: { file: gate.baseline.file, entries: gate.baseline.entries.length } } : {}),
  };
}

/** What `--write-baseline` writes: every outcome that is not a pass, in the order they came. */
export function baselineEntries(input: GateInput): BaselineEntry[] {
  return outcomesOf(input).flatMap((o) =>
    o.verdict === 'pass' ? [] : [{ verdict: o.verdict, ...o.identity } as BaselineEntry],
  );
}

function counted(counts: Partial<Record<FailClass, number>>): string {
  return FAIL_CLASSES.filter((c) => counts[c])
    .map((c) => `${counts[c]} ${c}`)
    .join(', ');
}

function where(o: Outcome): string {
  return o.where ? ` (${o.where.file}${o.where.line ? `:${o.where.line}` : ''})` : '';
}

/**
 * The gate's lines for the console: what it fails on, whether it passed and why, and with a
 * baseline what is new, changed, and no longer occurs.
 */
export function renderGate(r: GateResult, c: Colors): string[] {
  const on = r.failOn.length ? r.failOn.join(', ') : 'nothing (--fail-on none)';
  const ignored = counted(r.ignored);
  const others = ignored ? `; not failed on: ${ignored}` : '';
  const known = r.accepted ? `; ${r.accepted} known from the baseline` : '';
  const lines = [
    r.failing.length
      ? c.red(`gate: failed: ${counted(r.counts)} (fail on: ${on}${known}${others})`)
      : c.green(`gate: passed (fail on: ${on}${known}${others})`),
  ];
  if (r.baseline) {
    lines.push(
      `baseline ${r.baseline.file}: ${r.baseline.entries} entries; ${r.accepted} accepted, ${r.baselineNew.length} new, ${r.baselineChanged.length} changed, ${r.baselineGone.length} no longer occur`,
    );
    for (const o of r.baselineNew) lines.push(c.red(`  new ${o.verdict}: ${describeIdentity(o.identity)}${where(o)}`));
    for (const o of r.baselineChanged)
      lines.push(c.red(`  changed to ${o.verdict} (was ${o.was}): ${describeIdentity(o.identity)}${where(o)}`));
    for (const g of r.baselineGone)
      lines.push(
        c.yellow(
          `  no longer occurs: ${g.entry.verdict}: ${describeIdentity(g.entry)} (now ${g.now}): remove it from the baseline`,
        ),
      );
  }
  return lines;
}

/** The gate as a Markdown section for the CI job summary. */
export function renderGateMarkdown(r: GateResult): string {
  const on = r.failOn.length ? r.failOn.join(', ') : 'nothing';
  const out = ['', '## Gate', ''];
  out.push(
    r.failing.length
      ? `**Failed**: ${counted(r.counts)} (fails on ${on}).`
      : `**Passed** (fails on ${on}${r.accepted ? `; ${r.accepted} known from the baseline` : ''}).`,
  );
  const ignored = counted(r.ignored);
  if (ignored) out.push('', `Not failed on: ${ignored}.`);
  if (r.baseline) {
    out.push(
      '',
      `Baseline \`${r.baseline.file}\`: ${r.baseline.entries} entries; ${r.accepted} accepted, ${r.baselineNew.length} new, ${r.baselineChanged.length} changed, ${r.baselineGone.length} no longer occur.`,
    );
    const items = [
      ...r.baselineNew.map((o) => `- new ${o.verdict}: ${describeIdentity(o.identity)}${where(o)}`),
      ...r.baselineChanged.map(
        (o) => `- changed to ${o.verdict} (was ${o.was}): ${describeIdentity(o.identity)}${where(o)}`,
      ),
      ...r.baselineGone.map(
        (g) => `- no longer occurs: ${g.entry.verdict}: ${describeIdentity(g.entry)} (now ${g.now}): remove it`,
      ),
    ];
    if (items.length) out.push('', ...items.map((s) => s.replace(/\|/g, '\\|')));
  }
  return out.join('\n') + '\n';
}

/** Whether a probe's record is one of the gate's failures (for annotations: error, else warning). */
export function failsGate(r: GateResult): (record: RecordJson) => boolean {
  const keys = new Set(r.failing.map((o) => identityKey(o.identity)));
  return (record) => keys.has(identityKey(probeIdentity(record)));
}
