import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { checkScenario } from '../reachability/check.js';
import { parseScenario } from '../scenario/parse.js';
import { captureCluster } from './capture-cluster.js';
import type { ClusterSnapshot } from './cluster-objects.js';
import { FakeClusterReader } from '../testing/fake-reader.js';

const testdata = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
const fixture = (name: string) => JSON.parse(testdata(name)) as ClusterSnapshot;
const opts = {
  name: 'captured',
  from: 'context kind-netpol-harness',
  at: '2026-11-29T05:10:00Z',
  file: 'captured.yaml',
};

// Fixtures: `kubectl get -o json` of a retained `run` of two corpus scenarios on kind + Calico.
describe('captureCluster', () => {
  it('writes the scenario file expected for a captured run (golden file)', async () => {
    const { text } = await captureCluster(
      new FakeClusterReader(fixture('np02-run.json')),
      { scope: { kind: 'all' } },
      opts,
    );
    expect(text).to.equal(testdata('np02-captured.yaml'));
  });

  it('writes a file the loader accepts, whose derived rows all agree with the model', async () => {
    const { text } = await captureCluster(
      new FakeClusterReader(fixture('np02-run.json')),
      { scope: { kind: 'all' } },
      opts,
    );
    const scenario = parseScenario('captured.yaml', text, () => undefined);
    expect(scenario.capture?.from).to.equal('context kind-netpol-harness');
    expect(scenario.pods.map((p) => `${p.role} ${p.namespace}/${p.name}`)).to.deep.equal([
      'workload default/apiserver',
      'client default/bookstore-default',
      'client frontend/bookstore-frontend',
      'client frontend/other-frontend',
    ]);
    const check = checkScenario(scenario);
    expect(check.records).to.have.length(12);
    expect(check.records.filter((r) => r.verdict.verdict !== 'pass')).to.deep.equal([]);
  });

  it('never copies env, volumes, commands or tokens, and says so', async () => {
    const snapshot = fixture('np09-run.json');
    expect(JSON.stringify(snapshot))
      .to.include('TCP_PORTS')
      .and.include('kube-api-access')
      .and.include('serviceAccountToken');
    const { text, info } = await captureCluster(
      new FakeClusterReader(snapshot),
      { scope: { kind: 'named', names: ['np09-named-ports-d32506-0-default'] } },
      opts,
    );
    for (const secretish of [
      'TCP_PORTS',
      'POD_NAME',
      'kube-api-access',
      'serviceAccountToken',
      'sleep',
      'volumeMounts',
      '2026-11-29T05:08',
    ]) {
      expect(text, secretish).not.to.include(secretish);
    }
    const scenario = parseScenario('captured.yaml', text, () => undefined);
    expect(scenario.namespaces.map((n) => n.name)).to.deep.equal(['default']);
    expect(scenario.policies.map((p) => p.text)).to.deep.equal([
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api-allow-api-port\n  namespace: default\nspec:\n  ingress:\n    - ports:\n        - port: api-port\n          protocol: TCP\n  podSelector: {}\n  policyTypes:\n    - Ingress\n',
    ]);
    expect(info.leftOut).to.include.members([
      'environment variables (env, envFrom) of 1 container',
      'volumes and volume mounts of 3 pods (secrets, config maps, service account tokens)',
      'commands and arguments of 2 containers',
    ]);
    expect(info.policyFieldsRemoved).to.deep.equal([
      'metadata.creationTimestamp',
      "metadata.labels (the harness run's app.kubernetes.io/managed-by, netpol-harness.io/run-id)",
    ]);
  });

  it('reads only the named namespaces and pods matching the selector', async () => {
    const reader = new FakeClusterReader(fixture('np02-run.json'));
    const { text } = await captureCluster(
      reader,
      {
        scope: { kind: 'named', names: ['np02-mistake-5-namespace-scope-d32506-1-frontend'] },
        labelSelector: 'run=other-frontend',
      },
      opts,
    );
    expect(reader.calls).to.deep.equal([
      'listNamespaces',
      'listPods np02-mistake-5-namespace-scope-d32506-1-frontend run=other-frontend',
      'listServices np02-mistake-5-namespace-scope-d32506-1-frontend',
      'listNetworkPolicies np02-mistake-5-namespace-scope-d32506-1-frontend',
      'listClusterNetworkPolicies', // cluster-scoped: every one, whatever the namespaces in scope
    ]);
    expect(parseScenario('c.yaml', text, () => undefined).pods.map((p) => p.name)).to.deep.equal(['other-frontend']);
  });

  it("names a namespace that does not exist, and refuses the cluster's own", async () => {
    const reader = new FakeClusterReader(fixture('np02-run.json'));
    let error: unknown;
    await captureCluster(reader, { scope: { kind: 'named', names: ['nope'] } }, opts).catch(
      (e: unknown) => (error = e),
    );
    expect(String(error)).to.equal('Error: no namespace nope in the cluster');
  });
});
