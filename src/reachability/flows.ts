import type { ProbeTarget } from '../model/probe.js';
import type { Pod, Protocol, Service, World } from '../model/types.js';

/** One connection to ask about: from a pod to a pod's declared port or a service port. */
export interface Flow {
  from: { namespace: string; name: string };
  target: ProbeTarget;
  /** As scenario rows write it: `pod/NS/NAME:PORT`, `svc-ip/NS/NAME:PORT/udp`. */
  targetText: string;
  port: number;
  protocol: Protocol;
}

/** `NS/NAME`, as rows and reports name a pod unambiguously. */
export function podRef(p: { namespace: string; name: string }): string {
  return `${p.namespace}/${p.name}`;
}

function portText(port: number, protocol: Protocol): string {
  return protocol === 'TCP' ? `:${port}` : `:${port}/${protocol.toLowerCase()}`;
}

/**
 * Every flow among `pods`: each pod to every other pod's declared container ports, and to every
 * port of `services`. SCTP ports are left out (the probe tools do not speak it); a pod to itself
 * too (the spec leaves loopback open). Sorted by source, then target.
 */
export function flowsAmong(pods: readonly Pod[], services: readonly Service[]): Flow[] {
  const flows: Flow[] = [];
  const sortedPods = [...pods].sort((a, b) => podRef(a).localeCompare(podRef(b)));
  const sortedServices = [...services].sort((a, b) => podRef(a).localeCompare(podRef(b)));
  for (const from of sortedPods) {
    for (const to of sortedPods) {
      if (to === from) continue;
      const seen = new Set<string>();
      for (const c of to.containerPorts) {
        const key = `${c.containerPort}/${c.protocol}`;
        if (c.protocol === 'SCTP' || seen.has(key)) continue;
        seen.add(key);
        flows.push({
          from: { namespace: from.namespace, name: from.name },
          target: { kind: 'pod', pod: to.name, namespace: to.namespace },
          targetText: `pod/${podRef(to)}${portText(c.containerPort, c.protocol)}`,
          port: c.containerPort,
          protocol: c.protocol,
        });
      }
    }
    for (const s of sortedServices) {
      for (const p of s.ports) {
        if (p.protocol === 'SCTP') continue;
        flows.push({
          from: { namespace: from.namespace, name: from.name },
          target: { kind: 'service-ip', service: s.name, namespace: s.namespace },
          targetText: `svc-ip/${podRef(s)}${portText(p.port, p.protocol)}`,
          port: p.port,
          protocol: p.protocol,
        });
      }
    }
  }
  return flows;
}

/** The scenario's own pods and services in a world (not the cluster DNS the model adds). */
export function scenarioObjects(world: World): { pods: Pod[]; services: Service[] } {
  const dnsNs = world.facts.dnsNamespace;
  return {
    pods: world.pods.filter((p) => p.namespace !== dnsNs),
    services: world.services.filter((s) => s.namespace !== dnsNs),
  };
}

/** What a target names, whatever way it is written: equal keys, the same probe for the model. */
function targetKey(t: ProbeTarget): string {
  switch (t.kind) {
    case 'pod':
      return `pod/${t.namespace}/${t.pod}`;
    case 'service-ip':
      return `svc-ip/${t.namespace}/${t.service}`;
    case 'host':
      return `host/${t.host}`;
    case 'ip':
      return `ip/${t.ip}`;
    case 'lookup':
      return `lookup/${t.name}`;
    case 'localhost':
      return 'localhost';
  }
}

/** One key per probe the model can be asked: source, target, port and protocol (not the tool, not the text). */
export function flowKey(f: Pick<Flow, 'from' | 'target' | 'port' | 'protocol'>): string {
  return `${podRef(f.from)} ${targetKey(f.target)} ${f.port}/${f.protocol}`;
}
