import type { ContainerPort, ListeningPort } from '../model/types.js';
import type { PathSegment } from '../problems.js';
import type { PodUpdate, ScenarioPod } from './types.js';
import type { RawPodUpdate } from './raw.js';

export interface PodUpdateContext {
  findPod(ref: string, namespace: string | undefined, path: PathSegment[]): ScenarioPod | undefined;
  readListen(listen: NonNullable<RawPodUpdate['listen']>, path: PathSegment[]): ListeningPort[];
  report(path: PathSegment[], message: string): void;
  line(path: PathSegment[]): number;
}

/**
 * Reads `update:` entries: `{ pod, ports?, listen?, restart? }`. At least one change; `restart:
 * true` with new ports is redundant (a replaced pod is a restarted one) and refused as ambiguous.
 */
export function readPodUpdates(raw: readonly RawPodUpdate[], path: PathSegment[], ctx: PodUpdateContext): PodUpdate[] {
  const out: PodUpdate[] = [];
  const seen = new Set<string>();
  raw.forEach((u, i) => {
    const at = [...path, i];
    const pod = ctx.findPod(u.pod, u.namespace, [...at, 'pod']);
    const changes = u.ports !== undefined || u.listen !== undefined;
    if (!changes && u.restart !== true) ctx.report(at, 'say what changes: "ports", "listen", or "restart: true"');
    if (changes && u.restart !== undefined)
      ctx.report([...at, 'restart'], 'a pod whose ports change is replaced, so restarted, anyway: drop "restart"');
    if (!pod) return;
    if (changes && pod.containers)
      ctx.report(at, `pod ${pod.namespace}/${pod.name} declares containers: only "restart: true" is supported for it`);
    if (seen.has(`${pod.namespace}/${pod.name}`))
      ctx.report([...at, 'pod'], `pod ${pod.namespace}/${pod.name} is updated twice in one step: give one entry`);
    seen.add(`${pod.namespace}/${pod.name}`);
    const containerPorts: ContainerPort[] | undefined = u.ports?.map((c) => ({
      name: c.name,
      containerPort: c.containerPort,
      protocol: c.protocol ?? 'TCP',
    }));
    const listening = u.listen !== undefined ? ctx.readListen(u.listen, [...at, 'listen']) : undefined;
    out.push({
      name: pod.name,
      namespace: pod.namespace,
      ...(containerPorts ? { containerPorts } : {}),
      ...(listening ? { listening } : {}),
      restartOnly: !changes,
      line: ctx.line(at),
    });
  });
  return out;
}

/** A pod as it is after an update (what the model and the replacement pod use). */
export function updatedPod<P extends { containerPorts: ContainerPort[]; listening: ListeningPort[] }>(
  pod: P,
  update: PodUpdate,
): P {
  return {
    ...pod,
    containerPorts: update.containerPorts ?? pod.containerPorts,
    listening: update.listening ?? pod.listening,
  };
}

/** `update pod default/api ports api-port=5001/TCP listen 5000/TCP,5001/TCP`, or `restart pod default/web`. */
export function podUpdateText(u: PodUpdate): string {
  if (u.restartOnly) return `restart pod ${u.namespace}/${u.name}`;
  const parts = [`update pod ${u.namespace}/${u.name}`];
  if (u.containerPorts)
    parts.push(
      `ports ${u.containerPorts.map((c) => `${c.name ? `${c.name}=` : ''}${c.containerPort}/${c.protocol}`).join(',') || 'none'}`,
    );
  if (u.listening) parts.push(`listen ${u.listening.map((l) => `${l.port}/${l.protocol}`).join(',') || 'nothing'}`);
  return parts.join(' ');
}
