import { expect } from 'chai';
import { FakeKubeClient, type ExecAnswer } from '../../testing/fake-kube.js';
import { ClusterProbeRunner } from '../../probe/cluster-runner.js';
import { ExecTransport } from '../../probe/exec-transport.js';
import { runPreflight, type PreflightOptions } from './preflight.js';
import { clusterPolicyDeny, clusterPolicyDenyManifest } from './cluster-policy-deny.js';
import type { Clock } from '../stabilize/stabilize.js';

const CONNECTED = { stderr: 'Connection to 10.0.0.1 80 port [tcp/http] succeeded!\n' };
const TIMED_OUT = {
  exitCode: 1,
  stderr: 'nc: connect to 10.0.0.1 port 80 (tcp) timed out: Operation now in progress\n',
};
const REFUSED = { exitCode: 1, stderr: 'nc: connect to 10.0.0.1 port 80 (tcp) failed: Connection refused\n' };

function fakeClock(): Clock {
  let t = 0;
  return { nowMs: () => t, waitMs: async (ms) => void (t += ms) };
}

const opts: PreflightOptions = {
  runId: 'pf1',
  images: { images: { nginx: 'netpol-harness/nginx:v1', client: 'netpol-harness/alpine:v1' } },
  offline: true,
  podReadyTimeoutSeconds: 5,
  pollIntervalMs: 1000,
  probeTimeoutSeconds: 2,
  connectDeadlineSeconds: 10,
  enforceDeadlineSeconds: 10,
};

async function preflight(
  exec: ExecAnswer,
  setup: (k: FakeKubeClient) => void = () => undefined,
  o: PreflightOptions = opts,
) {
  const kube = new FakeKubeClient({ exec });
  setup(kube);
  const lines: string[] = [];
  const result = await runPreflight(kube, new ClusterProbeRunner(new ExecTransport(kube), 1), o, fakeClock(), (l) =>
    lines.push(l),
  );
  return { result, kube, lines };
}

/** Connects until a policy exists, then answers `after` from the n-th probe on (counting from 1 after the policy). */
function enforcesFrom(n: number, after: ReturnType<ExecAnswer> = TIMED_OUT): ExecAnswer {
  let sincePolicy = 0;
  return (_call, k) => (k.policies.size === 0 ? CONNECTED : ++sincePolicy >= n ? after : CONNECTED);
}

describe('preflight', () => {
  it("on an IPv6 cluster probes the server pod's IPv6 address, written [IPv6]:80", async () => {
    const { result, kube } = await preflight(enforcesFrom(1), (k) => {
      const list = k.listPods.bind(k);
      k.listPods = async (...args) =>
        (await list(...args)).map((p) => ({ ...p, ip: `fd00:10:244::${(p.ip ?? '').split('.').at(-1) ?? ''}` }));
    });
    expect(result.outcome).to.equal('pass');
    expect(result.sentence).to.match(/^NetworkPolicy is enforced: client → server pod \[fd00:10:244::1\]:80 connected/);
    expect(kube.execCalls[0]?.command.join(' ')).to.include('fd00:10:244::1 80');
  });

  it('passes when the probe connects and a deny-all-ingress policy blocks it, saying how long that took', async () => {
    const { result, kube, lines } = await preflight(enforcesFrom(3));
    expect(result.outcome).to.equal('pass');
    expect(result.sentence).to.equal(
      "NetworkPolicy is enforced: client → server pod 10.0.0.1:80 connected, and was blocked within 2.0 s of a deny-all-ingress policy selecting the server (an upper bound: it includes the probe's 2 s timeout).",
    );
    expect(result.enforcedAfterMs).to.equal(2000);
    expect(result.details.slice(0, 2)).to.deep.equal([
      'before the policy: allowed',
      'after the policy: allowed → allowed → blocked → blocked',
    ]);
    expect(kube.execCalls[0]?.command).to.deep.equal(['nc', '-vz', '-w', '2', '10.0.0.1', '80']);
    expect(kube.execCalls[0]?.ref).to.deep.equal({ namespace: 'netpol-preflight-pf1', name: 'client' });
    const created = kube.calls
      .filter((c) => c.method === 'create')
      .map(
        (c) =>
          c.args[0] as {
            metadata: { name: string; labels: Record<string, string> };
            spec: { containers: { image: string }[] };
          },
      );
    expect(created.map((m) => `${m.metadata.name}: ${m.spec.containers.map((x) => x.image).join(',')}`)).to.deep.equal([
      'server: netpol-harness/nginx:v1',
      'client: netpol-harness/alpine:v1',
    ]);
    expect(created[0]?.metadata.labels).to.include({
      'app.kubernetes.io/managed-by': 'netpol-harness',
      'netpol-harness.io/run-id': 'pf1',
    });
    const policy = kube.calls.find((c) => c.method === 'applyNetworkPolicy')?.args[1];
    expect(policy).to.deep.include({
      spec: { podSelector: { matchLabels: { 'netpol-harness.io/preflight': 'server' } }, policyTypes: ['Ingress'] },
    });
    expect(kube.namespaces.size).to.equal(0);
    expect(lines[0]).to.equal('preflight: creating canary pods in netpol-preflight-pf1');
  });

  it('accepts a refusal after the policy as enforcement (a CNI that rejects instead of dropping)', async () => {
    const { result } = await preflight(enforcesFrom(1, REFUSED));
    expect(result.outcome).to.equal('pass');
    expect(result.sentence).to.match(/was refused within 0\.0 s/);
  });

  it('wants the block confirmed by a second probe: one lost packet is not enforcement', async () => {
    let n = 0;
    const { result } = await preflight((_c, k) => (k.policies.size > 0 && ++n === 2 ? TIMED_OUT : CONNECTED));
    expect(result.outcome).to.equal('not-enforcing');
    expect(result.sentence).to.equal(
      'NetworkPolicy is not enforced: pods reach each other, but client → server pod 10.0.0.1:80 still connected 10 s after a deny-all-ingress policy selected the server (blocked only now and then); the CNI does not enforce NetworkPolicy, or its policy agent is not running.',
    );
  });

  it("sends the next probe at once after a blocked one: the poll interval runs from a probe's start", async () => {
    const clock = fakeClock();
    const sentAt: number[] = [];
    // a blocked probe waits out its 2 s timeout on the clock; a connect returns at once
    const kube = new FakeKubeClient({
      exec: async (_call, k) => {
        sentAt.push(clock.nowMs());
        if (k.policies.size === 0) return CONNECTED;
        await clock.waitMs(2000);
        return TIMED_OUT;
      },
    });
    const result = await runPreflight(kube, new ClusterProbeRunner(new ExecTransport(kube), 1), opts, clock, () => {});
    expect(result.outcome).to.equal('pass');
    expect(sentAt.slice(1).map((t) => t - (sentAt[1] ?? 0))).to.deep.equal([0, 2000]);
  });

  it('says networking is broken when the pods never reach each other, before any policy', async () => {
    const { result, kube } = await preflight(() => TIMED_OUT);
    expect(result.outcome).to.equal('networking-broken');
    expect(result.sentence).to.equal(
      "Pods cannot reach each other: client → server pod 10.0.0.1:80 never connected within 10 s (blocked), with no policy in place, so the cluster's pod networking is broken and no verdict about NetworkPolicy would mean anything.",
    );
    expect(result.details).to.include(
      'repro: kubectl exec -n netpol-preflight-pf1 client -c client -- nc -vz -w 2 10.0.0.1 80',
    );
    expect(kube.calls.some((c) => c.method === 'applyNetworkPolicy')).to.equal(false);
    expect(kube.namespaces.size).to.equal(0);
  });

  it('says policies are not enforced when traffic still flows after the deadline', async () => {
    const { result } = await preflight(() => CONNECTED);
    expect(result.outcome).to.equal('not-enforcing');
    expect(result.sentence).to.equal(
      'NetworkPolicy is not enforced: pods reach each other, but client → server pod 10.0.0.1:80 still connected 10 s after a deny-all-ingress policy selected the server; the CNI does not enforce NetworkPolicy, or its policy agent is not running.',
    );
    expect(result.details[1]).to.match(/^after the policy: allowed → allowed( → allowed)+$/);
  });

  it('cannot set up when the canary pods never become ready, and shows their status', async () => {
    const { result, kube } = await preflight(
      () => CONNECTED,
      (k) => {
        const create = k.create.bind(k);
        k.create = async (m) => {
          await create(m);
          const name = (m.metadata as { name: string }).name;
          const pod = k.pods.get(`netpol-preflight-pf1/${name}`);
          if (pod && name === 'server')
            Object.assign(pod, {
              ready: false,
              phase: 'Pending',
              containerStates: 'server: waiting ErrImageNeverPull: image not present',
            });
        };
      },
    );
    expect(result.outcome).to.equal('setup-failed');
    expect(result.sentence).to.equal(
      'The preflight could not set up its canary pods, so it cannot tell whether the cluster enforces NetworkPolicy: canary pods not ready after 5 s: server (Pending, not ready; server: waiting ErrImageNeverPull: image not present).',
    );
    expect(kube.namespaces.size).to.equal(0);
  });

  it('cannot decide when the probe itself cannot run, or the server refuses before any policy', async () => {
    expect((await preflight(() => ({ exitCode: 127, stderr: 'sh: nc: not found\n' }))).result.sentence).to.equal(
      'The preflight probe could not run (the probe command could not run (exit 127): sh: nc: not found), so it cannot tell whether the cluster enforces NetworkPolicy.',
    );
    const refused = (await preflight(() => REFUSED)).result;
    expect([refused.outcome, refused.sentence]).to.deep.equal([
      'setup-failed',
      'The canary server refused connections on port 80 (nothing listening), so the preflight cannot tell whether the cluster enforces NetworkPolicy.',
    ]);
  });

  it('keeps the namespace with retain', async () => {
    const { kube, lines } = await preflight(enforcesFrom(1), () => undefined, { ...opts, retain: true });
    expect([...kube.namespaces.keys()]).to.deep.equal(['netpol-preflight-pf1']);
    expect(lines).to.include('preflight: --retain: keeping namespace netpol-preflight-pf1');
  });
});

describe('preflight for ClusterNetworkPolicy', () => {
  const cnpOpts: PreflightOptions = {
    ...opts,
    deny: clusterPolicyDeny('policy.networking.k8s.io/v1beta1', 'pf1'),
  };
  /** Connects until a ClusterNetworkPolicy exists, then times out. */
  const enforcesCnp: ExecAnswer = (_call, k) => (k.clusterPolicies.size === 0 ? CONNECTED : TIMED_OUT);

  it('passes when an Admin-tier Deny of the canary namespace blocks the probe, then deletes it', async () => {
    const { result, kube } = await preflight(enforcesCnp, undefined, cnpOpts);
    expect(result.outcome).to.equal('pass');
    expect(result.sentence).to.match(
      /^ClusterNetworkPolicy is enforced: client → server pod \S+ connected, and was blocked within .* of an Admin-tier Deny ClusterNetworkPolicy of all ingress selecting the server/,
    );
    const sent = kube.calls.find((c) => c.method === 'applyClusterNetworkPolicy')?.args[0] as Record<string, unknown>;
    expect(sent).to.deep.equal(clusterPolicyDenyManifest('policy.networking.k8s.io/v1beta1', result.namespace, 'pf1'));
    expect(kube.policies.size).to.equal(0);
    expect(kube.clusterPolicies.size).to.equal(0);
    expect(kube.calls.map((c) => c.method)).to.include('deleteManagedClusterNetworkPolicies');
  });

  it('says the API is not enforced when the probe still connects', async () => {
    const { result } = await preflight(() => CONNECTED, undefined, cnpOpts);
    expect(result.outcome).to.equal('not-enforcing');
    expect(result.sentence).to.match(
      /^ClusterNetworkPolicy is not enforced: .* after an Admin-tier Deny ClusterNetworkPolicy of all ingress selected the server; the CNI does not enforce ClusterNetworkPolicy, or its policy agent is not running\.$/,
    );
  });

  it('a ClusterNetworkPolicy the server refuses is a setup failure, not a verdict', async () => {
    const { result } = await preflight(
      () => CONNECTED,
      (k) => {
        k.applyClusterNetworkPolicy = async () => ({
          accepted: false,
          status: 404,
          message: 'the server could not find the requested resource',
        });
      },
      cnpOpts,
    );
    expect(result.outcome).to.equal('setup-failed');
    expect(result.sentence).to.include('cannot tell whether the cluster enforces ClusterNetworkPolicy');
  });
});
