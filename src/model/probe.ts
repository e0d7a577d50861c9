import { evaluateDirection } from './cnp-tiers.js';
import { decidedAtRunTime, explainDirection, type DirectionVerdict } from './direction.js';
import { cidrContainsIp } from './cidr.js';
import { isValidIp, sameIp } from './ip-address.js';
import type { Endpoint, Tri } from './peers.js';
import type { ModelOutcome } from './outcome.js';
import { selectorMatches } from './selector.js';
import type { OutsideHost, Pod, Protocol, Service, World } from './types.js';

/** Where a probe goes, before any resolution. */
export type ProbeTarget =
  | { kind: 'host'; host: string } // a DNS name, as the document probes it
  | { kind: 'service-ip'; service: string; namespace: string }
  | { kind: 'pod'; pod: string; namespace: string } // the pod's IP
  | { kind: 'ip'; ip: string }
  | { kind: 'lookup'; name: string } // a DNS lookup of the name through the pod's resolver (53/UDP to the cluster DNS)
  | { kind: 'localhost' }; // the probing pod's own loopback: container to container inside the pod

export interface ModelProbe {
  from: { pod: string; namespace: string };
  target: ProbeTarget;
  port: number;
  protocol: Protocol;
}

export interface ModelResult {
  outcome: ModelOutcome;
  /** Human-readable steps, in the order the packet meets them. */
  explanation: string[];
  /** The policy verdicts for the endpoint that decided the outcome (the first one, when all agree). */
  egress?: DirectionVerdict;
  ingress?: DirectionVerdict;
  /** Destination after service translation: `ns/pod:port`. */
  destination?: string;
  /**
   * Set when the answer is the spec's but no probe here can observe it (an address outside the
   * cluster): why. Counted as coverage, never as a finding.
   */
  notProbeable?: string;
  /** Set when the answer is `undefined` only because pod IPs are not known yet: a live run decides it. */
  decidedAtRunTime?: string;
}

const DNS_PORT = 53;

export function findPod(world: World, namespace: string, name: string): Pod | undefined {
  return world.pods.find((p) => p.namespace === namespace && p.name === name);
}

/** What a name resolves to from a pod in `clientNamespace`, following the pod's DNS search path. */
export type NameResolution =
  | { kind: 'service'; service: Service }
  | { kind: 'api-server' }
  | { kind: 'nxdomain'; reason: string }
  | { kind: 'external'; host: string };

export function resolveName(world: World, host: string, clientNamespace: string): NameResolution {
  const domain = world.facts.clusterDomain;
  const name = host.replace(/\.$/, '');
  const absolute = host.endsWith('.');
  const candidates = absolute
    ? [name]
    : [`${name}.${clientNamespace}.svc.${domain}`, `${name}.svc.${domain}`, `${name}.${domain}`, name];
  const suffix = `.svc.${domain}`;
  for (const fqdn of candidates) {
    if (!fqdn.endsWith(suffix)) continue;
    const parts = fqdn.slice(0, -suffix.length).split('.');
    if (parts.length !== 2) continue;
    const [svcName, ns] = parts as [string, string];
    const service = world.services.find((s) => s.name === svcName && s.namespace === ns);
    if (service) return { kind: 'service', service };
    if (svcName === 'kubernetes' && ns === 'default') return { kind: 'api-server' };
  }
  const inCluster = name === domain || name.endsWith(`.${domain}`) || !name.includes('.');
  if (inCluster || world.namespaces.some((n) => name.endsWith(`.${n.name}`) || name.endsWith(`.${n.name}.svc`))) {
    return { kind: 'nxdomain', reason: `no service answers to "${host}" from namespace ${clientNamespace}` };
  }
  return { kind: 'external', host: name };
}

export function dnsPods(world: World): Pod[] {
  return world.pods.filter(
    (p) =>
      p.namespace === world.facts.dnsNamespace &&
      selectorMatches({ matchLabels: { ...world.facts.dnsPodLabels }, matchExpressions: [] }, p.labels),
  );
}

/** A query gets through to one DNS pod when both sides let it: no if either denies, undefined if either leaves it open. */
function bothSides(a: Tri, b: Tri): Tri {
  return a === 'no' || b === 'no' ? 'no' : a === 'undefined' || b === 'undefined' ? 'undefined' : 'yes';
}

/**
 * Can `client` send DNS queries (53/UDP) to the cluster DNS pods and have them taken in? The
 * client's egress decides, and so does the DNS pods' ingress: the query reaches them through the
 * kube-dns service, as a lookup does (evaluateProbe's `lookup`).
 */
export function dnsVerdict(world: World, client: Pod): { allowed: ModelOutcome; line: string } {
  const servers = dnsPods(world);
  if (servers.length === 0) return { allowed: 'undefined', line: 'no cluster DNS pods are modelled' };
  const egress = dnsEgressVerdict(world, client, servers);
  const ingress = servers.map((dns) =>
    evaluateDirection(world, dns, 'ingress', { kind: 'pod', pod: client }, DNS_PORT, 'UDP'),
  );
  if (ingress.every((v) => v.result === 'yes')) return egress.answer;
  const results = servers.map((_, k) => bothSides(egress.verdicts[k]!.result, ingress[k]!.result));
  const allowed: ModelOutcome = results.some((r) => r === 'undefined') ? 'undefined' : 'dns-failure';
  const want: Tri = allowed === 'undefined' ? 'undefined' : 'no';
  const egressSide = egress.verdicts.find((v) => v.result === want);
  const line = egressSide
    ? egress.answer.line
    : `DNS: ${explainDirection(ingress.find((v) => v.result === want)!).replace(/^ingress to/, 'ingress on 53/UDP to')}`;
  return { allowed, line };
}

/** The client's egress to the DNS pods alone, and its answer when their ingress lets every query in. */
function dnsEgressVerdict(
  world: World,
  client: Pod,
  servers: readonly Pod[],
): { verdicts: DirectionVerdict[]; answer: { allowed: ModelOutcome; line: string } } {
  const verdicts = servers.map((dns) =>
    evaluateDirection(world, client, 'egress', { kind: 'pod', pod: dns }, DNS_PORT, 'UDP'),
  );
  return { verdicts, answer: dnsEgressAnswer(verdicts) };
}

function dnsEgressAnswer(verdicts: DirectionVerdict[]): { allowed: ModelOutcome; line: string } {
  const first = verdicts[0] as DirectionVerdict;
  if (!first.isolated) return { allowed: 'allowed', line: 'DNS: egress not isolated, the name can be looked up' };
  if (verdicts.every((v) => v.result === 'yes')) {
    return { allowed: 'allowed', line: `DNS: ${explainDirection(first).replace(/^egress/, 'egress to DNS 53/UDP')}` };
  }
  if (verdicts.some((v) => v.result === 'undefined')) {
    return { allowed: 'undefined', line: `DNS: ${explainDirection(first)}` };
  }
  return {
    allowed: 'dns-failure',
    line: `DNS: ${explainDirection(first).replace(/^egress from/, 'egress to DNS 53/UDP from')}`,
  };
}

/** The outcome of one probe under the NetworkPolicy spec, with the reasons. */
export function evaluateProbe(world: World, probe: ModelProbe): ModelResult {
  const outsider = world.outside?.find(
    (h) => probe.from.namespace === OUTSIDE_SOURCE_NAMESPACE && h.name === probe.from.pod,
  );
  if (outsider) return fromOutside(world, outsider, probe);
  const client = findPod(world, probe.from.namespace, probe.from.pod);
  if (!client) {
    return { outcome: 'check-failed', explanation: [`no pod ${probe.from.namespace}/${probe.from.pod} to probe from`] };
  }
  const lines: string[] = [];
  const t = probe.target;
  switch (t.kind) {
    case 'host': {
      if (isValidIp(t.host)) return toIp(world, client, t.host, probe, lines);
      const dns = dnsVerdict(world, client);
      lines.push(dns.line);
      if (dns.allowed !== 'allowed') {
        return {
          outcome: dns.allowed,
          explanation: [
            ...lines,
            dns.allowed === 'dns-failure' ? `"${t.host}" cannot be resolved` : 'resolution undecided',
          ],
        };
      }
      const resolved = resolveName(world, t.host, client.namespace);
      if (resolved.kind === 'nxdomain') return { outcome: 'dns-failure', explanation: [...lines, resolved.reason] };
      if (resolved.kind === 'api-server') return toApiServer(world, client, probe, lines);
      if (resolved.kind === 'external')
        return toExternal(world, client, { kind: 'external', ip: undefined, host: resolved.host }, probe, lines);
      return toService(world, client, resolved.service, probe, lines);
    }
    case 'service-ip': {
      const service = world.services.find((s) => s.name === t.service && s.namespace === t.namespace);
      if (!service) return { outcome: 'check-failed', explanation: [`no service ${t.namespace}/${t.service}`] };
      lines.push(`to the cluster IP of service ${t.namespace}/${t.service} (no DNS)`);
      return toService(world, client, service, probe, lines);
    }
    case 'pod': {
      const pod = findPod(world, t.namespace, t.pod);
      if (!pod) return { outcome: 'check-failed', explanation: [`no pod ${t.namespace}/${t.pod}`] };
      lines.push(`to the IP of pod ${t.namespace}/${t.pod} (no service, no DNS)`);
      return toPod(world, client, pod, probe.port, probe.protocol, lines);
    }
    case 'ip':
      return toIp(world, client, t.ip, probe, lines);
    case 'lookup':
      return lookup(world, client, t.name);
    case 'localhost':
      return toLocalhost(client, probe);
  }
}

/**
 * A name lookup through the pod's resolver: the query goes to the cluster DNS service on 53/UDP,
 * so it needs the client's egress (when isolated) and CoreDNS's ingress. Any answer proves the
 * path open, NXDOMAIN included; a dropped query is `blocked`.
 */
function lookup(world: World, client: Pod, name: string): ModelResult {
  const ns = world.facts.dnsNamespace;
  const service = world.services.find((s) => s.name === 'kube-dns' && s.namespace === ns);
  if (!service) return { outcome: 'undefined', explanation: ['no cluster DNS service is modelled'] };
  const lines = [
    `lookup of "${name}" through the pod's resolver: a query to service ${ns}/kube-dns on ${DNS_PORT}/UDP`,
  ];
  const path = toService(
    world,
    client,
    service,
    {
      from: { pod: client.name, namespace: client.namespace },
      target: { kind: 'lookup', name },
      port: DNS_PORT,
      protocol: 'UDP',
    },
    lines,
  );
  if (path.outcome !== 'allowed') return path;
  const resolved = resolveName(world, name, client.namespace);
  const answer =
    resolved.kind === 'service'
      ? `answer: service ${resolved.service.namespace}/${resolved.service.name}`
      : resolved.kind === 'api-server'
        ? 'answer: service default/kubernetes'
        : resolved.kind === 'nxdomain'
          ? `answer: NXDOMAIN (${resolved.reason}); an answer all the same, so the DNS path is open`
          : `answer: from upstream, as CoreDNS forwards "${resolved.host}" (outside the cluster)`;
  return { ...path, explanation: [...path.explanation, answer] };
}

/** Marks a probe source outside the cluster (scenario/outside.ts OUTSIDE_NAMESPACE; the model imports nothing from scenario/). */
export const OUTSIDE_SOURCE_NAMESPACE = '(outside)';

/**
 * A probe from an address outside the cluster to a pod's IP: no egress policy applies (the source
 * is no pod); the destination's ingress decides, the source matched by ipBlocks only.
 */
function fromOutside(world: World, source: OutsideHost, probe: ModelProbe): ModelResult {
  const t = probe.target;
  const pod =
    t.kind === 'pod'
      ? findPod(world, t.namespace, t.pod)
      : t.kind === 'ip'
        ? world.pods.find((p) => p.ip !== undefined && sameIp(p.ip, t.ip))
        : undefined;
  if (!pod)
    return {
      outcome: 'check-failed',
      explanation: [`a probe from outside the cluster (${source.name}) goes to a pod's IP`],
    };
  const destination = `${pod.namespace}/${pod.name}:${probe.port}`;
  const ingress = evaluateDirection(
    world,
    pod,
    'ingress',
    { kind: 'external', ip: source.ip, host: `${source.ip} (${source.name}, outside the cluster)` },
    probe.port,
    probe.protocol,
  );
  const lines = [
    `from ${source.ip} (${source.name}), outside the cluster, to the IP of pod ${pod.namespace}/${pod.name}`,
    explainDirection(ingress),
  ];
  if (ingress.result === 'no') return { outcome: 'blocked', explanation: lines, ingress, destination };
  if (ingress.result === 'undefined') return { outcome: 'undefined', explanation: lines, ingress, destination };
  if (!pod.listening.some((l) => l.port === probe.port && l.protocol === probe.protocol)) {
    return {
      outcome: 'refused',
      explanation: [
        ...lines,
        `policy allows it, but nothing in ${pod.name} listens on ${probe.port}/${probe.protocol}`,
      ],
      ingress,
      destination,
    };
  }
  return { outcome: 'allowed', explanation: lines, ingress, destination };
}

/**
 * Loopback inside the pod's network namespace (one container to another): the packet never
 * leaves the pod, so no policy sees it. Kubernetes documents it: pods cannot block localhost
 * access ("What you can't do with network policies"). The answer is whether anything listens.
 */
function toLocalhost(client: Pod, probe: ModelProbe): ModelResult {
  const lines = [
    `to localhost inside pod ${client.namespace}/${client.name}: loopback, which NetworkPolicy does not govern (pods cannot block localhost access)`,
  ];
  const destination = `${client.namespace}/${client.name}:${probe.port}`;
  if (!client.listening.some((l) => l.port === probe.port && l.protocol === probe.protocol)) {
    return {
      outcome: 'refused',
      explanation: [...lines, `nothing in ${client.name} listens on ${probe.port}/${probe.protocol}`],
      destination,
    };
  }
  return {
    outcome: 'allowed',
    explanation: [...lines, `a container of ${client.name} listens on ${probe.port}/${probe.protocol}`],
    destination,
  };
}

function toIp(world: World, client: Pod, ip: string, probe: ModelProbe, lines: string[]): ModelResult {
  const pod = world.pods.find((p) => p.ip !== undefined && sameIp(p.ip, ip));
  if (pod) return toPod(world, client, pod, probe.port, probe.protocol, lines);
  const service = world.services.find((s) => s.clusterIP !== undefined && sameIp(s.clusterIP, ip));
  if (service) return toService(world, client, service, probe, lines);
  const pool = [world.facts.podCIDR, world.facts.serviceCIDR].find((c) => cidrContainsIp(c, ip));
  if (pool) {
    // Inside the cluster's own ranges, yet held by nothing modelled: not an outside address.
    const egress = evaluateDirection(
      world,
      client,
      'egress',
      { kind: 'external', ip, host: ip },
      probe.port,
      probe.protocol,
    );
    lines.push(explainDirection(egress));
    if (egress.result === 'no') return { outcome: 'blocked', explanation: lines, egress };
    return {
      outcome: 'undefined',
      explanation: [
        ...lines,
        `${ip} is inside ${pool} but no pod or service here holds it: whatever answers is not the spec's to say`,
      ],
      egress,
    };
  }
  return toExternal(world, client, { kind: 'external', ip, host: ip }, probe, lines);
}

/**
 * An address outside the cluster: the spec decides the client's egress (not isolated, or which
 * rule admits it), and that is the answer. Whether anything answers there is not the spec's to
 * say, and nothing here sends traffic outside the cluster, so the row is marked not probeable.
 */
function toExternal(
  world: World,
  client: Pod,
  target: Endpoint & { kind: 'external' },
  probe: ModelProbe,
  lines: string[],
): ModelResult {
  const egress = evaluateDirection(world, client, 'egress', target, probe.port, probe.protocol);
  lines.push(explainDirection(egress));
  // A documented outside address the scenario gives a stand-in for (`outside:`) is probed for real;
  // any other is decided by the spec and marked not probeable.
  const targetIp = target.ip;
  const known = targetIp ? world.outside?.find((h) => sameIp(h.ip, targetIp)) : undefined;
  const notProbeable = known
    ? undefined
    : `${target.host} is outside the cluster: the spec decides the egress, but no probe from here reaches it`;
  if (egress.result === 'no')
    return { outcome: 'blocked', explanation: lines, egress, ...(notProbeable ? { notProbeable } : {}) };
  if (egress.result === 'undefined') return { outcome: 'undefined', explanation: lines, egress };
  if (known) {
    const listens = known.listening.some((l) => l.port === probe.port && l.protocol === probe.protocol);
    lines.push(
      `${target.host} is outside the cluster (${known.name}): a test server ${listens ? 'listens' : `does not listen on ${probe.port}/${probe.protocol}`} there`,
    );
    return { outcome: listens ? 'allowed' : 'refused', explanation: lines, egress };
  }
  lines.push(
    `${target.host} is outside the cluster: the egress is allowed; whether anything answers there is not the spec's to say`,
  );
  return { outcome: 'allowed', explanation: lines, egress, ...(notProbeable ? { notProbeable } : {}) };
}

/** The built-in `kubernetes` service: 443 is translated to the API server on the node's own network. */
function toApiServer(world: World, client: Pod, probe: ModelProbe, lines: string[]): ModelResult {
  if (probe.port !== 443 || probe.protocol !== 'TCP') {
    return {
      outcome: 'no-such-port',
      explanation: [...lines, `service default/kubernetes exposes 443/TCP, not ${probe.port}/${probe.protocol}`],
    };
  }
  const port = world.facts.apiServerEndpointPort;
  lines.push(
    `service default/kubernetes port 443 → the API server at the node's IP, port ${port}; policies see ${port} (after the service translation)`,
  );
  const egress = evaluateDirection(
    world,
    client,
    'egress',
    { kind: 'external', ip: undefined, host: 'the API server (node network)', node: true },
    port,
    'TCP',
  );
  lines.push(explainDirection(egress));
  if (egress.result === 'no') return { outcome: 'blocked', explanation: lines, egress };
  if (egress.result === 'undefined') return { outcome: 'undefined', explanation: lines, egress };
  return { outcome: 'allowed', explanation: [...lines, 'the API server listens there'], egress };
}

function toService(world: World, client: Pod, service: Service, probe: ModelProbe, lines: string[]): ModelResult {
  const svcPort = service.ports.find((p) => p.port === probe.port && p.protocol === probe.protocol);
  const id = `${service.namespace}/${service.name}`;
  if (!svcPort) {
    const exposed = service.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') || 'no ports';
    return {
      outcome: 'no-such-port',
      explanation: [...lines, `service ${id} exposes ${exposed}, not ${probe.port}/${probe.protocol}`],
    };
  }
  const endpoints: { pod: Pod; port: number }[] = [];
  if (service.selector !== undefined) {
    const selector = { matchLabels: service.selector, matchExpressions: [] };
    for (const pod of world.pods) {
      if (pod.namespace !== service.namespace || !selectorMatches(selector, pod.labels)) continue;
      if (typeof svcPort.targetPort === 'number') {
        endpoints.push({ pod, port: svcPort.targetPort });
      } else {
        const named = pod.containerPorts.find((c) => c.name === svcPort.targetPort && c.protocol === svcPort.protocol);
        if (named) endpoints.push({ pod, port: named.containerPort });
      }
    }
  }
  if (endpoints.length === 0) {
    return {
      outcome: 'refused',
      explanation: [
        ...lines,
        `service ${id} has no endpoints for port ${svcPort.port} (targetPort ${svcPort.targetPort})`,
      ],
    };
  }
  lines.push(
    `service ${id} port ${svcPort.port} → targetPort ${svcPort.targetPort}: ${endpoints.map((e) => `${e.pod.name}:${e.port}`).join(', ')}`,
  );
  const results = endpoints.map((e) => toPod(world, client, e.pod, e.port, probe.protocol, []));
  const first = results[0] as ModelResult;
  if (results.every((r) => r.outcome === first.outcome)) {
    return { ...first, explanation: [...lines, ...first.explanation] };
  }
  return {
    outcome: 'undefined',
    explanation: [
      ...lines,
      'endpoints disagree; the answer depends on which one kube-proxy picks:',
      ...results.flatMap((r) => r.explanation),
    ],
  };
}

function toPod(world: World, client: Pod, pod: Pod, port: number, protocol: Protocol, lines: string[]): ModelResult {
  const destination = `${pod.namespace}/${pod.name}:${port}`;
  if (pod === client) {
    return {
      outcome: 'undefined',
      explanation: [...lines, 'a pod reaching itself: the spec leaves loopback to the implementation'],
      destination,
    };
  }
  const egress = evaluateDirection(world, client, 'egress', { kind: 'pod', pod }, port, protocol);
  const ingress = evaluateDirection(world, pod, 'ingress', { kind: 'pod', pod: client }, port, protocol);
  const out = [...lines, explainDirection(egress), explainDirection(ingress)];
  const base = { explanation: out, egress, ingress, destination };
  if (egress.result === 'no' || ingress.result === 'no') return { outcome: 'blocked', ...base };
  if (egress.result === 'undefined' || ingress.result === 'undefined') {
    const runTime = [egress, ingress].filter((v) => v.result === 'undefined').every(decidedAtRunTime);
    return runTime
      ? {
          outcome: 'undefined',
          ...base,
          decidedAtRunTime: 'decided at run time: the answer depends on pod IPs, which a live run knows',
        }
      : { outcome: 'undefined', ...base };
  }
  const listens = pod.listening.some((l) => l.port === port && l.protocol === protocol);
  if (!listens) {
    out.push(`policy allows it, but nothing in ${pod.name} listens on ${port}/${protocol}`);
    return { outcome: 'refused', ...base };
  }
  return { outcome: 'allowed', ...base };
}
