import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { CNI_NAMES, cniProfile, defaultClusterName, detectCni, readinessRequirements } from './cni.js';
import { imagesFromManifest } from './images.js';
import { parseEnvFile } from './node-image.js';

const root = process.cwd();

describe('CNI profiles (up --cni)', () => {
  it('each names manifests that exist, a SHA256SUMS beside them, and agents its manifests create', () => {
    for (const name of CNI_NAMES) {
      const p = cniProfile(name, root);
      expect(existsSync(`${p.dir}/SHA256SUMS`), name).to.equal(true);
      const text = p.manifests.map((m) => readFileSync(m, 'utf8')).join('\n---\n');
      for (const a of p.agents)
        expect(text, `${name}: ${a.kind} ${a.name}`).to.match(
          new RegExp(`kind: ${a.kind}\\n(?:.*\\n){0,3}?  name: ${a.name}\\n`),
        );
    }
  });

  it('kube-router: its pinned image is the one its manifest runs, with the pinned flags', () => {
    const p = cniProfile('kube-router', root);
    const pins = parseEnvFile(readFileSync(p.versions?.file ?? '', 'utf8'));
    const manifest = readFileSync(p.manifests[0] ?? '', 'utf8');
    expect(imagesFromManifest(manifest)).to.deep.equal([pins.KUBE_ROUTER_IMAGE]);
    expect(pins.KUBE_ROUTER_IMAGE).to.equal(`docker.io/cloudnativelabs/kube-router:${pins.KUBE_ROUTER_VERSION}`);
    for (const flag of ['--run-router=false', '--run-service-proxy=false', '--run-firewall=true'])
      expect(manifest).to.include(`- ${flag}`);
  });

  it('only the bare bridge says it enforces nothing, and works on one node only', () => {
    expect(
      CNI_NAMES.map((n) => [n, cniProfile(n, root).enforcesNetworkPolicy, cniProfile(n, root).maxNodes]),
    ).to.deep.equal([
      ['calico', true, 2],
      ['kube-router', true, 2],
      ['kube-network-policies', true, 1],
      ['bridge-no-policy', false, 1],
    ]);
  });

  it('up waits for the CNI agents, then CoreDNS', () => {
    expect(readinessRequirements(cniProfile('kube-router', root)).map((r) => `${r.kind}/${r.name}`)).to.deep.equal([
      'DaemonSet/kube-router',
      'Deployment/coredns',
    ]);
    expect(readinessRequirements(cniProfile('calico', root)).map((r) => r.name)).to.deep.equal([
      'calico-node',
      'calico-kube-controllers',
      'coredns',
    ]);
  });

  it('keeps the historical cluster name for Calico and gives the others their own', () => {
    expect(CNI_NAMES.map((n) => defaultClusterName(n))).to.deep.equal([
      'netpol-harness',
      'netpol-harness-kube-router',
      'netpol-harness-kube-network-policies',
      'netpol-harness-bridge-no-policy',
    ]);
  });

  it('gives each address family a cluster of its own, IPv4 keeping the name it always had', () => {
    expect(
      (['ipv4', 'ipv6', 'dual'] as const).map((f) => [
        defaultClusterName('calico', f),
        defaultClusterName('kube-router', f),
      ]),
    ).to.deep.equal([
      ['netpol-harness', 'netpol-harness-kube-router'],
      ['netpol-harness-ipv6', 'netpol-harness-kube-router-ipv6'],
      ['netpol-harness-dual', 'netpol-harness-kube-router-dual'],
    ]);
  });

  it('only Calico comes up IPv6 or dual-stack; the bridge CNIs say why not', () => {
    expect(CNI_NAMES.map((n) => [n, cniProfile(n, root).ipFamilies])).to.deep.equal([
      ['calico', ['ipv4', 'ipv6', 'dual']],
      ['kube-router', ['ipv4']],
      ['kube-network-policies', ['ipv4']],
      ['bridge-no-policy', ['ipv4']],
    ]);
    expect(cniProfile('kube-router', root).familyRefusal).to.include('v2.1.1 release notes');
    expect(cniProfile('bridge-no-policy', root).familyRefusal).to.include('IPv4 only');
  });

  it("renders calico.yaml for the family and leaves every other manifest's text alone", () => {
    const calico = cniProfile('calico', root);
    const [crds = '', manifest = ''] = calico.manifests;
    const text = readFileSync(manifest, 'utf8');
    expect(calico.renderManifest(manifest, text, 'ipv4', 1)).to.equal(text);
    expect(calico.renderManifest(manifest, text, 'ipv4', 2)).to.equal(text);
    expect(calico.renderManifest(manifest, text, 'ipv6', 1)).to.include('"assign_ipv6": "true"');
    expect(calico.renderManifest(crds, 'kind: X\n', 'ipv6', 1)).to.equal('kind: X\n');
    const kr = cniProfile('kube-router', root);
    const krText = readFileSync(kr.manifests[0] ?? '', 'utf8');
    expect(kr.renderManifest(kr.manifests[0] ?? '', krText, 'ipv4', 1)).to.equal(krText);
  });

  it('tells which CNI a cluster runs from its kube-system DaemonSets', () => {
    expect(detectCni(['kube-proxy', 'calico-node'])).to.equal('calico');
    expect(detectCni(['kube-proxy', 'kube-router'])).to.equal('kube-router');
    expect(detectCni(['bridge-cni', 'kube-proxy'])).to.equal('bridge-no-policy');
    expect(detectCni(['kube-proxy', 'kindnet'])).to.equal(undefined);
  });
});
