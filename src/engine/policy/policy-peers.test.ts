import { expect } from 'chai';
import { rulePeers } from './policy-peers.js';

describe('rulePeers', () => {
  it("lists every rule's peer list as written, ingress first, skipping rules without one", () => {
    const from = [{ podSelector: {} }];
    const to = [{ ipBlock: { cidr: '10.0.0.0/8' } }];
    const spec = { egress: [{ to }, { ports: [] }], ingress: ['not a rule', { from }] };
    const lists = rulePeers(spec);
    expect(lists.map(({ rulesKey, peersKey, index }) => `${rulesKey}[${index}].${peersKey}`)).to.deep.equal([
      'ingress[1].from',
      'egress[0].to',
    ]);
    // the lists are the manifest's own: a peer added is in the manifest
    lists[1]?.peers.push({ ipBlock: { cidr: '192.168.0.1/32' } });
    expect(spec.egress[0]?.to).to.have.length(2);
  });

  it('finds nothing in a spec that is not an object', () => {
    expect(rulePeers(undefined)).to.deep.equal([]);
    expect(rulePeers([])).to.deep.equal([]);
  });
});
