// Before a run sends ClusterNetworkPolicies: does the cluster serve the API, and does it enforce
// it? The second is the preflight's canary with an Admin-tier Deny instead of a NetworkPolicy.
import { clusterPolicyDeny } from '../preflight/cluster-policy-deny.js';
import { DEFAULT_PREFLIGHT, runPreflight } from '../preflight/preflight.js';
import { realClock } from '../stabilize/stabilize.js';
import { clusterNetworkPolicyApi, type ClusterPolicySupport } from './not-live.js';
import type { LiveContext } from './run-scenario.js';

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Live when the cluster serves ClusterNetworkPolicy and (unless the preflight is skipped) its
 * canary was blocked by one; otherwise the reason, said once in progress.
 */
export async function clusterPolicySupport(
  ctx: LiveContext,
  declaring: number,
  /** The run's set of run ids in flight: an interrupt cleans up the canary's while it runs. */
  started?: Set<string>,
): Promise<ClusterPolicySupport> {
  const served = await clusterNetworkPolicyApi(ctx.kube).catch(
    (err: unknown): { apiVersions?: undefined; answers?: undefined; error: string } => ({ error: message(err) }),
  );
  if (served.apiVersions === undefined) {
    const reason =
      'error' in served
        ? `the cluster could not be asked whether it serves ClusterNetworkPolicy (${served.error})`
        : `this cluster does not serve ClusterNetworkPolicy (clusternetworkpolicies.policy.networking.k8s.io: ${served.answers})`;
    ctx.progress(`ClusterNetworkPolicy: ${reason}; the ${declaring} scenarios that declare them are recorded not sent`);
    return { live: false, reason };
  }
  if (!(ctx.clusterPolicyPreflight ?? ctx.preflight !== undefined)) {
    ctx.progress(
      `ClusterNetworkPolicy: this cluster serves ${served.apiVersions.join(', ')}; sent without a preflight (--skip-preflight)`,
    );
    return { live: true, apiVersions: served.apiVersions };
  }
  const runId = `${ctx.runId}-cnp`;
  started?.add(runId);
  const result = await runPreflight(
    ctx.kube,
    ctx.runner,
    {
      ...DEFAULT_PREFLIGHT,
      runId,
      images: ctx.images,
      offline: ctx.options.offline,
      deny: clusterPolicyDeny(served.apiVersions[0] as string, runId),
    },
    ctx.clock ?? realClock,
    (line) => ctx.progress(line.replace(/^preflight: /, 'preflight (ClusterNetworkPolicy): ')),
  ).finally(() => started?.delete(runId));
  if (result.outcome === 'pass') {
    ctx.progress(`preflight (ClusterNetworkPolicy): ${result.sentence}`);
    return { live: true, apiVersions: served.apiVersions };
  }
  ctx.progress(`preflight (ClusterNetworkPolicy) ${result.outcome}: ${result.sentence}`);
  for (const d of result.details) ctx.progress(`  ${d}`);
  ctx.progress(`  the ${declaring} scenarios that declare ClusterNetworkPolicies are recorded not sent`);
  return {
    live: false,
    reason: `the preflight found ClusterNetworkPolicy not proven here (${result.outcome}): ${result.sentence}`,
  };
}
