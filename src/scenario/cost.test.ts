import { expect } from 'chai';
import { costliestFirst, expectedCost, type Costed } from './cost.js';

/** A scenario with `steps` steps of `perStep` expectations each. */
function sc(name: string, steps: number, perStep: number): Costed {
  return { name, steps: Array.from({ length: steps }, () => ({ expectations: new Array<unknown>(perStep).fill(0) })) };
}

describe('expectedCost', () => {
  it('is a fixed part, a part per step and a part per expectation (tenths of a second)', () => {
    expect(expectedCost(sc('a', 2, 5))).to.equal(85 + 2 * 64 + 10 * 3);
    expect(expectedCost(sc('b', 1, 0))).to.equal(85 + 64);
  });
});

describe('costliestFirst', () => {
  it('starts the costliest scenario first; equal costs keep their order', () => {
    const corpus = [sc('small', 1, 1), sc('big', 7, 6), sc('mid-a', 3, 4), sc('tiny', 1, 0), sc('mid-b', 3, 4)];
    expect(costliestFirst(corpus).map((i) => corpus[i]?.name)).to.deep.equal([
      'big',
      'mid-a',
      'mid-b',
      'small',
      'tiny',
    ]);
  });

  it('is every index once', () => {
    expect(costliestFirst([])).to.deep.equal([]);
    expect([...costliestFirst([sc('a', 1, 1), sc('b', 1, 1), sc('c', 2, 1)])].sort()).to.deep.equal([0, 1, 2]);
  });
});
