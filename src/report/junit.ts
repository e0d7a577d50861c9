function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** What a JUnit case reads of a record (a record rebuilt from --json files has this much). */
export interface JunitRecord {
  scenario: string;
  scenarioFile: string;
  step: string;
  from: string;
  to: string;
  tool: string;
  documented: readonly string[];
  verdict: { verdict: string; reason: string };
  model: { explanation: readonly string[] };
}

export interface JunitCase {
  record: JunitRecord;
  /** Extra text for the failure body (live details, repro command). */
  details?: string[];
  seconds?: number;
}

/** JUnit XML: a suite per scenario, a case per expectation; disagreements fail, inconclusive ones are skipped. */
export function renderJunit(name: string, cases: JunitCase[]): string {
  const suites = new Map<string, JunitCase[]>();
  for (const c of cases) suites.set(c.record.scenario, [...(suites.get(c.record.scenario) ?? []), c]);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = cases.filter((c) => !['pass', 'inconclusive'].includes(c.record.verdict.verdict)).length;
  out.push(`<testsuites name="${esc(name)}" tests="${cases.length}" failures="${failures}">`);
  for (const [scenario, list] of suites) {
    const f = list.filter((c) => !['pass', 'inconclusive'].includes(c.record.verdict.verdict)).length;
    const skipped = list.filter((c) => c.record.verdict.verdict === 'inconclusive').length;
    out.push(`  <testsuite name="${esc(scenario)}" tests="${list.length}" failures="${f}" skipped="${skipped}" file="${esc(list[0]?.record.scenarioFile ?? '')}">`);
    for (const c of list) {
      const r = c.record;
      const title = `[${r.step}] ${r.from} -> ${r.to} (${r.tool}) expect ${r.documented.join('|')}`;
      const time = c.seconds !== undefined ? ` time="${c.seconds.toFixed(3)}"` : '';
      out.push(`    <testcase classname="${esc(scenario)}" name="${esc(title)}"${time}>`);
      const body = esc([...r.model.explanation, ...(c.details ?? [])].join('\n'));
      if (r.verdict.verdict === 'inconclusive') out.push(`      <skipped message="${esc(r.verdict.reason)}"/>`);
      else if (r.verdict.verdict !== 'pass') out.push(`      <failure type="${r.verdict.verdict}" message="${esc(r.verdict.reason)}">${body}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
