// What an agreement test prints when two code paths disagree on a cell of a random world: the
// seed, the cell, the pods in it and the policies, shrunk to the parts the disagreement needs.
// Test-only.
import { stringify } from 'yaml';
import { FACTS, type PodSpec, type WorldSpec } from './random-world.js';
import { shrink } from './shrink.js';

function labelText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(',') : '(none)';
}

function podLine(p: PodSpec, ips: boolean): string {
  const declared = p.containerPorts.map((c) => `${c.name}=${c.containerPort}/${c.protocol}`).join(',') || '(none)';
  const listens = p.listening.map((l) => `${l.port}/${l.protocol}`).join(',') || '(nothing)';
  return `  ${p.namespace}/${p.name}: labels ${labelText(p.labels)}; named ports ${declared}; listens ${listens}${ips ? `; ip ${p.ip}` : ''}`;
}

/** The world in a few lines: family, namespaces, the pods named in `pods` (`ns/name`), every policy as YAML. */
export function describeWorld(spec: WorldSpec, ips: boolean, pods: readonly string[]): string {
  const podCidr = FACTS[spec.family].podCIDR ?? '192.168.0.0/16';
  // The cell's pods, and those whose addresses the policies name.
  const policyText = JSON.stringify(spec.policies);
  const named = (p: PodSpec): boolean =>
    pods.includes(`${p.namespace}/${p.name}`) ||
    policyText.includes(`{podIP:${p.namespace}/${p.name}}`) ||
    (ips && policyText.includes(`"${p.ip}/`));
  const shown = spec.pods.filter(named);
  return [
    `world: randomWorldSpec(${spec.seed}): ${spec.family === 'ipv4' ? 'IPv4' : 'IPv6'}, pod CIDR ${podCidr}, pod IPs ${ips ? 'known' : 'not known'}`,
    `namespaces (each also labelled kubernetes.io/metadata.name): ${Object.entries(spec.namespaces)
      .map(([n, l]) => `${n} {${labelText(l)}}`)
      .join(', ')}`,
    'pods in the cell, and those the policies name:',
    ...shown.map((p) => podLine(p, ips)),
    spec.policies.length ? 'policies:' : 'policies: none',
    ...spec.policies.flatMap((p) => [
      `  --- ${p.namespace}/${p.name}`,
      ...stringify(p.spec)
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`),
    ]),
  ].join('\n');
}

export interface Disagreement {
  spec: WorldSpec;
  ips: boolean;
  /** The cell in words: `egress from x/a to y/b on 80/TCP`. */
  cell: string;
  /** The pods of the cell, `ns/name` (those of the spec; cluster DNS pods are not described). */
  pods: string[];
  /** How the two paths differ on the cell in the world of `spec` (buildWorld); empty when they agree. */
  differences: (spec: WorldSpec) => string[];
}

/** The message for a disagreement: the policies shrunk to what it needs (other pods and namespaces kept). */
export function explainDisagreement(d: Disagreement): string {
  // Shrunk as `namespace/name` → spec: a policy goes whole or keeps its name.
  const policiesOf = (specs: Record<string, Record<string, unknown>>): WorldSpec['policies'] =>
    Object.entries(specs).map(([key, spec]) => {
      const [namespace, name] = key.split('/') as [string, string];
      return { namespace, name, spec };
    });
  const specs = Object.fromEntries(d.spec.policies.map((p) => [`${p.namespace}/${p.name}`, p.spec]));
  const fails = (s: typeof specs): boolean => d.differences({ ...d.spec, policies: policiesOf(s) }).length > 0;
  const small = { ...d.spec, policies: policiesOf(shrink(specs, fails)) };
  return [
    `the two paths disagree on ${d.cell}`,
    ...d.differences(small).map((x) => `  ${x}`),
    describeWorld(small, d.ips, d.pods),
    `(policies shrunk from ${d.spec.policies.length} to what the disagreement needs; rerun with the seed above)`,
  ].join('\n');
}
