import { expect } from 'chai';
import { nodePairCounts, nodePairsMarkdown, renderNodePairsLine } from './node-pairs.js';

describe('reports: same-node and cross-node probes', () => {
  const records = [
    { sent: true, verdict: 'pass' as const, nodePair: 'cross-node' as const },
    { sent: true, verdict: 'document-defect' as const, nodePair: 'cross-node' as const },
    { sent: true, verdict: 'pass' as const, nodePair: 'same-node' as const },
    { sent: false, verdict: 'not-sent' as const, nodePair: 'same-node' as const },
    { sent: true, verdict: 'pass' as const },
  ];

  it('counts sent probes by pair type and verdict, and says it in a line and a table', () => {
    const counts = nodePairCounts(records);
    expect(counts.map((c) => [c.pair, c.sent, c.byVerdict.pass, c.byVerdict['document-defect']])).to.deep.equal([
      ['cross-node', 2, 1, 1],
      ['same-node', 1, 1, 0],
    ]);
    expect(renderNodePairsLine(counts)).to.equal(
      '  node pairs (probes sent between pods): 2 cross-node (67%): 1 pass, 1 document-defect; 1 same-node: 1 pass',
    );
    expect(nodePairsMarkdown(counts)[2]).to.equal('| cross-node | 2 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |');
  });

  it('says nothing when no probe crossed nodes (one node)', () => {
    const one = nodePairCounts(records.filter((r) => r.nodePair !== 'cross-node'));
    expect(one).to.deep.equal([]);
    expect(renderNodePairsLine(one)).to.equal(undefined);
    expect(nodePairsMarkdown(one)).to.deep.equal([]);
  });
});
