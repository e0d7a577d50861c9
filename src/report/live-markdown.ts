import type { ScenarioRun } from '../engine/types.js';
import { provenanceText } from '../reachability/records.js';
import { VERDICTS, type LiveSummary } from './live-summary.js';

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A CI job summary: counts per verdict, enforcement times, and every non-pass with its repro line. */
export function renderLiveMarkdown(runs: readonly ScenarioRun[], s: LiveSummary): string {
  const out = ['# netpol-harness live run', ''];
  out.push(`${s.scenarios} scenarios, ${s.probes} expectations (${s.sent} probed live), wall time ${(s.durationMs / 1000).toFixed(1)} s.`, '');
  out.push('| verdict | count |', '|---|---|', ...VERDICTS.map((v) => `| ${v} | ${s.byVerdict[v]} |`), '');
  if (s.enforcementMs.count) {
    const sec = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(2)} s`;
    out.push(
      `Policy enforcement (from the change until the first probe that saw its final outcome; the probe before it had not): median ${sec(s.enforcementMs.median)}, p90 ${sec(s.enforcementMs.p90)}, max ${sec(s.enforcementMs.max)} over ${s.enforcementMs.count} changes, resolution ${sec(s.enforcementMs.resolutionMax)} or better.`,
      '',
    );
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
