import { stringify } from 'yaml';
import { scenarioName } from './cases.js';
import {
  CONTEXTS,
  UPSTREAM,
  UPSTREAM_CITATION,
  type Check,
  type ConformanceCase,
  type PolicyDef,
  type Proto,
} from './spec.js';
import { namespaceOf, podNameOf, TruthTable } from './truth-table.js';

/** The namespaces every case has, as the suite creates them. */
export const NAMESPACES = ['x', 'y', 'z'] as const;

/**
 * The world every TCP and UDP case shares, as the suite's own model builds it: pods a, b and c in
 * each of x, y and z, each serving 80 and 81 on TCP and UDP, each behind its service. A case probes
 * only the pods its test names (its truth table), so the rest changes none of its answers, and one
 * world created once can serve every case in turn (`run --world shared`). The SCTP cases keep
 * their own: no SCTP here.
 */
export const SHARED_WORLD = {
  pods: NAMESPACES.flatMap((ns) => ['a', 'b', 'c'].map((p) => `${ns}/${p}`)),
  ports: [80, 81],
  protocols: ['TCP', 'UDP'] as Proto[],
};

/** The pods, ports and protocols a case's world has: the shared world, unless it needs SCTP. */
export function worldOf(c: ConformanceCase): { pods: string[]; ports: number[]; protocols: Proto[] } {
  return c.protocols.includes('SCTP') ? c : SHARED_WORLD;
}

/** The image our pods run: HTTP on TCP_PORTS, UDP echo on UDP_PORTS (offline/images/server). */
const SERVER_IMAGE = 'netpol-harness/server';

const lower = (p: Proto) => p.toLowerCase();

/** `s-x-a`: one service per pod, selecting it by its `pod` label, as the suite names them. */
export function serviceName(pod: string): string {
  return `s-${namespaceOf(pod)}-${podNameOf(pod)}`;
}

/** The suite probes each pod through its service's cluster IP. */
export function target(to: string, port: number, protocol: Proto): string {
  return `svc-ip/${namespaceOf(to)}/${serviceName(to)}:${port}${protocol === 'TCP' ? '' : `/${lower(protocol)}`}`;
}

/** A connected pair is `allowed`; a disconnected one is any failure the suite would count (a drop or a refusal). */
export function rows(pods: readonly string[], c: Check): string[] {
  const t = new TruthTable(pods);
  c.table(t);
  return t
    .cells()
    .map(
      (cell) =>
        `${cell.from} -> ${target(cell.to, c.port, c.protocol)} ${cell.connected ? 'allowed' : 'blocked|refused'}`,
    );
}

function manifest(p: PolicyDef): string {
  const spec: Record<string, unknown> = { podSelector: p.podSelector, policyTypes: p.policyTypes };
  if (p.ingress) spec.ingress = p.ingress;
  if (p.egress) spec.egress = p.egress;
  return stringify(
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: p.name }, spec },
    { lineWidth: 0 },
  );
}

export function section(c: ConformanceCase): string {
  return `${CONTEXTS[c.context]} ${c.test}`;
}

/** Stands for any case of the shared world where only its world is read. */
const SHARED_CASE = { protocols: ['TCP'] } as unknown as ConformanceCase;

function workloads(c: ConformanceCase) {
  const w = worldOf(c);
  return w.pods.map((pod) => ({
    name: podNameOf(pod),
    namespace: namespaceOf(pod),
    image: SERVER_IMAGE,
    labels: { pod: podNameOf(pod) },
    ports: w.ports.flatMap((port) =>
      w.protocols.map((protocol) => ({ name: `serve-${port}-${lower(protocol)}`, containerPort: port, protocol })),
    ),
    createdBy: `the suite's pod ${pod}: label pod=${podNameOf(pod)}, one agnhost container per port and protocol (serve-PORT-PROTO); here one server container on them all`,
  }));
}

function services(c: ConformanceCase) {
  const w = worldOf(c);
  return w.pods.map((pod) => ({
    name: serviceName(pod),
    namespace: namespaceOf(pod),
    selector: { pod: podNameOf(pod) },
    ports: w.ports.flatMap((port) =>
      w.protocols.map((protocol) => ({ name: `service-port-${lower(protocol)}-${port}`, port, protocol })),
    ),
    createdBy: `the suite's service for ${pod}`,
  }));
}

function labelChange(target: string, labels: Record<string, string>) {
  return target.includes('/')
    ? { pod: podNameOf(target), namespace: namespaceOf(target), labels }
    : { namespace: target, labels };
}

/** The scenario file for one case. Pure. */
export function renderCase(c: ConformanceCase): string {
  const doc = {
    apiVersion: 'netpol-harness/v1',
    kind: 'Scenario',
    name: scenarioName(c),
    title: c.test,
    description:
      `The e2e NetworkPolicy suite's "${c.test}" (${CONTEXTS[c.context]}): pods ${c.pods.join(', ')}, ` +
      `ports ${c.ports.join(', ')} on ${c.protocols.join(' and ')}, each probed through its service's cluster IP. ` +
      'Every row is a cell of the truth table the suite asserts; a pod to itself is left out, as the suite ignores loopback.' +
      (worldOf(c) === SHARED_WORLD
        ? ` The world is ${WORLD_FILE}, which every TCP and UDP case shares (pods a, b, c in x, y, z; 80 and 81 on TCP and UDP): only the pods above are probed.`
        : '') +
      (c.note ? ` ${c.note}` : ''),
    source: { file: UPSTREAM_CITATION, section: section(c) },
    ...(worldOf(c) === SHARED_WORLD
      ? { world: WORLD_FILE }
      : { namespaces: NAMESPACES.map((name) => ({ name })), workloads: workloads(c), services: services(c) }),
    policies: Object.entries(c.policies).map(([id, p]) => ({ id, namespace: p.ns, manifest: manifest(p) })),
    steps: c.steps.map((s) => ({
      name: s.name,
      section: section(c),
      ...(s.apply ? { apply: s.apply } : {}),
      ...(s.delete ? { delete: s.delete } : {}),
      ...(s.label ? { label: s.label.map((l) => labelChange(l.target, l.labels)) } : {}),
      expect: s.checks.flatMap((check) => rows(c.pods, check)),
    })),
  };
  const header = [
    '# yaml-language-server: $schema=../../schema/scenario.schema.json',
    `# ${UPSTREAM.repo} ${UPSTREAM.file} at ${UPSTREAM.commit}:`,
    `#   ${section(c)}`,
    '# Generated by `npm run conformance` from src/conformance/ (the facts read from that file, written',
    '# down there by hand); edit there, not here.',
  ];
  return `${header.join('\n')}\n${stringify(doc, { lineWidth: 0 })}`;
}

/** Where the shared world is written, relative to the corpus's folder (the loader does not read worlds/ as scenarios). */
export const WORLD_FILE = 'worlds/e2e-netpol.yaml';

/** The world file every TCP and UDP case names (`world:`). Pure. */
export function renderWorld(): string {
  const doc = {
    apiVersion: 'netpol-harness/v1',
    kind: 'World',
    name: 'e2e-netpol',
    description:
      "The e2e NetworkPolicy suite's world, as its own model builds it: pods a, b and c in namespaces x, y and z, " +
      'each serving 80 and 81 on TCP and UDP and each behind its service. Every TCP and UDP case of the corpus names it; ' +
      '`run --world shared` creates it once and runs the cases in turn on it.',
    namespaces: NAMESPACES.map((name) => ({ name })),
    workloads: workloads(SHARED_CASE),
    services: services(SHARED_CASE),
  };
  const header = [
    '# yaml-language-server: $schema=../../../schema/world.schema.json',
    `# The world of ${UPSTREAM.repo} ${UPSTREAM.file} at ${UPSTREAM.commit}.`,
    '# Generated by `npm run conformance` from src/conformance/; edit there, not here.',
  ];
  return `${header.join('\n')}\n${stringify(doc, { lineWidth: 0 })}`;
}

export function fileName(c: ConformanceCase): string {
  return `${scenarioName(c).replace(/^e2e-/, '')}.yaml`;
}
