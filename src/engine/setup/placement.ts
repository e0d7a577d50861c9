import type { NodeInfo } from '../../kube/types.js';
import type { ScenarioPod } from '../../scenario/types.js';
import { logicalKey } from './targets.js';

/** The taints kubeadm puts on control-plane nodes; a placed pod tolerates them, nothing else. */
export const CONTROL_PLANE_TAINTS: readonly string[] = [
  'node-role.kubernetes.io/control-plane',
  'node-role.kubernetes.io/master',
];

/** The nodes the harness places pods on, and whether that needs the control-plane toleration. */
export interface PlacementNodes {
  /** Sorted by name; fewer than two: no placement (the scheduler decides, as on one node). */
  names: string[];
  tolerateControlPlane: boolean;
}

const blocks = (t: { effect: string }) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/**
 * The Ready nodes pods can be placed on: the untainted ones when there are at least two; else
 * also the control-plane nodes whose only blocking taint is the control-plane one (kind's
 * two-node cluster: a control plane and one worker), tolerated.
 */
export function placementNodes(nodes: readonly NodeInfo[]): PlacementNodes {
  const ready = nodes.filter((n) => n.ready);
  const free = ready.filter((n) => !(n.taints ?? []).some(blocks));
  if (free.length >= 2) return { names: free.map((n) => n.name).sort(), tolerateControlPlane: false };
  const withControlPlane = ready.filter((n) =>
    (n.taints ?? []).filter(blocks).every((t) => CONTROL_PLANE_TAINTS.includes(t.key) && t.effect === 'NoSchedule'),
  );
  if (withControlPlane.length >= 2)
    return { names: withControlPlane.map((n) => n.name).sort(), tolerateControlPlane: true };
  return { names: free.map((n) => n.name).sort(), tolerateControlPlane: false };
}

/**
 * Which node each of a scenario's pods runs on (by logical `namespace/name`), deterministically:
 * pods without `node:` go round the nodes in the order they are declared (workloads, then
 * clients), so that same-node and cross-node pairs both occur; `same-as` and `other-than` follow
 * their pod (other-than: the next node after it); `any` is left out (the scheduler decides). On
 * fewer than two nodes nothing is placed.
 */
export function placePods(pods: readonly ScenarioPod[], nodes: readonly string[]): Map<string, string> {
  const placed = new Map<string, string>();
  if (nodes.length < 2) return placed;
  let next = 0;
  for (const p of pods) {
    if ((p.node ?? { kind: 'spread' }).kind !== 'spread') continue;
    placed.set(logicalKey(p.namespace, p.name), nodes[next % nodes.length] as string);
    next++;
  }
  // Relative placements follow their pod; a chain is resolved in as many passes as it is long.
  let pending = pods.filter((p) => p.node?.kind === 'same-as' || p.node?.kind === 'other-than');
  while (pending.length) {
    const left = pending.filter((p) => {
      const rule = p.node;
      if (!rule || (rule.kind !== 'same-as' && rule.kind !== 'other-than')) return false;
      const of = placed.get(rule.pod);
      if (of === undefined) return true;
      const at = nodes.indexOf(of);
      placed.set(
        logicalKey(p.namespace, p.name),
        rule.kind === 'same-as' ? of : (nodes[(at + 1) % nodes.length] as string),
      );
      return false;
    });
    // The format refuses cycles and references to `any` pods; what is still unresolved stays unplaced.
    if (left.length === pending.length) break;
    pending = left;
  }
  return placed;
}

/** Same node or not, for a probe between two pods whose nodes are known. */
export type NodePair = 'same-node' | 'cross-node';

export function nodePairOf(sourceNode: string | undefined, destinationNode: string | undefined): NodePair | undefined {
  if (!sourceNode || !destinationNode) return undefined;
  return sourceNode === destinationNode ? 'same-node' : 'cross-node';
}

/** A pod manifest bound to a node (the scheduler is not asked), tolerating the control-plane taint when placed there. */
export function placedOn<M extends Record<string, unknown>>(
  manifest: M,
  node: string,
  tolerateControlPlane: boolean,
): M {
  const spec = (manifest.spec ?? {}) as Record<string, unknown>;
  return {
    ...manifest,
    spec: {
      ...spec,
      nodeName: node,
      ...(tolerateControlPlane
        ? {
            tolerations: CONTROL_PLANE_TAINTS.map((key) => ({ key, operator: 'Exists', effect: 'NoSchedule' })),
          }
        : {}),
    },
  };
}
