import { expect } from 'chai';
import { addCalicoNode } from '../../testing/kind-with-calico.js';
import { FakeKubeClient } from '../../testing/fake-kube.js';
import { ClusterProbeRunner } from '../../probe/cluster-runner.js';
import { ExecTransport } from '../../probe/exec-transport.js';
import { parseScenario } from '../../scenario/parse.js';
import type { LiveContext } from './run-scenario.js';
import { runCorpusWatched } from './run-watched.js';
import type { Clock } from '../stabilize/stabilize.js';

const SCENARIO = `apiVersion: netpol-harness/v1
kind: Scenario
name: deny-web
title: deny all ingress to web
source: { file: doc.txt, section: Deny }
workloads:
  - name: web
    image: nginx
    labels: { app: web }
    ports: [{ containerPort: 80 }]
clients:
  - name: client
    image: alpine
policies:
  - id: deny
    manifest: |
      kind: NetworkPolicy
      apiVersion: networking.k8s.io/v1
      metadata:
        name: deny
      spec:
        podSelector:
          matchLabels: { app: web }
        policyTypes: [Ingress]
steps:
  - name: baseline
    derived: true
    expect:
      - client -> pod/web:80 nc allowed
  - name: deny
    section: Deny
    apply: [deny]
    expect:
      - client -> pod/web:80 nc blocked
`;

/** Time advances as anyone waits; each wait yields to the event loop, so the watcher's loop and the run interleave. */
function sharedClock(): Clock {
  let t = Date.UTC(2026, 10, 29, 12, 0, 0);
  return { nowMs: () => t, waitMs: (ms) => new Promise((resolve) => setImmediate(() => ((t += ms), resolve()))) };
}

/**
 * A kind + Calico double where the deny policy is never enforced, and calico-node leaves the node
 * during the step's second probe round (well after the baseline).
 */
function clusterWhoseAgentDies(): FakeKubeClient {
  let roundsAfterPolicy = 0;
  const kube = new FakeKubeClient({
    exec: (_call, k) => {
      if (k.policies.size > 0 && ++roundsAfterPolicy === 2) k.pods.delete('kube-system/calico-node-abcde');
      return { stderr: 'Connection to 10.0.0.1 80 port [tcp/http] succeeded!\n' };
    },
  });
  addCalicoNode(kube, 'fake-node');
  return kube;
}

function context(kube: FakeKubeClient): LiveContext {
  return {
    kube,
    runner: new ClusterProbeRunner(new ExecTransport(kube), 2),
    runId: 'r1',
    images: {
      images: {
        alpine: 'netpol-harness/alpine:v1',
        nginx: 'netpol-harness/nginx:v1',
        'default-server': 'netpol-harness/server:v1',
      },
    },
    options: {
      probeTimeoutSeconds: 2,
      podReadyTimeoutSeconds: 5,
      offline: true,
      podPollIntervalMs: 1000,
      stabilize: { deadlineSeconds: 5, settleSeconds: 2, intervalMs: 1000, maxInFlightPerCell: 1 },
    },
    progress: () => undefined,
    clock: sharedClock(),
  };
}

describe('runCorpusWatched', () => {
  const scenario = parseScenario('deny.yaml', SCENARIO, () => undefined);

  it('turns the mismatch a dying calico-node caused into an inconclusive verdict that names it', async () => {
    const kube = clusterWhoseAgentDies();
    const { runs, environment } = await runCorpusWatched(
      [scenario],
      context(kube),
      { scenarioConcurrency: 1, retain: false },
      { pollIntervalMs: 1000 },
    );
    expect(environment.dependencies.map((d) => d.name)).to.deep.equal(['calico-node']);
    expect(environment.faults.map((f) => `${f.subject} ${f.state}, open: ${f.toMs === undefined}`)).to.deep.equal([
      'calico-node on node fake-node not ready, open: true',
    ]);
    const [baseline, deny] = runs[0]?.records ?? [];
    expect(baseline?.verdict.verdict).to.equal('pass');
    expect(deny?.verdict.verdict).to.equal('inconclusive');
    expect(deny?.verdict.reason).to.match(
      /^environment: calico-node on node fake-node not ready from \d\d:\d\d:\d\d, still not ready at the end$/,
    );
    expect(deny?.live.environment?.verdictBefore.verdict).to.equal('enforcement-mismatch');
  });

  it('leaves the verdicts alone when nothing went wrong', async () => {
    const kube = clusterWhoseAgentDies();
    kube.workloads.clear();
    kube.pods.clear();
    const { runs, environment } = await runCorpusWatched(
      [scenario],
      context(kube),
      { scenarioConcurrency: 1, retain: false },
      { pollIntervalMs: 1000 },
    );
    expect(environment.faults).to.deep.equal([]);
    expect(runs[0]?.records.map((r) => r.verdict.verdict)).to.deep.equal(['pass', 'enforcement-mismatch']);
  });
});
