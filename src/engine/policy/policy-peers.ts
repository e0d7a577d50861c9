// Walking a NetworkPolicy's or a ClusterNetworkPolicy's peers as written (plain JSON from YAML, not
// yet validated; both keep them in ingress[].from and egress[].to), for the rewrites the harness
// makes before sending one. Pure.

export type Json = Record<string, unknown>;

/** The label the API server sets on every namespace: its name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One rule's peer list: `ingress[index].from` or `egress[index].to`. */
export interface RulePeers {
  rulesKey: 'ingress' | 'egress';
  peersKey: 'from' | 'to';
  index: number;
  /** The list itself: changing it changes the manifest. */
  peers: unknown[];
}

/** Every rule's peer list in a policy spec, ingress first; rules that are not objects or have no list are skipped. */
export function rulePeers(spec: unknown): RulePeers[] {
  const out: RulePeers[] = [];
  if (!isObject(spec)) return out;
  for (const [rulesKey, peersKey] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    const rules = spec[rulesKey];
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule, index) => {
      if (isObject(rule) && Array.isArray(rule[peersKey]))
        out.push({ rulesKey, peersKey, index, peers: rule[peersKey] as unknown[] });
    });
  }
  return out;
}
