import type { Pod, PolicyPort, Protocol } from './types.js';

export type PortMatch = { matches: true } | { matches: false; reason: string };

/** Does one NetworkPolicyPort admit `port/protocol` on `destination`? Named ports resolve on the destination pod. */
export function policyPortMatches(
  rulePort: PolicyPort,
  port: number,
  protocol: Protocol,
  destination: Pod | undefined,
): PortMatch {
  if (rulePort.protocol !== protocol) {
    return { matches: false, reason: `protocol ${rulePort.protocol}, not ${protocol}` };
  }
  if (rulePort.port === undefined) return { matches: true };
  if (typeof rulePort.port === 'number') {
    const end = rulePort.endPort ?? rulePort.port;
    if (port >= rulePort.port && port <= end) return { matches: true };
    const range = rulePort.endPort !== undefined ? `${rulePort.port}-${rulePort.endPort}` : `${rulePort.port}`;
    return { matches: false, reason: `port ${range}/${rulePort.protocol}, not ${port}` };
  }
  const name = rulePort.port;
  if (!destination) {
    return { matches: false, reason: `named port "${name}" cannot resolve outside the cluster` };
  }
  const resolved = destination.containerPorts.find((p) => p.name === name && p.protocol === protocol);
  if (!resolved) {
    return {
      matches: false,
      reason: `named port "${name}"/${protocol} is not declared on ${destination.namespace}/${destination.name}`,
    };
  }
  if (resolved.containerPort === port) return { matches: true };
  return {
    matches: false,
    reason: `named port "${name}" is ${resolved.containerPort} on ${destination.name}, not ${port}`,
  };
}

export function rulePortsMatch(
  ports: PolicyPort[] | undefined,
  port: number,
  protocol: Protocol,
  destination: Pod | undefined,
): PortMatch {
  if (ports === undefined) return { matches: true };
  const reasons: string[] = [];
  for (const p of ports) {
    const m = policyPortMatches(p, port, protocol, destination);
    if (m.matches) return m;
    reasons.push(m.reason);
  }
  return { matches: false, reason: reasons.join('; ') };
}

export function formatPolicyPort(p: PolicyPort): string {
  if (p.port === undefined) return `any/${p.protocol}`;
  return p.endPort !== undefined ? `${p.port}-${p.endPort}/${p.protocol}` : `${p.port}/${p.protocol}`;
}
