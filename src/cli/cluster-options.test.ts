import { expect } from 'chai';
import { parseClusterName, parseNodeCount, parseSeconds } from './cluster-options.js';

describe('cluster flags', () => {
  it('--nodes is 1 or 2', () => {
    expect(parseNodeCount('2')).to.equal(2);
    expect(() => parseNodeCount('3')).to.throw(
      '--nodes must be 1 or 2 (kind-config.yaml or kind-config-2node.yaml), got "3"',
    );
  });

  it('--name is a kind cluster name', () => {
    expect(parseClusterName('netpol-harness')).to.equal('netpol-harness');
    expect(() => parseClusterName('Bad_Name')).to.throw('got "Bad_Name"');
  });

  it('--ready-timeout is whole seconds above 0', () => {
    expect(parseSeconds('--ready-timeout')('90')).to.equal(90);
    expect(() => parseSeconds('--ready-timeout')('1.5')).to.throw(
      '--ready-timeout must be a whole number of seconds above 0, got "1.5"',
    );
  });
});
