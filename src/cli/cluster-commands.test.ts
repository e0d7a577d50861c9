import { expect } from 'chai';
import { installers } from './installers.js';
import { main } from './program.js';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), colorOut: false }, installers);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cli: up --cni', () => {
  it('lists the CNIs and their default cluster names in --help', async () => {
    const r = await cli('up', '--help');
    expect(r.code).to.equal(0);
    expect(r.out.replace(/\s+/g, ' ')).to.include(
      '(choices: "calico", "kube-router", "bridge-no-policy", default: "calico")',
    );
    expect(r.out.replace(/\s+/g, ' ')).to.include(
      'default: netpol-harness for calico, netpol-harness-<cni> for the others',
    );
  });

  it('exits 2 on a CNI it does not know, before touching anything', async () => {
    const r = await cli('up', '--cni', 'cilium');
    expect(r.code).to.equal(2);
    expect(r.err).to.include(
      "error: option '--cni <name>' argument 'cilium' is invalid. Allowed choices are calico, kube-router, bridge-no-policy.",
    );
  });
});
