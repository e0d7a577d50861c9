import { parseAllDocuments } from 'yaml';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, RUN_ID_LABEL } from '../kube/types.js';
import { mapNamespace } from './naming.js';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** One manifest document ready to send: where it goes, its name, and the rewritten object. */
export interface PreparedPolicy {
  namespace: string;
  name?: string;
  manifest: Record<string, unknown>;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function rewriteSelector(selector: unknown, mapping: ReadonlyMap<string, string>): void {
  if (!isObject(selector)) return;
  const labels = selector.matchLabels;
  if (isObject(labels) && typeof labels[NAMESPACE_NAME_LABEL] === 'string') {
    labels[NAMESPACE_NAME_LABEL] = mapNamespace(mapping, labels[NAMESPACE_NAME_LABEL]);
  }
  if (Array.isArray(selector.matchExpressions)) {
    for (const expr of selector.matchExpressions) {
      if (isObject(expr) && expr.key === NAMESPACE_NAME_LABEL && Array.isArray(expr.values)) {
        expr.values = expr.values.map((v) => (typeof v === 'string' ? mapNamespace(mapping, v) : v));
      }
    }
  }
}

function rewritePeers(rules: unknown, field: 'from' | 'to', mapping: ReadonlyMap<string, string>): void {
  if (!Array.isArray(rules)) return;
  for (const rule of rules) {
    if (!isObject(rule) || !Array.isArray(rule[field])) continue;
    for (const peer of rule[field] as unknown[]) {
      if (isObject(peer)) rewriteSelector(peer.namespaceSelector, mapping);
    }
  }
}

/**
 * A policy entry's manifest text as the harness sends it: each document parsed as written, its
 * namespace mapped (metadata.namespace, or the entry's namespace when absent), namespace selectors
 * on `kubernetes.io/metadata.name` mapped, and the harness's labels added. Nothing else changes,
 * so a manifest the API server would reject still reaches it. Pure.
 */
export function preparePolicies(text: string, defaultNamespace: string, mapping: ReadonlyMap<string, string>, runId: string): PreparedPolicy[] {
  const out: PreparedPolicy[] = [];
  for (const doc of parseAllDocuments(text)) {
    const value: unknown = doc.toJS();
    if (!isObject(value)) continue;
    const metadata: Json = isObject(value.metadata) ? value.metadata : {};
    const logicalNs = typeof metadata.namespace === 'string' ? metadata.namespace : defaultNamespace;
    const namespace = mapNamespace(mapping, logicalNs);
    const labels = isObject(metadata.labels) ? metadata.labels : {};
    value.metadata = { ...metadata, namespace, labels: { ...labels, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [RUN_ID_LABEL]: runId } };
    if (isObject(value.spec)) {
      rewritePeers(value.spec.ingress, 'from', mapping);
      rewritePeers(value.spec.egress, 'to', mapping);
    }
    out.push({ namespace, name: typeof metadata.name === 'string' ? metadata.name : undefined, manifest: value });
  }
  return out;
}
