import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { isStrictSubset, isValidCidr } from '../model/cidr.js';
import { parsePodAddress, type PodAddress } from '../model/pod-address.js';
import type {
  IPBlock,
  LabelSelector,
  LabelSelectorRequirement,
  NetworkPolicy,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  PolicyType,
  Protocol,
} from '../model/types.js';
import { formatPath, type PathSegment } from '../problems.js';
import {
  dns1123SubdomainErrors,
  labelValueErrors,
  portNameErrors,
  portNumberErrors,
  qualifiedNameErrors,
} from './k8s-names.js';

/** Why the API server would refuse a manifest, in its own words, with where it is. */
export interface ManifestIssue {
  path: string;
  message: string;
  node: Node | null | undefined;
}

export type ValidationResult =
  { ok: true; policy: NetworkPolicy } | { ok: false; issues: ManifestIssue[]; name?: string };

/** The fields of an object's metadata (ObjectMeta) the API server knows; anything else fails strict decoding. */
export const OBJECT_META_FIELDS: readonly string[] = [
  'name',
  'generateName',
  'namespace',
  'labels',
  'annotations',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'ownerReferences',
  'finalizers',
  'managedFields',
  'selfLink',
];

// Fields the NetworkPolicy v1 type knows; anything else fails strict decoding.
const KNOWN: Record<string, readonly string[]> = {
  root: ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
  metadata: OBJECT_META_FIELDS,
  spec: ['podSelector', 'ingress', 'egress', 'policyTypes'],
  ingressRule: ['from', 'ports'],
  egressRule: ['to', 'ports'],
  peer: ['podSelector', 'namespaceSelector', 'ipBlock'],
  ipBlock: ['cidr', 'except'],
  port: ['protocol', 'port', 'endPort'],
  selector: ['matchLabels', 'matchExpressions'],
  requirement: ['key', 'operator', 'values'],
};

/** Collects every problem of a manifest with where it is (strict decoding, as the API server does it). */
export class Checker {
  readonly issues: ManifestIssue[] = [];

  add(node: Node | null | undefined, path: PathSegment[], message: string): void {
    this.issues.push({ path: formatPath(path), message, node });
  }

  invalid(node: Node | null | undefined, path: PathSegment[], value: unknown, detail: string): void {
    const shown = typeof value === 'string' ? `"${value}"` : String(value);
    this.add(node, path, `Invalid value: ${shown}: ${detail}`);
  }

  /** Strict decoding: unknown fields of a mapping. Returns the mapping's values by key. */
  fields(node: Node | null | undefined, path: PathSegment[], known: readonly string[]): Map<string, Node | null> {
    const out = new Map<string, Node | null>();
    if (!isMap(node)) {
      if (node && !(isScalar(node) && node.value === null))
        this.add(node, path, `strict decoding error: expected an object for "${formatPath(path)}"`);
      return out;
    }
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as Node | null;
      if (!known.includes(key)) {
        this.add(
          pair.key as Node,
          [...path, key],
          `strict decoding error: unknown field "${formatPath([...path, key])}"`,
        );
        continue;
      }
      out.set(key, isScalar(value) && value.value === null ? null : value);
    }
    return out;
  }

  list(node: Node | null | undefined, path: PathSegment[]): Node[] | undefined {
    if (node === null || node === undefined) return undefined;
    if (!isSeq(node)) {
      this.add(node, path, `strict decoding error: expected a list for "${formatPath(path)}"`);
      return undefined;
    }
    return node.items as Node[];
  }

  string(node: Node | null | undefined, path: PathSegment[]): string | undefined {
    if (node === null || node === undefined) return undefined;
    if (!isScalar(node) || typeof node.value !== 'string') {
      this.add(
        node,
        path,
        `strict decoding error: expected a string for "${formatPath(path)}", got ${isScalar(node) ? JSON.stringify(node.value) : 'a structure'}`,
      );
      return undefined;
    }
    return node.value;
  }

  stringMap(node: Node | null | undefined, path: PathSegment[]): Record<string, string> {
    const out: Record<string, string> = {};
    if (node === null || node === undefined) return out;
    if (!isMap(node)) {
      this.add(node, path, `strict decoding error: expected a map of strings for "${formatPath(path)}"`);
      return out;
    }
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const v = pair.value as Node | null;
      const s = this.string(v, [...path, key]);
      if (s !== undefined) out[key] = s;
    }
    return out;
  }
}

export function selector(c: Checker, node: Node | null | undefined, path: PathSegment[]): LabelSelector {
  const f = c.fields(node, path, KNOWN.selector as string[]);
  const matchLabels = c.stringMap(f.get('matchLabels'), [...path, 'matchLabels']);
  for (const [k, v] of Object.entries(matchLabels)) {
    const at = [...path, 'matchLabels'];
    for (const e of qualifiedNameErrors(k)) c.invalid(f.get('matchLabels'), at, k, e);
    for (const e of labelValueErrors(v)) c.invalid(f.get('matchLabels'), at, v, e);
  }
  const matchExpressions: LabelSelectorRequirement[] = [];
  (c.list(f.get('matchExpressions'), [...path, 'matchExpressions']) ?? []).forEach((reqNode, i) => {
    const at = [...path, 'matchExpressions', i];
    const r = c.fields(reqNode, at, KNOWN.requirement as string[]);
    const key = c.string(r.get('key'), [...at, 'key']) ?? '';
    const operator = c.string(r.get('operator'), [...at, 'operator']) ?? '';
    const values = (c.list(r.get('values'), [...at, 'values']) ?? []).map(
      (v, j) => c.string(v, [...at, 'values', j]) ?? '',
    );
    for (const e of qualifiedNameErrors(key)) c.invalid(r.get('key') ?? reqNode, [...at, 'key'], key, e);
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0)
        c.add(reqNode, [...at, 'values'], "Required value: must be specified when `operator` is 'In' or 'NotIn'");
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0)
        c.add(
          r.get('values'),
          [...at, 'values'],
          "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        );
    } else {
      c.invalid(r.get('operator') ?? reqNode, [...at, 'operator'], operator, 'not a valid selector operator');
    }
    values.forEach((v, j) =>
      labelValueErrors(v).forEach((e) => c.invalid(r.get('values'), [...at, 'values', j], v, e)),
    );
    matchExpressions.push({ key, operator: operator as LabelSelectorRequirement['operator'], values });
  });
  return { matchLabels, matchExpressions };
}

function ipBlock(c: Checker, node: Node | null | undefined, path: PathSegment[]): IPBlock {
  const f = c.fields(node, path, KNOWN.ipBlock as string[]);
  const cidr = c.string(f.get('cidr'), [...path, 'cidr']) ?? '';
  const exceptNodes = c.list(f.get('except'), [...path, 'except']) ?? [];
  const except = exceptNodes.map((e, i) => c.string(e, [...path, 'except', i]) ?? '');
  if (cidr === '') {
    c.add(node, [...path, 'cidr'], 'Required value');
    return { cidr, except };
  }
  // Either family, as the API server of 1.34 reads a CIDR (model/cidr.ts): host bits may be set,
  // and each except entry must be a strict subset of cidr, of the same family.
  // A pod's address (`${podIP:x/b}/4`, model/pod-address.ts) becomes a CIDR once the pod runs. A
  // malformed one is the loader's to report; here it is what the API server would see, no CIDR.
  const pods: Record<string, PodAddress> = {};
  const podAddress = (text: string): PodAddress | undefined => {
    const a = parsePodAddress(text);
    if (!a || 'error' in a) return undefined;
    pods[text] = a;
    return a;
  };
  const cidrPod = podAddress(cidr);
  if (!cidrPod && !isValidCidr(cidr)) {
    c.invalid(
      f.get('cidr'),
      [...path, 'cidr'],
      cidr,
      'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    );
    return { cidr, except };
  }
  except.forEach((e, i) => {
    const at = [...path, 'except', i];
    const exceptPod = podAddress(e);
    const node = exceptNodes[i];
    if (!exceptPod && !isValidCidr(e))
      c.invalid(node, at, e, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)');
    else if (!cidrPod && !exceptPod) {
      if (!isStrictSubset(cidr, e)) c.invalid(node, at, e, 'must be a strict subset of `cidr`');
    } else if (cidrPod && exceptPod && cidrPod.namespace === exceptPod.namespace && cidrPod.pod === exceptPod.pod) {
      // Two networks around the same IP: the longer prefix is the strict subset.
      // `host` is the family's full length, not known yet: taken as the longest (128) here.
      const length = (bits: number | 'host') => (bits === 'host' ? 128 : bits);
      if (length(exceptPod.bits) <= length(cidrPod.bits)) c.invalid(node, at, e, 'must be a strict subset of `cidr`');
    }
    // Otherwise it depends on IPs not known yet: the API server decides once they are written in.
  });
  return { cidr, except, ...(Object.keys(pods).length ? { pods } : {}) };
}

function peer(c: Checker, node: Node, path: PathSegment[]): PolicyPeer {
  const f = c.fields(node, path, KNOWN.peer as string[]);
  const out: PolicyPeer = {};
  if (f.has('podSelector')) out.podSelector = selector(c, f.get('podSelector'), [...path, 'podSelector']);
  if (f.has('namespaceSelector'))
    out.namespaceSelector = selector(c, f.get('namespaceSelector'), [...path, 'namespaceSelector']);
  if (f.has('ipBlock')) out.ipBlock = ipBlock(c, f.get('ipBlock'), [...path, 'ipBlock']);
  const count = Object.keys(out).length;
  if (count === 0) c.add(node, path, 'Required value: must specify a peer');
  else if (count > 1 && out.ipBlock) c.add(node, path, 'Forbidden: may not specify both ipBlock and another peer');
  return out;
}

function port(c: Checker, node: Node, path: PathSegment[]): PolicyPort {
  const f = c.fields(node, path, KNOWN.port as string[]);
  const protoNode = f.get('protocol');
  const protocol = (c.string(protoNode, [...path, 'protocol']) ?? 'TCP') as Protocol;
  if (!['TCP', 'UDP', 'SCTP'].includes(protocol)) {
    c.add(protoNode, [...path, 'protocol'], `Unsupported value: "${protocol}": supported values: "SCTP", "TCP", "UDP"`);
  }
  const out: PolicyPort = { protocol };
  const portNode = f.get('port');
  if (portNode !== null && portNode !== undefined) {
    const v = isScalar(portNode) ? portNode.value : undefined;
    if (typeof v === 'number' && Number.isInteger(v)) {
      out.port = v;
      for (const e of portNumberErrors(v)) c.invalid(portNode, [...path, 'port'], v, e);
    } else if (typeof v === 'string') {
      out.port = v;
      for (const e of portNameErrors(v)) c.invalid(portNode, [...path, 'port'], v, e);
    } else {
      c.add(
        portNode,
        [...path, 'port'],
        `strict decoding error: expected an integer or a string for "${formatPath([...path, 'port'])}"`,
      );
    }
  }
  const endNode = f.get('endPort');
  if (endNode !== null && endNode !== undefined) {
    const v = isScalar(endNode) ? endNode.value : undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      c.add(
        endNode,
        [...path, 'endPort'],
        `strict decoding error: expected an integer for "${formatPath([...path, 'endPort'])}"`,
      );
    } else {
      out.endPort = v;
      const at = [...path, 'endPort'];
      if (out.port === undefined) c.invalid(endNode, at, v, 'may not be specified when `port` is not specified');
      else if (typeof out.port === 'string')
        c.invalid(endNode, at, v, 'may not be specified when `port` is non-numeric');
      else {
        if (v < out.port) c.invalid(endNode, at, out.port, 'must be greater than or equal to `port`');
        for (const e of portNumberErrors(v)) c.invalid(endNode, at, v, e);
      }
    }
  }
  return out;
}

function rules(
  c: Checker,
  node: Node | null | undefined,
  path: PathSegment[],
  kind: 'ingress' | 'egress',
): PolicyRule[] {
  const peerField = kind === 'ingress' ? 'from' : 'to';
  return (c.list(node, path) ?? []).map((ruleNode, i) => {
    const at = [...path, i];
    const f = c.fields(ruleNode, at, KNOWN[kind === 'ingress' ? 'ingressRule' : 'egressRule'] as string[]);
    const peers = (c.list(f.get(peerField), [...at, peerField]) ?? []).map((p, j) => peer(c, p, [...at, peerField, j]));
    const ports = (c.list(f.get('ports'), [...at, 'ports']) ?? []).map((p, j) => port(c, p, [...at, 'ports', j]));
    return { peers: peers.length ? peers : undefined, ports: ports.length ? ports : undefined };
  });
}

/**
 * Validates one parsed YAML document as the API server would (strict field validation), and
 * converts it to the model's form. `namespace` is where `kubectl apply` would put it when the
 * manifest names none.
 */
export function validateNetworkPolicy(root: Node | null | undefined, namespace: string): ValidationResult {
  const c = new Checker();
  const top = c.fields(root, [], KNOWN.root as string[]);
  const apiVersion = c.string(top.get('apiVersion'), ['apiVersion']);
  const kind = c.string(top.get('kind'), ['kind']);
  if (kind !== 'NetworkPolicy')
    c.add(top.get('kind') ?? root, ['kind'], `Invalid value: "${kind ?? ''}": expected kind NetworkPolicy`);
  if (apiVersion !== 'networking.k8s.io/v1') {
    c.add(
      top.get('apiVersion') ?? root,
      ['apiVersion'],
      `Invalid value: "${apiVersion ?? ''}": no matches for kind "NetworkPolicy" in version "${apiVersion ?? ''}"`,
    );
  }
  const meta = c.fields(top.get('metadata'), ['metadata'], KNOWN.metadata as string[]);
  const name = c.string(meta.get('name'), ['metadata', 'name']);
  if (!name)
    c.add(top.get('metadata') ?? root, ['metadata', 'name'], 'Required value: name or generateName is required');
  else for (const e of dns1123SubdomainErrors(name)) c.invalid(meta.get('name'), ['metadata', 'name'], name, e);
  const ns = c.string(meta.get('namespace'), ['metadata', 'namespace']) ?? namespace;
  c.stringMap(meta.get('labels'), ['metadata', 'labels']);
  c.stringMap(meta.get('annotations'), ['metadata', 'annotations']);

  const spec = c.fields(top.get('spec'), ['spec'], KNOWN.spec as string[]);
  const podSelector = selector(c, spec.get('podSelector'), ['spec', 'podSelector']);
  const ingress = rules(c, spec.get('ingress'), ['spec', 'ingress'], 'ingress');
  const egress = rules(c, spec.get('egress'), ['spec', 'egress'], 'egress');
  const typesNode = spec.get('policyTypes');
  const listed = (c.list(typesNode, ['spec', 'policyTypes']) ?? []).map((t, i) => {
    const v = c.string(t, ['spec', 'policyTypes', i]) ?? '';
    if (v !== 'Ingress' && v !== 'Egress')
      c.add(t, ['spec', 'policyTypes', i], `Unsupported value: "${v}": supported values: "Egress", "Ingress"`);
    return v as PolicyType;
  });
  if (listed.length > 2)
    c.add(
      typesNode,
      ['spec', 'policyTypes'],
      `Invalid value: ${JSON.stringify(listed)}: may not specify more than two policyTypes`,
    );

  if (c.issues.length > 0) return { ok: false, issues: c.issues, name };
  // Defaulting as the API server does it: Ingress always, Egress when egress rules exist.
  const explicit = listed.length > 0;
  const policyTypes: PolicyType[] = explicit
    ? [...new Set(listed)]
    : egress.length > 0
      ? ['Ingress', 'Egress']
      : ['Ingress'];
  return {
    ok: true,
    policy: {
      name: name as string,
      namespace: ns,
      podSelector,
      policyTypes,
      policyTypesExplicit: explicit,
      ingress,
      egress,
    },
  };
}
