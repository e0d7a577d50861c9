import { expect } from 'chai';
import { closest, didYouMean, editDistance } from './suggest.js';

describe('did you mean', () => {
  it('measures typos, including swapped letters', () => {
    expect(editDistance('check', 'check')).to.equal(0);
    expect(editDistance('chekc', 'check')).to.equal(1);
    expect(editDistance('captur', 'capture')).to.equal(1);
    expect(editDistance('run', 'up')).to.equal(2);
  });

  it('suggests the commands a typo away, or that the word begins', () => {
    const commands = ['check', 'findings', 'up', 'down', 'run', 'clean', 'completion'];
    expect(didYouMean('chek', commands)).to.equal(" (did you mean 'check'?)");
    expect(didYouMean('fin', commands)).to.equal(" (did you mean 'findings'?)");
    expect(closest('cl', commands)).to.deep.equal(['clean']);
    expect(didYouMean('captur', commands)).to.equal('');
  });
});
