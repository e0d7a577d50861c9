import { probeKey, type RunRecord } from './records.js';
import { ruleKind } from './rule-kind.js';

/** One side of a comparison: where its records came from. */
export interface RunSide {
  label: string;
  file: string;
  records: RunRecord[];
}

/** A probe both runs made, whose live answers differ. */
export interface ProbeDifference {
  scenario: string;
  ruleKind: string;
  a: RunRecord;
  b: RunRecord;
}

export interface ScenarioGroup {
  scenario: string;
  kinds: { ruleKind: string; differences: ProbeDifference[] }[];
}

export interface Comparison {
  a: { label: string; file: string; probes: number; runIds: string[] };
  b: { label: string; file: string; probes: number; runIds: string[] };
  /** Probes in both runs. */
  compared: number;
  same: number;
  differences: ProbeDifference[];
  /** By scenario (in A's order), then rule kind. */
  groups: ScenarioGroup[];
  onlyA: RunRecord[];
  onlyB: RunRecord[];
  /** Probes both made where the model answered differently: the scenarios changed between the runs. */
  modelChanged: number;
}

/** The cluster's answer as compared: the outcome, marked when it changed between attempts. */
export function answer(r: RunRecord): string {
  return r.flaky ? `${r.live} (flaky)` : r.live;
}

function byKey(records: readonly RunRecord[]): Map<string, RunRecord> {
  const m = new Map<string, RunRecord>();
  for (const r of records) m.set(probeKey(r), r);
  return m;
}

function summary(side: RunSide) {
  return { label: side.label, file: side.file, probes: side.records.length, runIds: runIdsOf(side.records) };
}

/**
 * The runs a file holds. `run` gives each scenario the id `RUN-N`: many scenarios of one run are
 * shown as `RUN (N scenario runs)`, not N ids.
 */
export function runIdsOf(records: readonly RunRecord[]): string[] {
  const ids = [...new Set(records.map((r) => r.runId))].sort();
  const runs = [...new Set(ids.map((id) => id.replace(/-[0-9a-z]+$/, '')))];
  if (runs.length === ids.length) return ids;
  return runs.map(
    (run) => `${run} (${ids.filter((id) => id.replace(/-[0-9a-z]+$/, '') === run).length} scenario runs)`,
  );
}

function group(differences: readonly ProbeDifference[]): ScenarioGroup[] {
  const out: ScenarioGroup[] = [];
  for (const d of differences) {
    let g = out.find((x) => x.scenario === d.scenario);
    if (!g) out.push((g = { scenario: d.scenario, kinds: [] }));
    let k = g.kinds.find((x) => x.ruleKind === d.ruleKind);
    if (!k) g.kinds.push((k = { ruleKind: d.ruleKind, differences: [] }));
    k.differences.push(d);
  }
  return out;
}

/** The same scenarios run on two clusters, probe by probe. Pure. */
export function compareRuns(a: RunSide, b: RunSide): Comparison {
  const bByKey = byKey(b.records);
  const aKeys = new Set<string>();
  const differences: ProbeDifference[] = [];
  const onlyA: RunRecord[] = [];
  let compared = 0;
  let modelChanged = 0;
  for (const ra of a.records) {
    const key = probeKey(ra);
    aKeys.add(key);
    const rb = bByKey.get(key);
    if (!rb) {
      onlyA.push(ra);
      continue;
    }
    compared++;
    if (ra.model !== rb.model) modelChanged++;
    if (answer(ra) !== answer(rb)) differences.push({ scenario: ra.scenario, ruleKind: ruleKind(ra), a: ra, b: rb });
  }
  const onlyB = b.records.filter((r) => !aKeys.has(probeKey(r)));
  return {
    a: summary(a),
    b: summary(b),
    compared,
    same: compared - differences.length,
    differences,
    groups: group(differences),
    onlyA,
    onlyB,
    modelChanged,
  };
}

/** Exit 1 when the runs differ: an answer, or a probe only one of them made. */
export function runsDiffer(c: Comparison): boolean {
  return c.differences.length > 0 || c.onlyA.length > 0 || c.onlyB.length > 0;
}
