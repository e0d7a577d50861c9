import type { ApplyResult, KubeClient } from '../../kube/types.js';
import type { PodIpOf } from '../../model/pod-address.js';
import type { ApplyOutcome } from '../../reachability/world.js';
import type { ScenarioPolicy, Step } from '../../scenario/types.js';
import { mapNamespace } from '../naming.js';
import { preparePolicies, type PreparedPolicy } from '../policy/policy-rewrite.js';
import type { PolicyChange } from '../types.js';
import { rewriteIpBlocks, type StandIns } from '../policy/stand-ins.js';
import { debugLog } from '../../debug-log.js';

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Policies the API server took, per policy id, so a later step can delete them. */
export type AppliedPolicies = Map<string, PreparedPolicy[]>;

/** Sends one prepared policy: a NetworkPolicy to its namespace, a ClusterNetworkPolicy to the cluster. */
export function sendPolicy(kube: KubeClient, p: PreparedPolicy): Promise<ApplyResult> {
  return p.cluster ? kube.applyClusterNetworkPolicy(p.manifest) : kube.applyNetworkPolicy(p.namespace, p.manifest);
}

/** Deletes one policy the API server took (nothing for one without a name). */
export async function deletePolicy(kube: KubeClient, p: PreparedPolicy): Promise<void> {
  if (!p.name) return;
  if (p.cluster) await kube.deleteClusterNetworkPolicy(p.cluster.apiVersion, p.name);
  else await kube.deleteNetworkPolicy({ namespace: p.namespace, name: p.name });
}

/** How a prepared policy is named in reports: `ns/name`, or a ClusterNetworkPolicy's written name. */
export function writtenNameOf(p: PreparedPolicy): string | undefined {
  return p.cluster ? p.cluster.writtenName : p.name;
}

function modelDiffers(
  result: ApplyResult,
  name: string | undefined,
  model: ApplyOutcome | undefined,
): string | undefined {
  if (!model) return undefined;
  const modelAccepted = name !== undefined && model.accepted.includes(name);
  if (result.accepted && !modelAccepted)
    return `the API server accepted ${name ?? 'it'}; the model's validator rejects it`;
  if (!result.accepted && modelAccepted) return `the API server rejected ${name}; the model's validator accepts it`;
  return undefined;
}

/** One step's changes in document order: deletes, applies, relabels. A rejection is recorded, not thrown. */
const debug = debugLog('policy');

export async function applyStepChanges(
  kube: KubeClient,
  step: Step,
  policies: readonly ScenarioPolicy[],
  applied: AppliedPolicies,
  mapping: ReadonlyMap<string, string>,
  runId: string,
  modelOutcomes: readonly ApplyOutcome[],
  standIns?: StandIns,
  podIpOf?: PodIpOf,
): Promise<{ changes: PolicyChange[]; relabels: string[] }> {
  const changes: PolicyChange[] = [];
  for (const id of step.delete) {
    const kept: PreparedPolicy[] = [];
    for (const p of applied.get(id) ?? []) {
      let result: ApplyResult = { accepted: true };
      try {
        await deletePolicy(kube, p);
      } catch (err) {
        result = { accepted: false, status: 0, message: messageOf(err) };
        kept.push(p); // still in the cluster: the shared world's reset tries again
      }
      debug('delete %s/%s (%s): %s', p.namespace, p.name, id, result.accepted ? 'deleted' : result.message);
      changes.push({
        policyId: id,
        action: 'delete',
        namespace: p.namespace,
        name: writtenNameOf(p),
        ...(p.cluster && p.name ? { sentName: p.name } : {}),
        result,
      });
    }
    if (kept.length) applied.set(id, kept);
    else applied.delete(id);
  }
  for (const id of step.apply) {
    const entry = policies.find((p) => p.id === id);
    if (!entry) continue;
    const model = modelOutcomes.find((o) => o.policyId === id && o.action === 'apply');
    const took: PreparedPolicy[] = [];
    for (const p of preparePolicies(entry.text, entry.namespace, mapping, runId, podIpOf)) {
      const standInNotes = standIns?.size ? rewriteIpBlocks(p.manifest, standIns) : [];
      const result = await sendPolicy(kube, p);
      debug(
        'apply %s/%s (%s): %s',
        p.namespace,
        p.name,
        id,
        result.accepted ? 'accepted' : `rejected: ${result.message}`,
      );
      if (result.accepted) took.push(p);
      const differs = modelDiffers(result, writtenNameOf(p), model);
      changes.push({
        policyId: id,
        action: 'apply',
        namespace: p.namespace,
        name: writtenNameOf(p),
        ...(p.cluster && p.name ? { sentName: p.name } : {}),
        result,
        ...(differs ? { modelDiffers: differs } : {}),
        ...(p.podAddresses ? { podAddresses: p.podAddresses } : {}),
        ...(standInNotes.length ? { standIns: standInNotes } : {}),
      });
    }
    applied.set(id, [...(applied.get(id) ?? []), ...took]);
  }
  const relabels: string[] = [];
  for (const change of step.relabel) {
    const text = Object.entries(change.labels)
      .map(([k, v]) => (v === null ? `${k}-` : `${k}=${v}`))
      .join(' ');
    debug('label %s %s/%s %s', change.target, change.namespace, change.name, text);
    if (change.target === 'pod') {
      await kube.patchPodLabels(
        { namespace: mapNamespace(mapping, change.namespace), name: change.name },
        change.labels,
      );
      relabels.push(`label pod ${change.namespace}/${change.name} ${text}`);
    } else {
      await kube.patchNamespaceLabels(mapNamespace(mapping, change.name), change.labels);
      relabels.push(`label namespace ${change.name} ${text}`);
    }
  }
  return { changes, relabels };
}
