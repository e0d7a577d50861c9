import { expect } from 'chai';
import { FakeKubeClient } from '../../testing/fake-kube.js';
import type { ExecResult } from '../../kube/types.js';
import { evaluateProbe } from '../../model/probe.js';
import { ClusterProbeRunner } from '../../probe/cluster-runner.js';
import { ExecTransport } from '../../probe/exec-transport.js';
import { worldsByStep } from '../../reachability/world.js';
import { parseScenario } from '../../scenario/parse.js';
import { replacePods } from './pod-replace.js';
import { runScenarioLive, type LiveContext } from '../run/run-scenario.js';
import type { Clock } from '../stabilize/stabilize.js';

const instantClock: Clock = { nowMs: () => 0, waitMs: async () => undefined };

// The claim "a named port follows a changed containerPort": api-port moves from 5000 to 5001
// while the server listens on both; the policy names api-port only.
const NAMED = `apiVersion: netpol-harness/v1
kind: Scenario
name: named-port-moves
source: { file: 000_b2add9f2f0abd574.txt, section: Implementation Details }
workloads:
  - name: api
    image: api-image:latest
    labels: { app: api }
    ports: [{ name: api-port, containerPort: 5000 }]
    listen: [5000, 5001]
clients:
  - name: c
    image: alpine
policies:
  - id: named
    manifest: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: named }
      spec:
        podSelector: { matchLabels: { app: api } }
        ingress:
        - ports:
          - port: api-port
steps:
  - name: apply
    derived: true
    apply: [named]
    expect:
      - c -> pod/api:5000 allowed
      - c -> pod/api:5001 blocked
  - name: move api-port to 5001
    derived: true
    update:
      - { pod: api, ports: [{ name: api-port, containerPort: 5001 }] }
    expect:
      - c -> pod/api:5000 blocked
      - c -> pod/api:5001 allowed
  - name: restart
    derived: true
    update:
      - { pod: api, restart: true }
    expect:
      - c -> pod/api:5000 blocked
      - c -> pod/api:5001 allowed
`;

const scenario = parseScenario('s.yaml', NAMED, () => undefined);
const opts = {
  runId: 'r1',
  images: {
    images: {
      alpine: 'netpol-harness/alpine:v1',
      client: 'netpol-harness/alpine:v1',
      'default-server': 'netpol-harness/server:v1',
    },
  },
  offline: true,
  podReadyTimeoutSeconds: 5,
  pollIntervalMs: 0,
};

/** Enforces the named port as a CNI would: the pod manifest's current api-port is the one allowed. */
function namedPortNetwork(kube: FakeKubeClient, command: string[]): Partial<ExecResult> {
  const ip = command[command.length - 2];
  const port = Number(command[command.length - 1]);
  const pod = [...kube.pods.values()].find((p) => p.ip === ip);
  const manifest = pod ? kube.objects.get(`Pod/${pod.namespace}/${pod.name}`)?.manifest : undefined;
  const containers =
    (manifest?.spec as { containers?: { ports?: { name?: string; containerPort: number }[] }[] } | undefined)
      ?.containers ?? [];
  const allowed =
    kube.policies.size === 0 ||
    containers.some((c) => (c.ports ?? []).some((p) => p.name === 'api-port' && p.containerPort === port));
  return allowed
    ? { stderr: `Connection to ${ip} ${port} port [tcp/*] succeeded!\n` }
    : { exitCode: 1, stderr: `nc: connect to ${ip} port ${port} (tcp) timed out: Operation now in progress\n` };
}

describe('pod updates: the model', () => {
  it('the named port resolves on the updated containerPorts from the update step on', () => {
    const states = worldsByStep(scenario);
    const outcome = (i: number, port: number) =>
      evaluateProbe((states[i] as (typeof states)[number]).world, {
        from: { pod: 'c', namespace: 'default' },
        target: { kind: 'pod', pod: 'api', namespace: 'default' },
        port,
        protocol: 'TCP',
      }).outcome;
    expect([outcome(0, 5000), outcome(0, 5001), outcome(1, 5000), outcome(1, 5001)]).to.deep.equal([
      'allowed',
      'blocked',
      'blocked',
      'allowed',
    ]);
  });
});

describe('replacePods', () => {
  it('deletes the pod, waits until it is no longer listed, and creates it with the new ports and its current labels', async () => {
    const kube = new FakeKubeClient();
    await kube.createNamespace('ns-default', {});
    await kube.create({
      kind: 'Pod',
      metadata: { name: 'api', namespace: 'ns-default', labels: { app: 'api', 'netpol-harness.io/run-id': 'r1' } },
    });
    kube.podTerminationListings.set('ns-default/api', 2);
    const world = { ...(worldsByStep(scenario)[1] as ReturnType<typeof worldsByStep>[number]).world };
    world.pods = world.pods.map((p) => (p.name === 'api' ? { ...p, labels: { app: 'api', tier: 'relabelled' } } : p));
    const update = scenario.steps[1]?.update ?? [];
    const lines = await replacePods(
      kube,
      scenario,
      update,
      world,
      new Map([['default', 'ns-default']]),
      opts,
      instantClock,
    );
    expect(lines).to.deep.equal(['update pod default/api ports api-port=5001/TCP']);
    expect(kube.calls.map((c) => c.method)).to.deep.equal([
      'createNamespace',
      'create',
      'deletePod',
      'listPods',
      'listPods',
      'listPods',
      'create',
    ]);
    const created = kube.objects.get('Pod/ns-default/api')?.manifest as {
      metadata: { labels: Record<string, string> };
      spec: { containers: { ports?: unknown[]; env?: { name: string; value: string }[] }[] };
    };
    expect(created.metadata.labels).to.include({ app: 'api', tier: 'relabelled' });
    expect(created.spec.containers[0]?.ports).to.deep.equal([
      { name: 'api-port', containerPort: 5001, protocol: 'TCP' },
    ]);
    expect(created.spec.containers[0]?.env?.find((e) => e.name === 'TCP_PORTS')?.value).to.equal('5000,5001');
  });

  it('gives up, naming the pod, when it stays terminating past the deadline', async () => {
    const kube = new FakeKubeClient();
    await kube.createNamespace('ns-default', {});
    await kube.create({
      kind: 'Pod',
      metadata: { name: 'api', namespace: 'ns-default', labels: { 'netpol-harness.io/run-id': 'r1' } },
    });
    kube.podTerminationListings.set('ns-default/api', 1000);
    let now = 0;
    const clock: Clock = { nowMs: () => now, waitMs: async (ms) => void (now += ms) };
    const err = await replacePods(
      kube,
      scenario,
      scenario.steps[1]?.update ?? [],
      (worldsByStep(scenario)[1] as ReturnType<typeof worldsByStep>[number]).world,
      new Map([['default', 'ns-default']]),
      { ...opts, pollIntervalMs: 1000 },
      clock,
    ).catch((e: Error) => e);
    expect((err as Error).message).to.equal('pod ns-default/api was still terminating 5 s after its delete');
  });
});

describe('runScenarioLive: an update step', () => {
  it('replaces the pod, probes its new IP, and the live answers follow the moved named port', async () => {
    const kube = new FakeKubeClient({ exec: (call, fake) => namedPortNetwork(fake, call.command) });
    const ctx: LiveContext = {
      kube,
      runner: new ClusterProbeRunner(new ExecTransport(kube), 2),
      runId: 'r1',
      images: opts.images,
      options: {
        probeTimeoutSeconds: 2,
        podReadyTimeoutSeconds: 5,
        podPollIntervalMs: 0,
        offline: true,
        stabilize: { deadlineSeconds: 0, settleSeconds: 0, intervalMs: 0, maxInFlightPerCell: 1 },
      },
      progress: () => undefined,
      clock: instantClock,
    };
    const run = await runScenarioLive(scenario, ctx);
    expect(run.error).to.equal(undefined);
    expect(run.steps[1]?.podUpdates).to.deep.equal(['update pod default/api ports api-port=5001/TCP']);
    expect(run.records.map((r) => [r.step, r.to, r.live.outcome, r.verdict.verdict])).to.deep.equal([
      ['apply', 'pod/api:5000', 'allowed', 'pass'],
      ['apply', 'pod/api:5001', 'blocked', 'pass'],
      ['move api-port to 5001', 'pod/api:5000', 'blocked', 'pass'],
      ['move api-port to 5001', 'pod/api:5001', 'allowed', 'pass'],
      // A restart keeps the moved port: the pod is recreated as it is, not as first declared.
      ['restart', 'pod/api:5000', 'blocked', 'pass'],
      ['restart', 'pod/api:5001', 'allowed', 'pass'],
    ]);
    expect(run.steps[2]?.podUpdates).to.deep.equal(['restart pod default/api']);
    const hosts = new Set(run.records.map((r) => r.live.host));
    expect(hosts.size, 'each replaced pod has a new IP').to.equal(3);
  });
});

describe('podManifest: several containers', () => {
  it('emits each declared container with its own image, ports and generic-server ports, then the probe sidecar', async () => {
    const { scenarioPodManifest } = await import('../setup/setup.js');
    const s = parseScenario(
      's.yaml',
      `apiVersion: netpol-harness/v1
kind: Scenario
name: two
source: { file: 003_bdeab62a554a30b2.txt, section: x }
workloads:
  - name: backend
    labels: { app: backend }
    containers:
      - { name: api, image: api-image, ports: [{ name: api, containerPort: 5555 }] }
      - { name: helper, image: alpine, command: [sleep, "3600"] }
steps:
  - name: one
    derived: true
    expect:
      - backend -> localhost:5555 allowed
`,
      () => undefined,
    );
    const pod = s.pods[0];
    if (!pod) throw new Error('no pod');
    const m = scenarioPodManifest(s, pod, new Map([['default', 'ns']]), opts) as {
      spec: { containers: Record<string, unknown>[] };
    };
    expect(m.spec.containers).to.deep.equal([
      {
        name: 'api',
        image: 'netpol-harness/server:v1',
        imagePullPolicy: 'IfNotPresent',
        ports: [{ name: 'api', containerPort: 5555, protocol: 'TCP' }],
        env: [
          { name: 'TCP_PORTS', value: '5555' },
          { name: 'UDP_PORTS', value: '' },
          { name: 'POD_NAME', value: 'backend' },
        ],
      },
      {
        name: 'helper',
        image: 'netpol-harness/alpine:v1',
        imagePullPolicy: 'IfNotPresent',
        command: ['sleep', '3600'],
      },
      {
        name: 'nph-probe',
        image: 'netpol-harness/alpine:v1',
        imagePullPolicy: 'IfNotPresent',
        command: ['sleep', '86400'],
      },
    ]);
  });
});
