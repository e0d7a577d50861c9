// A seeded synthetic cluster for benchmarks and property tests: many pods, namespaces and
// policies that exercise every kind of selector, peer and port the model knows.
import {
  DEFAULT_CLUSTER_FACTS,
  type LabelSelector,
  type NetworkPolicy,
  type Pod,
  type PolicyPeer,
  type PolicyPort,
  type PolicyRule,
  type World,
} from '../model/types.js';

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticSize {
  pods: number;
  namespaces: number;
  policies: number;
  /** Give pods IPs (as a live run would), or leave them unknown (as `check` does). */
  withIps?: boolean;
}

const APPS = ['web', 'api', 'db', 'cache', 'queue', 'worker', 'auth', 'search', 'billing', 'metrics'];
const TIERS = ['frontend', 'backend', 'data', 'ops'];

export function syntheticWorld(size: SyntheticSize, seed = 1): World {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const namespaces = Array.from({ length: size.namespaces }, (_, i) => {
    const name = `ns-${i}`;
    return {
      name,
      labels: { 'kubernetes.io/metadata.name': name, team: `t${i % 5}`, ...(i % 3 === 0 ? { env: 'prod' } : {}) },
    };
  });
  const pods: Pod[] = Array.from({ length: size.pods }, (_, i) => {
    const labels: Record<string, string> = { app: pick(APPS), tier: pick(TIERS) };
    if (r() < 0.3) labels.version = pick(['v1', 'v2']);
    const named = r() < 0.5;
    return {
      name: `pod-${i}`,
      namespace: (namespaces[i % size.namespaces] as { name: string }).name,
      labels,
      containerPorts: named
        ? [
            { name: 'http', containerPort: 80, protocol: 'TCP' },
            { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
          ]
        : [],
      listening: [{ port: 80, protocol: 'TCP' }, ...(r() < 0.7 ? [{ port: 9090, protocol: 'TCP' as const }] : [])],
      ...(size.withIps ? { ip: `192.168.${Math.floor(i / 250)}.${(i % 250) + 1}` } : {}),
    };
  });
  const selector = (): LabelSelector => {
    const x = r();
    if (x < 0.15) return { matchLabels: {}, matchExpressions: [] };
    if (x < 0.55) return { matchLabels: { app: pick(APPS) }, matchExpressions: [] };
    if (x < 0.75) return { matchLabels: { tier: pick(TIERS) }, matchExpressions: [] };
    const op = pick(['In', 'NotIn', 'Exists', 'DoesNotExist'] as const);
    return {
      matchLabels: {},
      matchExpressions: [
        {
          key: op === 'Exists' || op === 'DoesNotExist' ? 'version' : 'app',
          operator: op,
          values: op === 'In' || op === 'NotIn' ? [pick(APPS), pick(APPS)] : [],
        },
      ],
    };
  };
  const nsSelector = (): LabelSelector =>
    r() < 0.2
      ? { matchLabels: {}, matchExpressions: [] }
      : r() < 0.6
        ? { matchLabels: { team: `t${Math.floor(r() * 5)}` }, matchExpressions: [] }
        : { matchLabels: { env: 'prod' }, matchExpressions: [] };
  const peer = (): PolicyPeer => {
    const x = r();
    if (x < 0.4) return { podSelector: selector() };
    if (x < 0.6) return { namespaceSelector: nsSelector() };
    if (x < 0.85) return { namespaceSelector: nsSelector(), podSelector: selector() };
    return {
      ipBlock: pick([
        { cidr: '0.0.0.0/0', except: ['192.168.0.0/16'] },
        { cidr: '192.168.0.0/16', except: [] },
        { cidr: '192.168.1.0/24', except: [] },
        { cidr: '10.0.0.0/8', except: [] },
        { cidr: '192.168.0.0/17', except: ['192.168.0.0/24'] },
      ]),
    };
  };
  const port = (): PolicyPort => {
    const x = r();
    if (x < 0.35) return { protocol: 'TCP', port: pick([80, 9090, 8080]) };
    if (x < 0.55) return { protocol: 'TCP', port: pick(['http', 'metrics']) };
    if (x < 0.7) return { protocol: 'TCP', port: 8000, endPort: 9999 };
    if (x < 0.8) return { protocol: 'UDP', port: 53 };
    return { protocol: 'TCP' };
  };
  const rules = (): PolicyRule[] =>
    Array.from({ length: Math.floor(r() * 3) }, () => ({
      peers: r() < 0.2 ? undefined : Array.from({ length: 1 + Math.floor(r() * 2) }, peer),
      ports: r() < 0.3 ? undefined : Array.from({ length: 1 + Math.floor(r() * 2) }, port),
    }));
  const policies: NetworkPolicy[] = Array.from({ length: size.policies }, (_, i) => {
    const ingress = rules();
    const egress = r() < 0.4 ? rules() : [];
    const types =
      r() < 0.5
        ? egress.length
          ? (['Ingress', 'Egress'] as const)
          : (['Ingress'] as const)
        : pick([['Ingress'], ['Egress'], ['Ingress', 'Egress']] as const);
    return {
      name: `policy-${i}`,
      namespace: (namespaces[Math.floor(r() * size.namespaces)] as { name: string }).name,
      podSelector: selector(),
      policyTypes: [...types],
      policyTypesExplicit: true,
      ingress,
      egress,
    };
  });
  return { namespaces, pods, services: [], policies, facts: DEFAULT_CLUSTER_FACTS };
}
