import { parseAllDocuments } from 'yaml';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, RUN_ID_LABEL } from '../../kube/types.js';
import { formatPodAddress, parsePodAddress, podAddressCidr, type PodIpOf } from '../../model/pod-address.js';
import { mapNamespace } from '../naming.js';
import { isObject, NAMESPACE_NAME_LABEL, rulePeers, type Json } from './policy-peers.js';
import {
  clusterPolicyPeers,
  namespaceSelectorsOf,
  ownNamespaces,
  scopeClusterPolicy,
} from './cluster-policy-rewrite.js';

/** One manifest document ready to send: where it goes, its name, and the rewritten object. */
export interface PreparedPolicy {
  /** A NetworkPolicy's namespace; '' for a ClusterNetworkPolicy (cluster-scoped). */
  namespace: string;
  /** The name as sent (a ClusterNetworkPolicy's carries a suffix: cluster-policy-rewrite.ts). */
  name?: string;
  /** A ClusterNetworkPolicy: its apiVersion as sent, and its name as written. */
  cluster?: { apiVersion: string; writtenName?: string };
  manifest: Record<string, unknown>;
  /** Pod addresses written in: `egress[0].to[0].ipBlock.cidr: ${podIP:y/b}/32 → 192.168.0.7/32`. */
  podAddresses?: string[];
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

/**
 * Writes the pods' IPs into the ipBlock values written as a pod's address (`${podIP:y/b}/32`,
 * model/pod-address.ts; the loader allows them nowhere else). Changes the manifest in place;
 * returns what it wrote. A pod without an IP is an error: the pods are ready before any step.
 */
export function writePodAddresses(manifest: Json, ipOf: PodIpOf): string[] {
  const notes: string[] = [];
  const write = (value: unknown, at: string): unknown => {
    if (typeof value !== 'string') return value;
    const a = parsePodAddress(value);
    if (!a || 'error' in a) return value;
    const ip = ipOf(a.namespace, a.pod);
    if (ip === undefined)
      throw new Error(`${at}: pod ${a.namespace}/${a.pod} has no IP to write into ${formatPodAddress(a)}`);
    const cidr = podAddressCidr(a, ip);
    notes.push(`${at}: ${value} → ${cidr}`);
    return cidr;
  };
  for (const { at, peer } of clusterPolicyPeers(manifest.kind === CNP_KIND ? manifest.spec : undefined)) {
    if (Array.isArray(peer.networks)) peer.networks = peer.networks.map((n, k) => write(n, `${at}.networks[${k}]`));
  }
  for (const { rulesKey, peersKey, index, peers } of manifest.kind === CNP_KIND ? [] : rulePeers(manifest.spec)) {
    peers.forEach((peer, j) => {
      if (!isObject(peer) || !isObject(peer.ipBlock)) return;
      const block = peer.ipBlock;
      const at = `${rulesKey}[${index}].${peersKey}[${j}].ipBlock`;
      block.cidr = write(block.cidr, `${at}.cidr`);
      if (Array.isArray(block.except)) block.except = block.except.map((e, k) => write(e, `${at}.except[${k}]`));
    });
  }
  return notes;
}

/**
 * A policy entry's manifest text as the harness sends it: each document parsed as written, its
 * namespace mapped (metadata.namespace, or the entry's namespace when absent), namespace selectors
 * on `kubernetes.io/metadata.name` mapped, pods' addresses written in (with `ipOf`, the pods' IPs
 * by logical namespace and name), and the harness's labels added. Nothing else changes, so a
 * manifest the API server would reject still reaches it. Pure.
 */
export function preparePolicies(
  text: string,
  defaultNamespace: string,
  mapping: ReadonlyMap<string, string>,
  runId: string,
  ipOf: PodIpOf = () => undefined,
): PreparedPolicy[] {
  const out: PreparedPolicy[] = [];
  for (const doc of parseAllDocuments(text)) {
    const value: unknown = doc.toJS();
    if (!isObject(value)) continue;
    if (value.kind === CNP_KIND) {
      out.push(prepareClusterPolicy(value, mapping, runId, ipOf));
      continue;
    }
    const metadata: Json = isObject(value.metadata) ? value.metadata : {};
    const logicalNs = typeof metadata.namespace === 'string' ? metadata.namespace : defaultNamespace;
    const namespace = mapNamespace(mapping, logicalNs);
    const labels = isObject(metadata.labels) ? metadata.labels : {};
    value.metadata = {
      ...metadata,
      namespace,
      labels: { ...labels, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [RUN_ID_LABEL]: runId },
    };
    for (const { peers } of rulePeers(value.spec))
      for (const peer of peers) if (isObject(peer)) rewriteSelector(peer.namespaceSelector, mapping);
    const podAddresses = writePodAddresses(value, ipOf);
    out.push({
      namespace,
      name: typeof metadata.name === 'string' ? metadata.name : undefined,
      manifest: value,
      ...(podAddresses.length ? { podAddresses } : {}),
    });
  }
  return out;
}

const CNP_KIND = 'ClusterNetworkPolicy';

/**
 * A ClusterNetworkPolicy as sent: namespace names mapped in its subject and peers, pods' addresses
 * written into its networks, the harness's labels, and scoped to the scenario's namespaces.
 */
function prepareClusterPolicy(
  value: Json,
  mapping: ReadonlyMap<string, string>,
  runId: string,
  ipOf: PodIpOf,
): PreparedPolicy {
  const metadata: Json = isObject(value.metadata) ? value.metadata : {};
  const writtenName = typeof metadata.name === 'string' ? metadata.name : undefined;
  const labels = isObject(metadata.labels) ? metadata.labels : {};
  value.metadata = { ...metadata, labels: { ...labels, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [RUN_ID_LABEL]: runId } };
  const spec = isObject(value.spec) ? value.spec : undefined;
  for (const selector of namespaceSelectorsOf(spec?.subject)) rewriteSelector(selector, mapping);
  for (const { peer } of clusterPolicyPeers(spec))
    for (const selector of namespaceSelectorsOf(peer)) rewriteSelector(selector, mapping);
  const podAddresses = writePodAddresses(value, ipOf);
  const name = scopeClusterPolicy(value, ownNamespaces(mapping));
  return {
    namespace: '',
    name,
    cluster: { apiVersion: String(value.apiVersion), ...(writtenName === undefined ? {} : { writtenName }) },
    manifest: value,
    ...(podAddresses.length ? { podAddresses } : {}),
  };
}
