// Scenarios the live engine cannot run as written: each of their probes is recorded as not sent,
// with the reason, and nothing is created in the cluster. Pure, but for clusterNetworkPolicyApi,
// which asks the client it is given.
import { modelAnswerAt } from '../../reachability/check.js';
import { recordOf } from '../../reachability/records.js';
import { worldsByStep } from '../../reachability/world.js';
import type { KubeClient } from '../../kube/types.js';
import { CNP_VERSIONS } from '../../kube/cluster-policy-api.js';
import { parse } from 'yaml';
import type { Scenario } from '../../scenario/types.js';
import { liveVerdictOf } from './live-answer.js';
import type { LiveRecord, ScenarioRun } from '../types.js';

/**
 * Whether a run sends ClusterNetworkPolicies: yes, in the versions the cluster serves
 * (`policy.networking.k8s.io/v1beta1`, …), or no and why.
 */
export type ClusterPolicySupport = { live: true; apiVersions: string[] } | { live: false; reason: string };

/** A ClusterNetworkPolicy document a scenario declares, accepted by the loader or not. */
export interface DeclaredClusterPolicy {
  name?: string;
  apiVersion?: string;
}

/**
 * Every ClusterNetworkPolicy document of a scenario's policy entries, by the kind written, so a
 * document the loader rejects counts too (sending it is a claim about the cluster as well).
 */
export function declaredClusterPolicies(scenario: Scenario): DeclaredClusterPolicy[] {
  return scenario.policies.flatMap((p) =>
    p.documents.flatMap((d): DeclaredClusterPolicy[] => {
      if (d.accepted && !('clusterPolicy' in d)) return [];
      const head = writtenHead(d.text);
      if (!d.accepted && head.kind !== 'ClusterNetworkPolicy') return [];
      const name = d.accepted ? d.clusterPolicy.name : d.name;
      return [
        { ...(name ? { name } : {}), ...(typeof head.apiVersion === 'string' ? { apiVersion: head.apiVersion } : {}) },
      ];
    }),
  );
}

/** A document's kind and apiVersion as written (nothing when it does not parse). */
function writtenHead(text: string): { kind?: unknown; apiVersion?: unknown } {
  try {
    const v: unknown = parse(text);
    return typeof v === 'object' && v !== null ? (v as { kind?: unknown; apiVersion?: unknown }) : {};
  } catch {
    return {};
  }
}

/**
 * Why the live engine does not run this scenario, or undefined when it does. A scenario with
 * ClusterNetworkPolicies runs only where the cluster serves each one's version and the preflight
 * proved the API enforced: probing without them would blame the cluster for policies it never enforced.
 */
export function whyNotLive(scenario: Scenario, support: ClusterPolicySupport | undefined): string | undefined {
  const declared = declaredClusterPolicies(scenario);
  if (declared.length === 0) return undefined;
  const names = [...new Set(declared.map((d) => d.name ?? '(unnamed)'))].join(', ');
  if (!support?.live)
    return `it declares ClusterNetworkPolicies (${names}), and ${support?.reason ?? 'the run did not ask whether this cluster enforces them'}`;
  const unserved = [
    ...new Set(
      declared.flatMap((d) => (d.apiVersion && !support.apiVersions.includes(d.apiVersion) ? [d.apiVersion] : [])),
    ),
  ];
  if (unserved.length > 0)
    return `it declares ClusterNetworkPolicies (${names}) in ${unserved.join(', ')}, which this cluster does not serve (it serves ${support.apiVersions.join(', ')})`;
  return undefined;
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
 * Which versions of ClusterNetworkPolicy the cluster serves, by listing them (cluster-scoped,
 * read-only): every version served, or the answers that say none is.
 */
export async function clusterNetworkPolicyApi(
  kube: Pick<KubeClient, 'apiRequest'>,
): Promise<{ apiVersions: string[] } | { apiVersions?: undefined; answers: string }> {
  const answers: string[] = [];
  const served: string[] = [];
  for (const v of CNP_VERSIONS) {
    const apiVersion = `policy.networking.k8s.io/${v}`;
    const a = await kube.apiRequest({ verb: 'list', apiVersion, kind: 'ClusterNetworkPolicy', namespace: '' });
    if (a.ok) served.push(apiVersion);
    else answers.push(`${v}: HTTP ${a.code}`);
  }
  return served.length > 0 ? { apiVersions: served } : { answers: answers.join(', ') };
}
