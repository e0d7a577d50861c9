import { expect } from 'chai';
import type { LiveRecord, ScenarioRun } from '../engine/types.js';
import type { ApiCall } from '../scenario/api-call.js';
import { renderJunit } from './junit.js';
import { renderLiveScenario, renderLiveSummary } from './live-console.js';
import { liveProbeJson } from './live-json.js';
import { renderLiveMarkdown } from './live-markdown.js';
import { summarizeLive } from './live-summary.js';
import { colors } from './table.js';

const REASON =
  'not sent: service default/web exposes 80/TCP, not 81/TCP: a packet to a cluster IP on a port no service rule covers would be routed out of the cluster';

function record(
  to: string,
  documented: LiveRecord['documented'],
  derived: boolean,
  live: Partial<LiveRecord['live']>,
  verdict: LiveRecord['verdict'],
): LiveRecord {
  return {
    scenario: 's',
    scenarioFile: 'scenarios/s.yaml',
    step: 'apply',
    stepIndex: 0,
    from: 'c',
    to,
    port: 81,
    protocol: 'TCP',
    tool: 'nc',
    documented,
    provenance: derived ? { kind: 'derived' } : { kind: 'documented', file: 'doc.txt', section: 'S' },
    model: { outcome: documented[0] ?? 'allowed', explanation: [] },
    verdict,
    expectation: { line: 7 } as LiveRecord['expectation'],
    live: { key: to, sent: true, history: [], observedMs: [], outcome: 'allowed', flaky: false, ...live },
  };
}

const notSent = record(
  'web:81',
  ['no-such-port'],
  false,
  { sent: false, outcome: 'not-sent', reason: REASON.slice('not sent: '.length) },
  { verdict: 'not-sent', reason: REASON },
);
const confirmed = record(
  'web:80',
  ['allowed'],
  false,
  {},
  { verdict: 'pass', reason: 'document, spec and cluster agree' },
);
const contradicted = record(
  'db:80',
  ['blocked'],
  false,
  { baseline: 'allowed' },
  { verdict: 'document-defect', reason: 'spec and cluster agree on allowed; the document says blocked' },
);
const derived = record('db:81', ['allowed'], true, {}, { verdict: 'pass', reason: 'document, spec and cluster agree' });
const run: ScenarioRun = {
  scenario: {
    name: 's',
    title: 'S',
    file: 'scenarios/s.yaml',
    source: { file: 'doc.txt', section: 'S' },
    steps: [{ name: 'apply' }],
  } as unknown as ScenarioRun['scenario'],
  runId: 'r1',
  namespaces: [{ logical: 'default', real: 's-r1-default' }],
  steps: [{ index: 0, name: 'apply', changes: [], relabels: [], stable: true, probes: 2 }],
  records: [notSent, confirmed, contradicted, derived],
  durationMs: 1000,
};
const c = colors(false);

describe('reports: a probe not sent is never an answer', () => {
  it('counts documented claims and derived expectations by traffic, and not-sent apart', () => {
    const s = summarizeLive([run], 1000);
    expect([s.documented, s.derived, s.notSent, s.undecided, s.byVerdict['not-sent'], s.byVerdict.pass]).to.deep.equal([
      { confirmed: 1, confirmedStandIn: 0, contradicted: 1 },
      { confirmed: 1, confirmedStandIn: 0, contradicted: 0 },
      1,
      0,
      1,
      2,
    ]);
    expect(renderLiveSummary(s, c).split('\n')[1]).to.equal(
      '  documented claims: 1 confirmed by traffic, 0 confirmed against a stand-in (its ipBlock rewritten), 1 contradicted by traffic; derived expectations: 1 confirmed, 0 against a stand-in, 0 contradicted by traffic; 1 not sent; 0 sent without a conclusive answer',
    );
  });

  it('console: "not sent" in the live and verdict columns, with the reason', () => {
    const lines = renderLiveScenario(run, c).split('\n');
    expect(lines.find((l) => l.includes('web:81 '))).to.equal(
      '    c     web:81  nc    no-such-port       no-such-port  not sent  not sent',
    );
    expect(lines).to.include(`    - c → web:81 (nc, 81/TCP): ${REASON}`);
  });

  it('JSON: sent false, live and verdict not-sent, the reason', () => {
    const json = liveProbeJson(notSent, 'r1');
    expect([json.sent, json.live, json.traffic, json.verdict, json.reason, json.command]).to.deep.equal([
      false,
      'not-sent',
      'not-sent',
      'not-sent',
      REASON,
      undefined,
    ]);
  });

  it('JUnit: skipped with the reason, neither passed nor failed', () => {
    const xml = renderJunit('live', [{ record: notSent }]);
    expect(xml).to.include(
      '<testsuite name="s" tests="1" failures="0" errors="0" skipped="1" time="0.000" file="scenarios/s.yaml">',
    );
    expect(xml).to.include(`<skipped message="${REASON}"/>`);
  });

  it('Markdown: the API expectations in their own section', () => {
    const call = { text: 'label pod victim role=db', expected: ['forbidden'] } as unknown as ApiCall;
    const withApi = {
      ...run,
      apiRecords: [
        { call, live: 'forbidden', code: 403, verdict: 'pass', why: 'as documented', stepIndex: 1, step: 'apply' },
        {
          call,
          live: 'applied',
          code: 200,
          verdict: 'contradicted',
          why: 'the API server took it',
          stepIndex: 1,
          step: 'apply',
        },
      ],
    } as ScenarioRun;
    const md = renderLiveMarkdown([withApi], summarizeLive([withApi], 1000));
    expect(md).to.include('## API requests\n\n2 expectations, 1 as expected, 1 contradicted.');
    expect(md).to.include(
      '| s | apply | label pod victim role=db | forbidden |  | forbidden (HTTP 403) | pass | as documented |',
    );
    expect(md).to.include(
      '| s | apply | label pod victim role=db | forbidden |  | applied (HTTP 200) | contradicted | the API server took it |',
    );
  });

  it('Markdown: its own column and section, never among the passes', () => {
    const md = renderLiveMarkdown([run], summarizeLive([run], 1000));
    expect(md).to.include('| s | default → s-r1-default | 4 | 2 | 1 | 1 |');
    expect(md).to.include('| documented claims | 1 | 0 | 1 |');
    expect(md).to.include(`| s | apply | c → web:81 (nc) | no-such-port [doc.txt § S] | no-such-port | ${REASON} |`);
  });
});
