import { expect } from 'chai';
import { loadScenarios } from '../../scenario/load.js';
import { context, TinyCluster } from '../../testing/tiny-cluster.js';
import { clusterNetworkPolicyApi, whyNotLive } from './not-live.js';
import type { ApiAnswer, ApiRequest } from '../../kube/types.js';
import { runCorpusLive } from './run-corpus.js';
import { whyNotShareable } from './shared-world.js';
import { parseScenario } from '../../scenario/parse.js';
import { PreflightGate } from '../preflight/preflight-gate.js';
import type { Clock } from '../stabilize/stabilize.js';

const notServed = async (): Promise<ApiAnswer> => ({ ok: false, code: 404, message: '404 page not found' });

describe('scenarios not run live', () => {
  const [cnp] = loadScenarios(['scenarios/cluster-network-policy/admin-tier-egress-tcp.yaml']);
  const [plain] = loadScenarios(['scenarios/000-mistake-protocol-default.yaml']);

  it('runs a scenario with ClusterNetworkPolicies only where the run found them enforced', () => {
    expect(whyNotLive(plain!, undefined)).to.equal(undefined);
    expect(whyNotLive(cnp!, undefined)).to.equal(
      'it declares ClusterNetworkPolicies (egress-tcp), and the run did not ask whether this cluster enforces them',
    );
    const no = { live: false as const, reason: 'this cluster does not serve ClusterNetworkPolicy (…)' };
    expect(whyNotLive(cnp!, no)).to.equal(
      'it declares ClusterNetworkPolicies (egress-tcp), and this cluster does not serve ClusterNetworkPolicy (…)',
    );
    expect(whyNotShareable(cnp!, no)).to.match(/^it is not run live: /);
    const yes = { live: true as const, apiVersions: ['policy.networking.k8s.io/v1beta1'] };
    expect(whyNotLive(cnp!, yes)).to.equal(undefined);
    expect(whyNotShareable(cnp!, yes)).to.equal(undefined);
    // Served, but not in the version the scenario is written in: not sent either.
    expect(whyNotLive(cnp!, { live: true, apiVersions: ['policy.networking.k8s.io/v1alpha2'] })).to.equal(
      'it declares ClusterNetworkPolicies (egress-tcp) in policy.networking.k8s.io/v1beta1, which this cluster does not serve (it serves policy.networking.k8s.io/v1alpha2)',
    );
  });

  it('counts a ClusterNetworkPolicy the loader rejects: sending it is a claim about the cluster too', () => {
    const rejected = parseScenario(
      'r.yaml',
      `apiVersion: netpol-harness/v1
kind: Scenario
name: r
source: { file: a.txt, section: S }
workloads: [{ name: web, image: nginx, labels: { app: web } }]
policies:
  - id: bad
    manifest: |
      apiVersion: policy.networking.k8s.io/v1beta1
      kind: ClusterNetworkPolicy
      metadata: { name: bad-priority }
      spec: { tier: Admin, priority: -1, subject: { namespaces: {} } }
steps:
  - name: apply it
    section: S
    apply: [bad]
`,
      () => undefined,
    );
    expect(rejected.policies[0]?.documents[0]?.accepted).to.equal(false);
    expect(whyNotLive(rejected, undefined)).to.equal(
      'it declares ClusterNetworkPolicies (bad-priority), and the run did not ask whether this cluster enforces them',
    );
  });

  it('on a cluster that does not serve the API: creates nothing, records every probe not sent with the reason', async () => {
    const cluster = new TinyCluster(() => ({ exitCode: 0 }));
    cluster.apiRequest = notServed;
    const lines: string[] = [];
    const [run] = await runCorpusLive(
      [cnp!],
      { ...context(cluster), progress: (l) => lines.push(l) },
      { scenarioConcurrency: 1, retain: false },
    );
    expect(cluster.log.filter((l) => !l.startsWith('delete'))).to.deep.equal([]);
    const expectations = cnp!.steps.reduce((n, s) => n + s.expectations.length, 0);
    expect(run?.records).to.have.length(expectations);
    expect(new Set(run?.records.map((r) => r.verdict.verdict))).to.deep.equal(new Set(['not-sent']));
    expect(
      run?.records.every(
        (r) => r.live.sent === false && /does not serve ClusterNetworkPolicy/.test(r.live.reason ?? ''),
      ),
    ).to.equal(true);
    // The model still answers: some of these cells are blocked by the Admin tier.
    expect(run?.records.some((r) => r.model.outcome === 'blocked')).to.equal(true);
    expect(run?.error).to.equal(undefined);
    expect(lines.some((l) => /not run live: it declares ClusterNetworkPolicies/.test(l))).to.equal(true);
  });

  it('asks each version with a read-only list, newest first, and names the first served', async () => {
    const asked: ApiRequest[] = [];
    const serving = (versions: string[]) => ({
      apiRequest: async (r: ApiRequest): Promise<ApiAnswer> => {
        asked.push(r);
        const v = r.verb === 'list' ? (r.apiVersion.split('/')[1] ?? '') : '';
        return versions.includes(v)
          ? { ok: true, code: 200, items: 0 }
          : { ok: false, code: 404, message: 'not found' };
      },
    });
    expect(await clusterNetworkPolicyApi(serving([]))).to.deep.equal({
      answers: 'v1beta1: HTTP 404, v1alpha2: HTTP 404',
    });
    expect(asked.map((r) => r.verb === 'list' && `${r.apiVersion} ${r.kind} ${r.namespace || 'all'}`)).to.deep.equal([
      'policy.networking.k8s.io/v1beta1 ClusterNetworkPolicy all',
      'policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy all',
    ]);
    expect(await clusterNetworkPolicyApi(serving(['v1alpha2']))).to.deep.equal({
      apiVersions: ['policy.networking.k8s.io/v1alpha2'],
    });
    expect(await clusterNetworkPolicyApi(serving(['v1alpha2', 'v1beta1']))).to.deep.equal({
      apiVersions: ['policy.networking.k8s.io/v1beta1', 'policy.networking.k8s.io/v1alpha2'],
    });
  });

  it('says it once in the run, beside the scenarios it concerns', async () => {
    const lines: string[] = [];
    const cluster = new TinyCluster(() => ({ exitCode: 0 }));
    cluster.apiRequest = notServed;
    await runCorpusLive(
      [cnp!, cnp!],
      { ...context(cluster), progress: (l) => lines.push(l) },
      { scenarioConcurrency: 1, retain: false },
    );
    expect(lines.filter((l) => l.startsWith('ClusterNetworkPolicy: '))).to.deep.equal([
      'ClusterNetworkPolicy: this cluster does not serve ClusterNetworkPolicy (clusternetworkpolicies.policy.networking.k8s.io: v1beta1: HTTP 404, v1alpha2: HTTP 404); the 2 scenarios that declare them are recorded not sent',
    ]);
  });

  it('on a cluster that serves it (preflight skipped): sends each one scoped to the scenario, and deletes it after', async () => {
    const cluster = new TinyCluster(() => ({ exitCode: 0 }));
    const lines: string[] = [];
    const [run] = await runCorpusLive(
      [cnp!],
      { ...context(cluster), progress: (l) => lines.push(l) },
      { scenarioConcurrency: 1, retain: false },
    );
    expect(lines).to.include(
      'ClusterNetworkPolicy: this cluster serves policy.networking.k8s.io/v1beta1, policy.networking.k8s.io/v1alpha2; sent without a preflight (--skip-preflight)',
    );
    const applied = cluster.log.filter((l) => l.startsWith('apply clusternetworkpolicy '));
    expect(applied).to.have.length.greaterThan(0);
    expect(applied.every((l) => /^apply clusternetworkpolicy egress-tcp-[0-9a-f]{8}$/.test(l))).to.equal(true);
    expect(cluster.clusterPolicies.size).to.equal(0);
    expect(run?.records.every((r) => r.live.sent)).to.equal(true);
  });
});

describe('the ClusterNetworkPolicy preflight of a run', () => {
  const [cnp] = loadScenarios(['scenarios/cluster-network-policy/admin-tier-egress-tcp.yaml']);
  const TIMED_OUT = {
    exitCode: 1,
    stderr: 'nc: connect to 10.0.0.1 port 80 (tcp) timed out: Operation now in progress\n',
  };
  function clock(): Clock {
    let t = 0;
    return { nowMs: () => t, waitMs: async (ms) => void (t += ms) };
  }
  async function run(network: ConstructorParameters<typeof TinyCluster>[0]) {
    const cluster = new TinyCluster(network);
    const lines: string[] = [];
    const [result] = await runCorpusLive(
      [cnp!],
      {
        ...context(cluster),
        clock: clock(),
        preflight: new PreflightGate(Promise.resolve(true)),
        progress: (l) => lines.push(l),
      },
      { scenarioConcurrency: 1, retain: false },
    );
    return { cluster, lines, result: result! };
  }

  it('records the scenarios not sent when the cluster serves the API but the canary is never blocked', async () => {
    const { cluster, lines, result } = await run(() => ({ exitCode: 0 }));
    expect(result.records.every((r) => r.live.sent === false)).to.equal(true);
    expect(result.records[0]?.live.reason).to.match(
      /and the preflight found ClusterNetworkPolicy not proven here \(not-enforcing\): ClusterNetworkPolicy is not enforced: /,
    );
    expect(lines).to.include('  the 1 scenarios that declare ClusterNetworkPolicies are recorded not sent');
    // Only the canary was made: its namespace, and one ClusterNetworkPolicy, deleted after.
    expect(cluster.log.filter((l) => l.startsWith('namespace '))).to.deep.equal(['namespace netpol-preflight-r1-cnp']);
    expect(cluster.log.filter((l) => l.startsWith('apply clusternetworkpolicy '))).to.deep.equal([
      'apply clusternetworkpolicy netpol-preflight-r1-cnp',
    ]);
    expect(cluster.clusterPolicies.size).to.equal(0);
  });

  it('sends them once an Admin-tier Deny blocked the canary', async () => {
    const { lines, result } = await run((c, from) =>
      c.clusterPolicies.size > 0 && from.namespace.startsWith('netpol-preflight-') ? TIMED_OUT : { exitCode: 0 },
    );
    expect(
      lines.some((l) => l.startsWith('preflight (ClusterNetworkPolicy): ClusterNetworkPolicy is enforced: ')),
    ).to.equal(true);
    expect(result.records.every((r) => r.live.sent)).to.equal(true);
  });
});

describe('asking the cluster about ClusterNetworkPolicy', () => {
  it('says it could not ask, rather than that the API is not served, when the request throws', async () => {
    const [cnp] = loadScenarios(['scenarios/cluster-network-policy/admin-tier-egress-tcp.yaml']);
    const cluster = new TinyCluster(() => ({ exitCode: 0 }));
    cluster.apiRequest = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6443');
    };
    const [run] = await runCorpusLive([cnp!], context(cluster), { scenarioConcurrency: 1, retain: false });
    expect(run?.records[0]?.live.reason).to.equal(
      'it declares ClusterNetworkPolicies (egress-tcp), and the cluster could not be asked whether it serves ClusterNetworkPolicy (connect ECONNREFUSED 127.0.0.1:6443)',
    );
  });
});
