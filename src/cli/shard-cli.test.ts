import { expect } from 'chai';
import { main } from './program.js';
import { installers } from './installers.js';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), colorOut: false }, installers);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cli: --shard', () => {
  for (const command of ['check', 'run']) {
    it(`${command}: exits 2 on a bad value, naming the flag`, async () => {
      const r = await cli(command, 'scenarios', '--shard', '4/3');
      expect(r.code).to.equal(2);
      expect(r.err.split('\n')[0]).to.equal(
        `error: option '--shard <i/n>' argument '4/3' is invalid. expected i/n with 1 ≤ i ≤ n (such as 2/3), got "4/3"`,
      );
      expect(r.out).to.equal('');
    });
  }

  it('check: checks only the scenarios of the shard and says so', async () => {
    const r = await cli('check', 'scenarios', '--shard', '2/3', '--quiet');
    expect(r.out).to.include('\nshard 2/3: 44 of 132 scenarios (expected 1255 s of 3764 s)\nsummary: 44 scenarios,');
  });
});
