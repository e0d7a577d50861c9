import { expect } from 'chai';
import type { OutsideHostDriver } from '../../cluster/outside-hosts.js';
import { FakeKubeClient } from '../../testing/fake-kube.js';
import { ClusterProbeRunner } from '../../probe/cluster-runner.js';
import { ExecTransport } from '../../probe/exec-transport.js';
import { parseScenario } from '../../scenario/parse.js';
import { runScenarioLive, type LiveContext } from './run-scenario.js';

const SCENARIO = `apiVersion: netpol-harness/v1
kind: Scenario
name: ext
source: { file: 002_48dec0500b18db33.txt, section: Allow specific external API }
workloads:
  - { name: backend, image: netpol-harness/server, labels: { app: backend }, listen: [443] }
outside:
  - { name: external-api, address: 52.1.2.3, listen: [443] }
policies:
  - id: allow-external-api
    manifest: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: allow-external-api }
      spec:
        podSelector: { matchLabels: { app: backend } }
        policyTypes: [Egress]
        egress:
        - to: [{ ipBlock: { cidr: 52.1.2.3/32 } }]
          ports: [{ protocol: TCP, port: 443 }]
steps:
  - name: apply
    derived: true
    apply: [allow-external-api]
    expect:
      - backend -> 52.1.2.3:443 allowed
`;

function context(kube: FakeKubeClient, extra: Partial<LiveContext>): LiveContext {
  return {
    kube,
    runner: new ClusterProbeRunner(new ExecTransport(kube), 2),
    runId: 'r1',
    images: { images: { client: 'netpol-harness/alpine:v1', 'default-server': 'netpol-harness/server:v1' } },
    options: {
      probeTimeoutSeconds: 2,
      podReadyTimeoutSeconds: 5,
      podPollIntervalMs: 0,
      offline: true,
      stabilize: { deadlineSeconds: 0, settleSeconds: 0, intervalMs: 0, maxInFlightPerCell: 1 },
    },
    progress: () => undefined,
    clock: { nowMs: () => 0, waitMs: async () => undefined },
    ...extra,
  };
}

const connected = () => ({ stderr: 'Connection to x 443 port [tcp/https] succeeded!\n' });

describe('runScenarioLive: outside addresses', () => {
  const scenario = parseScenario('s.yaml', SCENARIO, () => undefined);

  it('on kind: starts the stand-in, probes it instead of the documented address, extends the ipBlock, and removes it', async () => {
    const log: string[] = [];
    const driver: OutsideHostDriver = {
      start: async (hosts, runId) => (
        log.push(`start ${hosts.map((h) => h.address).join(',')} ${runId}`),
        new Map([['52.1.2.3', '172.18.0.9']])
      ),
      containerName: (runId, host) => `nph-${runId}-${host}`,
      routeToPods: async () => undefined,
      stop: async (runId) => void log.push(`stop ${runId}`),
    };
    const kube = new FakeKubeClient({ exec: connected });
    const run = await runScenarioLive(scenario, context(kube, { outside: driver }));
    expect(run.error).to.equal(undefined);
    expect(log).to.deep.equal(['start 52.1.2.3 r1', 'stop r1']);
    expect(run.records.map((r) => [r.live.host, r.live.outcome, r.verdict.verdict])).to.deep.equal([
      ['172.18.0.9', 'allowed', 'pass'],
    ]);
    const policy = [...kube.policies.values()][0] as { spec: { egress: { to: unknown[] }[] } };
    expect(policy.spec.egress[0]?.to).to.deep.equal([
      { ipBlock: { cidr: '52.1.2.3/32' } },
      { ipBlock: { cidr: '172.18.0.9/32' } },
    ]);
    expect(run.steps[0]?.changes[0]?.standIns).to.deep.equal([
      'egress[0]: 172.18.0.9/32 (stand-in for 52.1.2.3, inside 52.1.2.3/32) added as a peer',
    ]);
  });

  it('with --external on an existing cluster: the documented address as written, the policy unchanged', async () => {
    const kube = new FakeKubeClient({ exec: connected });
    const run = await runScenarioLive(scenario, context(kube, { externalAsWritten: true }));
    expect(run.records.map((r) => [r.live.host, r.live.outcome])).to.deep.equal([['52.1.2.3', 'allowed']]);
    expect(run.steps[0]?.changes[0]?.standIns).to.equal(undefined);
  });

  it('without either: not sent', async () => {
    const run = await runScenarioLive(scenario, context(new FakeKubeClient({ exec: connected }), {}));
    expect(run.records.map((r) => [r.live.sent, r.live.outcome])).to.deep.equal([[false, 'not-sent']]);
  });
});
