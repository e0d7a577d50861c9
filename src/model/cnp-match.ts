// What one ClusterNetworkPolicy selects and what one of its rules matches: subject, peers, protocols.
// The semantics are the API's field documentation (apis/v1beta1 of sigs.k8s.io/network-policy-api v0.3.1).

import type { ClusterNetworkPolicy, CnpPeer, CnpPort, CnpProtocol, CnpRule, CnpSubject } from './cnp-types.js';
import { sameIp } from './ip-address.js';
import { describeEndpoint, ipBlockPeerMatches, type Endpoint, type Tri } from './peers.js';
import { formatSelector, isEmptySelector, selectorMatches } from './selector.js';
import type { ClusterFacts, LabelSelector, Namespace, Pod, Protocol, World } from './types.js';

export interface CnpMatch {
  match: Tri;
  reason: string;
  /** Undecided only because a pod's IP is not known yet: a live run decides it. */
  decidedAtRunTime?: true;
}

function namespaceLabels(namespaces: readonly Namespace[], name: string) {
  return namespaces.find((n) => n.name === name)?.labels ?? {};
}

/** Does the subject select `pod`? Host-networked pods never are selected; the model has none. */
export function subjectSelects(subject: CnpSubject, pod: Pod, namespaces: readonly Namespace[]): boolean {
  const nsLabels = namespaceLabels(namespaces, pod.namespace);
  if (subject.kind === 'namespaces') return selectorMatches(subject.namespaces, nsLabels);
  return selectorMatches(subject.namespaceSelector, nsLabels) && selectorMatches(subject.podSelector, pod.labels);
}

export function formatSubject(subject: CnpSubject): string {
  return subject.kind === 'namespaces'
    ? `namespaces ${formatSelector(subject.namespaces)}`
    : `pods: namespaceSelector ${formatSelector(subject.namespaceSelector)} AND podSelector ${formatSelector(subject.podSelector)}`;
}

export function formatCnpPeer(peer: CnpPeer): string {
  switch (peer.kind) {
    case 'namespaces':
      return `namespaces ${formatSelector(peer.namespaces)}`;
    case 'pods':
      return `pods: namespaceSelector ${formatSelector(peer.namespaceSelector)} AND podSelector ${formatSelector(peer.podSelector)}`;
    case 'nodes':
      return `nodes ${formatSelector(peer.nodes)}`;
    case 'networks':
      return `networks ${peer.networks.join(', ')}`;
    case 'domainNames':
      return `domainNames ${peer.domainNames.join(', ')}`;
  }
}

function podPeer(
  nsSelector: LabelSelector,
  podSelector: LabelSelector | undefined,
  label: string,
  pod: Pod,
  namespaces: readonly Namespace[],
): CnpMatch {
  const id = `${pod.namespace}/${pod.name}`;
  if (!selectorMatches(nsSelector, namespaceLabels(namespaces, pod.namespace)))
    return { match: 'no', reason: `namespace ${pod.namespace} does not match ${label}` };
  if (podSelector && !selectorMatches(podSelector, pod.labels))
    return { match: 'no', reason: `${id} is in a matching namespace but does not match ${label}` };
  return { match: 'yes', reason: `${id} matches ${label}` };
}

/** A domain name written in a rule against a name: exact, or `*.` for one or more whole labels. */
export function domainNameMatches(pattern: string, host: string): boolean {
  const name = host.replace(/\.$/, '').toLowerCase();
  const p = pattern.replace(/\.$/, '').toLowerCase();
  if (!p.startsWith('*.')) return name === p;
  const suffix = p.slice(1);
  return name.endsWith(suffix) && name.length > suffix.length;
}

/** Does one peer of a rule match the far end? */
export function cnpPeerMatches(peer: CnpPeer, other: Endpoint, world: World): CnpMatch {
  const label = formatCnpPeer(peer);
  switch (peer.kind) {
    case 'namespaces':
    case 'pods': {
      if (other.kind !== 'pod')
        return { match: 'no', reason: `${other.host} is no pod; ${peer.kind} peers select pods only` };
      return peer.kind === 'namespaces'
        ? podPeer(peer.namespaces, undefined, label, other.pod, world.namespaces)
        : podPeer(peer.namespaceSelector, peer.podSelector, label, other.pod, world.namespaces);
    }
    case 'nodes':
      return nodePeer(peer.nodes, label, other, world);
    case 'networks':
      return networksPeer(peer, label, other, world.facts);
    case 'domainNames': {
      if (other.kind === 'pod') return { match: 'no', reason: `${describeEndpoint(other)} is a pod, no domain name` };
      if (other.ip === undefined) {
        const hit = peer.domainNames.find((d) => domainNameMatches(d, other.host));
        return hit
          ? { match: 'yes', reason: `${other.host} matches domain name ${hit}` }
          : { match: 'no', reason: `${other.host} matches none of ${label}` };
      }
      return {
        match: 'undefined',
        reason: `${other.ip} is an address: whether one of ${label} resolves to it is not known`,
      };
    }
  }
}

function nodePeer(selector: LabelSelector, label: string, other: Endpoint, world: World): CnpMatch {
  if (other.kind === 'pod')
    return { match: 'no', reason: `${describeEndpoint(other)} is a pod on the pod network, no node's IP` };
  const ip = other.ip;
  const node = ip === undefined ? undefined : world.nodes?.find((n) => n.ips.some((a) => sameIp(a, ip)));
  if (node) {
    return selectorMatches(selector, node.labels)
      ? { match: 'yes', reason: `${other.host} is node ${node.name}, which matches ${label}` }
      : { match: 'no', reason: `${other.host} is node ${node.name}, which does not match ${label}` };
  }
  if (!other.node) return { match: 'no', reason: `${other.host} is no node of the cluster` };
  if (isEmptySelector(selector))
    return { match: 'yes', reason: `${other.host} is on a node, and ${label} selects every node` };
  return {
    match: 'undefined',
    reason: `${other.host} is on a node whose labels are not modelled, so ${label} may or may not hold`,
  };
}

function networksPeer(
  peer: Extract<CnpPeer, { kind: 'networks' }>,
  label: string,
  other: Endpoint,
  facts: ClusterFacts,
): CnpMatch {
  const reasons: string[] = [];
  let open: CnpMatch | undefined;
  for (const cidr of peer.networks) {
    const pod = peer.pods?.[cidr];
    const m = ipBlockPeerMatches({ cidr, except: [], ...(pod ? { pods: { [cidr]: pod } } : {}) }, other, facts);
    if (m.match === 'yes') return { match: 'yes', reason: `${describeEndpoint(other)} is in ${cidr}: ${m.reason()}` };
    if (m.match === 'undefined' && !open)
      open = { match: 'undefined', reason: m.reason(), ...(m.decidedAtRunTime ? { decidedAtRunTime: true } : {}) };
    reasons.push(m.reason());
  }
  return open ?? { match: 'no', reason: `${describeEndpoint(other)} is in none of ${label}: ${reasons.join('; ')}` };
}

function formatPort(p: CnpPort | undefined): string {
  if (!p) return 'any';
  return 'number' in p ? `${p.number}` : `${p.start}-${p.end}`;
}

export function formatCnpProtocol(p: CnpProtocol): string {
  return 'namedPort' in p ? `named port "${p.namedPort}"` : `${formatPort(p.port)}/${p.protocol}`;
}

/** Does one entry of `protocols` match `port/protocol` on the destination? Named ports resolve on the destination pod. */
function protocolMatches(p: CnpProtocol, port: number, protocol: Protocol, destination: Pod | undefined): CnpMatch {
  if ('namedPort' in p) {
    if (!destination)
      return { match: 'no', reason: `named port "${p.namedPort}" cannot resolve on a destination that is no pod` };
    const declared = destination.containerPorts.find((c) => c.name === p.namedPort);
    const id = `${destination.namespace}/${destination.name}`;
    if (!declared) return { match: 'no', reason: `named port "${p.namedPort}" is not declared on ${id}` };
    if (declared.containerPort === port && declared.protocol === protocol)
      return { match: 'yes', reason: `named port "${p.namedPort}" is ${port}/${protocol} on ${id}` };
    return {
      match: 'no',
      reason: `named port "${p.namedPort}" is ${declared.containerPort}/${declared.protocol} on ${id}, not ${port}/${protocol}`,
    };
  }
  if (p.protocol !== protocol) return { match: 'no', reason: `protocol ${p.protocol}, not ${protocol}` };
  if (!p.port) return { match: 'yes', reason: `any ${protocol} port` };
  const inside = 'number' in p.port ? port === p.port.number : port >= p.port.start && port <= p.port.end;
  return inside
    ? { match: 'yes', reason: `${port}/${protocol} is ${formatCnpProtocol(p)}` }
    : { match: 'no', reason: `${formatCnpProtocol(p)}, not ${port}` };
}

export function protocolsMatch(
  protocols: CnpProtocol[] | undefined,
  port: number,
  protocol: Protocol,
  destination: Pod | undefined,
): CnpMatch {
  if (protocols === undefined) return { match: 'yes', reason: 'no protocols: every protocol and port' };
  const reasons: string[] = [];
  for (const p of protocols) {
    const m = protocolMatches(p, port, protocol, destination);
    if (m.match === 'yes') return m;
    reasons.push(m.reason);
  }
  return { match: 'no', reason: reasons.join('; ') };
}

/** A rule against the far end on `port/protocol`: its protocols, then its peers (OR'd). */
export function cnpRuleMatches(
  rule: CnpRule,
  other: Endpoint,
  port: number,
  protocol: Protocol,
  destination: Pod | undefined,
  world: World,
): CnpMatch {
  const ports = protocolsMatch(rule.protocols, port, protocol, destination);
  if (ports.match !== 'yes') return ports;
  const reasons: string[] = [];
  let open: CnpMatch | undefined;
  for (const peer of rule.peers) {
    const m = cnpPeerMatches(peer, other, world);
    if (m.match === 'yes')
      return { match: 'yes', reason: rule.protocols === undefined ? m.reason : `${m.reason}, on ${ports.reason}` };
    if (m.match === 'undefined' && !open) open = m;
    reasons.push(m.reason);
  }
  return open ?? { match: 'no', reason: reasons.join('; ') };
}

/** The policies whose subject selects `pod`, in the tier given. */
export function cnpsSelecting(world: World, pod: Pod, tier: ClusterNetworkPolicy['tier']): ClusterNetworkPolicy[] {
  return (world.clusterNetworkPolicies ?? []).filter(
    (p) => p.tier === tier && subjectSelects(p.subject, pod, world.namespaces),
  );
}
