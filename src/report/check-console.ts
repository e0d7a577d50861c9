import { OUTCOME_MARK, type OutcomeClass } from '../model/outcome.js';
import type { ScenarioCheck } from '../reachability/check.js';
import { FINDING_TITLES, type Finding } from '../reachability/findings.js';
import { provenanceText, targetLabel, type ProbeRecord } from '../reachability/records.js';
import { renderTable, type Colors } from './table.js';
import { podUpdateText } from '../scenario/pod-update.js';

const column = targetLabel;

function docMark(outcomes: OutcomeClass[]): string {
  return outcomes.map((o) => OUTCOME_MARK[o]).join('|');
}

/** One step as a truth table: rows are sources, columns destinations; each cell is the model's mark. */
export function renderStepTable(records: ProbeRecord[], c: Colors): string {
  const sources = [...new Set(records.map((r) => r.from))];
  const columns = [...new Set(records.map(column))];
  const rows = sources.map((src) => [
    src,
    ...columns.map((col) => {
      const cell = records.filter((r) => r.from === src && column(r) === col);
      if (cell.length === 0) return '';
      return cell
        .map((r) => {
          const mark = OUTCOME_MARK[r.model.outcome];
          if (r.verdict.verdict === 'pass') return c.green(mark);
          if (r.verdict.verdict === 'inconclusive') return c.yellow(`${mark} (doc ${docMark(r.documented)})`);
          return c.red(`${mark} ≠ doc ${docMark(r.documented)}${r.provenance.kind === 'derived' ? ' (derived)' : ''}`);
        })
        .join(' ');
    }),
  ]);
  return renderTable(['from \\ to', ...columns], rows, '    ');
}

export const LEGEND =
  'marks: . allowed  X blocked  R refused  D dns-failure  P no-such-port  ! check-failed  ? undefined by the spec';

export function renderScenario(check: ScenarioCheck, c: Colors): string {
  const { scenario } = check;
  const out: string[] = [
    c.bold(`${scenario.name}`) +
      c.dim(`  ${scenario.title} — ${scenario.source.file} § ${scenario.source.section} (${scenario.file})`),
  ];
  for (const state of check.steps) {
    const records = check.records.filter((r) => r.stepIndex === state.index);
    out.push(`  step ${state.index + 1}/${check.steps.length}: ${state.step.name}`);
    for (const a of state.applied) {
      if (a.action === 'delete')
        out.push(c.dim(`    delete ${a.policyId}: ${a.accepted.join(', ') || 'nothing applied'}`));
      else {
        const created = a.accepted.filter((n) => !a.replaced.includes(n));
        if (created.length) out.push(c.dim(`    apply ${a.policyId}: ${created.join(', ')} created`));
        if (a.replaced.length)
          out.push(
            c.dim(`    apply ${a.policyId}: ${a.replaced.join(', ')} configured (replaces the version in force)`),
          );
        for (const r of a.rejected) {
          out.push(
            c.red(
              `    apply ${a.policyId}: ${r.name ?? '(unnamed)'} REJECTED: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
            ),
          );
        }
      }
    }
    for (const l of state.step.relabel) {
      const labels = Object.entries(l.labels)
        .map(([k, v]) => (v === null ? `${k}-` : `${k}=${v}`))
        .join(' ');
      out.push(c.dim(`    label ${l.target} ${l.target === 'pod' ? `${l.namespace}/` : ''}${l.name} ${labels}`));
    }
    for (const u of state.step.update ?? []) out.push(c.dim(`    ${podUpdateText(u)}`));
    for (const a of state.step.api ?? [])
      out.push(
        c.dim(`    api, answered live only: ${a.text} → ${a.expected.join('|')}${a.reason ? ` ~"${a.reason}"` : ''}`),
      );
    if (records.length) out.push(renderStepTable(records, c));
    for (const r of records.filter((x) => x.verdict.verdict !== 'pass')) {
      const color = r.verdict.verdict === 'inconclusive' ? c.yellow : c.red;
      out.push(
        color(
          `    ${r.verdict.verdict}: ${r.from} → ${column(r)} (${r.tool}): document ${r.documented.join('|')} [${provenanceText(r.provenance)}], model ${r.model.outcome}`,
        ),
      );
      for (const line of r.model.explanation) out.push(c.dim(`        ${line}`));
    }
  }
  return out.join('\n');
}

export interface CheckSummary {
  scenarios: number;
  documented: number;
  derived: number;
  passed: number;
  disagreements: number;
  derivedDisagreements: number;
  inconclusive: number;
  /** Answered by the spec, but no probe from here can observe it (outside the cluster): coverage. */
  notProbeable: number;
  /** Undefined only until pod IPs are known: a live run decides. */
  decidedAtRunTime: number;
  findings: number;
}

export function summarize(checks: ScenarioCheck[], findings: Finding[]): CheckSummary {
  const records = checks.flatMap((c) => c.records);
  const documented = records.filter((r) => r.provenance.kind === 'documented');
  return {
    scenarios: checks.length,
    documented: documented.length,
    derived: records.length - documented.length,
    passed: records.filter((r) => r.verdict.verdict === 'pass').length,
    disagreements: documented.filter((r) => r.verdict.verdict === 'disagrees').length,
    derivedDisagreements: records.filter((r) => r.provenance.kind === 'derived' && r.verdict.verdict === 'disagrees')
      .length,
    inconclusive: records.filter((r) => r.verdict.verdict === 'inconclusive').length,
    notProbeable: records.filter((r) => r.model.notProbeable).length,
    decidedAtRunTime: records.filter((r) => r.model.decidedAtRunTime).length,
    findings: findings.length,
  };
}

export function renderFindings(findings: Finding[], c: Colors): string {
  if (findings.length === 0) return c.green('findings: none');
  const out = [c.bold(`findings (${findings.length}):`)];
  findings.forEach((f, i) => {
    out.push(
      `  ${i + 1}. [${FINDING_TITLES[f.kind]}] ${f.document} § ${f.section}  (${f.scenarioFile}:${f.line}, scenario ${f.scenario})`,
    );
    out.push(`     claims: ${f.claim}`);
    out.push(`     actual: ${c.red(f.actual)}`);
    for (const w of f.why) out.push(c.dim(`       ${w}`));
    out.push(`     fix: ${f.fix}`);
  });
  return out.join('\n');
}

export function renderSummary(s: CheckSummary, c: Colors): string {
  const parts = [
    `${s.scenarios} scenarios`,
    `${s.documented} documented expectations`,
    `${s.derived} derived`,
    `${s.passed} agree with the spec`,
    (s.disagreements ? c.red : c.green)(`${s.disagreements} documented disagreements`),
    (s.derivedDisagreements ? c.red : c.green)(`${s.derivedDisagreements} derived disagreements`),
    `${s.inconclusive} undefined by the spec (${s.decidedAtRunTime} decided at run time)`,
    `${s.notProbeable} not probeable here (outside the cluster)`,
    `${s.findings} findings`,
  ];
  return `summary: ${parts.join(', ')}`;
}
