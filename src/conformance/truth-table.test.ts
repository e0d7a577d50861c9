import { expect } from 'chai';
import { TruthTable } from './truth-table.js';

const pods = ['x/a', 'x/b', 'y/a', 'y/b'];

function denied(t: TruthTable): string[] {
  return t
    .cells()
    .filter((c) => !c.connected)
    .map((c) => `${c.from}>${c.to}`);
}

describe('TruthTable', () => {
  it('is connected everywhere by default and leaves loopback out', () => {
    const t = new TruthTable(pods);
    expect(t.cells()).to.have.length(12);
    expect(denied(t)).to.deep.equal([]);
  });

  it('expectPeer: an absent namespace or pod name matches every pod', () => {
    const t = new TruthTable(pods).expectPeer({}, { ns: 'x' }, false);
    expect(denied(t)).to.deep.equal(['x/a>x/b', 'x/b>x/a', 'y/a>x/a', 'y/a>x/b', 'y/b>x/a', 'y/b>x/b']);
  });

  it('later operations override earlier ones, in order', () => {
    const t = new TruthTable(pods).allIngress('x/a', false).expect('x/b', 'x/a', true);
    expect(denied(t)).to.deep.equal(['y/a>x/a', 'y/b>x/a']);
    t.allEgress('y/b', false);
    expect(denied(t)).to.deep.equal(['y/a>x/a', 'y/b>x/a', 'y/b>x/b', 'y/b>y/a']);
  });

  it('refuses a pod the table does not have', () => {
    expect(() => new TruthTable(pods).expect('z/a', 'x/a', false)).to.throw(/not a pair/);
  });
});
