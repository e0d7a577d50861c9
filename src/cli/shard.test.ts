import { expect } from 'chai';
import { loadScenarios } from '../scenario/load.js';
import { expectedCost, type Costed } from '../scenario/cost.js';
import { parseShard, selectShard, shardOf } from './shard.js';

/** A scenario with `steps` steps of `perStep` expectations each. */
function sc(name: string, steps: number, perStep: number): Costed {
  return { name, steps: Array.from({ length: steps }, () => ({ expectations: new Array<unknown>(perStep).fill(0) })) };
}

describe('parseShard', () => {
  it('reads i/n', () => {
    expect(parseShard('1/3')).to.deep.equal({ index: 1, count: 3 });
    expect(parseShard('3/3')).to.deep.equal({ index: 3, count: 3 });
    expect(parseShard('1/1')).to.deep.equal({ index: 1, count: 1 });
  });

  for (const bad of ['0/3', '4/3', '3', '1/0', 'a/b', '1/3/5', '-1/3', '']) {
    it(`rejects "${bad}" naming the expected form`, () => {
      expect(() => parseShard(bad)).to.throw(`expected i/n with 1 ≤ i ≤ n (such as 2/3), got "${bad}"`);
    });
  }
});

describe('shardOf', () => {
  const corpus = [
    sc('big', 7, 6),
    sc('mid-a', 3, 4),
    sc('mid-b', 3, 4),
    sc('small-a', 2, 2),
    sc('small-b', 2, 2),
    sc('tiny', 1, 1),
  ];

  it('puts the costliest first, each on the least loaded shard, and keeps the input order within a shard', () => {
    // costs: big 659, mid-a/mid-b 313, small-a/small-b 225, tiny 152
    expect(shardOf(corpus, 1, 3).map((s) => s.name)).to.deep.equal(['big']);
    expect(shardOf(corpus, 2, 3).map((s) => s.name)).to.deep.equal(['mid-a', 'small-a', 'tiny']);
    expect(shardOf(corpus, 3, 3).map((s) => s.name)).to.deep.equal(['mid-b', 'small-b']);
  });

  it('does not depend on the order of its input', () => {
    const reversed = [...corpus].reverse();
    for (const i of [1, 2, 3]) {
      expect(
        shardOf(reversed, i, 3)
          .map((s) => s.name)
          .sort(),
      ).to.deep.equal(
        shardOf(corpus, i, 3)
          .map((s) => s.name)
          .sort(),
      );
    }
  });

  it('gives empty shards when there are more shards than scenarios', () => {
    expect(shardOf([sc('only', 1, 1)], 1, 2).map((s) => s.name)).to.deep.equal(['only']);
    expect(shardOf([sc('only', 1, 1)], 2, 2)).to.deep.equal([]);
  });

  it('refuses an index outside 1..n', () => {
    expect(() => shardOf(corpus, 0, 3)).to.throw(RangeError, 'shard 0/3: expected 1 ≤ i ≤ n');
    expect(() => shardOf(corpus, 4, 3)).to.throw(RangeError, 'shard 4/3: expected 1 ≤ i ≤ n');
  });

  it('splits the corpus into parts that cover it exactly once, within one scenario of each other in cost', () => {
    const scenarios = loadScenarios(['scenarios']);
    for (const n of [2, 3, 5]) {
      const parts = [1, 2, 3, 4, 5].slice(0, n).map((i) => shardOf(scenarios, i, n));
      expect(
        parts
          .flat()
          .map((s) => s.name)
          .sort(),
      ).to.deep.equal(scenarios.map((s) => s.name).sort());
      const loads = parts.map((p) => p.reduce((t, s) => t + expectedCost(s), 0));
      const costliest = Math.max(...scenarios.map(expectedCost));
      expect(Math.max(...loads) - Math.min(...loads), `loads ${loads.join(', ')}`).to.be.at.most(costliest);
    }
  });
});

describe('selectShard', () => {
  it('says which part it picked', () => {
    const { scenarios, note } = selectShard([sc('a', 1, 1), sc('b', 1, 1)], { index: 2, count: 2 });
    expect(scenarios.map((s) => s.name)).to.deep.equal(['b']);
    expect(note).to.equal('shard 2/2: 1 of 2 scenarios (expected 15 s of 30 s)');
    expect(selectShard([sc('a', 1, 1)], undefined)).to.deep.equal({ scenarios: [sc('a', 1, 1)] });
  });
});
