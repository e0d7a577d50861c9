// Scenarios the live engine cannot run as written: each of their probes is recorded as not sent,
// with the reason, and nothing is created in the cluster. Pure, but for clusterNetworkPolicyApi,
// which asks the client it is given.
import { modelAnswerAt } from '../../reachability/check.js';
import { recordOf } from '../../reachability/records.js';
import { worldsByStep } from '../../reachability/world.js';
import type { KubeClient } from '../../kube/types.js';
import { CNP_VERSIONS } from '../../kube/cluster-policy-api.js';
import type { Scenario } from '../../scenario/types.js';
import { liveVerdictOf } from './live-answer.js';
import type { LiveRecord, ScenarioRun } from '../types.js';

/** Whether a run sends ClusterNetworkPolicies: yes (in the version the cluster serves), or no and why. */
export type ClusterPolicySupport = { live: true; apiVersion: string } | { live: false; reason: string };

/** The names of the ClusterNetworkPolicies a scenario declares (accepted by the loader). */
export function declaredClusterPolicies(scenario: Scenario): string[] {
  return [
    ...new Set(
      scenario.policies.flatMap((p) =>
        p.documents.flatMap((d) => (d.accepted && 'clusterPolicy' in d ? [d.clusterPolicy.name] : [])),
      ),
    ),
  ];
}

/**
 * Why the live engine does not run this scenario, or undefined when it does. A scenario with
 * ClusterNetworkPolicies runs only where the cluster serves the API and the preflight proved it
 * enforced: probing without them would blame the cluster for policies it never enforced.
 */
export function whyNotLive(scenario: Scenario, support: ClusterPolicySupport | undefined): string | undefined {
  const cnp = declaredClusterPolicies(scenario);
  if (cnp.length === 0 || support?.live) return undefined;
  return `it declares ClusterNetworkPolicies (${cnp.join(', ')}), and ${support?.reason ?? 'the run did not ask whether this cluster enforces them'}`;
}

/** The run of a scenario not run live: every expectation's model answer, and not sent, for `reason`. */
export function notLiveRun(scenario: Scenario, runId: string, reason: string): ScenarioRun {
  const states = worldsByStep(scenario);
  const records: LiveRecord[] = states.flatMap((state) =>
    state.step.expectations.map((e, i) => {
      const model = modelAnswerAt(states, state.index, e);
      const answer = { outcome: 'not-sent' as const, flaky: false, reason };
      return {
        ...recordOf(
          scenario,
          { name: state.step.name, index: state.index },
          e,
          model,
          liveVerdictOf(e, model, answer, undefined),
        ),
        live: {
          key: `${state.index}:${i}`,
          sent: false,
          history: [],
          outcome: 'not-sent',
          reason,
          flaky: false,
          observedMs: [],
        },
      };
    }),
  );
  return { scenario, runId, namespaces: [], steps: [], records, durationMs: 0 };
}

/**
 * Whether the cluster serves ClusterNetworkPolicy, by listing them (cluster-scoped, read-only):
 * the first version served, or the answers that say none is.
 */
export async function clusterNetworkPolicyApi(
  kube: Pick<KubeClient, 'apiRequest'>,
): Promise<{ apiVersion: string } | { apiVersion?: undefined; answers: string }> {
  const answers: string[] = [];
  for (const v of CNP_VERSIONS) {
    const apiVersion = `policy.networking.k8s.io/${v}`;
    const a = await kube.apiRequest({ verb: 'list', apiVersion, kind: 'ClusterNetworkPolicy', namespace: '' });
    if (a.ok) return { apiVersion };
    answers.push(`${v}: HTTP ${a.code}`);
  }
  return { answers: answers.join(', ') };
}
