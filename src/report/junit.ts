import { xmlAttr, xmlText } from './xml-text.js';

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
  /** The test case's name, when it is not a probe's (an API expectation). */
  title?: string;
  /** The expectation's line in the scenario file (the testcase's `line`, with the suite's `file`). */
  line?: number;
  /** Extra text for the failure body (live details, repro command). */
  details?: string[];
  seconds?: number;
}

/** Verdicts reported as skipped: no answer to judge (inconclusive), or no traffic at all (not sent). */
const SKIPPED = new Set(['inconclusive', 'not-sent']);
const isSkipped = (c: JunitCase) => SKIPPED.has(c.record.verdict.verdict);
const isFailed = (c: JunitCase) => c.record.verdict.verdict !== 'pass' && !isSkipped(c);
const seconds = (list: JunitCase[]) => list.reduce((s, c) => s + (c.seconds ?? 0), 0).toFixed(3);

/**
 * JUnit XML: a suite per scenario, a case per expectation; disagreements fail, inconclusive and
 * not-sent ones are skipped. Carries the attributes the common JUnit schema (Jenkins junit-10.xsd)
 * requires, and nothing XML forbids, whatever the scenario names hold. Each testcase also carries
 * `file` and `line` (the expectation in its scenario file), which GitLab, pytest's xunit1 and the
 * JUnit readers of GitHub Actions use to link a case to its source; junit-10.xsd has them on the
 * suite only. Probes are never errors: a probe that could not run is itself a result.
 */
export function renderJunit(name: string, cases: JunitCase[], properties: readonly [string, string][] = []): string {
  const suites = new Map<string, JunitCase[]>();
  for (const c of cases) suites.set(c.record.scenario, [...(suites.get(c.record.scenario) ?? []), c]);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites name="${xmlAttr(name)}" tests="${cases.length}" failures="${cases.filter(isFailed).length}" errors="0" time="${seconds(cases)}">`,
  );
  for (const [scenario, list] of suites) {
    const attrs = [
      `name="${xmlAttr(scenario)}"`,
      `tests="${list.length}"`,
      `failures="${list.filter(isFailed).length}"`,
      `errors="0"`,
      `skipped="${list.filter(isSkipped).length}"`,
      `time="${seconds(list)}"`,
      `file="${xmlAttr(list[0]?.record.scenarioFile ?? '')}"`,
    ];
    out.push(`  <testsuite ${attrs.join(' ')}>`);
    if (properties.length) {
      out.push('    <properties>');
      for (const [k, v] of properties) out.push(`      <property name="${xmlAttr(k)}" value="${xmlAttr(v)}"/>`);
      out.push('    </properties>');
    }
    for (const c of list) {
      const r = c.record;
      const title = c.title ?? `[${r.step}] ${r.from} -> ${r.to} (${r.tool}) expect ${r.documented.join('|')}`;
      const place = [
        ...(r.scenarioFile ? [`file="${xmlAttr(r.scenarioFile)}"`] : []),
        ...(c.line && c.line > 0 ? [`line="${c.line}"`] : []),
      ];
      out.push(
        `    <testcase classname="${xmlAttr(scenario)}" name="${xmlAttr(title)}" time="${(c.seconds ?? 0).toFixed(3)}"${place.map((a) => ' ' + a).join('')}>`,
      );
      const body = xmlText([...r.model.explanation, ...(c.details ?? [])].join('\n'));
      if (isSkipped(c)) out.push(`      <skipped message="${xmlAttr(r.verdict.reason)}"/>`);
      else if (isFailed(c))
        out.push(
          `      <failure type="${xmlAttr(r.verdict.verdict)}" message="${xmlAttr(r.verdict.reason)}">${body}</failure>`,
        );
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

/** An API expectation's record (as run --json writes it, `kind: "api"`) as a JUnit case in its scenario's suite. */
export function apiJunitCase(a: Record<string, unknown> & { scenario: string; verdict: string }): JunitCase {
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const documented = Array.isArray(a.documented) ? a.documented.map(text).join('|') : text(a.documented);
  return {
    title: `[${text(a.step)}] api: ${text(a.request)} expect ${documented}`,
    ...(typeof a.line === 'number' ? { line: a.line } : {}),
    record: {
      scenario: a.scenario,
      scenarioFile: text(a.scenarioFile),
      step: text(a.step),
      from: '',
      to: text(a.request),
      tool: 'api',
      documented: [documented],
      verdict: { verdict: a.verdict, reason: text(a.reason) },
      model: { explanation: a.model === undefined ? [] : [`model: ${text(a.model)}`] },
    },
    details: [
      `live: ${text(a.live)}${a.code !== undefined ? ` (HTTP ${text(a.code)})` : ''}${a.message !== undefined ? `: ${text(a.message)}` : ''}`,
    ],
  };
}
