import { expect } from 'chai';
import type { Baseline, BaselineEntry } from './baseline.js';
import { parseBaseline, renderBaseline } from './baseline.js';
import { DEFAULT_FAIL_ON } from './fail-on.js';
import { baselineEntries, failsGate, judge, renderGate, renderGateMarkdown } from './gate.js';
import type { ApiRecordJson, RecordJson } from './record-json.js';
import { colors } from './table.js';

const c = colors(false);

function rec(scenario: string, to: string, verdict: RecordJson['verdict'], line = 10): RecordJson {
  return {
    scenario,
    scenarioFile: `scenarios/${scenario}.yaml`,
    line,
    step: 'apply',
    stepIndex: 1,
    from: 'client',
    to: `pod/${to}:80`,
    port: 80,
    protocol: 'TCP',
    tool: 'nc',
    documented: ['blocked'],
    provenance: { kind: 'derived' },
    model: 'blocked',
    explanation: [],
    verdict,
    reason: '',
    live: 'blocked',
  };
}

function entry(scenario: string, to: string, verdict: BaselineEntry['verdict']): BaselineEntry {
  return {
    verdict,
    scenario,
    step: 'apply',
    stepIndex: 1,
    from: 'client',
    to: `pod/${to}:80`,
    port: 80,
    protocol: 'TCP',
    tool: 'nc',
  };
}

const api = (verdict: string): ApiRecordJson => ({
  kind: 'api',
  scenario: 'rbac',
  scenarioFile: 'scenarios/rbac.yaml',
  line: 40,
  step: 'as the viewer',
  stepIndex: 2,
  request: 'kubectl get pods --as viewer',
  verdict,
});

const RUN = { failOn: DEFAULT_FAIL_ON.run };
const baseline = (...entries: BaselineEntry[]): Baseline => ({ file: 'known.json', entries });

describe('gate: --fail-on classes', () => {
  const records = [
    rec('a', 'web', 'pass'),
    rec('a', 'db', 'document-defect'),
    rec('b', 'web', 'enforcement-mismatch'),
    rec('b', 'db', 'flaky'),
    rec('c', 'web', 'inconclusive'),
    rec('c', 'db', 'not-sent'),
  ];
  const table: [string, readonly string[], Record<string, number>][] = [
    ['run default', DEFAULT_FAIL_ON.run, { 'enforcement-mismatch': 1, flaky: 1 }],
    ['document-defect only', ['document-defect'], { 'document-defect': 1 }],
    ['inconclusive and not-sent', ['inconclusive', 'not-sent'], { inconclusive: 1, 'not-sent': 1 }],
    ['none', [], {}],
  ];
  for (const [name, failOn, counts] of table)
    it(`${name}: fails on exactly those classes`, () => {
      const r = judge({ records }, { failOn: failOn as never });
      expect(r.counts).to.deep.equal(counts);
      expect(r.failing.map((o) => o.verdict)).to.have.members(Object.keys(counts));
    });

  it('counts what it does not fail on, and says so in one line', () => {
    const r = judge({ records }, RUN);
    expect(r.ignored).to.deep.equal({ 'document-defect': 1, inconclusive: 1, 'not-sent': 1 });
    expect(renderGate(r, c)).to.deep.equal([
      'gate: failed: 1 enforcement-mismatch, 1 flaky (fail on: enforcement-mismatch, disagrees, flaky, api-contradicted; not failed on: 1 document-defect, 1 inconclusive, 1 not-sent)',
    ]);
    expect(renderGate(judge({ records: [rec('a', 'web', 'pass')] }, RUN), c)).to.deep.equal([
      'gate: passed (fail on: enforcement-mismatch, disagrees, flaky, api-contradicted)',
    ]);
    expect(renderGate(judge({ records }, { failOn: [] }), c)[0]).to.match(/^gate: passed \(fail on: nothing/);
  });

  it('an API expectation the cluster answered otherwise is api-contradicted; a rejected manifest is rejected', () => {
    const r = judge(
      { records: [], api: [api('contradicted'), { ...api('pass'), request: 'kubectl get svc' }], rejected: [] },
      RUN,
    );
    expect(r.counts).to.deep.equal({ 'api-contradicted': 1 });
    const m = judge(
      { records: [], rejected: [{ scenario: 'ports', policy: 'p1', name: 'range' }] },
      { failOn: ['rejected'] },
    );
    expect(m.counts).to.deep.equal({ rejected: 1 });
    expect(judge({ records: [], rejected: [{ scenario: 'ports', policy: 'p1' }] }, RUN).ignored).to.deep.equal({
      rejected: 1,
    });
  });

  it('marks the probe records that fail it, for annotations', () => {
    const r = judge({ records }, RUN);
    expect(records.filter(failsGate(r)).map((x) => x.verdict)).to.deep.equal(['enforcement-mismatch', 'flaky']);
  });
});

describe('gate: --baseline', () => {
  const known = baseline(entry('a', 'db', 'document-defect'), entry('b', 'web', 'enforcement-mismatch'));
  const failOn = ['enforcement-mismatch', 'document-defect'] as const;

  it('accepts a known outcome with the same verdict, whatever its line', () => {
    const r = judge(
      { records: [rec('a', 'db', 'document-defect', 99), rec('b', 'web', 'enforcement-mismatch')] },
      { failOn, baseline: known },
    );
    expect(r.failing).to.deep.equal([]);
    expect(r.accepted).to.equal(2);
    expect([r.baselineNew, r.baselineChanged, r.baselineGone]).to.deep.equal([[], [], []]);
  });

  it('fails on a new outcome and on a changed verdict, and lists both', () => {
    const r = judge(
      {
        records: [
          rec('a', 'db', 'enforcement-mismatch'),
          rec('b', 'web', 'enforcement-mismatch'),
          rec('b', 'db', 'document-defect'),
        ],
      },
      { failOn, baseline: known },
    );
    expect(r.counts).to.deep.equal({ 'enforcement-mismatch': 1, 'document-defect': 1 });
    expect(r.baselineNew.map((o) => o.identity.scenario)).to.deep.equal(['b']);
    expect(r.baselineChanged.map((o) => [o.was, o.verdict])).to.deep.equal([
      ['document-defect', 'enforcement-mismatch'],
    ]);
    expect(r.baselineGone).to.deep.equal([]); // the changed entry is reported as changed, not also as gone
    expect(renderGate(r, c)).to.deep.equal([
      'gate: failed: 1 enforcement-mismatch, 1 document-defect (fail on: enforcement-mismatch, document-defect; 1 known from the baseline)',
      'baseline known.json: 2 entries; 1 accepted, 1 new, 1 changed, 0 no longer occur',
      '  new document-defect: b / apply: client → pod/db:80 (nc) (scenarios/b.yaml:10)',
      '  changed to enforcement-mismatch (was document-defect): a / apply: client → pod/db:80 (nc) (scenarios/a.yaml:10)',
    ]);
  });

  it('lists an entry that no longer occurs, but only for the scenarios judged here', () => {
    const r = judge({ records: [rec('a', 'db', 'pass')] }, { failOn, baseline: known });
    expect(r.failing).to.deep.equal([]);
    expect(r.baselineGone).to.deep.equal([{ entry: known.entries[0], now: 'pass' }]); // b was not run here
    expect(renderGate(r, c).slice(1)).to.deep.equal([
      'baseline known.json: 2 entries; 0 accepted, 0 new, 0 changed, 1 no longer occur',
      '  no longer occurs: document-defect: a / apply: client → pod/db:80 (nc) (now pass): remove it from the baseline',
    ]);
    const gone = judge({ records: [rec('a', 'web', 'pass')] }, { failOn, baseline: known }).baselineGone;
    expect(gone.map((g) => g.now)).to.deep.equal(['not seen']);
  });

  it('an entry of a class not failed on still counts as known: it is listed when it is gone', () => {
    const r = judge({ records: [rec('a', 'db', 'inconclusive')] }, { failOn: DEFAULT_FAIL_ON.run, baseline: known });
    expect(r.failing).to.deep.equal([]);
    expect(r.baselineGone.map((g) => [g.entry.verdict, g.now])).to.deep.equal([['document-defect', 'inconclusive']]);
  });

  it('without a baseline nothing is new or gone', () => {
    const r = judge({ records: [rec('b', 'web', 'enforcement-mismatch')] }, RUN);
    expect([r.baselineNew, r.baselineGone, r.baseline]).to.deep.equal([[], [], undefined]);
  });

  it('--write-baseline writes every outcome that did not pass; read back, it accepts the same run', () => {
    const input = {
      records: [
        rec('a', 'web', 'pass'),
        rec('a', 'db', 'document-defect'),
        { ...rec('d', 'x', 'not-sent'), family: 'ipv6' as const },
      ],
      api: [api('contradicted'), { ...api('pass'), request: 'kubectl get svc' }],
      rejected: [{ scenario: 'ports', policy: 'p1', name: 'range' }],
    };
    const text = renderBaseline(baselineEntries(input));
    const read = parseBaseline('known.json', text);
    expect(read.entries.map((e) => e.verdict)).to.deep.equal([
      'document-defect',
      'not-sent',
      'api-contradicted',
      'rejected',
    ]);
    expect(read.entries[1]).to.include({ family: 'ipv6' });
    const r = judge(input, { failOn: ['document-defect', 'not-sent', 'api-contradicted', 'rejected'], baseline: read });
    expect([r.failing.length, r.accepted, r.baselineGone.length]).to.deep.equal([0, 4, 0]);
  });

  it('a probe of the other address family is another outcome', () => {
    const v6 = { ...entry('a', 'db', 'document-defect'), family: 'ipv6' as const };
    const r = judge({ records: [rec('a', 'db', 'document-defect')] }, { failOn, baseline: baseline(v6) });
    expect(r.baselineNew).to.have.length(1);
  });

  it('says the same in the Markdown job summary', () => {
    const r = judge({ records: [rec('a', 'db', 'enforcement-mismatch')] }, { failOn, baseline: known });
    expect(renderGateMarkdown(r)).to.equal(
      [
        '',
        '## Gate',
        '',
        '**Failed**: 1 enforcement-mismatch (fails on enforcement-mismatch, document-defect).',
        '',
        'Baseline `known.json`: 2 entries; 0 accepted, 0 new, 1 changed, 0 no longer occur.',
        '',
        '- changed to enforcement-mismatch (was document-defect): a / apply: client → pod/db:80 (nc) (scenarios/a.yaml:10)',
        '',
      ].join('\n'),
    );
  });
});
