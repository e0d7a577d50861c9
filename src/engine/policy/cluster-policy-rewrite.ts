// A ClusterNetworkPolicy as the harness sends it. It is cluster-scoped, so two copies of a world (or
// two scenarios) that send the same manifest would collide by name and select each other's pods.
// The sent version is scoped to the scenario's own namespaces: its name gets a suffix, and its
// subject selects only among those namespaces. Its peers are left as written (but for namespace
// names): a rule only ever decides traffic to or from a subject pod, so peers cannot reach across.
// Pure.
import { createHash } from 'node:crypto';
import { CLUSTER_NAMESPACES } from '../naming.js';
import { isObject, NAMESPACE_NAME_LABEL, rulePeers, type Json } from './policy-peers.js';

/** The real namespaces a scenario owns: the mapping's values, never the cluster's own. */
export function ownNamespaces(mapping: ReadonlyMap<string, string>): string[] {
  return [...new Set(mapping.values())].filter((n) => !CLUSTER_NAMESPACES.includes(n)).sort();
}

/** A short suffix that differs between two sets of namespaces (two copies of a world, two runs). */
export function scopeSuffix(namespaces: readonly string[]): string {
  return createHash('sha256').update(namespaces.join('\n')).digest('hex').slice(0, 8);
}

/** The requirement that keeps a namespace selector among `namespaces`. */
export function withinNamespaces(namespaces: readonly string[]): Json {
  return { key: NAMESPACE_NAME_LABEL, operator: 'In', values: [...namespaces] };
}

/** Adds the requirement to a label selector in place (AND with what it already says). */
function scopeSelector(selector: unknown, namespaces: readonly string[]): void {
  if (!isObject(selector)) return;
  const existing = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  selector.matchExpressions = [...existing, withinNamespaces(namespaces)];
}

/** The namespace selectors of a subject or a peer (`namespaces`, `pods.namespaceSelector`). */
export function namespaceSelectorsOf(node: unknown): Json[] {
  if (!isObject(node)) return [];
  const out: Json[] = [];
  if (isObject(node.namespaces)) out.push(node.namespaces);
  if (isObject(node.pods) && isObject(node.pods.namespaceSelector)) out.push(node.pods.namespaceSelector);
  return out;
}

/** Every peer of a ClusterNetworkPolicy spec (`ingress[].from[]`, `egress[].to[]`), with where it is. */
export function clusterPolicyPeers(spec: unknown): { at: string; peer: Json }[] {
  return rulePeers(spec).flatMap(({ rulesKey, peersKey, index, peers }) =>
    peers.flatMap((peer, j) => (isObject(peer) ? [{ at: `${rulesKey}[${index}].${peersKey}[${j}]`, peer }] : [])),
  );
}

/**
 * Scopes a ClusterNetworkPolicy manifest in place to `namespaces`: the name gets the suffix, the
 * subject's namespace selector the `In` requirement. Returns the name as sent.
 */
export function scopeClusterPolicy(manifest: Json, namespaces: readonly string[]): string | undefined {
  const metadata = isObject(manifest.metadata) ? manifest.metadata : undefined;
  const written = typeof metadata?.name === 'string' ? metadata.name : undefined;
  const sent = written === undefined ? undefined : `${written}-${scopeSuffix(namespaces)}`;
  if (metadata && sent !== undefined) metadata.name = sent;
  const spec = isObject(manifest.spec) ? manifest.spec : undefined;
  const subject = spec?.subject;
  // A pods subject without a namespace selector (missing or null) selects in every namespace: give it one.
  if (isObject(subject) && isObject(subject.pods) && subject.pods.namespaceSelector == null)
    subject.pods.namespaceSelector = {};
  for (const selector of namespaceSelectorsOf(subject)) scopeSelector(selector, namespaces);
  return sent;
}
