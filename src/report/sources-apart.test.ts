import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import type { LiveRecord, ScenarioRun } from '../engine/types.js';
import { renderLiveSummary } from './live-console.js';
import { liveProbeJson } from './live-json.js';
import { renderLiveMarkdown } from './live-markdown.js';
import { summarizeLive, trafficAnswer } from './live-summary.js';
import { parseRecordsJsonl, recordsJsonl } from './record-json.js';
import { renderRecordsSummary } from './records-summary.js';
import { colors } from './table.js';

const c = colors(false);
const STAND_IN = {
  documented: '52.1.2.3',
  address: '172.18.0.6',
  rewritten: ['egress[0]: 172.18.0.6/32 (stand-in for 52.1.2.3, inside 52.1.2.3/32) added as a peer'],
};

function record(
  to: string,
  derived: boolean,
  documented: LiveRecord['documented'],
  live: LiveRecord['live']['outcome'],
  verdict: LiveRecord['verdict']['verdict'],
  extra: Partial<LiveRecord['live']> = {},
): LiveRecord {
  return {
    scenario: 's',
    scenarioFile: 'scenarios/s.yaml',
    step: 'apply',
    stepIndex: 0,
    from: 'c',
    to,
    port: 443,
    protocol: 'TCP',
    tool: 'nc',
    documented,
    provenance: derived ? { kind: 'derived' } : { kind: 'documented', file: 'doc.txt', section: 'S' },
    model: { outcome: live === 'not-sent' || live === 'inconclusive' ? 'allowed' : live, explanation: [] },
    verdict: { verdict, reason: verdict },
    expectation: { line: 7 } as LiveRecord['expectation'],
    live: {
      key: to,
      sent: true,
      history: [],
      observedMs: [],
      outcome: live,
      flaky: false,
      baseline: 'allowed',
      ...extra,
    },
  };
}

// A documented defect, a derived contradiction, a claim confirmed against a stand-in whose ipBlock
// was rewritten, one confirmed through a stand-in no rule was rewritten for, and a plain pass.
const records = [
  record('db:80', false, ['blocked'], 'allowed', 'document-defect'),
  record('db:81', true, ['blocked'], 'allowed', 'derived-contradiction'),
  record('52.1.2.3:443', false, ['allowed'], 'allowed', 'pass', { standIn: STAND_IN }),
  record('52.1.2.3:443', false, ['blocked'], 'blocked', 'pass', {
    standIn: { ...STAND_IN, rewritten: [] },
  }),
  record('web:80', true, ['allowed'], 'allowed', 'pass'),
];
const run = {
  scenario: { name: 's', title: 'S', file: 'scenarios/s.yaml', source: { file: 'doc.txt', section: 'S' }, steps: [] },
  runId: 'r1',
  namespaces: [],
  steps: [],
  records,
  durationMs: 1000,
} as unknown as ScenarioRun;

describe('reports: documented defects, derived contradictions and stand-in confirmations kept apart', () => {
  it('the summary counts each source apart', () => {
    const s = summarizeLive([run], 1000);
    expect(s.byVerdict['document-defect']).to.equal(1);
    expect(s.byVerdict['derived-contradiction']).to.equal(1);
    expect(s.documented).to.deep.equal({ confirmed: 1, confirmedStandIn: 1, contradicted: 1 });
    expect(s.derived).to.deep.equal({ confirmed: 1, confirmedStandIn: 0, contradicted: 1 });
    expect(records.map(trafficAnswer)).to.deep.equal([
      'contradicted',
      'contradicted',
      'confirmed-stand-in',
      'confirmed',
      'confirmed',
    ]);
  });

  it('console, Markdown and JSON say so', () => {
    const s = summarizeLive([run], 1000);
    const lines = renderLiveSummary(s, c).split('\n');
    expect(lines[0]).to.include('1 document-defect, 1 derived-contradiction,');
    expect(lines[1]).to.equal(
      '  documented claims: 1 confirmed by traffic, 1 confirmed against a stand-in (its ipBlock rewritten), 1 contradicted by traffic; derived expectations: 1 confirmed, 0 against a stand-in, 1 contradicted by traffic; 0 not sent; 0 sent without a conclusive answer',
    );
    const md = renderLiveMarkdown([run], s);
    expect(md).to.include('| documented claims | 1 | 1 | 1 |');
    expect(md).to.include('| derived expectations | 1 | 0 | 1 |');
    expect(md).to.include('| document-defect | 1 |');
    expect(md).to.include('| derived-contradiction | 1 |');
    const json = records.map((r) => liveProbeJson(r, 'r1'));
    expect(json.map((j) => j.traffic)).to.deep.equal([
      'contradicted',
      'contradicted',
      'confirmed-stand-in',
      'confirmed',
      'confirmed',
    ]);
    expect(json[2]?.standIn).to.deep.equal(STAND_IN);
    // Read back (merge), the verdicts and the stand-in stay as written.
    const back = parseRecordsJsonl('r.json', recordsJsonl(json));
    expect(renderRecordsSummary(back, c)).to.include('1 document-defect, 1 derived-contradiction');
    expect(back[2]?.traffic).to.equal('confirmed-stand-in');
  });

  it('reads a run recorded before the split (docs/live-run/one-node/seeds.json) with its 33 "document defects" split: 28 documented, 5 derived', () => {
    const file = 'docs/live-run/one-node/seeds.json';
    const back = parseRecordsJsonl(file, readFileSync(file, 'utf8'));
    const defects = back.filter((r) => r.verdict === 'document-defect');
    const derived = back.filter((r) => r.verdict === 'derived-contradiction');
    expect(defects).to.have.length(28);
    expect(defects.every((r) => r.provenance.kind === 'documented')).to.equal(true);
    expect(derived).to.have.length(5);
    expect(derived.every((r) => r.provenance.kind === 'derived')).to.equal(true);
    expect(renderRecordsSummary(back, c)).to.include('580 pass, 28 document-defect, 5 derived-contradiction');
  });
});
