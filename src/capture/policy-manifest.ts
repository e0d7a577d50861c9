import { stringify } from 'yaml';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, RUN_ID_LABEL } from '../kube/types.js';
import { isObject, rulePeers, type Json } from '../engine/policy/policy-peers.js';
import type { KubeClusterNetworkPolicy, KubeNetworkPolicy } from './cluster-objects.js';

/** Metadata the API server fills in; a manifest to apply elsewhere carries none of it. */
export const SERVER_METADATA_FIELDS: readonly string[] = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
];
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface CapturedPolicy {
  name: string;
  namespace: string;
  /** The manifest as YAML: the object as the API server holds it, minus what `removed` lists. */
  text: string;
  /** Fields taken out, as paths (`metadata.uid`, `status`). */
  removed: string[];
  /** Namespace names changed to the scenario's (`metadata.namespace: a -> b`). */
  renamed: string[];
}

/**
 * A NetworkPolicy as read from the cluster, made into a manifest to apply: server-populated fields,
 * `status`, the last-applied annotation and a harness run's own labels removed; the namespace (and
 * namespace selectors on `kubernetes.io/metadata.name`) renamed to the scenario's names. The spec
 * is otherwise untouched, defaults the API server filled in included. Pure.
 */
export function capturePolicy(policy: KubeNetworkPolicy, renames: ReadonlyMap<string, string>): CapturedPolicy {
  const removed: string[] = [];
  const renamed: string[] = [];
  const meta = cleanMetadata(policy, removed);
  const realNs = typeof meta.namespace === 'string' ? meta.namespace : '';
  const ns = renames.get(realNs) ?? realNs;
  if (ns !== realNs) renamed.push(`metadata.namespace: ${realNs} -> ${ns}`);
  meta.namespace = ns;
  const spec: Json = structuredClone(isObject(policy.spec) ? policy.spec : {});
  for (const { rulesKey, peersKey, index, peers } of rulePeers(spec)) {
    peers.forEach((peer: unknown, j) => {
      if (isObject(peer))
        renameSelector(
          peer.namespaceSelector,
          renames,
          `spec.${rulesKey}[${index}].${peersKey}[${j}].namespaceSelector`,
          renamed,
        );
    });
  }
  const { name, namespace, ...restMeta } = meta;
  const manifest = {
    apiVersion: policy.apiVersion ?? 'networking.k8s.io/v1',
    kind: policy.kind ?? 'NetworkPolicy',
    metadata: { name, namespace, ...restMeta },
    spec,
  };
  return { name: String(name ?? ''), namespace: ns, text: stringify(manifest), removed, renamed };
}

/**
 * A ClusterNetworkPolicy as read from the cluster, made into a manifest to apply, as capturePolicy
 * does for a NetworkPolicy: server-populated fields, `status`, the last-applied annotation and a
 * harness run's labels removed; namespace selectors on `kubernetes.io/metadata.name` (the subject's
 * and the peers') renamed to the scenario's names. It has no namespace. Pure.
 */
export function captureClusterPolicy(
  policy: KubeClusterNetworkPolicy,
  renames: ReadonlyMap<string, string>,
): Omit<CapturedPolicy, 'namespace'> {
  const removed: string[] = [];
  const renamed: string[] = [];
  const { name, ...restMeta } = cleanMetadata(policy, removed);
  const spec: Json = structuredClone(isObject(policy.spec) ? policy.spec : {});
  const subject = spec.subject;
  if (isObject(subject)) {
    renameSelector(subject.namespaces, renames, 'spec.subject.namespaces', renamed);
    if (isObject(subject.pods))
      renameSelector(subject.pods.namespaceSelector, renames, 'spec.subject.pods.namespaceSelector', renamed);
  }
  for (const [rulesKey, peersKey] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    const rules = spec[rulesKey];
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule: unknown, i) => {
      const peers = isObject(rule) ? rule[peersKey] : undefined;
      if (!Array.isArray(peers)) return;
      peers.forEach((peer: unknown, j) => {
        if (!isObject(peer)) return;
        const at = `spec.${rulesKey}[${i}].${peersKey}[${j}]`;
        renameSelector(peer.namespaces, renames, `${at}.namespaces`, renamed);
        if (isObject(peer.pods))
          renameSelector(peer.pods.namespaceSelector, renames, `${at}.pods.namespaceSelector`, renamed);
      });
    });
  }
  const manifest = {
    apiVersion: policy.apiVersion ?? 'policy.networking.k8s.io/v1beta1',
    kind: policy.kind ?? 'ClusterNetworkPolicy',
    metadata: { name, ...restMeta },
    spec,
  };
  return { name: String(name ?? ''), text: stringify(manifest), removed, renamed };
}

/** A copy of the object's metadata without what the API server fills in and a harness run's labels; `status` noted as removed. */
function cleanMetadata(policy: KubeNetworkPolicy, removed: string[]): Json {
  const meta: Json = { ...(policy.metadata ?? {}) };
  for (const field of SERVER_METADATA_FIELDS) {
    if (field in meta) {
      delete meta[field];
      removed.push(`metadata.${field}`);
    }
  }
  if (isObject(meta.annotations) && LAST_APPLIED_ANNOTATION in meta.annotations) {
    const { [LAST_APPLIED_ANNOTATION]: _dropped, ...rest } = meta.annotations;
    removed.push(`metadata.annotations["${LAST_APPLIED_ANNOTATION}"]`);
    if (Object.keys(rest).length) meta.annotations = rest;
    else delete meta.annotations;
  }
  if (isObject(meta.labels) && meta.labels[MANAGED_BY_LABEL] === MANAGED_BY_VALUE) {
    const { [MANAGED_BY_LABEL]: _m, [RUN_ID_LABEL]: _r, ...rest } = meta.labels;
    removed.push(`metadata.labels (the harness run's ${MANAGED_BY_LABEL}, ${RUN_ID_LABEL})`);
    if (Object.keys(rest).length) meta.labels = rest;
    else delete meta.labels;
  }
  if ('status' in policy) removed.push('status');
  return meta;
}

function renameSelector(
  selector: unknown,
  renames: ReadonlyMap<string, string>,
  path: string,
  renamed: string[],
): void {
  if (!isObject(selector)) return;
  const rename = (v: string) => {
    const to = renames.get(v);
    if (to !== undefined && to !== v) renamed.push(`${path} ${NAMESPACE_NAME_LABEL}: ${v} -> ${to}`);
    return to ?? v;
  };
  if (isObject(selector.matchLabels) && typeof selector.matchLabels[NAMESPACE_NAME_LABEL] === 'string') {
    selector.matchLabels[NAMESPACE_NAME_LABEL] = rename(selector.matchLabels[NAMESPACE_NAME_LABEL]);
  }
  if (Array.isArray(selector.matchExpressions)) {
    for (const expr of selector.matchExpressions) {
      if (isObject(expr) && expr.key === NAMESPACE_NAME_LABEL && Array.isArray(expr.values)) {
        expr.values = expr.values.map((v) => (typeof v === 'string' ? rename(v) : v));
      }
    }
  }
}
