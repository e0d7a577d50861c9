import type { EnvironmentReport } from '../engine/environment/environment-watch.js';
import type { LiveRecord, ScenarioRun } from '../engine/types.js';
import { renderEnvironmentMarkdown } from './live-environment.js';
import { provenanceText } from '../reachability/records.js';
import { VERDICTS, type LiveSummary } from './live-summary.js';
import { describeShape, type ClusterShape } from '../cluster/shape.js';
import { nodePairsMarkdown, type NodePairCounts } from './node-pairs.js';

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function probe(r: LiveRecord): string {
  return cell(`${r.from} → ${r.to} (${r.tool})`);
}

function claim(r: LiveRecord): string {
  return cell(`${r.documented.join('\\|')} [${provenanceText(r.provenance)}]`);
}

/** A CI job summary: counts per verdict, enforcement times, and every non-pass with its repro line. */
export function renderLiveMarkdown(
  runs: readonly ScenarioRun[],
  s: LiveSummary,
  environment?: EnvironmentReport,
  shape?: ClusterShape,
  pairs: readonly NodePairCounts[] = [],
): string {
  const out = ['# netpol-harness live run', ''];
  if (shape) out.push(`Cluster: ${describeShape(shape)}.`, '');
  if (environment) out.push(...renderEnvironmentMarkdown(environment, runs));
  out.push(
    `${s.scenarios} scenarios, ${s.probes} expectations (${s.sent} probed live), wall time ${(s.durationMs / 1000).toFixed(1)} s.`,
    '',
  );
  out.push(
    '| by traffic | confirmed | confirmed against a stand-in (ipBlock rewritten) | contradicted |',
    '|---|---|---|---|',
    `| documented claims | ${s.documented.confirmed} | ${s.documented.confirmedStandIn} | ${s.documented.contradicted} |`,
    `| derived expectations | ${s.derived.confirmed} | ${s.derived.confirmedStandIn} | ${s.derived.contradicted} |`,
    '',
    `Not sent (decided without traffic, never counted as an answer): ${s.notSent}. Sent without a conclusive answer: ${s.undecided}.`,
    '',
  );
  out.push('| verdict | count |', '|---|---|', ...VERDICTS.map((v) => `| ${v} | ${s.byVerdict[v]} |`), '');
  out.push(...nodePairsMarkdown(pairs));
  if (s.enforcementMs.count) {
    const sec = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(2)} s`;
    out.push(
      `Policy enforcement (from the change until the first probe that saw its final outcome; the probe before it had not): median ${sec(s.enforcementMs.median)}, p90 ${sec(s.enforcementMs.p90)}, max ${sec(s.enforcementMs.max)} over ${s.enforcementMs.count} changes, resolution ${sec(s.enforcementMs.resolutionMax)} or better.`,
      '',
    );
  }
  out.push('| scenario | namespaces | expectations | pass | not sent | not pass |', '|---|---|---|---|---|---|');
  for (const run of runs) {
    const pass = run.records.filter((r) => r.verdict.verdict === 'pass').length;
    const notSent = run.records.filter((r) => r.verdict.verdict === 'not-sent').length;
    const ns = run.namespaces.map((n) => `${n.logical} → ${n.real}`).join(', ');
    out.push(
      `| ${run.scenario.name} | ${cell(ns)} | ${run.records.length} | ${pass} | ${notSent} | ${run.error ? `could not run: ${cell(run.error)}` : run.records.length - pass - notSent} |`,
    );
  }
  const api = runs.flatMap((run) => (run.apiRecords ?? []).map((a) => ({ run, a })));
  if (api.length) {
    const contradicted = api.filter((x) => x.a.verdict !== 'pass').length;
    out.push(
      '',
      '## API requests',
      '',
      `${api.length} expectations, ${api.length - contradicted} as expected, ${contradicted} contradicted.`,
      '',
      '| scenario | step | request | document | model | live | verdict | why |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const { run, a } of api) {
      const live = `${a.live}${a.code !== undefined ? ` (HTTP ${a.code})` : ''}`;
      out.push(
        `| ${run.scenario.name} | ${cell(a.step)} | ${cell(a.call.text)} | ${a.call.expected.join(' or ')} | ${a.model ?? ''} | ${cell(live)} | ${a.verdict} | ${cell(a.why)} |`,
      );
    }
  }
  const records = runs.flatMap((r) => r.records);
  const bad = records.filter((r) => r.verdict.verdict !== 'pass' && r.verdict.verdict !== 'not-sent');
  if (bad.length) {
    out.push(
      '',
      '## Not passing',
      '',
      '| scenario | step | probe | document | model | live | verdict | why | repro |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const r of bad) {
      out.push(
        `| ${r.scenario} | ${cell(r.step)} | ${probe(r)} | ${claim(r)} | ${r.model.outcome} | ${r.live.outcome} | ${r.verdict.verdict} | ${cell(r.verdict.reason)} | ${r.live.result?.repro ? `\`${r.live.result.repro}\`` : ''} |`,
      );
    }
  }
  const notSent = records.filter((r) => r.verdict.verdict === 'not-sent');
  if (notSent.length) {
    out.push(
      '',
      '## Not sent',
      '',
      'Decided without traffic: the cluster gave no answer, so none is shown.',
      '',
      '| scenario | step | probe | document | model | why |',
      '|---|---|---|---|---|---|',
    );
    for (const r of notSent)
      out.push(
        `| ${r.scenario} | ${cell(r.step)} | ${probe(r)} | ${claim(r)} | ${r.model.outcome} | ${cell(r.verdict.reason)} |`,
      );
  }
  return out.join('\n') + '\n';
}
