import { expect } from 'chai';
import { costliestFirstAtOnce } from './run-corpus.js';
import type { Costed } from '../../scenario/cost.js';

function sc(name: string, steps: number): Costed {
  return { name, steps: Array.from({ length: steps }, () => ({ expectations: [] })) };
}

describe('costliestFirstAtOnce', () => {
  const corpus = [sc('one-step', 1), sc('five-steps', 5), sc('two-steps', 2), sc('seven-steps', 7)];

  it('starts the costliest first, at most `atOnce` at a time, and answers in the input order', async () => {
    const started: string[] = [];
    let running = 0;
    let most = 0;
    const results = await costliestFirstAtOnce(corpus, 2, async (s, i) => {
      started.push(s.name);
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return `${i}:${s.name}`;
    });
    expect(started).to.deep.equal(['seven-steps', 'five-steps', 'two-steps', 'one-step']);
    expect(most).to.equal(2);
    expect(results).to.deep.equal(['0:one-step', '1:five-steps', '2:two-steps', '3:seven-steps']);
  });

  it('passes a failure on', async () => {
    const failing = costliestFirstAtOnce(corpus, 4, async (s) => {
      if (s.name === 'two-steps') throw new Error('boom');
      return s.name;
    });
    await failing.then(
      () => expect.fail('should have failed'),
      (err: Error) => expect(err.message).to.equal('boom'),
    );
  });
});
