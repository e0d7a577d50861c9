import type { ListeningPort, Protocol } from '../model/types.js';
import type { PathSegment } from '../problems.js';
import type { ScenarioContainer } from './types.js';
import type { RawContainer } from './raw.js';

/** The single-container fields a pod with `containers:` must not give. */
export const SINGLE_CONTAINER_FIELDS = ['image', 'container', 'ports', 'listen', 'command'] as const;

/** The probe sidecar's name (engine/setup/manifests.ts PROBE_SIDECAR), which a declared container may not take. */
const RESERVED_NAME = 'nph-probe';

export interface ContainersContext {
  readListen(listen: NonNullable<RawContainer['listen']>, path: PathSegment[]): ListeningPort[];
  report(path: PathSegment[], message: string): void;
}

/** Reads `containers:`; each container listens on its declared ports unless `listen` says otherwise. */
export function readContainers(
  raw: readonly RawContainer[],
  path: PathSegment[],
  ctx: ContainersContext,
): ScenarioContainer[] {
  if (raw.length === 0) ctx.report(path, 'give at least one container');
  const seen = new Set<string>();
  return raw.map((c, i) => {
    if (seen.has(c.name)) ctx.report([...path, i, 'name'], `duplicate container name "${c.name}"`);
    if (c.name === RESERVED_NAME)
      ctx.report([...path, i, 'name'], `"${RESERVED_NAME}" is the name of the harness's probe sidecar: choose another`);
    seen.add(c.name);
    const containerPorts = (c.ports ?? []).map((p) => ({
      name: p.name,
      containerPort: p.containerPort,
      protocol: p.protocol ?? ('TCP' as Protocol),
    }));
    const listening = c.listen
      ? ctx.readListen(c.listen, [...path, i, 'listen'])
      : containerPorts.map((p) => ({ port: p.containerPort, protocol: p.protocol }));
    return { name: c.name, image: c.image, containerPorts, listening, ...(c.command ? { command: c.command } : {}) };
  });
}

/** Two containers of one pod share its network namespace: they cannot both listen on one port. */
export function clashingListeners(containers: readonly ScenarioContainer[]): string[] {
  const owner = new Map<string, number>();
  const clashes: string[] = [];
  containers.forEach((c, i) => {
    for (const l of c.listening) {
      const key = `${l.port}/${l.protocol}`;
      const other = owner.get(key);
      if (other !== undefined && other !== i)
        clashes.push(
          `containers ${containers[other]?.name} and ${c.name} both listen on ${key}, in one network namespace`,
        );
      owner.set(key, i);
    }
  });
  return clashes;
}
