import type { KubeClient, PodInfo } from '../../kube/types.js';
import { RUN_ID_LABEL } from '../../kube/types.js';
import type { Scenario, ScenarioPod } from '../../scenario/types.js';
import { clientImage, resolveImage, type ImageMap } from './image-map.js';
import { harnessLabels, podManifest, serviceManifest } from './manifests.js';
import { mapNamespace } from '../naming.js';
import { placedOn, placePods, type PlacementNodes } from './placement.js';
import { NAMESPACE_NAME_LABEL } from '../policy/policy-peers.js';
import type { Clock } from '../stabilize/stabilize.js';
import { logicalKey, type LiveTopology } from './targets.js';
import { debugLog } from '../../debug-log.js';

export interface SetupOptions {
  runId: string;
  images: ImageMap;
  offline: boolean;
  podReadyTimeoutSeconds: number;
  pollIntervalMs: number;
  /** The nodes pods are spread over (placement.ts); absent or under two: the scheduler decides. */
  placement?: PlacementNodes;
  /** A dual-stack cluster: services get an address of each family. */
  dualStack?: boolean;
}

/** Creates the scenario's namespaces, services and pods in their real namespaces; waits for the pods. */
const debug = debugLog('setup');

export async function setUpScenario(
  kube: KubeClient,
  scenario: Scenario,
  mapping: ReadonlyMap<string, string>,
  opts: SetupOptions,
  clock: Clock,
): Promise<LiveTopology> {
  for (const [logical, real] of mapping) {
    const declared = scenario.namespaces.find((n) => n.name === logical);
    const labels = Object.fromEntries(
      Object.entries(declared?.labels ?? {}).filter(([k]) => k !== NAMESPACE_NAME_LABEL),
    );
    await kube.createNamespace(real, { ...labels, ...harnessLabels(opts.runId) });
  }
  debug('%s: namespaces %s created', scenario.name, [...mapping.values()].join(', '));
  await waitForServiceAccounts(kube, [...mapping.values()], opts, clock);
  // Services first (their ClusterIPs are programmed while the pods start), then every pod at once.
  await Promise.all(
    scenario.services.map((service) =>
      kube.create(serviceManifest(service, mapNamespace(mapping, service.namespace), opts.runId, opts.dualStack)),
    ),
  );
  await Promise.all(scenario.pods.map((pod) => kube.create(scenarioPodManifest(scenario, pod, mapping, opts))));
  debug(
    '%s: %d services and %d pods created; waiting for the pods',
    scenario.name,
    scenario.services.length,
    scenario.pods.length,
  );
  const pods = await waitForPods(kube, scenario, mapping, opts, clock);
  debug('%s: %d pods ready', scenario.name, pods.size);
  const serviceIPs = new Map<string, string>();
  const serviceAllIPs = new Map<string, string[]>();
  const ips = await Promise.all(
    scenario.services.map((s) =>
      kube.getServiceClusterIPs({ namespace: mapNamespace(mapping, s.namespace), name: s.name }),
    ),
  );
  scenario.services.forEach((s, i) => {
    const all = ips[i] ?? [];
    if (all[0]) serviceIPs.set(logicalKey(s.namespace, s.name), all[0]);
    if (all.length > 1) serviceAllIPs.set(logicalKey(s.namespace, s.name), all);
  });
  return { mapping, pods, serviceIPs, ...(serviceAllIPs.size ? { serviceAllIPs } : {}) };
}

/** A scenario pod's manifest in its real namespace: the image map applied, a probe sidecar if it probes. */
export function scenarioPodManifest(
  scenario: Scenario,
  pod: ScenarioPod,
  mapping: ReadonlyMap<string, string>,
  opts: Pick<SetupOptions, 'images' | 'offline' | 'runId' | 'placement'>,
): Record<string, unknown> {
  const image = resolveImage(pod.image, opts.images, opts.offline);
  const probes = pod.role === 'workload' && probeSources(scenario).has(logicalKey(pod.namespace, pod.name));
  const containerImages = pod.containers?.map((c) => resolveImage(c.image, opts.images, opts.offline));
  const manifest = podManifest(
    pod,
    mapNamespace(mapping, pod.namespace),
    image,
    opts.runId,
    probes ? clientImage(opts.images, opts.offline) : undefined,
    containerImages,
  );
  const node =
    opts.placement && placePods(scenario.pods, opts.placement.names).get(logicalKey(pod.namespace, pod.name));
  return node && opts.placement ? placedOn(manifest, node, opts.placement.tolerateControlPlane) : manifest;
}

/**
 * Pods cannot be created in a namespace until the controller manager has given it its `default`
 * service account: a moment after creation, longer when the control plane has just restarted.
 */
export async function waitForServiceAccounts(
  kube: KubeClient,
  namespaces: string[],
  opts: SetupOptions,
  clock: Clock,
): Promise<void> {
  const deadline = clock.nowMs() + opts.podReadyTimeoutSeconds * 1000;
  let waiting = namespaces;
  for (;;) {
    const present = await Promise.all(
      waiting.map((namespace) => kube.hasServiceAccount({ namespace, name: 'default' })),
    );
    waiting = waiting.filter((_, i) => !present[i]);
    if (waiting.length === 0) return;
    if (clock.nowMs() >= deadline) {
      throw new Error(
        `namespace${waiting.length > 1 ? 's' : ''} ${waiting.join(', ')} got no default service account within ${opts.podReadyTimeoutSeconds} s: is the cluster's controller manager running?`,
      );
    }
    await clock.waitMs(opts.pollIntervalMs);
  }
}

/** Pods some expectation probes from, by logical `namespace/name`. */
export function probeSources(scenario: Scenario): Set<string> {
  return new Set(scenario.steps.flatMap((s) => s.expectations.map((e) => logicalKey(e.from.namespace, e.from.name))));
}

/** Polls until every pod of the scenario is Ready with an IP, or the deadline passes (then throws, naming the laggards). */
export async function waitForPods(
  kube: KubeClient,
  scenario: Scenario,
  mapping: ReadonlyMap<string, string>,
  opts: SetupOptions,
  clock: Clock,
): Promise<Map<string, PodInfo>> {
  const deadline = clock.nowMs() + opts.podReadyTimeoutSeconds * 1000;
  const namespaces = [...new Set(scenario.pods.map((p) => p.namespace))];
  for (;;) {
    const found = new Map<string, PodInfo>();
    for (const logical of namespaces) {
      for (const info of await kube.listPods(mapNamespace(mapping, logical), `${RUN_ID_LABEL}=${opts.runId}`))
        found.set(logicalKey(logical, info.name), info);
    }
    const waiting = scenario.pods.filter((p) => {
      const info = found.get(logicalKey(p.namespace, p.name));
      return !info || !info.ready || !info.ip;
    });
    if (waiting.length === 0) return found;
    if (clock.nowMs() >= deadline) {
      const states = waiting.map((p) => {
        const info = found.get(logicalKey(p.namespace, p.name));
        return `${mapNamespace(mapping, p.namespace)}/${p.name} (${info ? `${info.phase ?? 'unknown phase'}${info.ready ? '' : ', not ready'}` : 'not found'})`;
      });
      throw new Error(`pods not ready after ${opts.podReadyTimeoutSeconds} s: ${states.join(', ')}`);
    }
    await clock.waitMs(opts.pollIntervalMs);
  }
}
