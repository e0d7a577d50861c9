import type { ProbeRecord } from '../reachability/records.js';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface JunitCase {
  record: ProbeRecord;
  /** Extra text for the failure body (live details, repro command). */
  details?: string[];
  seconds?: number;
}

/** Verdicts reported as skipped: no answer to judge (inconclusive), or no traffic at all (not sent). */
const SKIPPED = new Set(['inconclusive', 'not-sent']);

/** JUnit XML: a suite per scenario, a case per expectation; disagreements fail, inconclusive and not-sent ones are skipped. */
export function renderJunit(name: string, cases: JunitCase[]): string {
  const suites = new Map<string, JunitCase[]>();
  for (const c of cases) suites.set(c.record.scenario, [...(suites.get(c.record.scenario) ?? []), c]);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = cases.filter((c) => c.record.verdict.verdict !== 'pass' && !SKIPPED.has(c.record.verdict.verdict)).length;
  out.push(`<testsuites name="${esc(name)}" tests="${cases.length}" failures="${failures}">`);
  for (const [scenario, list] of suites) {
    const f = list.filter((c) => c.record.verdict.verdict !== 'pass' && !SKIPPED.has(c.record.verdict.verdict)).length;
    const skipped = list.filter((c) => SKIPPED.has(c.record.verdict.verdict)).length;
    out.push(`  <testsuite name="${esc(scenario)}" tests="${list.length}" failures="${f}" skipped="${skipped}" file="${esc(list[0]?.record.scenarioFile ?? '')}">`);
    for (const c of list) {
      const r = c.record;
      const title = `[${r.step}] ${r.from} -> ${r.to} (${r.tool}) expect ${r.documented.join('|')}`;
      const time = c.seconds !== undefined ? ` time="${c.seconds.toFixed(3)}"` : '';
      out.push(`    <testcase classname="${esc(scenario)}" name="${esc(title)}"${time}>`);
      const body = esc([...r.model.explanation, ...(c.details ?? [])].join('\n'));
      if (SKIPPED.has(r.verdict.verdict)) out.push(`      <skipped message="${esc(r.verdict.reason)}"/>`);
      else if (r.verdict.verdict !== 'pass') out.push(`      <failure type="${r.verdict.verdict}" message="${esc(r.verdict.reason)}">${body}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
