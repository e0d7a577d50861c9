// The preflight's canary: a server pod, a client pod, the probe between them and the deny policy,
// built from the same manifests and probe jobs the scenarios use.
import { RUN_ID_LABEL, type KubeClient, type PodInfo } from '../../kube/types.js';
import type { ProbeJob } from '../../probe/types.js';
import type { ScenarioPod } from '../../scenario/types.js';
import { clientImage, resolveImage, type ImageMap } from '../setup/image-map.js';
import { podManifest } from '../setup/manifests.js';
import { placedOn, type PlacementNodes } from '../setup/placement.js';
import type { Clock } from '../stabilize/stabilize.js';

export const CANARY_LABEL = 'netpol-harness.io/preflight';
export const CANARY_PORT = 80;
export const DENY_POLICY_NAME = 'preflight-deny-all-ingress';

export interface CanaryOptions {
  runId: string;
  images: ImageMap;
  offline: boolean;
  podReadyTimeoutSeconds: number;
  pollIntervalMs: number;
}

/** The preflight's namespace: run-unique, labelled like every other (managed-by, run id). */
export function canaryNamespace(runId: string): string {
  return `netpol-preflight-${runId}`;
}

function canaryPod(name: 'server' | 'client', namespace: string): ScenarioPod {
  const server = name === 'server';
  return {
    name,
    namespace,
    labels: { [CANARY_LABEL]: name },
    image: server ? 'nginx' : 'alpine',
    role: server ? 'workload' : 'client',
    kind: 'Pod',
    containerName: name,
    containerPorts: server ? [{ containerPort: CANARY_PORT, protocol: 'TCP' }] : [],
    listening: server ? [{ port: CANARY_PORT, protocol: 'TCP' }] : [],
    line: 0,
  };
}

/**
 * The canary pods' manifests: nginx (the map's stand-in offline) and the probe client image. On
 * several nodes (`placement`) they go to two different nodes, so the preflight proves enforcement
 * across nodes, where it is hardest.
 */
export function canaryManifests(
  namespace: string,
  opts: CanaryOptions,
  placement?: PlacementNodes,
): Record<string, unknown>[] {
  const [serverNode, clientNode] = placement?.names ?? [];
  const place = (m: Record<string, unknown>, node: string | undefined) =>
    node && clientNode && placement ? placedOn(m, node, placement.tolerateControlPlane) : m;
  return [
    place(
      podManifest(
        canaryPod('server', namespace),
        namespace,
        resolveImage('nginx', opts.images, opts.offline),
        opts.runId,
      ),
      serverNode,
    ),
    place(
      podManifest(canaryPod('client', namespace), namespace, clientImage(opts.images, opts.offline), opts.runId),
      clientNode,
    ),
  ];
}

/** Denies all ingress to the server pod: after it, the client's probe must be blocked. */
export function denyAllIngress(): Record<string, unknown> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: DENY_POLICY_NAME },
    spec: { podSelector: { matchLabels: { [CANARY_LABEL]: 'server' } }, policyTypes: ['Ingress'] },
  };
}

/** `nc -vz -w N <server IP> 80` from the client pod. */
export function canaryJob(namespace: string, serverIp: string, timeoutSeconds: number): ProbeJob {
  return {
    key: 'preflight',
    from: { namespace, pod: 'client', container: 'client' },
    host: serverIp,
    port: CANARY_PORT,
    protocol: 'TCP',
    tool: 'nc',
    timeoutSeconds,
    logical: {
      from: { pod: 'client', namespace: 'default' },
      target: { kind: 'pod', pod: 'server', namespace: 'default' },
      port: CANARY_PORT,
      protocol: 'TCP',
    },
  };
}

function podState(name: string, p: PodInfo | undefined): string {
  if (!p) return `${name} (not found)`;
  const what = p.terminating
    ? 'terminating'
    : `${p.phase ?? 'unknown phase'}${p.ready ? '' : ', not ready'}${p.ip ? '' : ', no IP yet'}`;
  return `${name} (${what}${p.containerStates ? `; ${p.containerStates}` : ''})`;
}

/** Waits until both canary pods are Ready with an IP; after the timeout throws, with each pod's status. */
export async function waitForCanary(
  kube: KubeClient,
  namespace: string,
  opts: CanaryOptions,
  clock: Clock,
): Promise<{ server: PodInfo; client: PodInfo }> {
  const deadline = clock.nowMs() + opts.podReadyTimeoutSeconds * 1000;
  for (;;) {
    const pods = await kube.listPods(namespace, `${RUN_ID_LABEL}=${opts.runId}`);
    const server = pods.find((p) => p.name === 'server');
    const client = pods.find((p) => p.name === 'client');
    const ok = (p: PodInfo | undefined): p is PodInfo =>
      p !== undefined && p.ready && !p.terminating && p.ip !== undefined;
    if (ok(server) && ok(client)) return { server, client };
    if (clock.nowMs() >= deadline) {
      const waiting = [
        ok(server) ? '' : podState('server', server),
        ok(client) ? '' : podState('client', client),
      ].filter(Boolean);
      throw new Error(`canary pods not ready after ${opts.podReadyTimeoutSeconds} s: ${waiting.join(', ')}`);
    }
    await clock.waitMs(opts.pollIntervalMs);
  }
}
