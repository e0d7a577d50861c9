import { randomBytes } from 'node:crypto';
import type { Scenario } from '../scenario/types.js';

/** Namespaces the harness never creates nor renames: the cluster's own. */
export const CLUSTER_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];

const MAX_NAMESPACE_LENGTH = 63;

/** A short run id, unique enough to keep concurrent runs apart (lowercase, DNS-label safe). */
export function newRunId(): string {
  return randomBytes(3).toString('hex');
}

/** `np02-limit-traffic-<runid>-default`; the scenario part is shortened to fit 63 characters. */
export function realNamespaceName(scenario: string, logical: string, runId: string): string {
  const tail = `-${runId}-${logical}`;
  const room = MAX_NAMESPACE_LENGTH - tail.length;
  const head = scenario.slice(0, Math.max(room, 1)).replace(/-+$/, '');
  return `${head}${tail}`.slice(0, MAX_NAMESPACE_LENGTH).replace(/-+$/, '');
}

/** Every logical namespace a scenario uses (always `default`), to its run-unique real name. */
export function namespaceMapping(scenario: Scenario, runId: string): Map<string, string> {
  const logical = new Set<string>(['default']);
  for (const n of scenario.namespaces) logical.add(n.name);
  for (const p of scenario.pods) logical.add(p.namespace);
  for (const s of scenario.services) logical.add(s.namespace);
  for (const p of scenario.policies) logical.add(p.namespace);
  const out = new Map<string, string>();
  for (const name of [...logical].sort()) {
    if (!CLUSTER_NAMESPACES.includes(name)) out.set(name, realNamespaceName(scenario.name, name, runId));
  }
  return out;
}

/** The real name of a logical namespace; cluster namespaces and unknown names stay as they are. */
export function mapNamespace(mapping: ReadonlyMap<string, string>, logical: string): string {
  return mapping.get(logical) ?? logical;
}
