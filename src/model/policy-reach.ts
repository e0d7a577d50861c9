import { cidrContainsIp, isValidIp } from './cidr.js';
import { dnsVerdict, findPod, resolveName, type ModelProbe, type ModelResult } from './probe.js';
import type { World } from './types.js';

/**
 * How much of a probe's answer the policies decide:
 * - `policy`: the source's egress and the destination's ingress (or the answer is theirs alone);
 * - `one-end`: one end is no pod (an outside address, the API server, a source outside the
 *   cluster), so policy decides the other end only;
 * - `lookup`: the name lookup before the connection is blocked or left open by policy, so the
 *   connection itself is never tried;
 * - `none`: no policy decides the connection (no such port, a name that does not resolve, a service
 *   without endpoints, loopback, no such pod). No policy change can change the answer, but for a
 *   name: the lookup before the connection is policy's (the DNS line), and a policy that blocks it
 *   makes the answer dns-failure (policy-reach-agreement.test.ts).
 */
export type PolicyReach = { kind: 'policy' } | { kind: 'one-end' | 'lookup' | 'none'; reason: string };

/** Where `ip` is when no pod or service here holds it. */
function addressText(world: World, ip: string): string {
  const pool = [world.facts.podCIDR, world.facts.serviceCIDR].find((c) => cidrContainsIp(c, ip));
  return pool
    ? `${ip} is inside ${pool}, but no pod or service here holds it`
    : `${ip} is outside the cluster, where no policy applies`;
}

/** What the destination of a probe with only the source's egress decided is. */
function farEnd(world: World, probe: ModelProbe, clientNamespace: string): string {
  const t = probe.target;
  if (t.kind === 'ip') return addressText(world, t.ip);
  if (t.kind === 'host') {
    if (isValidIp(t.host)) return addressText(world, t.host);
    const resolved = resolveName(world, t.host, clientNamespace);
    if (resolved.kind === 'api-server')
      return `the API server (service default/kubernetes) runs on the node's network, where no policy applies`;
    if (resolved.kind === 'external') return `${resolved.host} is outside the cluster, where no policy applies`;
  }
  return 'the destination is no pod';
}

/** How much of `result` (the model's answer to `probe` in `world`) the policies decide. Pure. */
export function policyReach(world: World, probe: ModelProbe, result: ModelResult): PolicyReach {
  const lines = result.explanation;
  const last = lines[lines.length - 1] ?? '';
  if (result.egress && result.ingress) return { kind: 'policy' };
  if (result.egress) {
    return {
      kind: 'one-end',
      reason: `${farEnd(world, probe, probe.from.namespace)}; policy decides only the egress of ${result.egress.pod}`,
    };
  }
  if (result.ingress) {
    return {
      kind: 'one-end',
      reason: `the source ${probe.from.pod} is outside the cluster, where no egress policy applies; policy decides only the ingress of ${result.ingress.pod}`,
    };
  }
  const t = probe.target;
  const client = findPod(world, probe.from.namespace, probe.from.pod);
  if (client && t.kind === 'host' && !isValidIp(t.host)) {
    const dns = dnsVerdict(world, client);
    if (dns.allowed !== 'allowed') {
      const how = dns.allowed === 'undefined' ? 'is left undecided by policy' : 'is blocked by policy';
      return {
        kind: 'lookup',
        reason: `the lookup of "${t.host}" ${how} (the DNS line below), so no connection to ${probe.port}/${probe.protocol} is tried and no rule for it is consulted`,
      };
    }
  }
  if (t.kind === 'localhost')
    return {
      kind: 'none',
      reason: `loopback inside pod ${probe.from.namespace}/${probe.from.pod}, which NetworkPolicy does not govern`,
    };
  if (result.outcome === 'undefined') {
    // A pod reaching itself is loopback, however the target was written (its name, its IP, a
    // service whose one endpoint it is); any other undecided answer without verdicts is the
    // endpoints of a service disagreeing, each decided by policy.
    const self = result.destination?.startsWith(`${probe.from.namespace}/${probe.from.pod}:`) === true;
    return self ? { kind: 'none', reason: last } : { kind: 'policy' };
  }
  const label =
    result.outcome === 'no-such-port' ? 'no such port: ' : result.outcome === 'dns-failure' ? 'DNS failure: ' : '';
  return { kind: 'none', reason: `${label}${last}` };
}
