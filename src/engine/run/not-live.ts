// Scenarios the live engine cannot run as written: each of their probes is recorded as not sent,
// with the reason, and nothing is created in the cluster. Pure, but for clusterNetworkPolicyApi, which asks the client it is given.
import { modelAnswerAt } from '../../reachability/check.js';
import { recordOf } from '../../reachability/records.js';
import { worldsByStep } from '../../reachability/world.js';
import type { KubeClient } from '../../kube/types.js';
import type { Scenario } from '../../scenario/types.js';
import { liveVerdictOf } from './live-answer.js';
import type { LiveRecord, ScenarioRun } from '../types.js';

/**
 * Why the live engine does not run this scenario, or undefined when it does. A ClusterNetworkPolicy
 * is not sent: no CNI that enforces it can be built here (docs/cluster-network-policy-cni.md), so
 * sending it could not be tested; probing without it would blame the cluster for a policy it never saw.
 */
export function whyNotLive(scenario: Scenario): string | undefined {
  const cnp = scenario.policies.flatMap((p) =>
    p.documents.flatMap((d) => (d.accepted && 'clusterPolicy' in d ? [d.clusterPolicy.name] : [])),
  );
  if (cnp.length === 0) return undefined;
  return `it declares ClusterNetworkPolicies (${[...new Set(cnp)].join(', ')}), which this harness does not send to a cluster yet; check gives the model's answers (docs/cluster-network-policy-cni.md)`;
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

/** The versions of ClusterNetworkPolicy (policy.networking.k8s.io) asked for, newest first. */
export const CNP_VERSIONS = ['v1beta1', 'v1alpha2'] as const;

/**
 * Whether the cluster serves ClusterNetworkPolicy, in words, by listing them (cluster-scoped,
 * read-only): the first version served, or the answers that say none is. It says what the CNI
 * implements; the harness sends none either way.
 */
export async function clusterNetworkPolicyApi(kube: Pick<KubeClient, 'apiRequest'>): Promise<string> {
  const answers: string[] = [];
  for (const v of CNP_VERSIONS) {
    const a = await kube.apiRequest({
      verb: 'list',
      apiVersion: `policy.networking.k8s.io/${v}`,
      kind: 'ClusterNetworkPolicy',
      namespace: '',
    });
    if (a.ok) return `this cluster serves it (${v})`;
    answers.push(`${v}: HTTP ${a.code}`);
  }
  return `this cluster does not implement it: clusternetworkpolicies.policy.networking.k8s.io is not served (${answers.join(', ')})`;
}
