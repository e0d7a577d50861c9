import { expect } from 'chai';
import { DEFAULT_CLUSTER_FACTS, type World } from '../model/types.js';
import type { ExecResult, KubeClient, ObjectRef } from '../kube/types.js';
import { ClusterProbeRunner } from './cluster-runner.js';
import { ExecTransport } from './exec-transport.js';
import { ModelProbeRunner } from './model-runner.js';
import type { ProbeJob } from './types.js';

const job: ProbeJob = {
  key: 'k',
  from: { namespace: 'np-x-default', pod: 'client', container: 'client' },
  host: '10.244.0.7',
  port: 80,
  protocol: 'TCP',
  tool: 'nc',
  timeoutSeconds: 2,
  logical: {
    from: { pod: 'client', namespace: 'default' },
    target: { kind: 'pod', pod: 'web', namespace: 'default' },
    port: 80,
    protocol: 'TCP',
  },
};

type Exec = (ref: ObjectRef, container: string, command: string[]) => Promise<ExecResult>;

/** Only exec is used by the runner; everything else fails loudly. */
function execOnly(exec: Exec): KubeClient {
  const no = () => Promise.reject(new Error('not used by the probe runner'));
  return {
    createNamespace: no,
    create: no,
    applyNetworkPolicy: no,
    deleteNetworkPolicy: no,
    applyClusterNetworkPolicy: no,
    deleteClusterNetworkPolicy: no,
    deleteManagedClusterNetworkPolicies: no,
    patchPodLabels: no,
    patchNamespaceLabels: no,
    listPods: no,
    deletePod: no,
    getServiceClusterIPs: no,
    hasServiceAccount: no,
    deleteManagedNamespaces: no,
    openExecStream: no,
    apiRequest: no,
    listNodes: no,
    listWorkloads: no,
    exec: (ref, container, command) => exec(ref, container, command),
  };
}

describe('ClusterProbeRunner', () => {
  it('execs the tool command in the client container and classifies its output', async () => {
    const seen: string[] = [];
    const kube = execOnly(async (ref, container, command) => {
      seen.push(`${ref.namespace}/${ref.name}/${container}: ${command.join(' ')}`);
      return {
        exitCode: 1,
        stdout: '',
        stderr: 'nc: connect to 10.244.0.7 port 80 (tcp) timed out: Operation now in progress\n',
        durationMs: 2000,
      };
    });
    const [r] = await new ClusterProbeRunner(new ExecTransport(kube), 2).run([job]);
    expect(seen).to.deep.equal(['np-x-default/client/client: nc -vz -w 2 10.244.0.7 80']);
    expect(r).to.include({
      outcome: 'blocked',
      exitCode: 1,
      attempts: 1,
      repro: 'kubectl exec -n np-x-default client -c client -- nc -vz -w 2 10.244.0.7 80',
    });
    expect(r?.output).to.equal('nc: connect to 10.244.0.7 port 80 (tcp) timed out: Operation now in progress\n');
  });

  it('retries a failed exec once, then records check-failed with the cause', async () => {
    let calls = 0;
    const kube = execOnly(async () => {
      calls++;
      throw new Error('container not found ("client")');
    });
    const [r] = await new ClusterProbeRunner(new ExecTransport(kube), 1).run([job]);
    expect(calls).to.equal(2);
    expect(r).to.include({
      outcome: 'check-failed',
      attempts: 2,
      detail: 'exec into np-x-default/client -c client failed: container not found ("client")',
    });
  });

  it('never runs more than `concurrency` probes at once', async () => {
    let running = 0;
    let peak = 0;
    const kube = execOnly(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      return { exitCode: 0, stdout: '', stderr: 'Connection to x 80 port [tcp/http] succeeded!', durationMs: 1 };
    });
    const results = await new ClusterProbeRunner(new ExecTransport(kube), 3).run(Array.from({ length: 10 }, () => job));
    expect(results.map((r) => r.outcome)).to.deep.equal(Array(10).fill('allowed'));
    expect(peak).to.equal(3);
  });
});

describe('ModelProbeRunner', () => {
  it('answers the same job from the model, with the command the cluster would run', async () => {
    const world: World = {
      namespaces: [{ name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } }],
      pods: [
        { name: 'client', namespace: 'default', labels: {}, containerPorts: [], listening: [] },
        {
          name: 'web',
          namespace: 'default',
          labels: {},
          containerPorts: [],
          listening: [{ port: 80, protocol: 'TCP' }],
        },
      ],
      services: [],
      policies: [],
      facts: DEFAULT_CLUSTER_FACTS,
    };
    const [r] = await new ModelProbeRunner(world).run([job]);
    expect(r).to.include({
      outcome: 'allowed',
      attempts: 1,
      repro: 'kubectl exec -n np-x-default client -c client -- nc -vz -w 2 10.244.0.7 80',
    });
    expect(r?.command).to.deep.equal(['nc', '-vz', '-w', '2', '10.244.0.7', '80']);
  });
});
