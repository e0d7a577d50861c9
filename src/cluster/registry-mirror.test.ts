import { expect } from 'chai';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import {
  CONTAINERD_PATCH,
  hostsFiles,
  hostsToml,
  kindConfigWithMirror,
  manifestUrl,
  MIRRORED_REGISTRIES,
  parseMirror,
  qualifiedName,
  qualifyImage,
} from './registry-mirror.js';

const mirror = { host: 'netpol-harness-mirror', port: 5000 };

describe('registry mirror: names', () => {
  it('reads HOST:PORT, a name, an IPv4 or a bracketed IPv6 address', () => {
    expect(parseMirror('netpol-harness-mirror:5000')).to.deep.equal(mirror);
    expect(parseMirror('10.0.0.7:5001')).to.deep.equal({ host: '10.0.0.7', port: 5001 });
    expect(parseMirror('[fd00::7]:5000')).to.deep.equal({ host: '[fd00::7]', port: 5000 });
    expect(parseMirror('http://m:5000')).to.deep.equal({ host: 'm', port: 5000 });
    expect(parseMirror('https://mirror.corp.example:443')).to.deep.equal({
      scheme: 'https',
      host: 'mirror.corp.example',
      port: 443,
    });
    for (const bad of ['mirror', 'mirror:0', 'mirror:70000', 'ftp://mirror:5000', 'mirror:5000/v2', '-x:1', ''])
      expect(parseMirror(bad), bad).to.equal(undefined);
  });

  it('qualifies references as containerd does', () => {
    const cases: [string, string][] = [
      ['nginx', 'docker.io/library/nginx:latest'],
      ['nginx:alpine', 'docker.io/library/nginx:alpine'],
      ['curlimages/curl', 'docker.io/curlimages/curl:latest'],
      ['docker.io/calico/node:v3.30.1', 'docker.io/calico/node:v3.30.1'],
      ['index.docker.io/library/busybox:1.36', 'docker.io/library/busybox:1.36'],
      ['registry.k8s.io/pause:3.10.1', 'registry.k8s.io/pause:3.10.1'],
      ['localhost:5001/x/y:z', 'localhost:5001/x/y:z'],
      ['ghcr.io/a/b@sha256:abc', 'ghcr.io/a/b@sha256:abc'],
      ['netpol-harness/server:v1', 'docker.io/netpol-harness/server:v1'],
    ];
    for (const [given, want] of cases) expect(qualifiedName(qualifyImage(given)), given).to.equal(want);
  });

  it('asks the mirror for a manifest under the registry’s name', () => {
    expect(manifestUrl(mirror, qualifyImage('nginx'))).to.equal(
      'http://netpol-harness-mirror:5000/v2/docker.io/library/nginx/manifests/latest',
    );
    expect(manifestUrl(mirror, qualifyImage('ghcr.io/a/b@sha256:abc'))).to.equal(
      'http://netpol-harness-mirror:5000/v2/ghcr.io/a/b/manifests/sha256:abc',
    );
  });
});

describe('registry mirror: containerd hosts', () => {
  it('makes the mirror the only server of a registry, under that registry’s path, with no upstream fallback', () => {
    const parsed = parseToml(hostsToml('docker.io', mirror));
    expect(parsed).to.deep.equal({
      server: 'http://netpol-harness-mirror:5000/v2/docker.io',
      override_path: true,
      capabilities: ['pull', 'resolve'],
    });
  });

  it('keeps https for a mirror given as https://', () => {
    expect(parseToml(hostsToml('quay.io', { scheme: 'https', host: 'm.corp', port: 443 }))).to.include({
      server: 'https://m.corp:443/v2/quay.io',
    });
  });

  it('sends any other registry to a path the mirror never has, so it fails there and goes nowhere else', () => {
    const files = hostsFiles(mirror);
    expect(files.map((f) => f.dir)).to.deep.equal([...MIRRORED_REGISTRIES, '_default']);
    const fallback = files.find((f) => f.dir === '_default');
    expect(parseToml(fallback?.text ?? '')).to.include({
      server: 'http://netpol-harness-mirror:5000/v2/unlisted-registry',
    });
    for (const f of files) expect(parseToml(f.text), f.dir).to.not.have.property('host');
  });

  it('patches kind’s containerd config to read the hosts, keeping the kind config as it was', () => {
    const base = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n';
    const out = parseYaml(kindConfigWithMirror(base, mirror)) as Record<string, unknown>;
    expect(out).to.deep.equal({
      kind: 'Cluster',
      apiVersion: 'kind.x-k8s.io/v1alpha4',
      nodes: [{ role: 'control-plane' }],
      containerdConfigPatches: [CONTAINERD_PATCH],
    });
    expect(parseToml(CONTAINERD_PATCH)).to.deep.equal({
      plugins: { 'io.containerd.grpc.v1.cri': { registry: { config_path: '/etc/containerd/certs.d' } } },
    });
    const withOne = `${base}containerdConfigPatches:\n  - "x = 1"\n`;
    expect(
      (parseYaml(kindConfigWithMirror(withOne, mirror)) as { containerdConfigPatches: string[] })
        .containerdConfigPatches,
    ).to.deep.equal(['x = 1', CONTAINERD_PATCH]);
  });
});
