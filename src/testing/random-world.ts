// Seeded random worlds for agreement tests: namespaces, pods and NetworkPolicy manifests that
// reach every corner of the spec the model knows. A world is first plain data (WorldSpec: the
// policies as the manifests a document would write), then built into the model's World through
// the same decoding as a scenario's manifests (testing/world.ts: policy(), world()), so that
// defaulting (policyTypes) and "missing or empty" (from/to/ports) are decoded, not assumed.
// Test-only.
import { resolvePolicyAddresses } from '../model/pod-address.js';
import type { ClusterFacts, Protocol, World } from '../model/types.js';
import { rng } from './synthetic.js';
import { pod as podOf, policy, world } from './world.js';

export type Family = 'ipv4' | 'ipv6';

export interface PodSpec {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  containerPorts: { name: string; containerPort: number; protocol: Protocol }[];
  listening: { port: number; protocol: Protocol }[];
  /** Always drawn from the pod CIDR; buildWorld leaves it out unless asked. */
  ip: string;
}

export interface PolicySpec {
  namespace: string;
  name: string;
  /** The manifest's `spec`, as YAML would hold it. */
  spec: Record<string, unknown>;
}

export interface WorldSpec {
  seed: number;
  family: Family;
  namespaces: Record<string, Record<string, string>>;
  pods: PodSpec[];
  policies: PolicySpec[];
}

export const FACTS: Record<Family, Partial<ClusterFacts>> = {
  ipv4: {},
  // kind's IPv6 defaults.
  ipv6: { podCIDR: 'fd00:10:244::/56', serviceCIDR: 'fd00:10:96::/112' },
};

/** The port/protocol pairs cells are probed on: numbers the policies name, ranges and named ports hit. */
export const PROBE_PORTS: readonly { port: number; protocol: Protocol }[] = [
  { port: 80, protocol: 'TCP' },
  { port: 8080, protocol: 'TCP' },
  { port: 9090, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
  { port: 53, protocol: 'TCP' },
  { port: 5000, protocol: 'UDP' },
  { port: 9000, protocol: 'SCTP' },
  { port: 443, protocol: 'TCP' },
];

/** Addresses outside the cluster the far end of a cell can have (undefined: a name, address unknown). */
export const EXTERNAL_IPS: Record<Family, readonly (string | undefined)[]> = {
  ipv4: ['8.8.8.8', '10.1.2.3', '192.168.200.9', '172.16.0.1', undefined],
  ipv6: ['2001:db8::1', 'fd00:10:244:ff::1', '2606:4700::1111', '10.1.2.3', undefined],
};

const NAMESPACES = ['x', 'y', 'z', 'w'];
const POD_NAMES = ['a', 'b', 'c', 'd'];
const POD_VALUES: Record<string, readonly string[]> = {
  app: ['web', 'db', 'api'],
  tier: ['fe', 'be'],
  pod: POD_NAMES,
  zone: ['north', 'south'],
};
const NS_VALUES: Record<string, readonly string[]> = {
  'kubernetes.io/metadata.name': [...NAMESPACES, 'kube-system'],
  team: ['red', 'blue'],
  env: ['prod', 'dev'],
};
const NAMED_PORTS: readonly { name: string; containerPort: number; protocol: Protocol }[] = [
  { name: 'http', containerPort: 80, protocol: 'TCP' },
  { name: 'http', containerPort: 8080, protocol: 'TCP' },
  { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
  { name: 'serve', containerPort: 5000, protocol: 'UDP' },
  { name: 'serve', containerPort: 8080, protocol: 'TCP' },
  { name: 'assoc', containerPort: 9000, protocol: 'SCTP' },
];
const PORT_NAMES = ['http', 'metrics', 'dns', 'serve', 'assoc', 'absent'];
const PORT_NUMBERS = [53, 80, 443, 5000, 8080, 9000, 9090];
const RANGES: readonly [number, number][] = [
  [80, 8080],
  [5000, 5000],
  [9000, 9100],
  [1, 1024],
];

/** ipBlocks by family: [cidr, except choices]; plain CIDRs, host bits set, the other family, IPv4-mapped. */
const BLOCKS: Record<Family, readonly [string, readonly string[][]][]> = {
  ipv4: [
    ['0.0.0.0/0', [[], ['192.168.0.0/16'], ['192.168.1.0/24', '10.0.0.0/8']]],
    ['192.168.0.0/16', [[], ['192.168.1.0/24'], ['192.168.1.3/32', '192.168.2.0/24']]],
    ['192.168.1.0/24', [[], ['192.168.1.0/25']]],
    ['192.168.1.77/24', [[]]],
    ['192.168.0.0/17', [[], ['192.168.0.0/23']]],
    ['192.168.128.0/17', [[]]],
    ['10.0.0.0/8', [[], ['10.1.0.0/16']]],
    ['8.8.8.8/32', [[]]],
    ['fd00::/8', [[]]],
    ['::ffff:192.168.0.0/112', [[]]],
  ],
  ipv6: [
    ['::/0', [[], ['fd00:10:244::/56'], ['fd00:10:244:1::/64', '2001:db8::/32']]],
    ['fd00:10:244::/56', [[], ['fd00:10:244:1::/64'], ['fd00:10:244:2::3/128']]],
    ['fd00:10:244:1::/64', [[], ['fd00:10:244:1::/125']]],
    ['FD00:10:244:0001::9/64', [[]]],
    ['fd00:10:244::/48', [[], ['fd00:10:244:2::/63']]],
    ['fd00:10:244:100::/56', [[]]],
    ['2001:db8::/32', [[], ['2001:db8:1::/48']]],
    ['0.0.0.0/0', [[]]],
    ['192.168.0.0/16', [[]]],
    ['::ffff:10.0.0.0/104', [[]]],
  ],
};

/** A pod's IP in the pod CIDR: three subnets, so /24s (/64s) and pod addresses split the pods. */
function podIp(family: Family, index: number): string {
  const subnet = index % 3;
  const host = index + 1;
  return family === 'ipv4' ? `192.168.${subnet}.${host}` : `fd00:10:244:${subnet}::${host.toString(16)}`;
}

/** A random world, the same for the same seed. */
export function randomWorldSpec(seed: number): WorldSpec {
  const r = rng(seed);
  const chance = (p: number): boolean => r() < p;
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const some = <T>(xs: readonly T[], p: number): T[] => xs.filter(() => chance(p));
  const family: Family = chance(0.5) ? 'ipv4' : 'ipv6';

  const namespaceNames = NAMESPACES.slice(0, int(2, 3));
  const namespaces: Record<string, Record<string, string>> = {};
  for (const ns of namespaceNames) {
    const labels: Record<string, string> = {};
    for (const key of ['team', 'env']) if (chance(0.6)) labels[key] = pick(NS_VALUES[key] as string[]);
    namespaces[ns] = labels;
  }

  const pods: PodSpec[] = [];
  for (const ns of namespaceNames) {
    for (const name of POD_NAMES.slice(0, int(2, 4))) {
      const labels: Record<string, string> = {};
      if (chance(0.8)) labels.pod = name;
      for (const key of ['app', 'tier', 'zone']) if (chance(0.55)) labels[key] = pick(POD_VALUES[key] as string[]);
      const declared: PodSpec['containerPorts'] = [];
      for (const p of some(NAMED_PORTS, 0.35)) if (!declared.some((d) => d.name === p.name)) declared.push(p);
      pods.push({
        namespace: ns,
        name,
        labels,
        containerPorts: declared,
        listening: some(PROBE_PORTS, 0.7),
        ip: podIp(family, pods.length),
      });
    }
  }

  const selector = (values: Record<string, readonly string[]>): Record<string, unknown> => {
    // Now and then a key no pod or namespace has.
    const key = (): string => (chance(0.1) ? 'absent' : pick(Object.keys(values)));
    const valuesOf = (key: string): readonly string[] => values[key] ?? ['none'];
    const out: Record<string, unknown> = {};
    const x = r();
    if (x < 0.2) return out; // {}: every pod (namespace)
    if (x < 0.6 || chance(0.3)) {
      const matchLabels: Record<string, string> = {};
      for (let i = int(1, 2); i > 0; i--) {
        const k = key();
        matchLabels[k] = pick(valuesOf(k));
      }
      out.matchLabels = matchLabels;
    }
    if (x >= 0.6) {
      out.matchExpressions = Array.from({ length: int(1, 2) }, () => {
        const k = key();
        const operator = pick(['In', 'NotIn', 'Exists', 'DoesNotExist'] as const);
        return operator === 'In' || operator === 'NotIn'
          ? { key: k, operator, values: [...new Set([...some(valuesOf(k), 0.5), pick(valuesOf(k))])] }
          : { key: k, operator };
      });
    }
    return out;
  };

  const podAddress = (p: PodSpec, bits: number): string => `\${podIP:${p.namespace}/${p.name}}/${bits}`;
  const addressBits = family === 'ipv4' ? [32, 24, 16, 8, 4] : [128, 64, 56, 48, 4];
  const ipBlock = (): Record<string, unknown> => {
    const x = r();
    if (x < 0.6) {
      const [cidr, excepts] = pick(BLOCKS[family]);
      const except = pick(excepts);
      // Copied: an object met twice would become a YAML alias in the manifest.
      return except.length || chance(0.5) ? { cidr, except: [...except] } : { cidr };
    }
    const target = pick(pods);
    const full = family === 'ipv4' ? 32 : 128;
    if (x < 0.75) return { cidr: `${target.ip}/${full}` };
    const bits = pick(addressBits);
    if (x < 0.9) return { cidr: podAddress(target, bits) };
    // A network around one pod with another pod's address, or a longer one around the same pod, excepted.
    const other = pick(pods);
    if (other !== target) return { cidr: podAddress(target, bits), except: [podAddress(other, full)] };
    const longer = addressBits.filter((b) => b > bits);
    return longer.length
      ? { cidr: podAddress(target, bits), except: [podAddress(target, pick(longer))] }
      : { cidr: podAddress(target, bits) };
  };

  const peer = (): Record<string, unknown> => {
    const x = r();
    if (x < 0.3) return { podSelector: selector(POD_VALUES) };
    if (x < 0.5) return { namespaceSelector: selector(NS_VALUES) };
    if (x < 0.75) return { namespaceSelector: selector(NS_VALUES), podSelector: selector(POD_VALUES) };
    return { ipBlock: ipBlock() };
  };

  const port = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const protocol = r();
    if (protocol < 0.2) out.protocol = 'UDP';
    else if (protocol < 0.3) out.protocol = 'SCTP';
    else if (protocol < 0.6) out.protocol = 'TCP'; // else left to default (TCP)
    const x = r();
    if (x < 0.4) out.port = pick(PORT_NUMBERS);
    else if (x < 0.7) out.port = pick(PORT_NAMES);
    else if (x < 0.85) [out.port, out.endPort] = pick(RANGES);
    return out;
  };

  /** A list field: missing, empty, or one to `max` entries. */
  const list = (make: () => unknown, max: number, missing = 0.2, empty = 0.1): unknown[] | undefined => {
    const x = r();
    if (x < missing) return undefined;
    if (x < missing + empty) return [];
    return Array.from({ length: int(1, max) }, make);
  };

  const rule = (peersKey: 'from' | 'to'): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const peers = list(peer, 3);
    const ports = list(port, 3, 0.3);
    if (peers) out[peersKey] = peers;
    if (ports) out.ports = ports;
    return out;
  };

  const policies: PolicySpec[] = Array.from({ length: int(1, 6) }, (_, i) => {
    const spec: Record<string, unknown> = { podSelector: selector(POD_VALUES) };
    const ingress = list(() => rule('from'), 3, 0.3, 0.15);
    const egress = list(() => rule('to'), 3, 0.45, 0.15);
    if (ingress) spec.ingress = ingress;
    if (egress) spec.egress = egress;
    if (chance(0.6)) spec.policyTypes = pick([['Ingress'], ['Egress'], ['Ingress', 'Egress'], ['Egress', 'Ingress']]);
    // Now and then in kube-system, where it may isolate the cluster DNS pods.
    return { namespace: chance(0.1) ? 'kube-system' : pick(namespaceNames), name: `p${i}`, spec };
  });

  return { seed, family, namespaces, pods, policies };
}

/**
 * The model's World for a spec, every policy decoded as the API server would; with `ips`, the
 * pods (cluster DNS too) carry their IPs and the policies' pod addresses are written in, as in a
 * live run. Throws if a policy would be refused.
 */
export function buildWorld(spec: WorldSpec, { ips }: { ips: boolean }): World {
  const w = world({
    namespaces: spec.namespaces,
    pods: spec.pods.map((p) =>
      podOf(p.namespace, p.name, p.labels, {
        containerPorts: p.containerPorts,
        listening: p.listening,
        ...(ips ? { ip: p.ip } : {}),
      }),
    ),
    policies: spec.policies.map((p) => policy(p.namespace, p.name, p.spec)),
    facts: FACTS[spec.family],
  });
  if (!ips) return w;
  const pods = w.pods.map((p, i) => (p.ip ? p : { ...p, ip: podIp(spec.family, 200 + i) }));
  const ipOf = (namespace: string, name: string): string | undefined =>
    pods.find((p) => p.namespace === namespace && p.name === name)?.ip;
  // As a live run does (engine/setup/targets.ts withLiveAddresses): pod addresses written in as CIDRs.
  return { ...w, pods, policies: w.policies.map((p) => resolvePolicyAddresses(p, ipOf)) };
}
