import { expect } from 'chai';
import { lineOf } from './seed-lines.js';

const DOC = [
  '# Title',
  '',
  '## Notes',
  'Some text.',
  '',
  '```yaml',
  '# Admin access to admin port',
  '```',
  '## Other',
  'Notes again',
].join('\n');

describe('seed lines: where a claim is written in its document', () => {
  it('finds the quote after its section, else the section heading, else nothing', () => {
    expect(lineOf(DOC, 'Notes', '# Admin access to admin port')).to.equal(7);
    expect(lineOf(DOC, 'Notes', 'not in the text')).to.equal(3);
    expect(lineOf(DOC, 'Notes', undefined)).to.equal(3);
    expect(lineOf(DOC, 'Missing', undefined)).to.equal(undefined);
    // Whitespace and case do not matter; a quote of several lines is found by its first.
    expect(lineOf(DOC, 'other', '  SOME   text.\nmore')).to.equal(4);
  });
});
