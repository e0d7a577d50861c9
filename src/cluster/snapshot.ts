import { AppsV1Api, CoordinationV1Api, CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { isNotFound } from '../kube/api-error.js';
import { withDeadlines } from '../kube/request-deadline.js';
import type { ClusterSnapshot, NodeState, PodReadiness, WorkloadRequirement, WorkloadState } from './readiness.js';

/** Reads nodes and the required workloads' status from the API server. */
export async function readSnapshot(
  kubeConfig: KubeConfig,
  requirements: WorkloadRequirement[],
): Promise<ClusterSnapshot> {
  const kc = withDeadlines(kubeConfig);
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const leases = kc.makeApiClient(CoordinationV1Api);
  const nodes: NodeState[] = await Promise.all(
    (await core.listNode()).items.map(async (n) => {
      const cond = n.status?.conditions?.find((c) => c.type === 'Ready');
      const ready = cond?.status === 'True';
      const state: NodeState = { name: n.metadata?.name ?? '', ready };
      if (!ready) state.detail = [cond?.reason, cond?.message].filter(Boolean).join(': ') || 'no Ready condition yet';
      const age = await heartbeatAgeSeconds(leases, state.name);
      if (age !== undefined) state.heartbeatAgeSeconds = age;
      return state;
    }),
  );
  const workloads = await Promise.all(requirements.map((r) => readWorkload(apps, core, r)));
  return { nodes, workloads, readAtMs: Date.now() };
}

function selectorText(labels: Record<string, string> | undefined): string | undefined {
  const pairs = Object.entries(labels ?? {});
  return pairs.length ? pairs.map(([k, v]) => `${k}=${v}`).join(',') : undefined;
}

/** A pod as its kubelet reports it: Ready and not being deleted, and when its newest container started. */
export function podReadiness(p: V1Pod): PodReadiness {
  const ready =
    !p.metadata?.deletionTimestamp &&
    (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
  const starts = (p.status?.containerStatuses ?? [])
    .map((c) => c.state?.running?.startedAt)
    .filter((t): t is Date => t !== undefined)
    .map((t) => new Date(t).getTime());
  const out: PodReadiness = { name: p.metadata?.name ?? '', ready };
  if (p.spec?.nodeName) out.node = p.spec.nodeName;
  if (starts.length) out.newestStartMs = Math.max(...starts);
  return out;
}

async function podsMatching(core: CoreV1Api, namespace: string, selector: string | undefined): Promise<PodReadiness[]> {
  if (!selector) return [];
  return (await core.listNamespacedPod({ namespace, labelSelector: selector })).items.map(podReadiness);
}

/** How long ago the kubelet renewed the node's lease in kube-node-lease. */
async function heartbeatAgeSeconds(leases: CoordinationV1Api, node: string): Promise<number | undefined> {
  try {
    const lease = await leases.readNamespacedLease({ namespace: 'kube-node-lease', name: node });
    const renewed = lease.spec?.renewTime;
    return renewed ? (Date.now() - new Date(renewed).getTime()) / 1000 : undefined;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

async function readWorkload(apps: AppsV1Api, core: CoreV1Api, req: WorkloadRequirement): Promise<WorkloadState> {
  const base = { kind: req.kind, namespace: req.namespace, name: req.name } as const;
  try {
    if (req.kind === 'Pods') {
      const pods = (await core.listNamespacedPod({ namespace: req.namespace, labelSelector: req.labelSelector ?? '' }))
        .items;
      const states = pods.map(podReadiness);
      return { ...base, desired: pods.length, ready: states.filter((p) => p.ready).length, pods: states };
    }
    if (req.kind === 'DaemonSet') {
      const ds = await apps.readNamespacedDaemonSet({ namespace: req.namespace, name: req.name });
      const pods = await podsMatching(core, req.namespace, selectorText(ds.spec?.selector?.matchLabels));
      return { ...base, desired: ds.status?.desiredNumberScheduled ?? 0, ready: ds.status?.numberReady ?? 0, pods };
    }
    const d = await apps.readNamespacedDeployment({ namespace: req.namespace, name: req.name });
    const pods = await podsMatching(core, req.namespace, selectorText(d.spec?.selector?.matchLabels));
    return { ...base, desired: d.spec?.replicas ?? 1, ready: d.status?.readyReplicas ?? 0, pods };
  } catch (err) {
    if (isNotFound(err)) return base;
    throw err;
  }
}

/** For a cluster that never became ready: the kube-system pods that are not Ready, and recent warnings. */
export async function readDiagnostics(
  kubeConfig: KubeConfig,
  namespace = 'kube-system',
  maxEvents = 10,
): Promise<string[]> {
  const core = withDeadlines(kubeConfig).makeApiClient(CoreV1Api);
  const lines: string[] = [];
  const pods = (await core.listNamespacedPod({ namespace })).items;
  const notReady = pods.filter((p) => !p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  lines.push(notReady.length ? `pods in ${namespace} not Ready:` : `all ${pods.length} pods in ${namespace} are Ready`);
  for (const p of notReady) lines.push(`  ${describePod(p)}`);
  const events = (await core.listNamespacedEvent({ namespace, fieldSelector: 'type=Warning' })).items
    .sort((a, b) => eventTime(a) - eventTime(b))
    .slice(-maxEvents);
  if (events.length) lines.push(`last warning events in ${namespace}:`);
  for (const e of events)
    lines.push(`  ${e.involvedObject.kind}/${e.involvedObject.name}: ${e.reason}: ${(e.message ?? '').trim()}`);
  return lines;
}

function eventTime(e: { lastTimestamp?: Date; eventTime?: Date; metadata?: { creationTimestamp?: Date } }): number {
  return new Date(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? 0).getTime();
}

/** `calico-node-x7k2p Pending (calico-node: waiting ImagePullBackOff: …)`. */
export function describePod(p: V1Pod): string {
  const statuses = [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])];
  const waiting = statuses
    .filter((s) => s.state?.waiting || s.state?.terminated || !s.ready)
    .map((s) => {
      const w = s.state?.waiting;
      const t = s.state?.terminated;
      const what = w
        ? `waiting ${w.reason ?? ''}${w.message ? `: ${w.message}` : ''}`
        : t
          ? `terminated ${t.reason ?? ''} (exit ${t.exitCode})`
          : 'running, not ready';
      return `${s.name}: ${what}${s.restartCount ? `, ${s.restartCount} restarts` : ''}`;
    });
  return `${p.metadata?.name} ${p.status?.phase ?? ''}${waiting.length ? ` (${waiting.join('; ')})` : ''}`;
}
