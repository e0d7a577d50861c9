/**
 * Where a pod runs on a cluster of several nodes (`node:` on a workload or client). Without it the
 * harness spreads the scenario's pods over the nodes (engine/setup/placement.ts); `any` leaves the pod to
 * the scheduler; `same-as` and `other-than` place it relative to another pod of the scenario.
 */
export type NodePlacement =
  { kind: 'spread' } | { kind: 'any' } | { kind: 'same-as'; pod: string } | { kind: 'other-than'; pod: string };

/** `node:` as written: `any`, or `{ same-as: POD }` / `{ other-than: POD }` (POD: NAME or NAMESPACE/NAME). */
export type RawNodePlacement = string | { 'same-as'?: string; 'other-than'?: string };

export const NODE_PLACEMENT_HELP =
  'Where the pod runs on a cluster of several nodes: `any` (the scheduler decides), `{ same-as: POD }` or `{ other-than: POD }` (POD: NAME or NAMESPACE/NAME of another pod of the scenario). Without it the harness spreads the pods over the nodes so that same-node and cross-node pairs both occur. On one node it has no effect.';

/** The placement a `node:` value asks for, with the referenced pod as written; or what is wrong with it. */
export function readNodePlacement(raw: RawNodePlacement): { placement: NodePlacement } | { error: string } {
  if (typeof raw === 'string') {
    if (raw === 'any') return { placement: { kind: 'any' } };
    return { error: `expected "any", { same-as: POD } or { other-than: POD }, got "${raw}"` };
  }
  const same = raw['same-as'];
  const other = raw['other-than'];
  if (same !== undefined && other !== undefined) return { error: 'give same-as or other-than, not both' };
  if (same !== undefined) return { placement: { kind: 'same-as', pod: same } };
  if (other !== undefined) return { placement: { kind: 'other-than', pod: other } };
  return { error: 'expected same-as: POD or other-than: POD' };
}

/** The pod a placement refers to, if any. */
export function placementReference(p: NodePlacement): string | undefined {
  return p.kind === 'same-as' || p.kind === 'other-than' ? p.pod : undefined;
}
