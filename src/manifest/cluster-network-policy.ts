import { isMap, isScalar, type Node } from 'yaml';
import { readCidr } from '../model/cidr.js';
import type {
  ClusterNetworkPolicy,
  CnpAction,
  CnpPeer,
  CnpPort,
  CnpProtocol,
  CnpRule,
  CnpSubject,
  CnpTier,
} from '../model/cnp-types.js';
import { CNP_ACTIONS, CNP_TIERS } from '../model/cnp-types.js';
import { parseAddress } from '../model/ip-address.js';
import { parsePodAddress, type PodAddress } from '../model/pod-address.js';
import { EMPTY_SELECTOR } from '../model/selector.js';
import type { LabelSelector, Protocol } from '../model/types.js';
import type { PathSegment } from '../problems.js';
import { dns1123SubdomainErrors } from './k8s-names.js';
import { Checker, OBJECT_META_FIELDS, selector, type ManifestIssue } from './networkpolicy.js';

// The CRD of sigs.k8s.io/network-policy-api v0.3.1 (config/crd/experimental): v1alpha2 and v1beta1
// are served, with the same schema. Field names, limits and messages as its OpenAPI schema and its
// CEL rules give them.
export const CNP_GROUP = 'policy.networking.k8s.io';
export const CNP_VERSIONS = ['v1alpha2', 'v1beta1'] as const;
export const CNP_KIND = 'ClusterNetworkPolicy';

/** Limits of the CRD: rules per direction, peers per rule, protocols per rule, CIDRs and names per peer. */
export const CNP_LIMITS = {
  rules: 25,
  peers: 25,
  protocols: 25,
  networks: 25,
  domainNames: 25,
  ruleName: 100,
  cidr: 43,
};

/** Fields only the experimental channel's CRD has: with the standard channel's, the API server refuses them as unknown. */
export const CNP_EXPERIMENTAL_FIELDS = ['nodes', 'domainNames', 'destinationNamedPort'] as const;

const KNOWN = {
  root: ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
  metadata: OBJECT_META_FIELDS,
  spec: ['tier', 'priority', 'subject', 'ingress', 'egress'],
  subject: ['namespaces', 'pods'],
  namespacedPod: ['namespaceSelector', 'podSelector'],
  ingressRule: ['name', 'action', 'from', 'protocols'],
  egressRule: ['name', 'action', 'to', 'protocols'],
  ingressPeer: ['namespaces', 'pods'],
  egressPeer: ['namespaces', 'pods', 'nodes', 'networks', 'domainNames'],
  protocol: ['tcp', 'udp', 'sctp', 'destinationNamedPort'],
  protocolPorts: ['destinationPort'],
  port: ['number', 'range'],
  range: ['start', 'end'],
} as const;

const DOMAIN_NAME = /^(\*\.)?([a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.?$/;

export type CnpValidationResult =
  { ok: true; policy: ClusterNetworkPolicy } | { ok: false; issues: ManifestIssue[]; name?: string };

function integer(c: Checker, node: Node | null | undefined, path: PathSegment[]): number | undefined {
  if (node === null || node === undefined) return undefined;
  const v = isScalar(node) ? node.value : undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    c.add(node, path, `strict decoding error: expected an integer for "${path.join('.')}"`);
    return undefined;
  }
  return v;
}

function bounded(c: Checker, node: Node | null | undefined, path: PathSegment[], min: number, max: number) {
  const v = integer(c, node, path);
  if (v === undefined) return undefined;
  if (v < min) c.invalid(node, path, v, `should be greater than or equal to ${min}`);
  else if (v > max) c.invalid(node, path, v, `should be less than or equal to ${max}`);
  return v;
}

function items(c: Checker, node: Node | null | undefined, path: PathSegment[], max: number, min = 0): Node[] {
  const list = c.list(node, path) ?? [];
  if (list.length > max) c.add(node, path, `Too many: ${list.length}: must have at most ${max} items`);
  if (node !== null && node !== undefined && list.length < min)
    c.add(node, path, `Invalid value: ${list.length}: should have at least ${min} items`);
  return list;
}

/** Exactly one field set: the CRD's minProperties/maxProperties 1 (a null value counts as not set). */
function oneOf(
  c: Checker,
  node: Node,
  path: PathSegment[],
  f: Map<string, Node | null>,
  what: string,
): string | undefined {
  const set = [...f.entries()].filter(([, v]) => v !== null).map(([k]) => k);
  if (set.length === 0) c.add(node, path, `Required value: must set exactly one of ${what}`);
  if (set.length > 1) c.add(node, path, `Too many: ${set.length}: must have at most 1 properties (${set.join(', ')})`);
  return set.length === 1 ? set[0] : undefined;
}

function namespacedPod(c: Checker, node: Node | null | undefined, path: PathSegment[]) {
  const f = c.fields(node, path, KNOWN.namespacedPod);
  if (!f.get('podSelector')) c.add(node, [...path, 'podSelector'], 'Required value');
  const namespaceSelector: LabelSelector = f.get('namespaceSelector')
    ? selector(c, f.get('namespaceSelector'), [...path, 'namespaceSelector'])
    : EMPTY_SELECTOR;
  const podSelector = selector(c, f.get('podSelector'), [...path, 'podSelector']);
  return { namespaceSelector, podSelector };
}

function subject(c: Checker, node: Node | null | undefined, path: PathSegment[], parent: Node): CnpSubject {
  const f = c.fields(node, path, KNOWN.subject);
  if (!node) {
    c.add(parent, path, 'Required value');
    return { kind: 'namespaces', namespaces: EMPTY_SELECTOR };
  }
  const which = oneOf(c, node, path, f, 'namespaces, pods');
  if (which === 'pods') return { kind: 'pods', ...namespacedPod(c, f.get('pods'), [...path, 'pods']) };
  return { kind: 'namespaces', namespaces: selector(c, f.get('namespaces'), [...path, 'namespaces']) };
}

/** The CEL rule `isCIDR(self) && cidr(self) == cidr(self).masked()`: netip's strict form, host bits clear. */
export function cnpCidrErrors(text: string): string[] {
  if (text.length > CNP_LIMITS.cidr) return [`may not be more than ${CNP_LIMITS.cidr} bytes`];
  const slash = text.indexOf('/');
  const address = slash < 0 ? undefined : text.slice(0, slash);
  const strict =
    address !== undefined &&
    !/(^|[.:])0\d/.test(address.replace(/^.*:(?=\d+\.\d+\.\d+\.\d+$)/, ':')) &&
    !address.includes('%') &&
    /^(0|[1-9]\d{0,2})$/.test(text.slice(slash + 1));
  const cidr = strict ? readCidr(text) : undefined;
  const parsed = address === undefined ? undefined : parseAddress(address);
  if (!cidr || !parsed) return ['Invalid CIDR format provided'];
  const same = parsed.toByteArray().every((b, i) => b === cidr.network.toByteArray()[i]);
  return same ? [] : ['Invalid CIDR format provided'];
}

function stringSet(c: Checker, list: Node[], path: PathSegment[]): string[] {
  const out: string[] = [];
  list.forEach((n, i) => {
    const v = c.string(n, [...path, i]);
    if (v === undefined) return;
    if (out.includes(v)) c.add(n, [...path, i], `Duplicate value: "${v}"`);
    out.push(v);
  });
  return out;
}

function peer(c: Checker, node: Node, path: PathSegment[], direction: 'ingress' | 'egress'): CnpPeer | undefined {
  const f = c.fields(node, path, direction === 'ingress' ? KNOWN.ingressPeer : KNOWN.egressPeer);
  const which = oneOf(
    c,
    node,
    path,
    f,
    direction === 'ingress' ? 'namespaces, pods' : 'namespaces, pods, nodes, networks, domainNames',
  );
  const at = [...path, which ?? ''];
  const value = which ? f.get(which) : undefined;
  switch (which) {
    case 'namespaces':
      return { kind: 'namespaces', namespaces: selector(c, value, at) };
    case 'pods':
      return { kind: 'pods', ...namespacedPod(c, value, at) };
    case 'nodes':
      return { kind: 'nodes', nodes: selector(c, value, at) };
    case 'networks': {
      const list = items(c, value, at, CNP_LIMITS.networks, 1);
      const networks = stringSet(c, list, at);
      const pods: Record<string, PodAddress> = {};
      networks.forEach((n, i) => {
        const a = parsePodAddress(n);
        if (a && !('error' in a)) pods[n] = a;
        else for (const e of cnpCidrErrors(n)) c.invalid(list[i], [...at, i], n, e);
      });
      return { kind: 'networks', networks, ...(Object.keys(pods).length ? { pods } : {}) };
    }
    case 'domainNames': {
      const list = items(c, value, at, CNP_LIMITS.domainNames, 1);
      const domainNames = stringSet(c, list, at);
      domainNames.forEach((d, i) => {
        if (!DOMAIN_NAME.test(d)) c.invalid(list[i], [...at, i], d, `should match '${DOMAIN_NAME.source}'`);
      });
      return { kind: 'domainNames', domainNames };
    }
  }
  return undefined;
}

function port(c: Checker, node: Node | null | undefined, path: PathSegment[]): CnpPort | undefined {
  const f = c.fields(node, path, KNOWN.port);
  if (!node || !isMap(node)) {
    c.add(node, path, 'Required value');
    return undefined;
  }
  const which = oneOf(c, node, path, f, 'number, range');
  if (which === 'number') {
    const n = bounded(c, f.get('number'), [...path, 'number'], 1, 65535);
    return n === undefined ? undefined : { number: n };
  }
  if (which === 'range') {
    const at = [...path, 'range'];
    const r = c.fields(f.get('range'), at, KNOWN.range);
    const start = bounded(c, r.get('start'), [...at, 'start'], 1, 65535);
    const end = bounded(c, r.get('end'), [...at, 'end'], 1, 65535);
    if (!r.get('start')) c.add(f.get('range'), [...at, 'start'], 'Required value');
    if (!r.get('end')) c.add(f.get('range'), [...at, 'end'], 'Required value');
    if (start !== undefined && end !== undefined) {
      if (start >= end) c.add(f.get('range'), at, 'Invalid value: "object": Start port must be less than End port');
      return { start, end };
    }
  }
  return undefined;
}

function protocols(c: Checker, node: Node | null | undefined, path: PathSegment[]): CnpProtocol[] | undefined {
  if (node === null || node === undefined) return undefined;
  const list = items(c, node, path, CNP_LIMITS.protocols, 1);
  return list.flatMap((p, i): CnpProtocol[] => {
    const at = [...path, i];
    const f = c.fields(p, at, KNOWN.protocol);
    const which = oneOf(c, p, at, f, 'tcp, udp, sctp, destinationNamedPort');
    if (which === 'destinationNamedPort') {
      const name = c.string(f.get(which), [...at, which]);
      return name === undefined ? [] : [{ namedPort: name }];
    }
    if (!which) return [];
    const pat = [...at, which];
    const pf = c.fields(f.get(which), pat, KNOWN.protocolPorts);
    if (!pf.get('destinationPort')) {
      c.add(f.get(which), pat, 'Invalid value: 0: should have at least 1 properties');
      return [];
    }
    const dp = port(c, pf.get('destinationPort'), [...pat, 'destinationPort']);
    return dp ? [{ protocol: which.toUpperCase() as Protocol, port: dp }] : [];
  });
}

function rules(c: Checker, node: Node | null | undefined, path: PathSegment[], direction: 'ingress' | 'egress') {
  const peerField = direction === 'ingress' ? 'from' : 'to';
  return items(c, node, path, CNP_LIMITS.rules).map((ruleNode, i): CnpRule => {
    const at = [...path, i];
    const f = c.fields(ruleNode, at, direction === 'ingress' ? KNOWN.ingressRule : KNOWN.egressRule);
    const name = c.string(f.get('name'), [...at, 'name']);
    if (name !== undefined && name.length > CNP_LIMITS.ruleName)
      c.add(f.get('name'), [...at, 'name'], `Too long: may not be more than ${CNP_LIMITS.ruleName} bytes`);
    const action = c.string(f.get('action'), [...at, 'action']);
    if (action === undefined) c.add(ruleNode, [...at, 'action'], 'Required value');
    else if (!CNP_ACTIONS.includes(action as CnpAction))
      c.add(
        f.get('action'),
        [...at, 'action'],
        `Unsupported value: "${action}": supported values: "Accept", "Deny", "Pass"`,
      );
    const peerNode = f.get(peerField);
    if (!peerNode) c.add(ruleNode, [...at, peerField], 'Required value');
    const peers = items(c, peerNode, [...at, peerField], CNP_LIMITS.peers, 1)
      .map((p, j) => peer(c, p, [...at, peerField, j], direction))
      .filter((p): p is CnpPeer => p !== undefined);
    const protos = protocols(c, f.get('protocols'), [...at, 'protocols']);
    if (
      direction === 'egress' &&
      peers.some((p) => p.kind === 'networks' || p.kind === 'nodes' || p.kind === 'domainNames') &&
      protos?.some((p) => 'namedPort' in p)
    )
      c.add(
        ruleNode,
        at,
        'Invalid value: "object": networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames',
      );
    return { ...(name ? { name } : {}), action: (action ?? 'Deny') as CnpAction, peers, protocols: protos };
  });
}

/**
 * Validates one parsed YAML document as the API server would with the CRD installed (strict field
 * validation, the OpenAPI schema, the CEL rules), and converts it to the model's form.
 * ClusterNetworkPolicy is cluster-scoped: a metadata.namespace is ignored, as the API server does.
 */
export function validateClusterNetworkPolicy(root: Node | null | undefined): CnpValidationResult {
  const c = new Checker();
  const top = c.fields(root, [], KNOWN.root);
  const apiVersion = c.string(top.get('apiVersion'), ['apiVersion']);
  const kind = c.string(top.get('kind'), ['kind']);
  if (kind !== CNP_KIND)
    c.add(top.get('kind') ?? root, ['kind'], `Invalid value: "${kind ?? ''}": expected kind ${CNP_KIND}`);
  if (!CNP_VERSIONS.some((v) => apiVersion === `${CNP_GROUP}/${v}`))
    c.add(
      top.get('apiVersion') ?? root,
      ['apiVersion'],
      `Invalid value: "${apiVersion ?? ''}": no matches for kind "${CNP_KIND}" in version "${apiVersion ?? ''}" (served: ${CNP_VERSIONS.map((v) => `${CNP_GROUP}/${v}`).join(', ')})`,
    );
  const meta = c.fields(top.get('metadata'), ['metadata'], KNOWN.metadata);
  const name = c.string(meta.get('name'), ['metadata', 'name']);
  if (!name)
    c.add(top.get('metadata') ?? root, ['metadata', 'name'], 'Required value: name or generateName is required');
  else for (const e of dns1123SubdomainErrors(name)) c.invalid(meta.get('name'), ['metadata', 'name'], name, e);
  c.string(meta.get('namespace'), ['metadata', 'namespace']);
  c.stringMap(meta.get('labels'), ['metadata', 'labels']);
  c.stringMap(meta.get('annotations'), ['metadata', 'annotations']);

  const specNode = top.get('spec');
  if (!specNode) c.add(root, ['spec'], 'Required value');
  const spec = c.fields(specNode, ['spec'], KNOWN.spec);
  const tier = c.string(spec.get('tier'), ['spec', 'tier']);
  if (specNode && tier === undefined) c.add(specNode, ['spec', 'tier'], 'Required value');
  else if (tier !== undefined && !CNP_TIERS.includes(tier as CnpTier))
    c.add(spec.get('tier'), ['spec', 'tier'], `Unsupported value: "${tier}": supported values: "Admin", "Baseline"`);
  const priority = bounded(c, spec.get('priority'), ['spec', 'priority'], 0, 1000);
  if (specNode && !spec.get('priority')) c.add(specNode, ['spec', 'priority'], 'Required value');
  const subj = specNode ? subject(c, spec.get('subject'), ['spec', 'subject'], specNode) : undefined;
  const ingress = rules(c, spec.get('ingress'), ['spec', 'ingress'], 'ingress');
  const egress = rules(c, spec.get('egress'), ['spec', 'egress'], 'egress');

  if (c.issues.length > 0 || !subj) return { ok: false, issues: c.issues, ...(name ? { name } : {}) };
  return {
    ok: true,
    policy: {
      name: name as string,
      tier: tier as CnpTier,
      priority: priority as number,
      subject: subj,
      ingress,
      egress,
    },
  };
}
