import { resolveName } from '../model/probe.js';
import type { Protocol, World } from '../model/types.js';
import type { Flow } from '../reachability/flows.js';
import { parseTarget } from '../scenario/target.js';

/** A pod named as reports name it: `NAME` (in `default`) or `NAMESPACE/NAME`. */
export function findPodRef(world: World, ref: string): { namespace: string; name: string } | { error: string } {
  const [a, b] = ref.split('/');
  const [namespace, name] = b === undefined ? ['default', a as string] : [a as string, b];
  if (world.pods.some((p) => p.namespace === namespace && p.name === name)) return { namespace, name };
  const elsewhere = world.pods.filter((p) => p.name === name).map((p) => `${p.namespace}/${p.name}`);
  return { error: `no pod "${ref}"${elsewhere.length ? ` (did you mean ${elsewhere.join(', ')}?)` : ''}` };
}

/**
 * `FROM TO:PORT[/PROTO]` as a flow. TO is a probe target as scenario rows write it (`pod/web:80`,
 * `svc-ip/ns/web:80`, `web.ns:80`, `dns:web`), or a pod named as reports name it (`web:80`,
 * `ns/web:80/udp`) when no service answers to that name.
 */
export function parseFlow(world: World, from: string, to: string): Flow | { error: string } {
  const source = findPodRef(world, from);
  if ('error' in source) return { error: `FROM: ${source.error}` };
  const podForm = /^(?:([a-z0-9-]+)\/)?([a-z0-9-]+):(\d+)(?:\/(tcp|udp|sctp))?$/i.exec(to);
  const parsed = parseTarget(to, source.namespace);
  const usePod =
    podForm &&
    ('error' in parsed ||
      (parsed.target.kind === 'host' && resolveName(world, parsed.target.host, source.namespace).kind === 'nxdomain'));
  if (podForm && usePod) {
    const dest = findPodRef(world, podForm[1] ? `${podForm[1]}/${podForm[2]}` : `${source.namespace}/${podForm[2]}`);
    if ('error' in dest)
      return {
        error: `TO: ${'error' in parsed ? dest.error : `no service answers to "${podForm[2]}" from namespace ${source.namespace}, and ${dest.error}`}`,
      };
    return {
      from: source,
      target: { kind: 'pod', pod: dest.name, namespace: dest.namespace },
      targetText: to,
      port: Number(podForm[3]),
      protocol: (podForm[4] ?? 'TCP').toUpperCase() as Protocol,
    };
  }
  if ('error' in parsed) return { error: `TO: ${parsed.error}` };
  if (parsed.port === undefined) return { error: `TO: no port: write ${to}:PORT` };
  return { from: source, target: parsed.target, targetText: to, port: parsed.port, protocol: parsed.protocol ?? 'TCP' };
}
