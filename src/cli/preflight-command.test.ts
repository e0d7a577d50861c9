import { expect } from 'chai';
import { installers } from './installers.js';
import { main } from './program.js';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), colorOut: false }, installers);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cli: netpol-harness preflight', () => {
  it('is a command of its own, and run can skip it', async () => {
    const help = await cli('preflight', '--help');
    expect(help.code).to.equal(0);
    for (const flag of [
      '--cluster <which>',
      '--kubeconfig <file>',
      '--context <name>',
      '--no-offline',
      '--retain',
      '--timeout <seconds>',
      '--deadline <seconds>',
    ])
      expect(help.out).to.include(flag);
    expect((await cli('run', '--help')).out).to.include('--skip-preflight');
  });

  it('exits 2 on a bad deadline, naming the flag and the value', async () => {
    const r = await cli('preflight', '--deadline', '0');
    expect(r.code).to.equal(2);
    expect(r.err).to.include('--deadline must be a whole number of seconds above 0, got "0"');
  });
});
