import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentError } from '../errors.js';
import { KindDriver } from './kind.js';
import { createProgress } from './progress.js';
import { repoFiles } from './repo-files.js';
import { CommandNotFoundError, type CommandResult, type RunCommand } from './program-runner.js';

type Script = (file: string, args: string[]) => Partial<CommandResult> | 'not-found';

/** A RunCommand answering from a script and recording every command line. */
function fakeRun(script: Script): RunCommand & { lines: string[] } {
  const lines: string[] = [];
  const run = async (file: string, args: string[]) => {
    lines.push([file, ...args].join(' '));
    const answer = script(file, args);
    if (answer === 'not-found') throw new CommandNotFoundError(file);
    return { exitCode: 0, stdout: '', stderr: '', ...answer };
  };
  return Object.assign(run, { lines });
}

/** Docker and kind present, every image present, the given clusters and nodes. */
const healthyHost =
  (clusters: string[], nodes: string[] = ['netpol-harness-control-plane']): Script =>
  (file, args) => {
    const cmd = args.join(' ');
    if (file === 'docker' && cmd.startsWith('info')) return { stdout: '27.0.1\n' };
    if (file === 'docker' && cmd.startsWith('images')) return { stdout: 'netpol-harness/kind-node:v1.34.4\n' };
    if (file === 'kind' && cmd === 'version') return { stdout: 'kind v0.32.0 go1.26 linux/amd64\n' };
    if (file === 'kind' && cmd === 'get clusters') return { stdout: clusters.join('\n') };
    if (file === 'kind' && cmd.startsWith('get nodes')) return { stdout: nodes.join('\n') };
    return {};
  };

async function failureOf(driver: KindDriver): Promise<EnvironmentError> {
  const err = await driver.ensureUp(createProgress(() => undefined)).catch((e: unknown) => e);
  expect(err).to.be.instanceOf(EnvironmentError);
  return err as EnvironmentError;
}

const options = {
  name: 'netpol-harness',
  nodes: 1 as const,
  readyTimeoutSeconds: 5,
  files: repoFiles(process.cwd()),
  cacheDir: join(process.cwd(), 'no-such-cache'),
};

describe('KindDriver.ensureUp environment errors', () => {
  it('Docker missing', async () => {
    const err = await failureOf(
      new KindDriver({ ...options, run: fakeRun((f) => (f === 'docker' ? 'not-found' : {})) }),
    );
    expect([err.message, err.hint]).to.deep.equal([
      'Docker is not installed (no docker command on PATH)',
      'bash offline/docker-setup.sh',
    ]);
  });

  it('Docker not running', async () => {
    const err = await failureOf(
      new KindDriver({
        ...options,
        run: fakeRun((f) =>
          f === 'docker'
            ? { exitCode: 1, stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock' }
            : {},
        ),
      }),
    );
    expect(err.message).to.equal(
      'Docker is not running: docker info failed:\nCannot connect to the Docker daemon at unix:///var/run/docker.sock',
    );
    expect(err.hint).to.equal('bash offline/docker-setup.sh');
  });

  it('kind missing', async () => {
    const host = healthyHost([]);
    const err = await failureOf(
      new KindDriver({ ...options, run: fakeRun((f, a) => (f === 'kind' ? 'not-found' : host(f, a))) }),
    );
    expect([err.message, err.hint]).to.deep.equal([
      'kind is not installed (no kind command on PATH)',
      'bash offline/build.sh (it installs kind)',
    ]);
  });

  it('--offline without the node image', async () => {
    const host = healthyHost([]);
    const run = fakeRun((f, a) =>
      f === 'docker' && a[0] === 'images'
        ? { stdout: '' }
        : f === 'docker' && a[0] === 'image'
          ? { exitCode: 1 }
          : host(f, a),
    );
    const err = await failureOf(new KindDriver({ ...options, offline: true, run }));
    expect([err.message, err.hint]).to.deep.equal([
      'images not built: --offline: no local node image netpol-harness/kind-node:v1.34.4',
      'bash offline/build.sh',
    ]);
  });

  it('offline with a test image missing', async () => {
    const host = healthyHost([]);
    const run = fakeRun((f, a) =>
      f === 'docker' && a[0] === 'image' && a.at(-1) === 'netpol-harness/netshoot:v1' ? { exitCode: 1 } : host(f, a),
    );
    const err = await failureOf(new KindDriver({ ...options, run }));
    expect(err.message).to.equal(
      'images not built: netpol-harness/netshoot:v1 (offline: no registry to pull them from)',
    );
  });

  it('an existing cluster with another node count is not reused', async () => {
    const run = fakeRun(healthyHost(['netpol-harness'], ['netpol-harness-control-plane']));
    const err = await failureOf(new KindDriver({ ...options, nodes: 2, run }));
    expect(err.message).to.equal('kind cluster "netpol-harness" exists with 1 node, but 2 were asked for');
    expect(run.lines.some((l) => l.startsWith('kind create') || l.startsWith('kind delete'))).to.equal(false);
  });
});

describe('KindDriver reusing a cluster', () => {
  /** An existing cluster whose node container was made from `nodeImageId`; the image is now `currentId`. */
  async function reuseLines(nodeImageId: string, currentId: string): Promise<string[]> {
    const host = healthyHost(['netpol-harness']);
    const run = fakeRun((f, a) => {
      const cmd = a.join(' ');
      if (f === 'docker' && cmd === 'image inspect --format {{.Id}} netpol-harness/kind-node:v1.34.4')
        return { stdout: `${currentId}\n` };
      if (f === 'docker' && cmd === 'container inspect --format {{.Image}} netpol-harness-control-plane')
        return { stdout: `${nodeImageId}\n` };
      return host(f, a);
    });
    const lines: string[] = [];
    // The fake kind gives no kubeconfig, so ensureUp stops before any API call: only the lines before matter.
    await new KindDriver({ ...options, offline: true, run })
      .ensureUp(createProgress((l) => lines.push(l)))
      .catch(() => undefined);
    return lines;
  }

  it('says when the nodes run an older build of the node image than the one in Docker', async () => {
    const lines = await reuseLines('sha256:old', 'sha256:new');
    expect(lines).to.include(
      ' • its nodes run an older build of netpol-harness/kind-node:v1.34.4 than the one in Docker now (it was rebuilt after the cluster was made): recreate the cluster to run the current build (netpol-harness down --name netpol-harness, then up)',
    );
  });

  it('says nothing more when they run the current build', async () => {
    const lines = await reuseLines('sha256:same', 'sha256:same');
    expect(lines.some((l) => l.includes('reusing the existing kind cluster'))).to.equal(true);
    expect(lines.some((l) => l.includes('older build'))).to.equal(false);
  });
});

describe('KindDriver.down', () => {
  it('deletes an existing cluster and says when there is none', async () => {
    const lines: string[] = [];
    const run = fakeRun(healthyHost(['netpol-harness']));
    await new KindDriver({ ...options, run }).down(createProgress((l) => lines.push(l)));
    expect(run.lines).to.include('kind delete cluster --name netpol-harness');
    await new KindDriver({ ...options, name: 'other', run }).down(createProgress((l) => lines.push(l)));
    expect(lines.at(-1)).to.equal(' • no kind cluster named "other": nothing to delete');
  });
});

describe('KindDriver with --cni', () => {
  it('refuses two nodes for the bare bridge before touching Docker or kind', async () => {
    const run = fakeRun(healthyHost([]));
    const err = await failureOf(new KindDriver({ ...options, cni: 'bridge-no-policy', nodes: 2, run }));
    expect([err.message, err.hint]).to.deep.equal([
      '--cni bridge-no-policy works on 1 node here (the bridge plugin has no routes between nodes), 2 were asked for',
      'pass --nodes 1, or --cni calico',
    ]);
    expect(run.lines).to.deep.equal([]);
  });

  it('names the CNI and its pinned version in describe()', async () => {
    const driver = new KindDriver({ ...options, cni: 'kube-router', run: fakeRun(healthyHost([])) });
    expect(driver.describe()).to.equal(
      'kind cluster "netpol-harness" (1 node, kube-router v2.1.0 network policy, bridge CNI)',
    );
    expect(new KindDriver({ ...options }).describe()).to.equal(
      'kind cluster "netpol-harness" (1 node, Calico v3.30.1 VXLAN)',
    );
  });
});

describe('KindDriver with --ip-family', () => {
  it('refuses IPv6 and dual-stack for kube-router and the bare bridge before touching Docker or kind', async () => {
    for (const cni of ['kube-router', 'bridge-no-policy'] as const) {
      for (const ipFamily of ['ipv6', 'dual'] as const) {
        const run = fakeRun(healthyHost([]));
        const err = await failureOf(new KindDriver({ ...options, cni, ipFamily, run }));
        expect(err.message).to.match(
          new RegExp(`^--cni ${cni} cannot be brought up ${ipFamily === 'ipv6' ? 'IPv6' : 'dual-stack'} here: `),
        );
        expect(err.hint).to.equal('pass --ip-family ipv4, or --cni calico');
        expect(run.lines).to.deep.equal([]);
      }
    }
  });

  it('refuses an IPv4-only kind network before creating anything', async () => {
    const host = healthyHost([]);
    const run = fakeRun((f, a) =>
      f === 'docker' && a.slice(0, 3).join(' ') === 'network inspect kind'
        ? { stdout: 'false|172.18.0.0/16 ' }
        : host(f, a),
    );
    const err = await failureOf(new KindDriver({ ...options, name: 'netpol-harness-ipv6', ipFamily: 'ipv6', run }));
    expect(err.message).to.match(/^Docker network "kind" has no IPv6 \(EnableIPv6 false\)/);
    expect(run.lines.some((l) => l.startsWith('kind create'))).to.equal(false);
  });

  it('creates the cluster from the generated config, and removes the temporary file', async () => {
    const host = healthyHost([]);
    let config = '';
    let path = '';
    const run = fakeRun((f, a) => {
      if (f === 'kind' && a[0] === 'create') {
        path = a[a.indexOf('--config') + 1] ?? '';
        config = readFileSync(path, 'utf8');
        return { exitCode: 1, stderr: 'stop here' };
      }
      if (f === 'docker' && a.slice(0, 3).join(' ') === 'network inspect kind')
        return { stdout: 'true|172.18.0.0/16 fc00:f853:ccd:e793::/64 ' };
      return host(f, a);
    });
    const lines: string[] = [];
    const driver = new KindDriver({ ...options, name: 'netpol-harness-dual', nodes: 2, ipFamily: 'dual', run });
    await driver.ensureUp(createProgress((l) => lines.push(l))).catch(() => undefined);
    expect(config).to.include('ipFamily: dual');
    expect(config).to.include('podSubnet: 192.168.0.0/16,fd00:10:244::/56');
    expect(config).to.include('- role: worker');
    expect(existsSync(path)).to.equal(false);
    expect(lines.some((l) => l.includes('Docker network "kind" has IPv6 (fc00:f853:ccd:e793::/64)'))).to.equal(true);
    expect(driver.describe()).to.equal(
      'kind cluster "netpol-harness-dual" (2 nodes, dual-stack, Calico v3.30.1 VXLAN, node image netpol-harness/kind-node:v1.34.4)',
    );
  });

  it('IPv4 creates from kind-config.yaml itself and never looks at the network', async () => {
    const host = healthyHost([]);
    const run = fakeRun((f, a) => (f === 'kind' && a[0] === 'create' ? { exitCode: 1 } : host(f, a)));
    await new KindDriver({ ...options, run }).ensureUp(createProgress(() => undefined)).catch(() => undefined);
    expect(run.lines.find((l) => l.startsWith('kind create'))).to.match(
      new RegExp(`--config ${join(process.cwd(), 'kind-config.yaml')}( |$)`),
    );
    expect(run.lines.some((l) => l.startsWith('docker network inspect kind --format {{.EnableIPv6}}'))).to.equal(false);
  });
});

describe('KindDriver with --registry-mirror', () => {
  const mirror = { host: 'netpol-harness-mirror', port: 5000 };

  it('creates the cluster with containerd reading the hosts directory', async () => {
    const host = healthyHost([]);
    let config = '';
    const run = fakeRun((f, a) => {
      if (f === 'kind' && a[0] === 'create') {
        config = readFileSync(a[a.indexOf('--config') + 1] ?? '', 'utf8');
        return { exitCode: 1, stderr: 'stop here' };
      }
      return host(f, a);
    });
    await new KindDriver({ ...options, registryMirror: mirror, run })
      .ensureUp(createProgress(() => undefined))
      .catch(() => undefined);
    expect(config).to.include('containerdConfigPatches:');
    expect(config).to.include('config_path = "/etc/containerd/certs.d"');
    expect(run.lines.some((l) => l.startsWith('kind load'))).to.equal(false);
  });

  /** A reused cluster whose mirror answers /v2/ with `ping` and each manifest with `manifest`. */
  function mirrorHost(ping: string, manifest: string) {
    const host = healthyHost(['netpol-harness']);
    return fakeRun((f, a) => {
      const cmd = a.join(' ');
      if (f === 'docker' && cmd.includes(' curl -sS ')) return { stdout: ping };
      if (f === 'docker' && cmd.includes('ACCEPT=')) {
        const urls = a.slice(a.indexOf('sh', a.indexOf('-c') + 2) + 1);
        return { stdout: urls.map((u) => `${manifest} ${u}`).join('\n') };
      }
      return host(f, a);
    });
  }

  it('asks the mirror first: one that lacks an image stops before any node is pointed at it', async () => {
    const run = mirrorHost('200', '404');
    const err = await failureOf(new KindDriver({ ...options, registryMirror: mirror, run }));
    expect(err.message).to.equal(
      'the registry mirror netpol-harness-mirror:5000 lacks 3 of the 3 images for calico (nothing is pulled from elsewhere): docker.io/calico/cni:v3.30.1, docker.io/calico/node:v3.30.1, docker.io/calico/kube-controllers:v3.30.1',
    );
    expect(run.lines.some((l) => l.includes('mkdir'))).to.equal(false);
  });

  it('names a mirror that does not answer', async () => {
    const err = await failureOf(new KindDriver({ ...options, registryMirror: mirror, run: mirrorHost('000', '200') }));
    expect(err.message).to.equal(
      'the registry mirror netpol-harness-mirror:5000 does not answer from node netpol-harness-control-plane: HTTP 000 from http://netpol-harness-mirror:5000/v2/',
    );
  });

  it('writes a hosts.toml per registry into each node once the mirror has what is needed', async () => {
    const run = mirrorHost('200', '200');
    await new KindDriver({ ...options, registryMirror: mirror, run })
      .ensureUp(createProgress(() => undefined))
      .catch(() => undefined);
    const writes = run.lines.filter((l) => l.includes('mkdir -p'));
    expect(writes.map((l) => /certs\.d\/(\S+)/.exec(l)?.[1])).to.deep.equal([
      'docker.io',
      'registry.k8s.io',
      'k8s.gcr.io',
      'gcr.io',
      'quay.io',
      'ghcr.io',
      'mcr.microsoft.com',
      'public.ecr.aws',
      '_default',
    ]);
  });

  it('refuses a cluster made without it: its containerd would pull from the registries themselves', async () => {
    const host = healthyHost(['netpol-harness']);
    const run = fakeRun((f, a) => (f === 'docker' && a.includes('grep') ? { exitCode: 1 } : host(f, a)));
    const err = await failureOf(new KindDriver({ ...options, registryMirror: mirror, run }));
    expect(err.message).to.match(/was made without --registry-mirror: containerd on netpol-harness-control-plane/);
  });
});

describe('KindDriver reusing a cluster whose node changed address', () => {
  it('says at once that it cannot come back, instead of waiting for its API server', async () => {
    const host = healthyHost(['netpol-harness']);
    const run = fakeRun((f, a) => {
      const cmd = a.join(' ');
      if (f === 'docker' && cmd.includes('{{.IPAddress}}')) return { stdout: '172.18.0.3 fc00::3 ' };
      if (f === 'docker' && cmd.includes('--advertise-address')) return { stdout: '--advertise-address=172.18.0.2\n' };
      return host(f, a);
    });
    const err = await failureOf(new KindDriver({ ...options, run }));
    expect(err.message).to.match(
      /now has 172\.18\.0\.3, fc00::3 on the kind network, but its API server was set up for 172\.18\.0\.2/,
    );
    expect(err.hint).to.equal('netpol-harness down --name netpol-harness, then up again (about a minute)');
  });
});
