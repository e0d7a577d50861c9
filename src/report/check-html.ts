import type { ProbeRecord } from '../reachability/records.js';
import { FINDING_TITLES, type Finding } from '../reachability/findings.js';
import { renderHtmlReport } from './html.js';
import { probeJson } from './json.js';

/** The HTML report of `check`: the records as --json writes them, and the findings in words. */
export function checkHtml(records: readonly ProbeRecord[], findings: readonly Finding[], at: Date): string {
  return renderHtmlReport(
    records.map((r) => probeJson(r)),
    {
      title: 'netpol-harness check',
      generated: at.toISOString(),
      findings: findings.map((f) => ({
        title: FINDING_TITLES[f.kind],
        where: `${f.document} § ${f.section} (${f.scenarioFile}:${f.line})`,
        claim: f.claim,
        actual: f.actual,
        scenario: f.scenario,
        line: f.line,
        fix: f.fix,
      })),
    },
  );
}
