import { expect } from 'chai';
import { createProgress } from './progress.js';

describe('createProgress', () => {
  it('prints ✓ with the duration, ✗ on failure (and rethrows), • for information', async () => {
    const lines: string[] = [];
    let now = 0;
    const p = createProgress(
      (l) => lines.push(l),
      () => now,
    );
    expect(await p.step('Creating', async () => ((now += 1500), 'done'))).to.equal('done');
    const err = await p
      .step('Loading', async () => {
        now += 200;
        throw new Error('boom');
      })
      .catch((e: unknown) => e);
    p.info('reusing');
    p.result(false, 'CoreDNS: 0/2 ready');
    expect((err as Error).message).to.equal('boom');
    expect(lines).to.deep.equal([' ✓ Creating (1.5 s)', ' ✗ Loading (0.2 s)', ' • reusing', ' ✗ CoreDNS: 0/2 ready']);
  });
});
