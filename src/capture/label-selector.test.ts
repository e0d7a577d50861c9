import { expect } from 'chai';
import { parseLabelSelector } from './label-selector.js';

describe('parseLabelSelector', () => {
  it('reads equality, inequality, sets and existence', () => {
    expect(parseLabelSelector('app=web,tier==front,env!=prod,role in (a, b),x notin (y),team,!legacy')).to.deep.equal({
      matchLabels: { app: 'web', tier: 'front' },
      matchExpressions: [
        { key: 'env', operator: 'NotIn', values: ['prod'] },
        { key: 'role', operator: 'In', values: ['a', 'b'] },
        { key: 'x', operator: 'NotIn', values: ['y'] },
        { key: 'team', operator: 'Exists', values: [] },
        { key: 'legacy', operator: 'DoesNotExist', values: [] },
      ],
    });
  });

  it('names the part it cannot read', () => {
    expect(() => parseLabelSelector('app=web,')).to.throw('empty term in label selector "app=web,"');
    expect(() => parseLabelSelector('app=we b')).to.throw('cannot read "app=we b" in label selector "app=we b"');
    expect(() => parseLabelSelector('app=-x')).to.throw('invalid label value "-x" in "app=-x"');
  });
});
