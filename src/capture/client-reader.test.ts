import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ClusterKubeClient } from '../kube/client.js';
import { captureCluster } from './capture-cluster.js';
import type { ClusterSnapshot } from './cluster-objects.js';
import { ClientClusterReader } from './client-reader.js';
import { startListOnlyServer, type ListOnlyServer } from '../testing/read-only-server.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8')) as ClusterSnapshot;

describe('ClientClusterReader against an API server that refuses every write', () => {
  let server: ListOnlyServer;
  beforeEach(async () => {
    server = await startListOnlyServer(fixture('np02-run.json'));
  });
  afterEach(async () => {
    await server.close();
  });

  it('captures with GET requests only', async () => {
    const { text } = await captureCluster(
      new ClientClusterReader(server.kubeConfig),
      { scope: { kind: 'all' }, labelSelector: 'app=bookstore' },
      { name: 'captured', from: 'test', at: 'T', file: 'captured.yaml' },
    );
    expect(server.refused).to.deep.equal([]);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal([
      'GET /api/v1/namespaces',
      'GET /api/v1/namespaces/np02-mistake-5-namespace-scope-d32506-1-default/pods?labelSelector=app%3Dbookstore',
      'GET /api/v1/namespaces/np02-mistake-5-namespace-scope-d32506-1-default/services',
      'GET /apis/networking.k8s.io/v1/namespaces/np02-mistake-5-namespace-scope-d32506-1-default/networkpolicies',
      'GET /api/v1/namespaces/np02-mistake-5-namespace-scope-d32506-1-frontend/pods?labelSelector=app%3Dbookstore',
      'GET /api/v1/namespaces/np02-mistake-5-namespace-scope-d32506-1-frontend/services',
      'GET /apis/networking.k8s.io/v1/namespaces/np02-mistake-5-namespace-scope-d32506-1-frontend/networkpolicies',
    ]);
    // Wire field names survive client-node's typed models (`from`, not `_from`).
    expect(text).to.include('          - from:\n              - namespaceSelector:');
  });

  it('really refuses writes (the guard the test above relies on)', async () => {
    const writer = new ClusterKubeClient(server.kubeConfig);
    let error: unknown;
    try {
      await writer.createNamespace('x', {});
    } catch (err) {
      error = err;
    }
    expect(String(error)).to.match(/create namespace x/);
    expect(server.refused).to.deep.equal([{ method: 'POST', path: '/api/v1/namespaces' }]);
  });
});
