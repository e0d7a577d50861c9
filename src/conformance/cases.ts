import { TCP_SELECTOR_CASES } from './cases-tcp-1.js';
import { TCP_PORT_AND_CHANGE_CASES } from './cases-tcp-2.js';
import { SCTP_CASES, UDP_CASES } from './cases-udp-sctp.js';
import type { ConformanceCase } from './spec.js';

/** Every data-path case of the suite this corpus carries, in the suite's three contexts. */
export const CONFORMANCE_CASES: readonly ConformanceCase[] = [...TCP_SELECTOR_CASES, ...TCP_PORT_AND_CHANGE_CASES, ...UDP_CASES, ...SCTP_CASES];

/**
 * The suite's data-path cases the corpus does not carry, and why. Their policies name a pod's IP
 * (`ipBlock: <IP of y/b>/32`, or the /4 around it with that /32 excepted), known only once the pod
 * runs; a scenario's manifests are fixed text, and the harness has no way yet to write "the IP of
 * pod y/b" into one.
 */
export const NOT_CARRIED: readonly { test: string; why: string }[] = [
  { test: 'should allow egress access to server in CIDR block', why: 'ipBlock with the IP of pod y/b' },
  { test: 'should enforce except clause while egress access to server in CIDR block', why: 'ipBlock: the /4 around pod x/b, its /32 excepted' },
  { test: 'should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed', why: 'ipBlock: the /4 around pod x/b, its /32 excepted, then its /32 alone' },
];

export function scenarioName(c: ConformanceCase): string {
  return `e2e-${c.context}-${c.slug}`;
}
