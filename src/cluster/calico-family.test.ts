import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { calicoIpam, calicoManifestForFamily, calicoNodeEnv } from './calico-family.js';

const manifest = readFileSync('calico/calico.yaml', 'utf8');

interface Env {
  name: string;
  value?: string;
  valueFrom?: unknown;
}

/** A manifest document, typed as far as these tests read it. */
interface Doc {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec?: { template: { spec: { containers: { name: string; env: Env[] }[] } } };
}

function docsOf(text: string): Doc[] {
  return parseAllDocuments(text).map((d) => d.toJS() as Doc);
}

function nodeEnv(text: string): Record<string, string | undefined> {
  const ds = docsOf(text).find((d) => d.kind === 'DaemonSet' && d.metadata.name === 'calico-node');
  const env = ds?.spec?.template.spec.containers.find((c) => c.name === 'calico-node')?.env;
  return Object.fromEntries((env ?? []).filter((e) => 'value' in e).map((e) => [e.name, e.value]));
}

function cniConfig(text: string): string {
  return docsOf(text).find((d) => d.kind === 'ConfigMap' && d.metadata.name === 'calico-config')?.data
    ?.cni_network_config as string;
}

/** The CNI config with its __PLACEHOLDERS__ filled as install-cni fills them, parsed. */
function cniIpam(text: string): Record<string, string> {
  const filled = cniConfig(text)
    .replace('__CNI_MTU__', '1450')
    .replace(/__[A-Z_]+__/g, 'x');
  return (JSON.parse(filled) as { plugins: { ipam?: Record<string, string> }[] }).plugins[0]?.ipam ?? {};
}

describe('calico.yaml per address family', () => {
  it('IPv4 is the checked file byte for byte', () => {
    expect(calicoManifestForFamily(manifest, 'ipv4')).to.equal(manifest);
  });

  it('the checked IPv4 manifest is what the table says for ipv4', () => {
    const env = nodeEnv(manifest);
    expect([env.IP, env.IP6, env.FELIX_IPV6SUPPORT, env.CALICO_IPV4POOL_CIDR]).to.deep.equal([
      'autodetect',
      'none',
      'false',
      '192.168.0.0/16',
    ]);
  });

  const table = [
    {
      family: 'ipv6',
      ipam: { type: 'calico-ipam', assign_ipv4: 'false', assign_ipv6: 'true' },
      env: {
        IP: 'none',
        IP6: 'autodetect',
        IP6_AUTODETECTION_METHOD: 'first-found',
        CALICO_IPV4POOL_CIDR: 'none',
        CALICO_IPV6POOL_CIDR: 'fd00:10:244::/56',
        CALICO_IPV6POOL_VXLAN: 'Always',
        CALICO_IPV6POOL_NAT_OUTGOING: 'true',
        FELIX_IPV6SUPPORT: 'true',
      },
    },
    {
      family: 'dual',
      ipam: { type: 'calico-ipam', assign_ipv4: 'true', assign_ipv6: 'true' },
      env: {
        IP: 'autodetect',
        IP6: 'autodetect',
        IP6_AUTODETECTION_METHOD: 'first-found',
        CALICO_IPV4POOL_CIDR: '192.168.0.0/16',
        CALICO_IPV6POOL_CIDR: 'fd00:10:244::/56',
        CALICO_IPV6POOL_VXLAN: 'Always',
        CALICO_IPV6POOL_NAT_OUTGOING: 'true',
        FELIX_IPV6SUPPORT: 'true',
      },
    },
  ] as const;

  for (const { family, ipam, env } of table) {
    it(`${family}: the CNI's ipam and calico-node's environment`, () => {
      const out = calicoManifestForFamily(manifest, family);
      expect(cniIpam(out)).to.deep.equal(ipam);
      const got = nodeEnv(out);
      for (const [name, value] of Object.entries(env)) expect(got[name], name).to.equal(value);
      // IPv4 VXLAN, IP-in-IP off and the rest as in the checked manifest.
      expect([got.CALICO_IPV4POOL_VXLAN, got.CALICO_IPV4POOL_IPIP, got.FELIX_DebugSkipCTLBCleanup]).to.deep.equal([
        'Always',
        'Never',
        'true',
      ]);
    });

    it(`${family}: every other document, and the comments, unchanged`, () => {
      const out = calicoManifestForFamily(manifest, family);
      const before = docsOf(manifest);
      const after = docsOf(out);
      expect(after.length).to.equal(before.length);
      after.forEach((d, i) => {
        if (d.kind === 'ConfigMap' || d.kind === 'DaemonSet') return;
        expect(d, `${d.kind} ${d.metadata.name}`).to.deep.equal(before[i]);
      });
      expect(out).to.include('# With BPF off, Felix still cleans up BPF connect-time load balancing');
      // Only the lines the family needs change (no reflowed flow sequences).
      const removed = manifest.split('\n').filter((l) => !out.split('\n').includes(l));
      expect(
        removed.every((l) => /value:|"type": "calico-ipam"|- name: IP6?$/.test(l)),
        removed.join('\n'),
      ).to.equal(true);
    });
  }

  it('says which layout it expected when the manifest is not ours', () => {
    expect(() => calicoManifestForFamily('kind: ConfigMap\nmetadata: {name: other}\n', 'ipv6')).to.throw(
      "calico/calico.yaml: no ConfigMap calico-config (src/cluster/calico-family.ts expects our manifest's layout)",
    );
    const noIpam = manifest.replace('"type": "calico-ipam"', '"type": "host-local"');
    expect(() => calicoManifestForFamily(noIpam, 'dual')).to.throw(
      'no "type": "calico-ipam" line in cni_network_config',
    );
  });

  it('the tables themselves', () => {
    expect(calicoIpam('ipv4')).to.deep.equal({ assign_ipv4: 'true', assign_ipv6: 'false' });
    expect(calicoNodeEnv('ipv4')).to.deep.equal({ IP: 'autodetect', IP6: 'none', FELIX_IPV6SUPPORT: 'false' });
  });
});
