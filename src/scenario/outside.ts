import { cidrContainsIp, isValidIp } from '../model/cidr.js';
import { DEFAULT_CLUSTER_FACTS, type ListeningPort } from '../model/types.js';
import type { PathSegment } from '../problems.js';
import type { RawOutsideHost } from './raw.js';

/**
 * A documented address outside the cluster (`outside:`), which probes may target. Live, a test
 * server the harness starts on the cluster's own Docker network stands in for it; the model
 * answers for it as for any address outside the cluster, plus whether the stand-in listens.
 */
/** The namespace of an expectation's `from` when it is an outside host (no namespace can be named so). */
export const OUTSIDE_NAMESPACE = '(outside)';

export interface OutsideHost {
  name: string;
  address: string;
  listening: ListeningPort[];
  line: number;
}

export interface OutsideContext {
  readListen(listen: NonNullable<RawOutsideHost['listen']>, path: PathSegment[]): ListeningPort[];
  report(path: PathSegment[], message: string): void;
  line(path: PathSegment[]): number;
}

/** Reads `outside:`: IPv4 addresses outside the pod and service networks and loopback, each once. */
export function readOutsideHosts(
  raw: readonly RawOutsideHost[],
  path: PathSegment[],
  ctx: OutsideContext,
): OutsideHost[] {
  const names = new Set<string>();
  const addresses = new Set<string>();
  return raw.map((h, i) => {
    const at = [...path, i];
    const facts = DEFAULT_CLUSTER_FACTS;
    if (!isValidIp(h.address) || h.address.includes(':'))
      ctx.report([...at, 'address'], `"${h.address}" is not an IPv4 address`);
    else if (
      cidrContainsIp(facts.podCIDR, h.address) ||
      cidrContainsIp(facts.serviceCIDR, h.address) ||
      cidrContainsIp('127.0.0.0/8', h.address)
    ) {
      ctx.report(
        [...at, 'address'],
        `${h.address} is inside the cluster's pod (${facts.podCIDR}) or service (${facts.serviceCIDR}) network or loopback: no stand-in can take it`,
      );
    }
    if (names.has(h.name)) ctx.report([...at, 'name'], `duplicate outside host "${h.name}"`);
    if (addresses.has(h.address)) ctx.report([...at, 'address'], `duplicate outside address ${h.address}`);
    names.add(h.name);
    addresses.add(h.address);
    return {
      name: h.name,
      address: h.address,
      listening: h.listen ? ctx.readListen(h.listen, [...at, 'listen']) : [],
      line: ctx.line(at),
    };
  });
}
