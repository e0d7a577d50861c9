import { expect } from 'chai';
import { rewriteIpBlocks } from './stand-ins.js';

const standIns = new Map([['52.1.2.3', '172.18.0.9']]);

function egress(to: unknown[]): Record<string, unknown> {
  return { spec: { egress: [{ to, ports: [{ protocol: 'TCP', port: 443 }] }] } };
}

describe('rewriteIpBlocks: each policy keeps its meaning for the documented address', () => {
  it('adds the stand-in as a peer beside a block that admits the documented address only', () => {
    const m = egress([{ ipBlock: { cidr: '52.1.2.3/32' } }]);
    expect(rewriteIpBlocks(m, standIns)).to.deep.equal([
      'egress[0]: 172.18.0.9/32 (stand-in for 52.1.2.3, inside 52.1.2.3/32) added as a peer',
    ]);
    expect(m).to.deep.equal(egress([{ ipBlock: { cidr: '52.1.2.3/32' } }, { ipBlock: { cidr: '172.18.0.9/32' } }]));
  });

  it('an IPv6 stand-in joins as its /128', () => {
    const m = egress([{ ipBlock: { cidr: '2001:db8::/32' } }]);
    expect(rewriteIpBlocks(m, new Map([['2001:db8::5', 'fc00:f853:ccd:e793::3']]))).to.deep.equal([
      'egress[0]: fc00:f853:ccd:e793::3/128 (stand-in for 2001:db8::5, inside 2001:db8::/32) added as a peer',
    ]);
    expect(m).to.deep.equal(
      egress([{ ipBlock: { cidr: '2001:db8::/32' } }, { ipBlock: { cidr: 'fc00:f853:ccd:e793::3/128' } }]),
    );
  });

  it('excepts the stand-in from a block that excepts the documented address but would take the stand-in', () => {
    const m = egress([{ ipBlock: { cidr: '0.0.0.0/0', except: ['52.0.0.0/8'] } }]);
    expect(rewriteIpBlocks(m, standIns)).to.deep.equal([
      'egress[0]: 172.18.0.9/32 (stand-in for 52.1.2.3, outside what 0.0.0.0/0 admits) added to its except',
    ]);
    expect(m).to.deep.equal(egress([{ ipBlock: { cidr: '0.0.0.0/0', except: ['52.0.0.0/8', '172.18.0.9/32'] } }]));
  });

  it('excepts the stand-in from a private range that holds it but not the documented address', () => {
    const m = { spec: { ingress: [{ from: [{ ipBlock: { cidr: '172.16.0.0/12' } }] }] } };
    rewriteIpBlocks(m, standIns);
    expect(m).to.deep.equal({
      spec: { ingress: [{ from: [{ ipBlock: { cidr: '172.16.0.0/12', except: ['172.18.0.9/32'] } }] }] },
    });
  });

  it('leaves blocks alone where both already agree, and selectors always', () => {
    const m = egress([{ ipBlock: { cidr: '0.0.0.0/0' } }, { podSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8' } }]);
    expect(rewriteIpBlocks(m, standIns)).to.deep.equal([]);
    expect(m).to.deep.equal(
      egress([{ ipBlock: { cidr: '0.0.0.0/0' } }, { podSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8' } }]),
    );
  });
});
