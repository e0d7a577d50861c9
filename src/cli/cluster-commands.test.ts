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
      '(choices: "calico", "kube-router", "kube-network-policies", "bridge-no-policy", default: "calico")',
    );
    expect(r.out.replace(/\s+/g, ' ')).to.include(
      'default: netpol-harness for calico, netpol-harness-<cni> for the others',
    );
  });

  it('exits 2 on a CNI it does not know, before touching anything', async () => {
    const r = await cli('up', '--cni', 'cilium');
    expect(r.code).to.equal(2);
    expect(r.err).to.include(
      "error: option '--cni <name>' argument 'cilium' is invalid. Allowed choices are calico, kube-router, kube-network-policies, bridge-no-policy.",
    );
  });
});

describe('cli: up --ip-family', () => {
  it('lists the families in --help, for up and down', async () => {
    for (const command of ['up', 'down']) {
      const r = await cli(command, '--help');
      expect(r.code).to.equal(0);
      expect(r.out.replace(/\s+/g, ' ')).to.include('(choices: "ipv4", "ipv6", "dual", default: "ipv4")');
    }
  });

  it('exits 2 on a family it does not know', async () => {
    const r = await cli('up', '--ip-family', 'ipv5');
    expect(r.code).to.equal(2);
    expect(r.err).to.include(
      "error: option '--ip-family <family>' argument 'ipv5' is invalid. Allowed choices are ipv4, ipv6, dual.",
    );
  });

  it('exits 3 for kube-router on IPv6, saying why, before touching Docker or kind', async () => {
    const r = await cli('up', '--cni', 'kube-router', '--ip-family', 'ipv6');
    expect(r.code).to.equal(3);
    expect(r.err).to.include('--cni kube-router cannot be brought up IPv6 here: ');
    expect(r.err).not.to.include('Docker');
  });
});
