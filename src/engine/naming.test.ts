import { expect } from 'chai';
import type { Scenario } from '../scenario/types.js';
import { mapNamespace, namespaceMapping, realNamespaceName } from './naming.js';

describe('namespace naming', () => {
  it('maps a logical namespace to a run-unique real one', () => {
    expect(realNamespaceName('np02-limit-traffic', 'default', 'a1b2c3')).to.equal('np02-limit-traffic-a1b2c3-default');
  });

  it('shortens the scenario part to stay within 63 characters', () => {
    const name = realNamespaceName(
      'np99-a-very-long-scenario-name-that-goes-on-and-on-and-on',
      'netpol-backend',
      'a1b2c3',
    );
    expect(name).to.equal('np99-a-very-long-scenario-name-that-goes-a1b2c3-netpol-backend');
    expect(name.length).to.be.at.most(63);
  });

  it('maps default and every declared namespace, never kube-system', () => {
    const scenario = {
      name: 'np05',
      namespaces: [{ name: 'netpol-backend', labels: {} }],
      pods: [{ namespace: 'kube-system' }],
      services: [],
      policies: [],
    } as unknown as Scenario;
    const m = namespaceMapping(scenario, 'r1');
    expect([...m.entries()]).to.deep.equal([
      ['default', 'np05-r1-default'],
      ['netpol-backend', 'np05-r1-netpol-backend'],
    ]);
    expect(mapNamespace(m, 'kube-system')).to.equal('kube-system');
  });
});
