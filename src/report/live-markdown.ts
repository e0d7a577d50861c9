import type { EnvironmentReport } from '../engine/environment-watch.js';
import type { ScenarioRun } from '../engine/types.js';
import { renderEnvironmentMarkdown } from './live-environment.js';
import { provenanceText } from '../reachability/records.js';
import { VERDICTS, type LiveSummary } from './live-summary.js';

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A CI job summary: counts per verdict, enforcement times, and every non-pass with its repro line. */
export function renderLiveMarkdown(runs: readonly ScenarioRun[], s: LiveSummary, environment?: EnvironmentReport): string {
  const out = ['# netpol-harness live run', ''];
  if (environment) out.push(...renderEnvironmentMarkdown(environment, runs));
  out.push(`${s.scenarios} scenarios, ${s.probes} expectations (${s.sent} probed live), wall time ${(s.durationMs / 1000).toFixed(1)} s.`, '');
  out.push('| verdict | count |', '|---|---|', ...VERDICTS.map((v) => `| ${v} | ${s.byVerdict[v]} |`), '');
  if (s.enforcementMs.count) {
    out.push(`Policy enforcement (until the end of the first probe round showing the final results; an upper bound): median ${((s.enforcementMs.median ?? 0) / 1000).toFixed(1)} s, max ${((s.enforcementMs.max ?? 0) / 1000).toFixed(1)} s over ${s.enforcementMs.count} changes.`, '');
  }
  out.push('| scenario | namespaces | expectations | pass | not pass |', '|---|---|---|---|---|');
  for (const run of runs) {
    const pass = run.records.filter((r) => r.verdict.verdict === 'pass').length;
    const ns = run.namespaces.map((n) => `${n.logical} → ${n.real}`).join(', ');
    out.push(`| ${run.scenario.name} | ${cell(ns)} | ${run.records.length} | ${pass} | ${run.error ? `could not run: ${cell(run.error)}` : run.records.length - pass} |`);
  }
  const bad = runs.flatMap((r) => r.records).filter((r) => r.verdict.verdict !== 'pass');
  if (bad.length) {
    out.push('', '## Not passing', '', '| scenario | step | probe | document | model | live | verdict | why | repro |', '|---|---|---|---|---|---|---|---|---|');
    for (const r of bad) {
      out.push(
        `| ${r.scenario} | ${cell(r.step)} | ${cell(`${r.from} → ${r.to} (${r.tool})`)} | ${cell(`${r.documented.join('\\|')} [${provenanceText(r.provenance)}]`)} | ${r.model.outcome} | ${r.live.outcome} | ${r.verdict.verdict} | ${cell(r.verdict.reason)} | ${r.live.result?.repro ? `\`${r.live.result.repro}\`` : ''} |`,
      );
    }
  }
  return out.join('\n') + '\n';
}
