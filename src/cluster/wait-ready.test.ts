import { expect } from 'chai';
import { EnvironmentError } from '../errors.js';
import { createProgress } from './progress.js';
import { COREDNS, type ClusterSnapshot } from './readiness.js';
import { waitForReady } from './wait-ready.js';

/** A clock that advances only when the poller waits. */
function fakeClock() {
  let now = 0;
  return { nowMs: () => now, wait: async (ms: number) => void (now += ms) };
}

const snapshot = (corednsReady: number): ClusterSnapshot => ({
  nodes: [{ name: 'cp', ready: true }],
  workloads: [{ kind: 'Deployment', namespace: 'kube-system', name: 'coredns', desired: 1, ready: corednsReady }],
});

describe('waitForReady', () => {
  it('polls until ready and prints ✓ once per component', async () => {
    const lines: string[] = [];
    const snapshots = [snapshot(0), snapshot(0), snapshot(1)];
    const checks = await waitForReady({
      readSnapshot: async () => snapshots.shift() ?? snapshot(1),
      readDiagnostics: async () => [],
      requirements: [COREDNS],
      expectedNodes: 1,
      readyTimeoutSeconds: 60,
      pollIntervalMs: 2000,
      progress: createProgress((l) => lines.push(l)),
      ...fakeClock(),
    });
    expect(checks.every((c) => c.ready)).to.equal(true);
    expect(lines).to.deep.equal([' ✓ node Ready: 1 Ready (0.0 s)', ' ✓ CoreDNS Ready: 1/1 ready (4.0 s)']);
  });

  it('gives up at the deadline naming what is not ready, with diagnostics', async () => {
    const lines: string[] = [];
    const err = await waitForReady({
      readSnapshot: async () => snapshot(0),
      readDiagnostics: async () => ['pods in kube-system not Ready:', '  coredns-1 Pending'],
      requirements: [COREDNS],
      expectedNodes: 1,
      readyTimeoutSeconds: 10,
      pollIntervalMs: 3000,
      progress: createProgress((l) => lines.push(l)),
      ...fakeClock(),
    }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(EnvironmentError);
    expect((err as Error).message).to.equal(
      'cluster not ready after 10 s: CoreDNS (0/1 ready)\npods in kube-system not Ready:\n  coredns-1 Pending',
    );
    expect(lines.at(-1)).to.equal(' ✗ CoreDNS: 0/1 ready');
  });

  it('treats an API server that does not answer as not ready', async () => {
    const err = await waitForReady({
      readSnapshot: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:6443');
      },
      readDiagnostics: async () => [],
      requirements: [COREDNS],
      expectedNodes: 1,
      readyTimeoutSeconds: 4,
      progress: createProgress(() => undefined),
      ...fakeClock(),
    }).catch((e: unknown) => e);
    expect((err as Error).message).to.equal(
      'cluster not ready after 4 s: the API server did not answer\nlast error: connect ECONNREFUSED 127.0.0.1:6443',
    );
  });
});
