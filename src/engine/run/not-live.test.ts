import { expect } from 'chai';
import { loadScenarios } from '../../scenario/load.js';
import { context, TinyCluster } from '../../testing/tiny-cluster.js';
import { whyNotLive } from './not-live.js';
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
});
