import { expect } from 'chai';
import { historyText } from './live-console.js';

describe('historyText', () => {
  it('folds repeated outcomes in the order probed', () => {
    expect(historyText(['allowed', 'allowed', 'allowed', 'blocked', 'blocked', 'allowed'])).to.equal(
      'allowed ×3 → blocked ×2 → allowed',
    );
    expect(historyText(['refused'])).to.equal('refused');
    expect(historyText([])).to.equal('');
  });
});
