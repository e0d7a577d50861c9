import { expect } from 'chai';
import { escapeUnprintable, excerpt } from './excerpt.js';

describe('excerpt', () => {
  it('escapes control, format and separator characters', () => {
    expect(escapeUnprintable('a\nb\tc\r\u001b[31m\u0000\u200b\u2028')).to.equal(
      'a\\nb\\tc\\r\\u{1b}[31m\\u{0}\\u{200b}\\u{2028}',
    );
  });

  it('keeps printable text, accents and emoji as they are', () => {
    expect(escapeUnprintable('café ✓ 🙂')).to.equal('café ✓ 🙂');
  });

  it('cuts long text and says how much was left out', () => {
    expect(excerpt('x'.repeat(100), 10)).to.equal('xxxxxxxxxx… (90 more characters)');
    expect(excerpt('short', 10)).to.equal('short');
  });
});
