import { TCP_SELECTOR_CASES } from './cases-tcp-1.js';
import { TCP_PORT_AND_CHANGE_CASES } from './cases-tcp-2.js';
import { TCP_IPBLOCK_CASES } from './cases-tcp-ipblock.js';
import { SCTP_CASES, UDP_CASES } from './cases-udp-sctp.js';
import type { ConformanceCase } from './spec.js';

/** Every data-path case of the suite this corpus carries, in the suite's three contexts. */
export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
  ...TCP_SELECTOR_CASES,
  ...TCP_PORT_AND_CHANGE_CASES,
  ...TCP_IPBLOCK_CASES,
  ...UDP_CASES,
  ...SCTP_CASES,
];

export function scenarioName(c: ConformanceCase): string {
  return `e2e-${c.context}-${c.slug}`;
}
