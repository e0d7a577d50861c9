import type { LiveRecord, ScenarioRun, StepReport } from '../engine/types.js';
import { enforcementText } from '../engine/stabilize/enforcement-text.js';
import { provenanceText } from '../reachability/records.js';
import { isFailure, VERDICTS, type LiveSummary } from './live-summary.js';
import { terminalText } from '../terminal-text.js';
import { renderTable, type Colors } from './table.js';

/** Whether `c` writes colour codes: the only control sequences these reports may send. */
function coloursOn(c: Colors): boolean {
  return c.bold('x') !== 'x';
}

/** The report's text for a terminal: every control character of a name or message escaped, the report's colours kept. */
function forTerminal(text: string, c: Colors): string {
  return terminalText(text, coloursOn(c));
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '-' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function doc(r: LiveRecord): string {
  return r.documented.join('|') + (r.provenance.kind === 'derived' ? ' (derived)' : '');
}

function verdictCell(r: LiveRecord, c: Colors): string {
  const v = r.verdict.verdict;
  return v === 'pass'
    ? c.green(v)
    : v === 'inconclusive' || v === 'not-sent'
      ? c.yellow(v === 'not-sent' ? 'not sent' : v)
      : c.red(v);
}

/** What the cluster did, as a table cell: a probe never sent has no live answer. */
function liveCell(r: LiveRecord): string {
  return r.live.sent ? r.live.outcome : 'not sent';
}

function stepHeader(s: StepReport, total: number, c: Colors): string[] {
  const timing = s.enforcement ? `, took effect ${enforcementText(s.enforcement)} after the change` : '';
  const out = [
    `  step ${s.index + 1}/${total}: ${s.name} ${c.dim(`(${s.probes} probes${s.stable ? '' : ', NOT stable by the deadline'}${timing})`)}`,
  ];
  for (const ch of s.changes) {
    const what =
      ch.namespace === ''
        ? `${ch.action} ${ch.policyId}: clusternetworkpolicy ${ch.name ?? '(unnamed)'}${ch.sentName ? ` (sent as ${ch.sentName})` : ''}`
        : `${ch.action} ${ch.policyId}: ${ch.namespace}/${ch.name ?? '(unnamed)'}`;
    if (ch.result.accepted)
      out.push(c.dim(`    ${what} ${ch.action === 'apply' ? (ch.result.operation ?? 'created') : 'deleted'}`));
    else out.push(c.red(`    ${what} REJECTED (${ch.result.status}): ${ch.result.message}`));
    if (ch.modelDiffers) out.push(c.yellow(`      note: ${ch.modelDiffers}`));
    for (const n of ch.podAddresses ?? []) out.push(c.dim(`      pod address: ${n}`));
    for (const n of ch.standIns ?? []) out.push(c.dim(`      stand-in: ${n}`));
  }
  for (const l of s.relabels) out.push(c.dim(`    ${l}`));
  for (const l of s.podUpdates ?? []) out.push(c.dim(`    ${l}`));
  return out;
}

/** Outcomes in the order probed, runs folded: `allowed ×3 → blocked ×9`. */
export function historyText(history: readonly string[]): string {
  const runs: { outcome: string; n: number }[] = [];
  for (const o of history) {
    const last = runs[runs.length - 1];
    if (last?.outcome === o) last.n++;
    else runs.push({ outcome: o, n: 1 });
  }
  return runs.map((r) => (r.n > 1 ? `${r.outcome} ×${r.n}` : r.outcome)).join(' → ');
}

/** Why a probe did not pass, with everything needed to check it by hand. */
export function explainRecord(r: LiveRecord, c: Colors): string[] {
  return recordLines(r, c).map((l) => forTerminal(l, c));
}

function recordLines(r: LiveRecord, c: Colors): string[] {
  if (r.verdict.verdict === 'not-sent') {
    return [
      c.yellow(`    - ${r.from} → ${r.to} (${r.tool}, ${r.port}/${r.protocol}): ${r.verdict.reason}`),
      c.dim(
        `        document: ${r.documented.join(' or ')} [${provenanceText(r.provenance)}] (${r.scenarioFile}:${r.expectation.line}); model: ${r.model.outcome}`,
      ),
    ];
  }
  const out = [
    `    ${c.red('✗')} ${r.verdict.verdict}: ${r.from} → ${r.to} (${r.tool}, ${r.port}/${r.protocol}): ${r.verdict.reason}`,
  ];
  out.push(
    c.dim(
      `        document: ${r.documented.join(' or ')} [${provenanceText(r.provenance)}] (${r.scenarioFile}:${r.expectation.line})`,
    ),
  );
  out.push(c.dim(`        model: ${r.model.outcome}`));
  for (const line of r.model.explanation) out.push(c.dim(`          ${line}`));
  const res = r.live.result;
  if (!r.live.sent) out.push(c.dim(`        live: not sent (${r.live.reason ?? ''})`));
  else if (res) {
    out.push(
      c.dim(
        `        live: ${r.live.outcome} after ${res.attempts} attempts (${historyText(r.live.history)}); baseline ${r.live.baseline ?? '-'}; exit ${res.exitCode ?? '-'}: ${res.detail}`,
      ),
    );
    if (res.transportNote) out.push(c.dim(`        ${res.transportNote}`));
    if (r.live.reason && r.live.reason !== res.detail) out.push(c.dim(`        ${r.live.reason}`));
    if (res.repro) out.push(`        repro: ${res.repro}`);
  }
  return out;
}

/** A step's API expectations: request, expected answer, model (policy validation only), cluster, verdict. */
function apiLines(run: ScenarioRun, stepIndex: number, c: Colors): string[] {
  const records = (run.apiRecords ?? []).filter((r) => r.stepIndex === stepIndex);
  if (records.length === 0) return [];
  const rows = records.map((r) => [
    r.call.text,
    r.call.expected.join('|') + (r.call.reason ? ` ~"${r.call.reason}"` : ''),
    r.model ?? '-',
    `${r.live}${r.code ? ` (${r.code})` : ''}`,
    r.verdict === 'pass' ? c.green('pass') : c.red('contradicted'),
  ]);
  const out = [renderTable(['api request', 'document', 'model', 'cluster', 'verdict'], rows, '    ')];
  for (const r of records.filter((x) => x.verdict !== 'pass')) {
    out.push(
      `    ${c.red('✗')} ${r.call.text}: ${r.why} [${provenanceText(r.call.provenance)}] (${run.scenario.file}:${r.call.line})`,
    );
    if (r.message) out.push(c.dim(`        ${r.message}`));
  }
  return out;
}

export function renderLiveScenario(run: ScenarioRun, c: Colors): string {
  const { scenario } = run;
  const out = [
    c.bold(scenario.name) +
      c.dim(
        `  ${scenario.title} — ${scenario.source.file} § ${scenario.source.section} (${scenario.file}), ${seconds(run.durationMs)}`,
      ),
  ];
  out.push(c.dim(`  namespaces: ${run.namespaces.map((n) => `${n.logical} → ${n.real}`).join(', ')}`));
  if (run.standIns?.length)
    out.push(
      c.dim(
        `  outside stand-ins (on the kind network): ${run.standIns.map((x) => `${x.documented} → ${x.standIn}`).join(', ')}`,
      ),
    );
  if (run.error) out.push(c.red(`  could not run: ${run.error}`));
  for (const step of run.steps) {
    out.push(...stepHeader(step, scenario.steps.length, c));
    out.push(...apiLines(run, step.index, c));
    const records = run.records.filter((r) => r.stepIndex === step.index);
    if (records.length === 0) continue;
    const rows = records.map((r) => [
      r.from,
      r.to + (r.to.includes(':') ? '' : `:${r.port}`),
      r.tool,
      doc(r),
      r.model.outcome,
      liveCell(r),
      verdictCell(r, c),
    ]);
    out.push(renderTable(['from', 'to', 'tool', 'document', 'model', 'live', 'verdict'], rows, '    '));
    for (const r of records.filter((x) => x.verdict.verdict !== 'pass')) out.push(...recordLines(r, c));
  }
  return forTerminal(out.join('\n'), c);
}

export function renderLiveSummary(s: LiveSummary, c: Colors): string {
  const verdicts = VERDICTS.map((v) => {
    const n = s.byVerdict[v];
    const text = `${n} ${v}`;
    return n === 0 ? text : v === 'pass' ? c.green(text) : isFailure(v) ? c.red(text) : c.yellow(text);
  });
  const contradicted = (n: number) => (n ? c.red : c.green)(`${n} contradicted by traffic`);
  const lines = [
    `summary: ${s.scenarios} scenarios${s.failedScenarios ? c.red(` (${s.failedScenarios} could not run)`) : ''}, ${s.probes} expectations (${s.sent} probed live): ${verdicts.join(', ')}`,
    `  documented claims: ${s.documented.confirmed} confirmed by traffic, ${s.documented.confirmedStandIn} confirmed against a stand-in (its ipBlock rewritten), ${contradicted(s.documented.contradicted)}; derived expectations: ${s.derived.confirmed} confirmed, ${s.derived.confirmedStandIn} against a stand-in, ${contradicted(s.derived.contradicted)}; ${s.notSent} not sent; ${s.undecided} sent without a conclusive answer`,
    `  enforcement: ${s.enforcementMs.count} changes, median ${seconds(s.enforcementMs.median)}, p90 ${seconds(s.enforcementMs.p90)}, max ${seconds(s.enforcementMs.max)} (resolution ${seconds(s.enforcementMs.resolutionMax)} or better); wall time ${seconds(s.durationMs)}`,
  ];
  return forTerminal(lines.join('\n'), c);
}

/** The run's summary line for its API expectations (run and merge print the same). */
export function renderApiSummaryLine(total: number, contradicted: number, c: Colors): string {
  return `  api requests: ${total} expectations, ${total - contradicted} as expected, ${contradicted ? c.red(`${contradicted} contradicted`) : c.green('0 contradicted')}`;
}
