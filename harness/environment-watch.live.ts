// The environment watcher against a real API server, without touching the cluster's own agents:
// a stand-in CNI agent (a DaemonSet named `kindnet`, in a namespace of its own) leaves every node
// through a nodeSelector patch, and comes back. The watcher, told to look only in that namespace,
// must record one interval for it that covers the time it was gone. `npm run test:live`; skips
// without a cluster.
import { AppsV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { expect } from 'chai';
import { describeFault } from '../src/engine/environment/environment-health.js';
import { EnvironmentWatcher } from '../src/engine/environment/environment-watch.js';
import { loadImageMap, clientImage } from '../src/engine/setup/image-map.js';
import { harnessLabels } from '../src/engine/setup/manifests.js';
import { newRunId } from '../src/engine/naming.js';
import { realClock } from '../src/engine/stabilize/stabilize.js';
import { loadKubeConfig } from '../src/kube/kubeconfig.js';
import type { KubeClient } from '../src/kube/types.js';
import { HARNESS_CONTEXT, reachCluster } from './connect.js';

const IMAGE_MAP_FILE = new URL('../offline/image-map.yaml', import.meta.url).pathname;
const TIMEOUT_MS = 120_000;
const log = (s: string) => process.stderr.write(`${s}\n`);

/** Polls until `done` holds (or throws after TIMEOUT_MS, naming what it waited for). */
async function until(what: string, done: () => Promise<boolean>): Promise<number> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await realClock.waitMs(500);
  }
  return Date.now();
}

describe('environment watcher on a live cluster', function () {
  this.timeout(0);
  const runId = newRunId();
  const namespace = `netpol-watch-selftest-${runId}`;
  let kube: KubeClient | undefined;

  before(async function () {
    const reached = await reachCluster();
    if ('skip' in reached) return this.skip();
    kube = reached.kube;
  });

  after(async () => {
    if (kube) await kube.deleteManagedNamespaces(runId);
  });

  it('records a CNI agent that leaves the node, from before it went until after it was back', async () => {
    const k = kube as KubeClient;
    const apps = loadKubeConfig({
      context: HARNESS_CONTEXT,
      ...(process.env.KUBECONFIG ? { kubeconfigPath: process.env.KUBECONFIG } : {}),
    }).makeApiClient(AppsV1Api);
    const image = clientImage(loadImageMap(IMAGE_MAP_FILE), process.env.NETPOL_HARNESS_ONLINE !== '1');
    await k.createNamespace(namespace, harnessLabels(runId));
    await until('the default service account', () => k.hasServiceAccount({ namespace, name: 'default' }));
    await k.create({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kindnet', namespace, labels: harnessLabels(runId) },
      spec: {
        selector: { matchLabels: { app: 'stand-in-agent' } },
        template: {
          metadata: { labels: { app: 'stand-in-agent', ...harnessLabels(runId) } },
          spec: {
            containers: [{ name: 'agent', image, imagePullPolicy: 'IfNotPresent', command: ['sleep', '86400'] }],
            terminationGracePeriodSeconds: 1,
            tolerations: [{ operator: 'Exists' }],
          },
        },
      },
    });
    const nodes = (await k.listNodes()).map((n) => n.name);
    const readyOnEveryNode = async () => {
      const pods = await k.listPods(namespace, 'app=stand-in-agent');
      return nodes.every((n) => pods.some((p) => p.node === n && p.ready && !p.terminating));
    };
    await until('the stand-in agent Ready on every node', readyOnEveryNode);

    const watcher = await EnvironmentWatcher.start(
      k,
      { pollIntervalMs: 1000, namespaces: [namespace], progress: log },
      realClock,
    );
    expect(watcher.dependencies.map((d) => d.name)).to.deep.equal(['kindnet']);
    await realClock.waitMs(3000);
    const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    const patch = (value: string | null) =>
      apps.patchNamespacedDaemonSet(
        {
          namespace,
          name: 'kindnet',
          body: { spec: { template: { spec: { nodeSelector: { 'netpol-harness.io/fault': value } } } } },
        },
        mergePatch,
      );
    const removedAt = Date.now();
    await patch('no-node');
    const goneAt = await until(
      'the stand-in agent gone',
      async () => (await k.listPods(namespace, 'app=stand-in-agent')).length === 0,
    );
    await realClock.waitMs(2000);
    await patch(null);
    const backAt = await until('the stand-in agent Ready again', readyOnEveryNode);
    await realClock.waitMs(2000);
    const report = await watcher.stop();
    log(
      `removed ${new Date(removedAt).toISOString()}, gone ${new Date(goneAt).toISOString()}, back ${new Date(backAt).toISOString()}`,
    );
    for (const f of report.faults) log(`fault: ${describeFault(f)} (${f.detail ?? ''})`);

    const faults = report.faults.filter((f) => f.subject.startsWith('kindnet on node'));
    expect(faults.map((f) => `${f.subject} ${f.state}`)).to.deep.equal(
      nodes.map((n) => `kindnet on node ${n} not ready`),
    );
    for (const f of faults) {
      expect(f.fromMs, 'the interval starts no later than the patch').to.be.at.most(removedAt + 1000);
      expect(f.toMs, 'the interval ends once the agent is back').to.be.a('number');
      expect(f.toMs as number, 'the interval ends no earlier than the agent was Ready again').to.be.at.least(
        backAt - 1000,
      );
    }
  });
});
