import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { ClusterSnapshot } from '../capture/cluster-objects.js';
import { startListOnlyServer, type ListOnlyServer } from '../testing/read-only-server.js';
import { installers } from './installers.js';
import { main } from './program.js';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), colorOut: false }, installers);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const snapshot = JSON.parse(readFileSync('src/capture/testdata/np02-run.json', 'utf8')) as ClusterSnapshot;
const DEFAULT_NS = 'np02-mistake-5-namespace-scope-d32506-1-default';
const FRONTEND_NS = 'np02-mistake-5-namespace-scope-d32506-1-frontend';

describe('cli: capture, explain and diff on a cluster that refuses every write', () => {
  let server: ListOnlyServer;
  let kubeconfig: string;
  let dir: string;
  beforeEach(async () => {
    server = await startListOnlyServer(snapshot);
    dir = mkdtempSync(join(tmpdir(), 'nph-capture-'));
    kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, server.kubeConfig.exportConfig());
  });
  afterEach(async () => {
    await server.close();
  });

  it('capture writes the scenario and lists what it left out, sending GETs only', async () => {
    const out = join(dir, 'captured.yaml');
    const r = await cli(
      'capture',
      '--kubeconfig',
      kubeconfig,
      '-n',
      DEFAULT_NS,
      FRONTEND_NS,
      '--name',
      'np02-captured',
      '-o',
      out,
    );
    expect(r.code).to.equal(0);
    expect(r.out).to.equal('');
    expect(r.err.split('\n')[0]).to.equal(`capture: ${DEFAULT_NS}, ${FRONTEND_NS} (context read-only) -> ${out}`);
    expect(r.err).to.include(
      '  left out: volumes and volume mounts of 4 pods (secrets, config maps, service account tokens)',
    );
    expect(readFileSync(out, 'utf8')).to.include('name: np02-captured\n');
    expect(server.refused).to.deep.equal([]);
    expect(server.requests.every((q) => q.method === 'GET')).to.equal(true);
  });

  it('explain and diff read the cluster the same way', async () => {
    const e = await cli('explain', 'frontend/other-frontend', 'default/apiserver:80', '--kubeconfig', kubeconfig, '-A');
    expect(e.code).to.equal(0);
    expect(e.out).to.include('answer: blocked');
    const d = await cli(
      'diff',
      'src/cli/testdata/diff/after/api-allow-from-frontend.yaml',
      '--kubeconfig',
      kubeconfig,
      '-A',
    );
    expect(d.code).to.equal(1);
    expect(d.out).to.include('ingress to default/apiserver: now allowed by api-allow-from-frontend ingress[0] (2):');
    expect(server.refused).to.deep.equal([]);
  });

  it('exits 2 on a namespace the cluster lacks or a bad selector, 3 when the cluster cannot be read', async () => {
    const missing = await cli('capture', '--kubeconfig', kubeconfig, '-n', 'nope');
    expect(missing.code).to.equal(2);
    expect(missing.err).to.equal('error: option --namespace: invalid value "nope": no namespace nope in the cluster');
    const selector = await cli('capture', '--kubeconfig', kubeconfig, '-A', '-l', 'app=a b');
    expect(selector.code).to.equal(2);
    expect(selector.err).to.equal(
      'error: option --selector: invalid value "app=a b": cannot read "app=a b" in label selector "app=a b"',
    );
    const noScope = await cli('capture', '--kubeconfig', kubeconfig);
    expect(noScope.code).to.equal(2);
    await server.close();
    const down = await cli('capture', '--kubeconfig', kubeconfig, '-A');
    expect(down.code).to.equal(3);
    expect(down.err.split('\n')[0]).to.match(
      /^error: cannot read the cluster \(context read-only\): unable to list namespaces/,
    );
    server = await startListOnlyServer(snapshot);
  });
});
