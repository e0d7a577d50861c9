import type { PodInfo } from '../../kube/types.js';
import { familyName, ipFamily, type Family } from '../../model/ip-address.js';
import type { ModelResult } from '../../model/probe.js';
import type { OutcomeClass } from '../../model/outcome.js';
import { OUTSIDE_NAMESPACE } from '../../scenario/outside.js';
import type { Expectation } from '../../scenario/types.js';
import type { LiveTopology } from '../setup/targets.js';

/**
 * The second address family of a dual-stack run: the family of the pods' second IPs, when the
 * cluster gave them two. Undefined on a single-family cluster (nothing is probed twice).
 */
export function secondFamily(topo: LiveTopology): Family | undefined {
  for (const pod of topo.pods.values()) {
    const second = pod.ips?.[1];
    if (second) return ipFamily(second);
  }
  return undefined;
}

function addressIn(ips: readonly string[] | undefined, family: Family): string | undefined {
  return ips?.find((ip) => ipFamily(ip) === family);
}

/**
 * The topology as one address family sees it: each pod's and service's address of that family
 * (none where it has none), the rest as it is.
 */
export function inFamily(topo: LiveTopology, family: Family): LiveTopology {
  const pods = new Map<string, PodInfo>();
  for (const [key, pod] of topo.pods) {
    const { ip: _primary, ...rest } = pod;
    const ip = addressIn(pod.ips ?? (pod.ip ? [pod.ip] : []), family);
    pods.set(key, ip ? { ...rest, ip } : rest);
  }
  const serviceIPs = new Map<string, string>();
  for (const [key, primary] of topo.serviceIPs) {
    const ip = addressIn(topo.serviceAllIPs?.get(key) ?? [primary], family);
    if (ip) serviceIPs.set(key, ip);
  }
  return { ...topo, pods, serviceIPs };
}

/**
 * Whether a probe goes once per family on a dual-stack cluster: a probe to a pod's IP or a
 * service's cluster IP, from a pod (a name is resolved to one family by the tool; outside
 * stand-ins have IPv4 addresses only).
 */
export function probedInEachFamily(e: Expectation): boolean {
  return (e.target.kind === 'pod' || e.target.kind === 'service-ip') && e.from.namespace !== OUTSIDE_NAMESPACE;
}

/** The probe's key in the second family: its own cell, beside the first family's. */
export function familyKey(key: string, family: Family): string {
  return `${key} [${familyName(family)}]`;
}

/**
 * The expectation of the same probe sent in the second family, derived (the documents name no
 * family): the document's claim where the spec answers the same in both families; where it does
 * not (an ipBlock of one family matches no address of the other), the spec's answer in this one.
 */
export function familyExpectation(
  e: Expectation,
  family: Family,
  first: Pick<ModelResult, 'outcome'>,
  second: Pick<ModelResult, 'outcome'>,
): Expectation {
  const name = familyName(family);
  const same = first.outcome === second.outcome || second.outcome === 'undefined';
  return {
    ...e,
    targetText: `${e.targetText} [${name}]`,
    expected: same ? e.expected : [second.outcome as OutcomeClass],
    provenance: {
      kind: 'derived',
      reason: same
        ? `the same probe over ${name}: the documents name no address family, so their claim holds in both`
        : `the same probe over ${name}: the spec answers ${second.outcome} here and ${first.outcome} in the first family (an ipBlock matches addresses of its own family only)`,
    },
  };
}
