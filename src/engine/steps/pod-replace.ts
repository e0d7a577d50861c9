import type { KubeClient } from '../../kube/types.js';
import { RUN_ID_LABEL } from '../../kube/types.js';
import type { World } from '../../model/types.js';
import { podUpdateText, updatedPod } from '../../scenario/pod-update.js';
import type { PodUpdate, Scenario } from '../../scenario/types.js';
import { mapNamespace } from '../naming.js';
import { scenarioPodManifest, type SetupOptions } from '../setup/setup.js';
import type { Clock } from '../stabilize/stabilize.js';

/**
 * A step's pod updates, live: each pod is deleted, awaited until the API server no longer lists
 * it, and created again as `world` (the model's world after this step, logical names, this
 * step's updates and relabels included) has it: its labels and its ports. A pod's containerPorts cannot be patched, so a rollout
 * replaces the pod too; a restart is the same with an unchanged spec. The caller waits for the
 * new pods to be ready and takes their new IPs. Returns one line per update, for reports.
 */
export async function replacePods(
  kube: KubeClient,
  scenario: Scenario,
  updates: readonly PodUpdate[],
  world: World,
  mapping: ReadonlyMap<string, string>,
  opts: SetupOptions,
  clock: Clock,
): Promise<string[]> {
  const lines: string[] = [];
  for (const update of updates) {
    const pod = scenario.pods.find((p) => p.name === update.name && p.namespace === update.namespace);
    if (!pod) throw new Error(`update: no pod ${update.namespace}/${update.name} in scenario ${scenario.name}`);
    // The pod as it is now: labels, and ports after earlier updates (a restart keeps a moved port).
    const now = world.pods.find((p) => p.name === pod.name && p.namespace === pod.namespace);
    const current = now
      ? { ...pod, labels: { ...now.labels }, containerPorts: now.containerPorts, listening: now.listening }
      : pod;
    const namespace = mapNamespace(mapping, pod.namespace);
    await kube.deletePod({ namespace, name: pod.name });
    await waitUntilGone(kube, namespace, pod.name, opts, clock);
    await kube.create(scenarioPodManifest(scenario, updatedPod(current, update), mapping, opts));
    lines.push(podUpdateText(update));
  }
  return lines;
}

async function waitUntilGone(
  kube: KubeClient,
  namespace: string,
  name: string,
  opts: SetupOptions,
  clock: Clock,
): Promise<void> {
  const deadline = clock.nowMs() + opts.podReadyTimeoutSeconds * 1000;
  for (;;) {
    const listed = await kube.listPods(namespace, `${RUN_ID_LABEL}=${opts.runId}`);
    if (!listed.some((p) => p.name === name)) return;
    if (clock.nowMs() >= deadline)
      throw new Error(
        `pod ${namespace}/${name} was still terminating ${opts.podReadyTimeoutSeconds} s after its delete`,
      );
    await clock.waitMs(opts.pollIntervalMs);
  }
}
