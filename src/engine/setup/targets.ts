import type { PodInfo } from '../../kube/types.js';
import { resolveName, type NameResolution } from '../../model/probe.js';
import { resolvePolicyAddresses, type PodIpOf } from '../../model/pod-address.js';
import type { Service, World } from '../../model/types.js';
import type { ProbeJob } from '../../probe/types.js';
import { probeCommand } from '../../probe/command.js';
import { familyName, ipFamily } from '../../model/ip-address.js';
import type { Expectation, Scenario } from '../../scenario/types.js';
import { PROBE_SIDECAR } from './manifests.js';
import { mapNamespace } from '../naming.js';
import type { StandIns } from '../policy/stand-ins.js';
import { OUTSIDE_NAMESPACE } from '../../scenario/outside.js';

/** What the cluster gave the scenario's objects, by logical `namespace/name`. */
export interface LiveTopology {
  mapping: ReadonlyMap<string, string>;
  pods: ReadonlyMap<string, PodInfo>;
  serviceIPs: ReadonlyMap<string, string>;
  /** Dual-stack services' addresses, primary first. */
  serviceAllIPs?: ReadonlyMap<string, readonly string[]>;
  /** Documented outside addresses → their stand-ins on this machine (`outside:`), when started. */
  outside?: StandIns;
  /** Outside hosts that send probes → the container they are exec'd in. */
  outsideSources?: ReadonlyMap<string, string>;
}

/** Why a probe to an address outside the cluster is not sent. */
export const OUTSIDE_NOT_SENT = 'this machine sends no traffic outside the cluster';
/** The cluster's own `kubernetes` service in `default`: the API server on 443. */
const API_SERVER_SERVICE_PORT = 443;

/**
 * A probe is sent, or not sent, with the reason (no such service port, an address outside the
 * cluster, nothing to send from). A probe not sent has no live answer: reports say "not sent".
 */
export type ProbePlan = { kind: 'send'; job: ProbeJob } | { kind: 'not-sent'; reason: string; key: string };

export function logicalKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

export function probeKey(e: Expectation): string {
  return `${e.from.namespace}/${e.from.name} -> ${e.targetText} ${e.port}/${e.protocol} ${e.tool}${e.path ? ` ${e.path}` : ''}`;
}

/**
 * `web.netpol-backend.svc.cluster.local` → `web.<real namespace>.svc.cluster.local`. Names of the
 * cluster's own services (`kubernetes.default.svc`) are left alone: those are not the scenario's.
 */
export function rewriteHost(host: string, mapping: ReadonlyMap<string, string>): string {
  const parts = host.split('.');
  if (parts.length >= 2 && mapping.has(parts[1] as string)) parts[1] = mapping.get(parts[1] as string) as string;
  return parts.join('.');
}

/**
 * Such a probe is not sent: no service rule translates a cluster IP on a port the service lacks,
 * so the packet would follow the node's default route out of the cluster (and off this machine).
 */
export const NO_SUCH_PORT_NOT_SENT =
  'a packet to a cluster IP on a port no service rule covers would be routed out of the cluster';

function missingPort(service: Service, e: Expectation): string | undefined {
  if (service.ports.some((p) => p.port === e.port && p.protocol === e.protocol)) return undefined;
  const exposed = service.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') || 'no ports';
  return `service ${service.namespace}/${service.name} exposes ${exposed}, not ${e.port}/${e.protocol}: ${NO_SUCH_PORT_NOT_SENT}`;
}

/**
 * How one expectation is probed live: the address as sent (names in the real namespaces, pod and
 * cluster IPs from the cluster), or why it is not sent. `world` is the model's world in logical
 * names with the live IPs filled in. Pure.
 */
export function planProbe(
  e: Expectation,
  scenario: Scenario,
  world: World,
  topo: LiveTopology,
  timeoutSeconds: number,
): ProbePlan {
  const key = probeKey(e);
  if (e.from.namespace === OUTSIDE_NAMESPACE) {
    const address = scenario.outside?.find((h) => h.name === e.from.name)?.address;
    return planFromOutside(e, key, topo, timeoutSeconds, address);
  }
  const client = scenario.pods.find((p) => p.name === e.from.name && p.namespace === e.from.namespace);
  const live = topo.pods.get(logicalKey(e.from.namespace, e.from.name));
  if (!client || !live)
    return { kind: 'not-sent', reason: `no pod ${e.from.namespace}/${e.from.name} to probe from`, key };
  const destination = liveDestination(e, scenario, world, topo, live);
  if ('notSent' in destination) return { kind: 'not-sent', reason: destination.notSent, key };
  const job: ProbeJob = {
    key,
    from: {
      namespace: mapNamespace(topo.mapping, e.from.namespace),
      pod: e.from.name,
      container: client.role === 'workload' ? PROBE_SIDECAR : client.containerName,
    },
    host: destination.host,
    ...probeOf(e, timeoutSeconds),
  };
  // No command can carry it (SCTP): nothing would leave the pod, so it is not sent.
  const command = probeCommand(job);
  if ('unsupported' in command)
    return { kind: 'not-sent', reason: `${command.unsupported}: nothing to send it with`, key };
  return { kind: 'send', job };
}

/** The address a probe goes to, as sent from the client pod, or why it is not sent. */
type Destination = { host: string } | { notSent: string };

function liveDestination(
  e: Expectation,
  scenario: Scenario,
  world: World,
  topo: LiveTopology,
  client: PodInfo,
): Destination {
  const t = e.target;
  switch (t.kind) {
    case 'host':
      return nameDestination(e, t.host, scenario, world, topo);
    case 'service-ip': {
      const service = world.services.find((s) => s.name === t.service && s.namespace === t.namespace);
      const ip = topo.serviceIPs.get(logicalKey(t.namespace, t.service));
      if (!service || !ip) return { notSent: `service ${t.namespace}/${t.service} has no cluster IP` };
      const why = missingPort(service, e);
      if (why) return { notSent: why };
      return { host: ip };
    }
    case 'pod': {
      const ip = topo.pods.get(logicalKey(t.namespace, t.pod))?.ip;
      if (!ip) return { notSent: `pod ${t.namespace}/${t.pod} has no IP` };
      return { host: ip };
    }
    case 'lookup': {
      const resolved = resolveName(world, t.name, e.from.namespace);
      // CoreDNS would forward the query upstream, out of the cluster.
      if (resolved.kind === 'external')
        return {
          notSent: `${t.name} is outside the cluster, so the lookup would be forwarded upstream: ${OUTSIDE_NOT_SENT}`,
        };
      return { host: isScenarioName(resolved, scenario) ? rewriteHost(t.name, topo.mapping) : t.name };
    }
    case 'localhost':
      // The pod's own loopback; sent to the address, so no resolver (and no IPv6 ::1) is involved.
      return { host: '127.0.0.1' };
    case 'ip': {
      const standIn = topo.outside?.get(t.ip);
      const gap = familyGap(t.ip, client);
      if (standIn && gap) return { notSent: gap };
      if (standIn) return { host: standIn };
      const known = world.pods.some((p) => p.ip === t.ip) || world.services.some((s) => s.clusterIP === t.ip);
      if (!known) return { notSent: `${t.ip} is no address of this scenario's pods or services: ${OUTSIDE_NOT_SENT}` };
      return { host: t.ip };
    }
  }
}

/** A DNS name as the document probes it: in the run's namespaces when it names the scenario's own service (or none). */
function nameDestination(
  e: Expectation,
  host: string,
  scenario: Scenario,
  world: World,
  topo: LiveTopology,
): Destination {
  const resolved = resolveName(world, host, e.from.namespace);
  if (resolved.kind === 'external') return { notSent: `${host} is outside the cluster: ${OUTSIDE_NOT_SENT}` };
  if (resolved.kind === 'service') {
    const why = missingPort(resolved.service, e);
    if (why) return { notSent: why };
  }
  if (resolved.kind === 'api-server' && (e.port !== API_SERVER_SERVICE_PORT || e.protocol !== 'TCP')) {
    return {
      notSent: `service default/kubernetes exposes ${API_SERVER_SERVICE_PORT}/TCP, not ${e.port}/${e.protocol}: ${NO_SUCH_PORT_NOT_SENT}`,
    };
  }
  return { host: isScenarioName(resolved, scenario) ? rewriteHost(host, topo.mapping) : host };
}

/** A name that is the scenario's (one of its services, or no service at all), so it is rewritten to the run's namespaces. */
function isScenarioName(resolved: NameResolution, scenario: Scenario): boolean {
  return (
    resolved.kind === 'nxdomain' ||
    (resolved.kind === 'service' &&
      scenario.services.some((s) => s.name === resolved.service.name && s.namespace === resolved.service.namespace))
  );
}

/** A probe from an outside stand-in to a pod's IP (the loader allows no other target), by docker exec. */
function planFromOutside(
  e: Expectation,
  key: string,
  topo: LiveTopology,
  timeoutSeconds: number,
  address: string | undefined,
): ProbePlan {
  const container = topo.outsideSources?.get(e.from.name);
  if (!container)
    return {
      kind: 'not-sent',
      reason: `probes from outside the cluster (${e.from.name}) need its stand-in on the kind network, which only a kind run starts`,
      key,
    };
  const t = e.target;
  const pod = t.kind === 'pod' ? topo.pods.get(logicalKey(t.namespace, t.pod)) : undefined;
  const ip = pod?.ip;
  if (!ip) return { kind: 'not-sent', reason: `no pod IP to probe from outside the cluster`, key };
  const gap = address && pod ? familyGap(address, pod) : undefined;
  if (gap) return { kind: 'not-sent', reason: gap, key };
  return {
    kind: 'send',
    job: {
      key,
      from: { namespace: OUTSIDE_NAMESPACE, pod: container, container: '' },
      host: ip,
      ...probeOf(e, timeoutSeconds),
    },
  };
}

/**
 * Why a probe between an outside address and a pod cannot be sent: the address is of a family the
 * pod has no address of (an IPv4 documented address on an IPv6-only cluster). Its stand-in could
 * only reach the pod from an address of the other family, which the policy's ipBlock, written for
 * the documented address, does not hold: the answer would be the harness's, not the CNI's.
 */
export function familyGap(address: string, pod: PodInfo): string | undefined {
  const family = ipFamily(address);
  if (!family || !pod.ip) return undefined;
  const podFamilies = new Set((pod.ips ?? [pod.ip]).map(ipFamily));
  if (podFamilies.has(family)) return undefined;
  const other = family === 'ipv4' ? 'ipv6' : 'ipv4';
  return `${address} is an ${familyName(family)} address and ${pod.namespace}/${pod.name} has ${familyName(other)} addresses only: no packet between them carries the documented address`;
}

/** The pods' IPs by logical namespace and name, as the cluster gave them. */
export function liveIpOf(topo: LiveTopology): PodIpOf {
  return (namespace, name) => topo.pods.get(logicalKey(namespace, name))?.ip;
}

/**
 * The model's world with the cluster's pod IPs and cluster IPs filled in, and the pods' addresses
 * in its policies written as the CIDRs the cluster was sent (changes.ts writes the same IPs).
 */
export function withLiveAddresses(world: World, topo: LiveTopology, sentIpOf: PodIpOf = liveIpOf(topo)): World {
  return {
    ...world,
    // The pods' addresses in the policies as the cluster was sent them (a dual-stack run's second
    // family still sees the first family's, which is what the API server holds).
    policies: world.policies.map((p) => resolvePolicyAddresses(p, sentIpOf)),
    pods: world.pods.map((p) => {
      const ip = topo.pods.get(logicalKey(p.namespace, p.name))?.ip;
      return ip ? { ...p, ip } : p;
    }),
    services: world.services.map((s) => {
      const clusterIP = topo.serviceIPs.get(logicalKey(s.namespace, s.name));
      return clusterIP ? { ...s, clusterIP } : s;
    }),
  };
}

/** What a probe job takes from its expectation, whoever sends it: port, protocol, tool, URL parts, timeout and the logical probe. */
function probeOf(e: Expectation, timeoutSeconds: number): Omit<ProbeJob, 'key' | 'from' | 'host'> {
  return {
    port: e.port,
    protocol: e.protocol,
    tool: e.tool,
    ...(e.path ? { path: e.path } : {}),
    ...(e.scheme ? { scheme: e.scheme } : {}),
    timeoutSeconds,
    logical: {
      from: { pod: e.from.name, namespace: e.from.namespace },
      target: e.target,
      port: e.port,
      protocol: e.protocol,
    },
  };
}
