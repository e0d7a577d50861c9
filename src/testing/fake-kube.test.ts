import { expect } from 'chai';
import { FakeKubeClient } from './fake-kube.js';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, RUN_ID_LABEL } from '../kube/types.js';

const managed = (run: string) => ({ [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [RUN_ID_LABEL]: run });

describe('FakeKubeClient', () => {
  it('creates pods with IPs, lists them by label and relabels them', async () => {
    const k = new FakeKubeClient();
    await k.createNamespace('a', managed('r1'));
    await k.create({ kind: 'Pod', metadata: { name: 'web', namespace: 'a', labels: { app: 'web' } } });
    await k.create({ kind: 'Pod', metadata: { name: 'db', namespace: 'a', labels: { app: 'db' } } });
    expect((await k.listPods('a', 'app=web')).map((p) => p.name)).to.deep.equal(['web']);
    await k.patchPodLabels({ namespace: 'a', name: 'web' }, { app: null, role: 'x' });
    expect((await k.listPods('a', 'role=x'))[0]?.labels).to.deep.equal({ role: 'x' });
  });

  it('answers exec from the test function and records the call', async () => {
    const k = new FakeKubeClient({
      exec: (call) => ({ exitCode: call.command.includes('10.0.0.9') ? 1 : 0, stdout: 'ok' }),
    });
    await k.createNamespace('a', {});
    await k.create({ kind: 'Pod', metadata: { name: 'c', namespace: 'a' } });
    expect(await k.exec({ namespace: 'a', name: 'c' }, 'main', ['wget', '10.0.0.9'], 1000)).to.deep.equal({
      exitCode: 1,
      stdout: 'ok',
      stderr: '',
      durationMs: 0,
    });
    expect(k.execCalls).to.have.length(1);
  });

  it('returns policy rejections as data', async () => {
    const k = new FakeKubeClient({
      reviewPolicy: (_ns, m) =>
        (m.metadata as { name: string }).name === 'bad'
          ? { accepted: false, status: 422, message: 'invalid' }
          : { accepted: true },
    });
    await k.createNamespace('a', {});
    expect(await k.applyNetworkPolicy('a', { metadata: { name: 'bad' } })).to.deep.equal({
      accepted: false,
      status: 422,
      message: 'invalid',
    });
    expect(await k.applyNetworkPolicy('a', { metadata: { name: 'good' } })).to.deep.equal({
      accepted: true,
      operation: 'created',
    });
    expect([...k.policies.keys()]).to.deep.equal(['a/good']);
  });

  it('applies as kubectl apply does: a policy of an existing name replaces the old version', async () => {
    const k = new FakeKubeClient();
    await k.createNamespace('a', {});
    expect(await k.applyNetworkPolicy('a', { metadata: { name: 'web' }, spec: { v: 1 } })).to.deep.equal({
      accepted: true,
      operation: 'created',
    });
    expect(await k.applyNetworkPolicy('a', { metadata: { name: 'web' }, spec: { v: 2 } })).to.deep.equal({
      accepted: true,
      operation: 'configured',
    });
    expect(k.policies.get('a/web')).to.deep.equal({ metadata: { name: 'web' }, spec: { v: 2 } });
  });

  it('rejects an invalid new version through the same review and keeps the old one in force', async () => {
    const message =
      'NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: strict decoding error: unknown field "spec.typo"';
    const k = new FakeKubeClient({
      reviewPolicy: (_ns, m) =>
        'typo' in (m.spec as object) ? { accepted: false, status: 400, message } : { accepted: true },
    });
    await k.createNamespace('a', {});
    await k.applyNetworkPolicy('a', { metadata: { name: 'web' }, spec: { v: 1 } });
    expect(await k.applyNetworkPolicy('a', { metadata: { name: 'web' }, spec: { v: 2, typo: true } })).to.deep.equal({
      accepted: false,
      status: 400,
      message,
    });
    expect(k.policies.get('a/web')).to.deep.equal({ metadata: { name: 'web' }, spec: { v: 1 } });
  });

  it('deletes a pod: listed (terminating, not ready) for the listings asked, then gone, and its name free again', async () => {
    const k = new FakeKubeClient();
    await k.createNamespace('a', {});
    await k.create({ kind: 'Pod', metadata: { name: 'web', namespace: 'a' } });
    k.podTerminationListings.set('a/web', 1);
    await k.deletePod({ namespace: 'a', name: 'web' });
    expect((await k.listPods('a')).map((p) => [p.name, p.ready])).to.deep.equal([['web', false]]);
    expect(
      await k.create({ kind: 'Pod', metadata: { name: 'web', namespace: 'a' } }).catch((e: Error) => e.message),
    ).to.equal('unable to create pod a/web: already exists (HTTP 409)');
    expect(await k.listPods('a')).to.deep.equal([]);
    await k.create({ kind: 'Pod', metadata: { name: 'web', namespace: 'a' } });
    await k.deletePod({ namespace: 'a', name: 'nosuch' });
    expect((await k.listPods('a')).map((p) => p.name)).to.deep.equal(['web']);
  });

  it('deletes only managed namespaces of the given run', async () => {
    const k = new FakeKubeClient();
    await k.createNamespace('r1-a', managed('r1'));
    await k.createNamespace('r2-a', managed('r2'));
    await k.createNamespace('mine', {});
    expect(await k.deleteManagedNamespaces('r1')).to.deep.equal(['r1-a']);
    expect(await k.deleteManagedNamespaces()).to.deep.equal(['r2-a']);
    expect([...k.namespaces.keys()]).to.deep.equal(['mine']);
  });

  it('lists nodes and the workloads the test set, by namespace', async () => {
    const k = new FakeKubeClient();
    k.nodes.set('n2', { name: 'n2', ready: false, detail: 'KubeletNotReady' });
    k.workloads.set('kube-system/calico-node', {
      kind: 'DaemonSet',
      namespace: 'kube-system',
      name: 'calico-node',
      podSelector: { 'k8s-app': 'calico-node' },
      desired: 2,
      ready: 1,
    });
    k.workloads.set('other/web', {
      kind: 'Deployment',
      namespace: 'other',
      name: 'web',
      podSelector: {},
      desired: 1,
      ready: 1,
    });
    expect((await k.listNodes()).map((n) => `${n.name}:${n.ready}`)).to.deep.equal(['fake-node:true', 'n2:false']);
    expect((await k.listWorkloads('kube-system')).map((w) => w.name)).to.deep.equal(['calico-node']);
    expect(await k.listWorkloads('missing')).to.deep.equal([]);
  });

  it('fails a method the test marked as failing, and records the call', async () => {
    const k = new FakeKubeClient();
    k.failures.set('listNodes', 'connect ECONNREFUSED 127.0.0.1:6443');
    let message = '';
    await k.listNodes().catch((err: Error) => (message = err.message));
    expect(message).to.equal('connect ECONNREFUSED 127.0.0.1:6443');
    k.failures.delete('listNodes');
    expect(await k.listNodes()).to.have.length(1);
    expect(k.calls.filter((c) => c.method === 'listNodes')).to.have.length(2);
  });
});
