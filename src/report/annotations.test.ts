import { expect } from 'chai';
import {
  annotation,
  annotationsOn,
  escapeData,
  escapeProperty,
  gateAnnotations,
  problemAnnotations,
  repositoryPath,
} from './annotations.js';
import { probeIdentity, type Baseline } from './baseline.js';
import type { FailClass } from './fail-on.js';
import { judge } from './gate.js';
import type { RecordJson } from './record-json.js';

describe('GitHub annotations', () => {
  it('are on when GitHub Actions says so', () => {
    expect(annotationsOn({ GITHUB_ACTIONS: 'true' })).to.equal(true);
    expect(annotationsOn({})).to.equal(false);
    expect(annotationsOn({ GITHUB_ACTIONS: '' })).to.equal(false);
    expect(annotationsOn({ GITHUB_ACTIONS: 'false' })).to.equal(false);
  });

  it('escape messages and properties the way workflow commands need', () => {
    expect(escapeData('100% sure\r\nnext: a, b')).to.equal('100%25 sure%0D%0Anext: a, b');
    expect(escapeProperty('a: b, c%')).to.equal('a%3A b%2C c%25');
  });

  it('name the file, and the line and column when known', () => {
    expect(annotation('error', { file: 'scenarios/a.yaml', line: 12, col: 3, title: 'x: y' }, 'two\nlines')).to.equal(
      '::error file=scenarios/a.yaml,line=12,col=3,title=x%3A y::two%0Alines',
    );
    expect(annotation('warning', { file: 'a,b.yaml' }, 'm')).to.equal('::warning file=a%2Cb.yaml::m');
    expect(
      problemAnnotations(
        [{ file: 'no/such/dir', line: 0, column: 0, path: '', message: 'no such file or directory' }],
        {},
        '/repo',
      ),
    ).to.deep.equal(['::error file=no/such/dir,title=netpol-harness%3A bad input::no such file or directory']);
  });
});

describe('GitHub annotations of a gate', () => {
  const base: RecordJson = {
    scenario: 's',
    scenarioFile: 'scenarios/s.yaml',
    line: 10,
    step: 'apply',
    stepIndex: 1,
    from: 'a',
    to: 'b:80',
    port: 80,
    protocol: 'TCP',
    tool: 'nc',
    documented: ['blocked'],
    provenance: { kind: 'derived' },
    model: 'blocked',
    explanation: [],
    verdict: 'pass',
    reason: 'r',
    live: 'blocked',
  };
  const probe = (i: number, verdict: RecordJson['verdict']): RecordJson => ({
    ...base,
    line: 10 + i,
    from: `a${i}`,
    verdict,
  });
  const env = { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: '/repo' };
  const failOn = (records: RecordJson[], classes: FailClass[], baseline?: Baseline) =>
    judge({ records }, { failOn: classes, ...(baseline ? { baseline } : {}) });
  const heads = (lines: string[]) => lines.map((l) => l.replace(/::[^:]*$/, '').replace(/,title=.*/, ''));

  it('put enforcement mismatches first, then document defects, new before known, errors before warnings', () => {
    const records = [
      probe(1, 'document-defect'),
      probe(2, 'flaky'),
      probe(3, 'enforcement-mismatch'),
      probe(4, 'document-defect'),
      probe(5, 'inconclusive'),
      probe(6, 'pass'),
    ];
    const baseline: Baseline = {
      file: 'k.json',
      entries: [{ verdict: 'document-defect', ...probeIdentity(probe(1, 'pass')) }],
    };
    const gate = failOn(records, ['enforcement-mismatch', 'flaky'], baseline);
    const lines = gateAnnotations({ records, gate, baseline, env, cwd: '/repo' });
    expect(heads(lines)).to.deep.equal([
      '::error file=scenarios/s.yaml,line=13',
      '::error file=scenarios/s.yaml,line=12',
      '::warning file=scenarios/s.yaml,line=14',
      '::warning file=scenarios/s.yaml,line=11',
    ]);
  });

  it('keep 10 of each level, the last slot counting what was left out', () => {
    const records = [
      ...Array.from({ length: 12 }, (_, i) => probe(i, 'document-defect')),
      ...Array.from({ length: 11 }, (_, i) => probe(100 + i, 'enforcement-mismatch')),
    ];
    const lines = gateAnnotations({ records, gate: failOn(records, ['enforcement-mismatch']), env, cwd: '/repo' });
    expect(lines.filter((l) => l.startsWith('::error'))).to.have.length(10);
    expect(lines.filter((l) => l.startsWith('::warning'))).to.have.length(10);
    expect(heads(lines.slice(0, 9))).to.deep.equal(
      Array.from({ length: 9 }, (_, i) => `::error file=scenarios/s.yaml,line=${110 + i}`),
    );
    expect(lines.at(-1)).to.equal(
      "::error title=netpol-harness%3A more not annotated::2 more errors and 2 more warnings not annotated (2 enforcement-mismatch, 2 document-defect): GitHub shows 10 of each a step. Every one is in the job's reports (--markdown, --junit, --json).",
    );
    // Exactly 10 of a level: all of them, no summary.
    const ten = records.slice(0, 10);
    expect(gateAnnotations({ records: ten, gate: failOn(ten, []), env })).to.have.length(10);
  });

  it('annotate a contradicted API expectation on its line, and give paths relative to the repository', () => {
    const api = [
      {
        kind: 'api' as const,
        scenario: 'rbac',
        scenarioFile: '/repo/scenarios/rbac.yaml',
        line: 40,
        step: 'relabel',
        stepIndex: 2,
        request: 'label pod victim role=db',
        documented: 'forbidden',
        live: 'ok',
        code: 200,
        verdict: 'enforcement-mismatch',
        reason: 'the API server answered otherwise',
      },
    ];
    const gate = judge({ records: [], api }, { failOn: ['api-contradicted'] });
    expect(gateAnnotations({ records: [], api, gate, env, cwd: '/elsewhere' })).to.deep.equal([
      '::error file=scenarios/rbac.yaml,line=40,title=netpol-harness api-contradicted%3A rbac::api: label pod victim role=db in step "relabel": document forbidden, the API server answered ok (HTTP 200): the API server answered otherwise',
    ]);
    expect(repositoryPath('sub/x.yaml', { GITHUB_WORKSPACE: '/repo' }, '/repo/a')).to.equal('a/sub/x.yaml');
    expect(repositoryPath('/tmp/x.yaml', { GITHUB_WORKSPACE: '/repo' }, '/repo')).to.equal('/tmp/x.yaml');
    expect(repositoryPath('x.yaml', {}, '/repo')).to.equal('x.yaml');
  });
});
