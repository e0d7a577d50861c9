import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ClusterKubeClient } from '../kube/client.js';
import { captureCluster } from './capture-cluster.js';
import type { ClusterSnapshot } from './cluster-objects.js';
import { ClientClusterReader } from './client-reader.js';
import { parseScenario } from '../scenario/parse.js';
import { worldsByStep } from '../reachability/world.js';
import { evaluateProbe } from '../model/probe.js';
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
      'GET /apis/policy.networking.k8s.io/v1beta1/clusternetworkpolicies',
      'GET /apis/policy.networking.k8s.io/v1alpha2/clusternetworkpolicies',
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

// A ClusterNetworkPolicy as `kubectl get clusternetworkpolicies -o json` shows one: with the fields the API server fills in.
const denyFrontendToApi = {
  apiVersion: 'policy.networking.k8s.io/v1beta1',
  kind: 'ClusterNetworkPolicy',
  metadata: {
    name: 'deny-frontend-to-api',
    uid: '5b1c9a0e-0000-4000-8000-000000000001',
    resourceVersion: '4711',
    generation: 1,
    creationTimestamp: '2026-12-07T10:00:00Z',
    managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update' }],
  },
  spec: {
    tier: 'Admin',
    priority: 10,
    subject: {
      pods: {
        namespaceSelector: {
          matchLabels: { 'kubernetes.io/metadata.name': 'np02-mistake-5-namespace-scope-d32506-1-default' },
        },
        podSelector: { matchLabels: { role: 'api' } },
      },
    },
    ingress: [
      {
        name: 'deny-from-frontend',
        action: 'Deny',
        from: [
          {
            namespaces: {
              matchLabels: { 'kubernetes.io/metadata.name': 'np02-mistake-5-namespace-scope-d32506-1-frontend' },
            },
          },
        ],
      },
    ],
  },
  status: { conditions: [] },
};

describe('ClientClusterReader: ClusterNetworkPolicies, read-only', () => {
  let server: ListOnlyServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const capture = (s: ListOnlyServer) =>
    captureCluster(
      new ClientClusterReader(s.kubeConfig),
      { scope: { kind: 'all' } },
      { name: 'captured', from: 'test', at: 'T', file: 'captured.yaml' },
    );

  it('a cluster that serves them: listed once (v1beta1), written as manifests without server fields, in force in the scenario', async () => {
    server = await startListOnlyServer({ ...fixture('np02-run.json'), clusterNetworkPolicies: [denyFrontendToApi] });
    const { text, info } = await capture(server);
    expect(server.refused).to.deep.equal([]);
    const cnpRequests = server.requests.filter((r) => r.path.includes('clusternetworkpolicies'));
    expect(cnpRequests).to.deep.equal([
      { method: 'GET', path: '/apis/policy.networking.k8s.io/v1beta1/clusternetworkpolicies' },
    ]);
    expect(info.policyFieldsRemoved).to.include.members([
      'metadata.uid',
      'metadata.resourceVersion',
      'metadata.generation',
      'metadata.creationTimestamp',
      'metadata.managedFields',
      'status',
    ]);
    expect(info.leftOut.join('\n')).not.to.include('ClusterNetworkPolicy');
    const scenario = parseScenario('captured.yaml', text, () => undefined);
    const entry = scenario.policies.find((p) => p.id === 'cluster-deny-frontend-to-api');
    expect(entry?.text).to.include('kind: ClusterNetworkPolicy');
    for (const field of ['uid:', 'resourceVersion:', 'generation:', 'creationTimestamp:', 'managedFields:', 'status:'])
      expect(entry?.text).not.to.include(field);
    // The namespace selectors follow the namespaces' captured names (default, frontend).
    expect(entry?.text).to.include('kubernetes.io/metadata.name: frontend');
    const states = worldsByStep(scenario);
    const world = states[states.length - 1]!.world;
    expect(world.clusterNetworkPolicies?.map((p) => `${p.tier} ${p.priority} ${p.name}`)).to.deep.equal([
      'Admin 10 deny-frontend-to-api',
    ]);
    const probe = (from: string, namespace: string) =>
      evaluateProbe(world, {
        from: { pod: from, namespace },
        target: { kind: 'pod', pod: 'apiserver', namespace: 'default' },
        port: 80,
        protocol: 'TCP',
      }).outcome;
    expect([probe('bookstore-frontend', 'frontend'), probe('bookstore-default', 'default')]).to.deep.equal([
      'blocked',
      'allowed',
    ]);
  });

  it('a cluster that serves only v1alpha2: asked after the 404 for v1beta1, and written as v1alpha2', async () => {
    server = await startListOnlyServer({ ...fixture('np02-run.json'), clusterNetworkPolicies: [denyFrontendToApi] }, [
      'v1alpha2',
    ]);
    const { text } = await capture(server);
    expect(server.requests.filter((r) => r.path.includes('clusternetworkpolicies')).map((r) => r.path)).to.deep.equal([
      '/apis/policy.networking.k8s.io/v1beta1/clusternetworkpolicies',
      '/apis/policy.networking.k8s.io/v1alpha2/clusternetworkpolicies',
    ]);
    const entry = parseScenario('captured.yaml', text, () => undefined).policies.find(
      (p) => p.id === 'cluster-deny-frontend-to-api',
    );
    expect(entry?.text).to.include('apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy');
  });

  it('a cluster that does not serve them (404 for both versions): one line of the notes, and the capture goes on', async () => {
    server = await startListOnlyServer(fixture('np02-run.json'));
    const { text, info } = await capture(server);
    expect(server.requests.filter((r) => r.path.includes('clusternetworkpolicies')).map((r) => r.path)).to.deep.equal([
      '/apis/policy.networking.k8s.io/v1beta1/clusternetworkpolicies',
      '/apis/policy.networking.k8s.io/v1alpha2/clusternetworkpolicies',
    ]);
    expect(info.leftOut.filter((l) => l.includes('ClusterNetworkPolicy'))).to.deep.equal([
      'ClusterNetworkPolicy: the cluster does not serve clusternetworkpolicies.policy.networking.k8s.io (v1beta1, v1alpha2: HTTP 404), so there are none to capture',
    ]);
    expect(text).not.to.include('kind: ClusterNetworkPolicy');
    expect(parseScenario('captured.yaml', text, () => undefined).pods).to.have.length(4);
  });
});
