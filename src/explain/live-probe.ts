import type { ClusterSnapshot } from '../capture/cluster-objects.js';
import { podGroupsOf } from '../capture/to-scenario.js';
import { PROBE_SIDECAR } from '../engine/setup/manifests.js';
import { OUTSIDE_NOT_SENT, rewriteHost } from '../engine/setup/targets.js';
import { resolveName } from '../model/probe.js';
import type { World } from '../model/types.js';
import { probeCommand, reproLine } from '../probe/command.js';
import type { Flow } from '../reachability/flows.js';
import type { Tool } from '../scenario/types.js';

/** The probe `explain --probe` sends on the cluster: one command in the source pod, or why none is sent. */
export type LiveProbePlan =
  | { kind: 'send'; namespace: string; pod: string; container: string; argv: string[]; tool: Tool; repro: string }
  | { kind: 'not-sent'; reason: string };

/**
 * How a flow is probed on the cluster it was read from: from the source workload's first pod (its
 * `nph-probe` sidecar when a harness run gave it one, else its first container, which then needs
 * nc, udpprobe or dig), to the destination's IP as the cluster gave it (a pod's, a service's
 * cluster IP) or to the name as written, in the real namespaces. `world` and `flow` use the
 * scenario's names; `renames` maps real namespace names to them. Pure.
 */
export function planLiveProbe(
  flow: Flow,
  world: World,
  snapshot: ClusterSnapshot,
  renames: ReadonlyMap<string, string>,
  timeoutSeconds: number,
): LiveProbePlan {
  const realOf = new Map([...renames].map(([real, logical]) => [logical, real]));
  const groups = podGroupsOf(snapshot);
  const groupOf = (namespace: string, name: string) =>
    groups.find((g) => (renames.get(g.namespace) ?? g.namespace) === namespace && g.name === name);
  const source = groupOf(flow.from.namespace, flow.from.name)?.pods[0];
  if (!source?.metadata?.name)
    return { kind: 'not-sent', reason: `no running pod for ${flow.from.namespace}/${flow.from.name}` };
  const containers = source.spec?.containers ?? [];
  const container = containers.find((c) => c.name === PROBE_SIDECAR)?.name ?? containers[0]?.name ?? '';
  let host: string;
  const t = flow.target;
  switch (t.kind) {
    case 'pod': {
      const ip = groupOf(t.namespace, t.pod)?.pods[0]?.status?.podIP;
      if (!ip) return { kind: 'not-sent', reason: `pod ${t.namespace}/${t.pod} has no IP` };
      host = ip;
      break;
    }
    case 'service-ip': {
      const svc = snapshot.services.find(
        (s) =>
          (renames.get(s.metadata?.namespace ?? '') ?? s.metadata?.namespace) === t.namespace &&
          s.metadata?.name === t.service,
      );
      const ip = svc?.spec?.clusterIP;
      if (!ip || ip === 'None')
        return { kind: 'not-sent', reason: `service ${t.namespace}/${t.service} has no cluster IP` };
      host = ip;
      break;
    }
    case 'host':
    case 'lookup': {
      const name = t.kind === 'host' ? t.host : t.name;
      if (resolveName(world, name, flow.from.namespace).kind === 'external')
        return { kind: 'not-sent', reason: `${name} is outside the cluster: ${OUTSIDE_NOT_SENT}` };
      host = rewriteHost(name, realOf);
      break;
    }
    case 'ip': {
      const known =
        snapshot.pods.some((p) => p.status?.podIP === t.ip) ||
        snapshot.services.some((s) => s.spec?.clusterIP === t.ip);
      if (!known)
        return { kind: 'not-sent', reason: `${t.ip} is no address of the pods or services read: ${OUTSIDE_NOT_SENT}` };
      host = t.ip;
      break;
    }
    case 'localhost':
      host = '127.0.0.1';
      break;
  }
  const tool: Tool = t.kind === 'lookup' ? 'dns' : 'nc';
  const cmd = probeCommand({ tool, protocol: flow.protocol, host, port: flow.port, timeoutSeconds });
  if ('unsupported' in cmd) return { kind: 'not-sent', reason: cmd.unsupported };
  const namespace = source.metadata.namespace ?? '';
  return {
    kind: 'send',
    namespace,
    pod: source.metadata.name,
    container,
    argv: cmd.argv,
    tool,
    repro: reproLine(namespace, source.metadata.name, container, cmd.argv),
  };
}
