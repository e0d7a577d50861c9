import { expect } from 'chai';
import { main } from './program.js';
import { installers } from './installers.js';

describe('cli: run --external', () => {
  it('is refused on kind (exit 2, nothing run): stand-ins answer there, and nothing leaves the machine', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(
      ['run', '--external', 'src/cli/testdata/good'],
      { out: (s) => out.push(s), err: (s) => err.push(s), colorOut: false },
      installers,
    );
    expect(code).to.equal(2);
    expect(err).to.deep.equal([
      'error: --external: sends probes to addresses outside this machine, so it is for an existing cluster only (--cluster current, --kubeconfig or --context); on kind, stand-ins answer for the outside addresses',
      '1 problem in the input; nothing was run',
    ]);
    expect(out).to.deep.equal([]);
  });
});
