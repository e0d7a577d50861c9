import type { TruthTable } from './truth-table.js';

/** Where every case comes from: the e2e suite's file, at the commit its facts were read from. */
export const UPSTREAM = {
  repo: 'kubernetes/kubernetes',
  commit: '008b3652959ca58af8be3fb5b6ecfe9ae7638282',
  file: 'test/e2e/network/netpol/network_policy.go',
} as const;

export const UPSTREAM_CITATION = `${UPSTREAM.repo}@${UPSTREAM.commit}:${UPSTREAM.file}`;

export type Proto = 'TCP' | 'UDP' | 'SCTP';

/** The ginkgo containers the suite's cases live in (Describe + Context). */
export const CONTEXTS = {
  tcp: 'Netpol NetworkPolicy between server and client',
  udp: 'Netpol [LinuxOnly] NetworkPolicy between server and client using UDP',
  sctp: 'Netpol [Feature:SCTPConnectivity] [LinuxOnly] NetworkPolicy between server and client using SCTP',
} as const;

export type Selector = Record<string, unknown>;
export type Rule = Record<string, unknown>;

/** A NetworkPolicy as the suite builds it: the pieces it sets, nothing else. */
export interface PolicyDef {
  /** metadata.name */
  name: string;
  /** The namespace it is created in (x, y or z). */
  ns: string;
  podSelector: Selector;
  policyTypes: ('Ingress' | 'Egress')[];
  ingress?: Rule[];
  egress?: Rule[];
}

/** One ValidateOrFail: a port, a protocol and the truth table asserted there. */
export interface Check {
  port: number;
  protocol: Proto;
  table: (t: TruthTable) => void;
}

export interface LabelChange {
  /** `x/b` for a pod, `y` for a namespace. */
  target: string;
  labels: Record<string, string>;
}

/** What happens between two sets of checks: policies created/updated, deleted, objects relabelled. */
export interface CaseStep {
  name: string;
  apply?: string[];
  delete?: string[];
  label?: LabelChange[];
  checks: Check[];
}

export interface ConformanceCase {
  /** File and scenario name part. */
  slug: string;
  context: keyof typeof CONTEXTS;
  /** The It() text, exactly. */
  test: string;
  /** The servers each pod runs: every port on every protocol. */
  ports: number[];
  protocols: Proto[];
  /** The topology the test asks for, `x/a`…; namespaces x, y, z always exist. */
  pods: string[];
  /** By id (what steps refer to). */
  policies: Record<string, PolicyDef>;
  steps: CaseStep[];
  /** What the scenario had to do differently from the suite, if anything. */
  note?: string;
}

/** The suite's GenNetworkPolicy…(name, selector, SetSpecIngressRules(…), SetSpecEgressRules(…)). */
export function policy(
  ns: string,
  name: string,
  podSelector: Selector,
  rules: { ingress?: Rule[]; egress?: Rule[]; policyTypes?: PolicyDef['policyTypes'] },
): PolicyDef {
  const policyTypes: PolicyDef['policyTypes'] = rules.policyTypes ?? [
    ...(rules.ingress ? ['Ingress' as const] : []),
    ...(rules.egress ? ['Egress' as const] : []),
  ];
  return {
    name,
    ns,
    podSelector,
    policyTypes,
    ...(rules.ingress ? { ingress: rules.ingress } : {}),
    ...(rules.egress ? { egress: rules.egress } : {}),
  };
}

export const NS_NAME = 'kubernetes.io/metadata.name';
export const ALL: Selector = {};

export function labels(m: Record<string, string>): Selector {
  return { matchLabels: m };
}

export function podIs(name: string): Selector {
  return labels({ pod: name });
}

export function nsIs(name: string): Selector {
  return labels({ [NS_NAME]: name });
}

export function expr(key: string, operator: 'In' | 'NotIn', values: string[]): Selector {
  return { matchExpressions: [{ key, operator, values }] };
}

export function port(p: number | string, protocol?: Proto): Record<string, unknown> {
  return protocol ? { port: p, protocol } : { port: p };
}

export function check(portNumber: number, protocol: Proto, table: (t: TruthTable) => void = () => {}): Check {
  return { port: portNumber, protocol, table };
}
