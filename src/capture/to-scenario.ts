import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, RUN_ID_LABEL } from '../kube/types.js';
import type { ClusterSnapshot, KubeContainer, KubePod, KubeService } from './cluster-objects.js';
import { namespaceRenames } from './namespace-names.js';
import { captureClusterPolicy, capturePolicy } from './policy-manifest.js';
import { groupPods, labelSafe, type PodGroup } from './workloads.js';

/** What a capture records about itself; the scenario format's `capture:` field. */
export interface CaptureInfo {
  from: string;
  at: string;
  namespaces: string[];
  labelSelector?: string;
  leftOut: string[];
  policyFieldsRemoved: string[];
}

export interface CaptureOptions {
  /** The scenario's name (an RFC 1123 label). */
  name: string;
  /** Where it was read from, e.g. `context kind-netpol-harness`. */
  from: string;
  /** ISO time of the capture. */
  at: string;
  labelSelector?: string;
  /** Stand-in images instead of the real ones: a document image → stand-in map (offline/image-map.yaml). */
  standIns?: { images: Record<string, string>; client: string; server: string };
}

type Json = Record<string, unknown>;
/** A namespace's name in the scenario (a harness run's namespaces get their logical names). */
type Rename = (ns: string | undefined) => string;
/** How many pods or containers had what a capture leaves out. */
type Copied = Record<'env' | 'volumes' | 'command' | 'containers' | 'serviceAccount', number>;
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

function withoutHarnessLabels(labels: Record<string, string> | undefined): Record<string, string> {
  const out = { ...(labels ?? {}) };
  if (out[MANAGED_BY_LABEL] === MANAGED_BY_VALUE) {
    delete out[MANAGED_BY_LABEL];
    delete out[RUN_ID_LABEL];
  }
  return out;
}

function byName<T extends { metadata?: { name?: string; namespace?: string } }>(a: T, b: T): number {
  return `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(`${b.metadata?.namespace}/${b.metadata?.name}`);
}

/**
 * The scenario document (before expectations) that reproduces a snapshot: namespaces with their
 * labels, one workload per pod or per controller and label set (pods that declare no port become
 * clients, which the harness keeps alive with `sleep` and probes from), services, and every
 * NetworkPolicy and ClusterNetworkPolicy as a manifest. Nothing secret is copied: no env, volumes, commands or service
 * account tokens; `capture.leftOut` says what was left out. Pure.
 */
export function snapshotToScenario(
  snapshot: ClusterSnapshot,
  opts: CaptureOptions,
): { document: Json; info: CaptureInfo } {
  const renames = namespaceRenames(snapshot.namespaces);
  const rename: Rename = (ns) => renames.get(ns ?? '') ?? ns ?? '';
  const leftOut: string[] = [];
  const namespaces = capturedNamespaces(snapshot, rename, renames, leftOut);
  const { workloads, clients } = capturedWorkloads(snapshot, rename, opts, leftOut);
  const services = capturedServices(snapshot, rename, leftOut);
  const { policies, removedFields } = capturedPolicies(snapshot, renames);
  if (snapshot.clusterNetworkPoliciesNotServed) leftOut.push(snapshot.clusterNetworkPoliciesNotServed);
  const info: CaptureInfo = {
    from: opts.from,
    at: opts.at,
    namespaces: snapshot.namespaces.map((n) => n.metadata?.name ?? '').sort(),
    ...(opts.labelSelector ? { labelSelector: opts.labelSelector } : {}),
    leftOut,
    policyFieldsRemoved: [...removedFields].sort(),
  };
  const steps: Json[] = [{ name: 'baseline (no policy)', derived: true, expect: [] }];
  if (policies.length)
    steps.push({ name: 'apply the captured policies', derived: true, apply: policies.map((p) => p.id), expect: [] });
  const document: Json = {
    apiVersion: 'netpol-harness/v1',
    kind: 'Scenario',
    name: opts.name,
    title: `Captured: ${info.namespaces.join(', ')}`,
    source: { file: opts.from, section: `capture at ${opts.at}` },
    capture: info,
    ...(namespaces.length ? { namespaces } : {}),
    ...(workloads.length ? { workloads } : {}),
    ...(clients.length ? { clients } : {}),
    ...(services.length ? { services } : {}),
    ...(policies.length ? { policies } : {}),
    steps,
  };
  return { document, info };
}

/** The namespaces under their logical names, without the harness's labels. */
function capturedNamespaces(
  snapshot: ClusterSnapshot,
  rename: Rename,
  renames: ReadonlyMap<string, string>,
  leftOut: string[],
): Json[] {
  const namespaces = [...snapshot.namespaces].sort(byName).map((n) => {
    const labels = withoutHarnessLabels(n.metadata?.labels);
    delete labels[NAMESPACE_NAME_LABEL];
    return { name: rename(n.metadata?.name), ...(Object.keys(labels).length ? { labels } : {}) };
  });
  const renamed = [...renames].filter(([real, logical]) => real !== logical);
  if (renamed.length)
    leftOut.push(
      `harness run namespaces renamed to their logical names: ${renamed.map(([r, l]) => `${r} -> ${l}`).join(', ')}`,
    );
  if (snapshot.namespaces.some((n) => n.metadata?.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE)) {
    leftOut.push(`the harness run's labels (${MANAGED_BY_LABEL}, ${RUN_ID_LABEL}) on namespaces, pods and policies`);
  }
  return namespaces;
}

/** One workload per running pod group (a client when it declares no port), and what of the pod specs was left out. */
function capturedWorkloads(
  snapshot: ClusterSnapshot,
  rename: Rename,
  opts: CaptureOptions,
  leftOut: string[],
): { workloads: Json[]; clients: Json[] } {
  const groups = podGroupsOf(snapshot);
  const finished = snapshot.pods.length - groups.reduce((n, g) => n + g.pods.length, 0);
  if (finished) leftOut.push(`${finished} finished pod${finished === 1 ? '' : 's'} (Succeeded or Failed)`);
  const workloads: Json[] = [];
  const clients: Json[] = [];
  const copied: Copied = { env: 0, volumes: 0, command: 0, containers: 0, serviceAccount: 0 };
  for (const g of groups) {
    const entry = workloadEntry(g, rename, opts, copied);
    (entry.ports ? workloads : clients).push(entry);
  }
  if (copied.env)
    leftOut.push(`environment variables (env, envFrom) of ${copied.env} container${copied.env === 1 ? '' : 's'}`);
  if (copied.volumes)
    leftOut.push(
      `volumes and volume mounts of ${copied.volumes} pod${copied.volumes === 1 ? '' : 's'} (secrets, config maps, service account tokens)`,
    );
  if (copied.command)
    leftOut.push(`commands and arguments of ${copied.command} container${copied.command === 1 ? '' : 's'}`);
  if (copied.containers)
    leftOut.push(
      `${copied.containers} further container${copied.containers === 1 ? '' : 's'} (each workload keeps its first container's name and image, and every container's ports)`,
    );
  if (copied.serviceAccount)
    leftOut.push(
      `service accounts of ${copied.serviceAccount} pod${copied.serviceAccount === 1 ? '' : 's'} (and their tokens)`,
    );
  const replicas = groups.filter((g) => g.pods.length > 1);
  if (replicas.length)
    leftOut.push(
      `replicas: ${replicas.map((g) => `${g.owner} (${g.pods.length} pods)`).join(', ')} captured as one pod each`,
    );
  leftOut.push(
    'everything else in the pod specs (resources, probes, security contexts, init containers, node selection)',
  );
  return { workloads, clients };
}

/** Every service with ports but the cluster's own `default/kubernetes`. */
function capturedServices(snapshot: ClusterSnapshot, rename: Rename, leftOut: string[]): Json[] {
  const services: Json[] = [];
  for (const s of [...snapshot.services].sort(byName)) {
    if (s.metadata?.name === 'kubernetes' && s.metadata.namespace === 'default') continue;
    if (!s.spec?.ports?.length) {
      leftOut.push(
        `service ${s.metadata?.namespace}/${s.metadata?.name}: no ports (type ${s.spec?.type ?? 'ClusterIP'})`,
      );
      continue;
    }
    services.push(serviceEntry(s, rename, leftOut));
  }
  return services;
}

/**
 * Every NetworkPolicy as a manifest, then every ClusterNetworkPolicy (cluster-scoped: no namespace),
 * each with a unique id, and the fields removed from them.
 */
function capturedPolicies(
  snapshot: ClusterSnapshot,
  renames: ReadonlyMap<string, string>,
): { policies: Json[]; removedFields: Set<string> } {
  const policies: Json[] = [];
  const removedFields = new Set<string>();
  const ids = new Set<string>();
  for (const p of [...snapshot.networkPolicies].sort(byName)) {
    const captured = capturePolicy(p, renames);
    captured.removed.forEach((f) => removedFields.add(f));
    let id = labelSafe(`${captured.namespace}-${captured.name}`);
    for (let n = 2; ids.has(id); n++) id = labelSafe(`${captured.namespace}-${captured.name}-${n}`);
    ids.add(id);
    policies.push({
      id,
      namespace: captured.namespace,
      ...(captured.renamed.length
        ? { reason: `captured; namespace names renamed: ${captured.renamed.join('; ')}` }
        : {}),
      manifest: captured.text,
    });
  }
  for (const p of [...(snapshot.clusterNetworkPolicies ?? [])].sort(byName)) {
    const captured = captureClusterPolicy(p, renames);
    captured.removed.forEach((f) => removedFields.add(f));
    let id = labelSafe(`cluster-${captured.name}`);
    for (let n = 2; ids.has(id); n++) id = labelSafe(`cluster-${captured.name}-${n}`);
    ids.add(id);
    policies.push({
      id,
      ...(captured.renamed.length
        ? { reason: `captured; namespace names renamed: ${captured.renamed.join('; ')}` }
        : {}),
      manifest: captured.text,
    });
  }
  return { policies, removedFields };
}

/** The workloads a snapshot's running pods become, in the order the scenario lists them (names as in the cluster's namespaces). */
export function podGroupsOf(snapshot: ClusterSnapshot): PodGroup[] {
  const running = snapshot.pods.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  return groupPods([...running].sort(byName));
}

function workloadEntry(g: PodGroup, rename: Rename, opts: CaptureOptions, copied: Copied): Json {
  const first = g.pods[0] as KubePod;
  const containers: KubeContainer[] = first.spec?.containers ?? [];
  const main = containers[0] ?? {};
  for (const pod of g.pods.slice(0, 1)) {
    for (const c of pod.spec?.containers ?? []) {
      if (c.env || c.envFrom) copied.env++;
      if (c.command || c.args) copied.command++;
    }
    if (pod.spec?.volumes) copied.volumes++;
    if (pod.spec?.serviceAccountName && pod.spec.serviceAccountName !== 'default') copied.serviceAccount++;
  }
  copied.containers += Math.max(containers.length - 1, 0);
  const ports: Json[] = [];
  const seen = new Set<string>();
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      const protocol = p.protocol ?? 'TCP';
      const key = `${p.containerPort}/${protocol}`;
      if (p.containerPort === undefined || seen.has(key)) continue;
      seen.add(key);
      ports.push({ ...(p.name ? { name: p.name } : {}), containerPort: p.containerPort, protocol });
    }
  }
  const realImage = main.image ?? '';
  const image = opts.standIns ? standIn(realImage, ports.length > 0, opts.standIns) : realImage;
  const nodes = [...new Set(g.pods.map((p) => p.spec?.nodeName).filter(Boolean))];
  const what = g.owner
    ? `${g.owner}, ${g.pods.length} pod${g.pods.length === 1 ? '' : 's'} (${g.pods.map((p) => p.metadata?.name).join(', ')})`
    : `pod ${first.metadata?.name}`;
  const from = `captured: ${what}${nodes.length ? ` on ${nodes.join(', ')}` : ''}${image !== realImage ? `; image ${realImage}` : ''}`;
  const labels = withoutHarnessLabels(g.labels);
  return {
    name: g.name,
    namespace: rename(g.namespace),
    ...(g.kind === 'Deployment' ? { kind: 'Deployment' } : {}),
    image,
    ...(Object.keys(labels).length ? { labels } : {}),
    ...(main.name && main.name !== g.name ? { container: labelSafe(main.name) } : {}),
    ...(ports.length ? { ports } : {}),
    createdBy: from,
  };
}

function standIn(image: string, serves: boolean, s: NonNullable<CaptureOptions['standIns']>): string {
  if (image.startsWith('netpol-harness/')) return image;
  return s.images[image] ?? (serves ? s.server : s.client);
}

function serviceEntry(s: KubeService, rename: Rename, leftOut: string[]): Json {
  const id = `${s.metadata?.namespace}/${s.metadata?.name}`;
  if (s.spec?.type && s.spec.type !== 'ClusterIP')
    leftOut.push(`service ${id} is type ${s.spec.type}: captured as ClusterIP`);
  if (s.spec?.clusterIP === 'None') leftOut.push(`service ${id} is headless: captured with a cluster IP`);
  const ports = (s.spec?.ports ?? []).map((p) => ({
    ...(p.name ? { name: p.name } : {}),
    port: p.port,
    targetPort: p.targetPort ?? p.port,
    protocol: p.protocol ?? 'TCP',
  }));
  return {
    name: s.metadata?.name,
    namespace: rename(s.metadata?.namespace),
    ...(s.spec?.selector ? { selector: s.spec.selector } : {}),
    ports,
  };
}
