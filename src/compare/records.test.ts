import { expect } from 'chai';
import { InputError } from '../problems.js';
import { jsonLine, runRecord } from './fixtures.js';
import { parseRunRecords, probeKey } from './records.js';

function problemsOf(text: string): string[] {
  try {
    parseRunRecords(text, 'a.json');
  } catch (err) {
    if (err instanceof InputError) return err.problems.map((p) => `${p.line}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('compare: run --json records', () => {
  it('reads every line and remembers where it was', () => {
    const text = `${jsonLine(runRecord())}\n\n${jsonLine(runRecord({ from: 'y/a', live: 'allowed' }))}\n`;
    const rs = parseRunRecords(text, 'a.json');
    expect(rs.map((r) => [r.from, r.live, r.at])).to.deep.equal([
      ['x/b', 'blocked', 1],
      ['y/a', 'allowed', 3],
    ]);
    expect(rs[0]?.explanation).to.have.length(3);
  });

  it('reports every bad line at once, by line number', () => {
    const { runId: _r, live: _l, ...checkRecord } = runRecord();
    const problems = problemsOf(`${jsonLine(runRecord())}\n{oops\n${JSON.stringify(checkRecord)}\n[1]`);
    expect(problems[0]).to.match(/^2: not JSON: /);
    expect(problems.slice(1)).to.deep.equal([
      '3: "runId" is missing or not a string: not a `run --json` record (a `check --json` record has no live answer)',
      '4: not a JSON object',
    ]);
  });

  it('refuses a file with no records', () => {
    expect(problemsOf('\n\n')).to.deep.equal([
      '0: no records: expected the JSON lines `netpol-harness run --json` writes',
    ]);
  });

  it('keys a probe by what it is, not by the run that made it', () => {
    expect(probeKey(runRecord({ runId: 'one', live: 'allowed' }))).to.equal(probeKey(runRecord({ runId: 'two' })));
    expect(probeKey(runRecord({ port: 80 }))).to.not.equal(probeKey(runRecord()));
    expect(probeKey(runRecord({ stepIndex: 1 }))).to.not.equal(probeKey(runRecord()));
  });
});
