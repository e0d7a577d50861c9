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

  it('only the bare bridge says it enforces nothing; the bridge CNIs are one-node only', () => {
    expect(
      CNI_NAMES.map((n) => [n, cniProfile(n, root).enforcesNetworkPolicy, cniProfile(n, root).maxNodes]),
    ).to.deep.equal([
      ['calico', true, 2],
      ['kube-router', true, 1],
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
    expect(CNI_NAMES.map(defaultClusterName)).to.deep.equal([
      'netpol-harness',
      'netpol-harness-kube-router',
      'netpol-harness-bridge-no-policy',
    ]);
  });

  it('tells which CNI a cluster runs from its kube-system DaemonSets', () => {
    expect(detectCni(['kube-proxy', 'calico-node'])).to.equal('calico');
    expect(detectCni(['kube-proxy', 'kube-router'])).to.equal('kube-router');
    expect(detectCni(['bridge-cni', 'kube-proxy'])).to.equal('bridge-no-policy');
    expect(detectCni(['kube-proxy', 'kindnet'])).to.equal(undefined);
  });
});
