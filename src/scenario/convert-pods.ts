import type { PathSegment } from '../problems.js';
import { clashingListeners, readContainers, SINGLE_CONTAINER_FIELDS } from './containers.js';
import type { ConvertContext } from './convert-context.js';
import { placementReference, readNodePlacement, type NodePlacement } from './node-placement.js';
import type { RawContainer, RawPod, RawScenario } from './raw.js';
import type { ScenarioPod } from './types.js';

/** `workloads:` then `clients:`, each pod with the path it is written at. */
export function rawPods(raw: RawScenario): { pod: RawPod; role: 'workload' | 'client'; path: PathSegment[] }[] {
  return [
    ...(raw.workloads ?? []).map((pod, i) => ({ pod, role: 'workload' as const, path: ['workloads', i] })),
    ...(raw.clients ?? []).map((pod, i) => ({ pod, role: 'client' as const, path: ['clients', i] })),
  ];
}

/** The scenario's pods, workloads first, with their `node:` placements read and their references resolved. */
export function convertPods(raw: RawScenario, ctx: ConvertContext): ScenarioPod[] {
  const written = rawPods(raw);
  const pods = written.map((w) => convertPod(w.pod, w.role, w.path, ctx));
  placePods(written, pods, ctx);
  return pods;
}

/** A pod declared with one container's fields (image, container, ports, listen, command). */
function convertPod(p: RawPod, role: 'workload' | 'client', path: PathSegment[], ctx: ConvertContext): ScenarioPod {
  const containerPorts = (p.ports ?? []).map((c) => ({
    name: c.name,
    containerPort: c.containerPort,
    protocol: c.protocol ?? 'TCP',
  }));
  const listening = p.listen
    ? ctx.readListen(p.listen, [...path, 'listen'])
    : containerPorts.map((c) => ({ port: c.containerPort, protocol: c.protocol }));
  if (p.containers) return multiContainerPod(p, p.containers, role, path, ctx);
  if (!p.image) ctx.report([...path, 'image'], 'required field is missing');
  return {
    name: p.name,
    namespace: p.namespace ?? 'default',
    labels: p.labels ?? {},
    image: p.image ?? '',
    role,
    kind: p.kind ?? 'Pod',
    containerName: p.container ?? p.name,
    containerPorts,
    listening,
    command: p.command,
    createdBy: p.createdBy,
    ...(p.extra ? { extra: true } : {}),
    line: ctx.line(path),
  };
}

/** A pod declared with `containers:` (containers.ts). */
function multiContainerPod(
  p: RawPod,
  raw: RawContainer[],
  role: 'workload' | 'client',
  path: PathSegment[],
  ctx: ConvertContext,
): ScenarioPod {
  for (const field of SINGLE_CONTAINER_FIELDS) {
    if (p[field] !== undefined)
      ctx.report([...path, field], `give "${field}" on a container: this pod declares "containers"`);
  }
  const containers = readContainers(raw, [...path, 'containers'], ctx);
  for (const clash of clashingListeners(containers)) ctx.report([...path, 'containers'], clash);
  const first = containers[0];
  return {
    name: p.name,
    namespace: p.namespace ?? 'default',
    labels: p.labels ?? {},
    image: first?.image ?? '',
    role,
    kind: p.kind ?? 'Pod',
    containerName: first?.name ?? p.name,
    containerPorts: containers.flatMap((c) => c.containerPorts),
    listening: containers.flatMap((c) => c.listening),
    ...(first?.command ? { command: first.command } : {}),
    containers,
    createdBy: p.createdBy,
    ...(p.extra ? { extra: true } : {}),
    line: ctx.line(path),
  };
}

/** Reads each pod's `node:` with its reference resolved to `namespace/name` (a cycle is validate.ts's to refuse). */
function placePods(written: ReturnType<typeof rawPods>, pods: ScenarioPod[], ctx: ConvertContext): void {
  pods.forEach((pod, i) => {
    const w = written[i];
    if (w?.pod.node === undefined) return;
    const at = [...w.path, 'node'];
    const read = readNodePlacement(w.pod.node);
    if ('error' in read) return ctx.report(at, read.error);
    const ref = placementReference(read.placement);
    if (ref === undefined) return void (pod.node = read.placement);
    const other = ctx.findPod(ref, pod.namespace, pods, at);
    if (!other) return;
    if (other === pod) return ctx.report(at, `a pod cannot be placed relative to itself`);
    pod.node = { ...read.placement, pod: `${other.namespace}/${other.name}` } as NodePlacement;
  });
}
