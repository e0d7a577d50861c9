import { expect } from 'chai';
import { shapeDifferences, shapeLabel } from './command.js';
import { parseRunFile } from './records.js';

const record = {
  scenario: 's',
  scenarioFile: 's.yaml',
  line: 3,
  step: 'one',
  stepIndex: 0,
  from: 'a',
  to: 'b:80',
  port: 80,
  protocol: 'TCP',
  tool: 'nc',
  documented: ['allowed'],
  model: 'allowed',
  explanation: [],
  verdict: 'pass',
  runId: 'r1-0',
  live: 'allowed',
};

describe('compare: the runs’ cluster shapes', () => {
  it('reads the header of a run file, and leaves out header and API records as no probes', () => {
    const text = [
      JSON.stringify({ kind: 'run', runId: 'r1', shape: { cni: 'calico', cniVersion: 'v3.30.1', nodes: 2 } }),
      JSON.stringify(record),
      JSON.stringify({ kind: 'api', scenario: 's', verdict: 'pass' }),
    ].join('\n');
    const run = parseRunFile(text, 'a.json');
    expect(run.records).to.have.length(1);
    expect(run.shape).to.deep.equal({ cni: 'calico', cniVersion: 'v3.30.1', nodes: 2 });
    expect(parseRunFile(JSON.stringify(record), 'old.json').shape).to.equal(undefined);
  });

  it('labels a run by its CNI, and names what else differs', () => {
    expect(shapeLabel({ cni: 'calico', cniVersion: 'v3.30.1' })).to.equal('calico v3.30.1');
    expect(shapeLabel({ cni: 'kube-router' })).to.equal('kube-router');
    expect(shapeLabel(undefined)).to.equal(undefined);
    expect(
      shapeDifferences(
        { cni: 'calico', cniVersion: 'v3.30.1', nodes: 1, ipFamily: 'ipv4' },
        { cni: 'kube-router', cniVersion: 'v2.1.0', nodes: 2, ipFamily: 'ipv4' },
      ),
    ).to.deep.equal(['nodes: 1 against 2']);
    expect(shapeDifferences({ cni: 'calico' }, undefined)).to.deep.equal([]);
  });
});
