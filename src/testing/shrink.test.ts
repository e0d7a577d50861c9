import { expect } from 'chai';
import { shrink } from './shrink.js';

describe('testing: shrink', () => {
  it('keeps only what the failure needs', () => {
    const value = { a: [1, 2, 3, { b: 4, c: [5, 6] }], d: 'x' };
    const fails = (v: typeof value): boolean => JSON.stringify(v).includes('6');
    expect(shrink(value, fails)).to.deep.equal({ a: [{ c: [6] }] });
  });

  it('counts a candidate that throws as passing', () => {
    const fails = (v: number[]): boolean => {
      if (v.length < 2) throw new Error('too small');
      return v.includes(3);
    };
    expect(shrink([1, 2, 3], fails)).to.deep.equal([2, 3]);
  });
});
