import type { Verdict } from '../reachability/verdict.js';
import { median, percentile, VERDICTS } from './live-summary.js';
import { isLive, type RecordJson } from './record-json.js';
import type { Colors } from './table.js';

/**
 * The verdicts counted in a summary of records, in report order: a check has no live verdicts, and
 * a probe not sent is counted apart from them.
 */
export function summaryVerdicts(live: boolean): readonly Verdict[] {
  return live ? VERDICTS.filter((v) => v !== 'not-sent') : ['pass', 'disagrees', 'inconclusive'];
}

/** Verdicts that fail a run or a check: document, spec (and cluster) do not all agree. */
export function failing(r: Pick<RecordJson, 'verdict'>): boolean {
  return r.verdict !== 'pass' && r.verdict !== 'inconclusive';
}

/** Each step's enforcement time once (records of one step all carry it). */
export function enforcementTimes(records: readonly RecordJson[]): number[] {
  const seen = new Map<string, number>();
  for (const r of records) if (r.enforcement) seen.set(`${r.scenario}\u0000${r.stepIndex}`, r.enforcement.upperMs);
  return [...seen.values()];
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '-' : `${(ms / 1000).toFixed(2)} s`;
}

/** The console summary of records read back from --json files: counts per verdict, enforcement times. */
export function renderRecordsSummary(records: readonly RecordJson[], c: Colors): string {
  const live = isLive(records);
  const scenarios = new Set(records.map((r) => r.scenario)).size;
  const documented = records.filter((r) => r.provenance.kind === 'documented').length;
  const verdicts = summaryVerdicts(live).map((v) => {
    const n = records.filter((r) => r.verdict === v).length;
    const text = `${n} ${v}`;
    return n === 0 ? text : v === 'pass' ? c.green(text) : v === 'inconclusive' ? c.yellow(text) : c.red(text);
  });
  const sent = live ? `, ${records.filter((r) => r.sent).length} probed live` : '';
  const lines = [
    `summary: ${scenarios} scenarios, ${records.length} expectations (${documented} documented, ${records.length - documented} derived${sent}): ${verdicts.join(', ')}`,
  ];
  const times = enforcementTimes(records);
  if (times.length)
    lines.push(
      `  enforcement: ${times.length} changes, median ${seconds(median(times))}, p90 ${seconds(percentile(times, 90))}, max ${seconds(Math.max(...times))}`,
    );
  return lines.join('\n');
}

/** One line per probe that fails, with where it is written. */
export function renderFailingRecords(records: readonly RecordJson[], c: Colors): string[] {
  return records
    .filter(failing)
    .map(
      (r) =>
        c.red(
          `  ${r.verdict}: ${r.scenario} / ${r.step}: ${r.from} → ${r.to} (${r.tool}): ${r.reason} (${r.scenarioFile}:${r.line})`,
        ) + (r.repro ? `\n      repro: ${r.repro}` : ''),
    );
}
