import { expect } from 'chai';
import { loadScenarios } from '../../scenario/load.js';
import { context, TinyCluster } from '../../testing/tiny-cluster.js';
import { clusterNetworkPolicyApi, whyNotLive } from './not-live.js';
import type { ApiAnswer, ApiRequest } from '../../kube/types.js';
import { runCorpusLive } from './run-corpus.js';
import { whyNotShareable } from './shared-world.js';

describe('scenarios not run live', () => {
  const [cnp] = loadScenarios(['scenarios/cluster-network-policy/admin-tier-egress-tcp.yaml']);
  const [plain] = loadScenarios(['scenarios/000-mistake-protocol-default.yaml']);

  it('names the ClusterNetworkPolicies a scenario declares, and keeps it out of shared worlds', () => {
    expect(whyNotLive(plain!)).to.equal(undefined);
    expect(whyNotLive(cnp!)).to.match(
      /^it declares ClusterNetworkPolicies \(egress-tcp\), which this harness does not send/,
    );
    expect(whyNotShareable(cnp!)).to.match(/^it is not run live: /);
  });

  it('creates nothing and records every probe as not sent, with the reason, beside the model answer', async () => {
    const cluster = new TinyCluster(() => ({ exitCode: 0 }));
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
      run?.records.every((r) => r.live.sent === false && /ClusterNetworkPolicies/.test(r.live.reason ?? '')),
    ).to.equal(true);
    // The model still answers: some of these cells are blocked by the Admin tier.
    expect(run?.records.some((r) => r.model.outcome === 'blocked')).to.equal(true);
    expect(run?.error).to.equal(undefined);
    expect(lines.some((l) => /not run live: it declares ClusterNetworkPolicies/.test(l))).to.equal(true);
  });

  it('says whether the cluster serves ClusterNetworkPolicy, asking each version with a read-only list', async () => {
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
    expect(await clusterNetworkPolicyApi(serving([]))).to.equal(
      'this cluster does not implement it: clusternetworkpolicies.policy.networking.k8s.io is not served (v1beta1: HTTP 404, v1alpha2: HTTP 404)',
    );
    expect(asked.map((r) => r.verb === 'list' && `${r.apiVersion} ${r.kind} ${r.namespace || 'all'}`)).to.deep.equal([
      'policy.networking.k8s.io/v1beta1 ClusterNetworkPolicy all',
      'policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy all',
    ]);
    expect(await clusterNetworkPolicyApi(serving(['v1alpha2']))).to.equal('this cluster serves it (v1alpha2)');
  });

  it('says it once in the run, beside the scenarios it concerns', async () => {
    const lines: string[] = [];
    const cluster = new TinyCluster(() => ({ exitCode: 0 }));
    cluster.apiRequest = async () => ({ ok: false, code: 404, message: '404 page not found' });
    await runCorpusLive(
      [cnp!, cnp!],
      { ...context(cluster), progress: (l) => lines.push(l) },
      { scenarioConcurrency: 1, retain: false },
    );
    expect(lines.filter((l) => l.startsWith('ClusterNetworkPolicy: '))).to.deep.equal([
      'ClusterNetworkPolicy: this cluster does not implement it: clusternetworkpolicies.policy.networking.k8s.io is not served (v1beta1: HTTP 404, v1alpha2: HTTP 404); the 2 scenarios that declare them are recorded not sent (the harness does not send them)',
    ]);
  });
});
