import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, RUN_ID_LABEL } from '../../kube/types.js';
import type { ContainerPort, ListeningPort } from '../../model/types.js';
import type { ScenarioPod, ScenarioService } from '../../scenario/types.js';
import { isGenericServer } from './image-map.js';

/** Client pods live for the whole scenario; probes are exec'd into them. */
export const CLIENT_COMMAND: readonly string[] = ['sleep', '86400'];

/**
 * Workloads that probe (`web -> db:5432`) get this sidecar with the client image: a pod's
 * containers share its network namespace, so the sidecar's traffic is the pod's, and policies
 * select pods, not containers. Server images (ours, or nginx pulled online) carry no probe tools.
 */
export const PROBE_SIDECAR = 'nph-probe';

/**
 * The resolver of every pod the harness creates gives up sooner than the default (5 s, 2 attempts
 * per search domain): a name whose lookup a policy blocks then fails in seconds, not a minute.
 * The outcome (the name does not resolve) is the same.
 */
export const DNS_CONFIG = {
  options: [
    { name: 'timeout', value: '1' },
    { name: 'attempts', value: '2' },
  ],
};

type Manifest = Record<string, unknown>;

export function harnessLabels(runId: string): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [RUN_ID_LABEL]: runId };
}

/**
 * The pod for a workload or client. A `Deployment` in the document becomes a bare pod with the
 * same labels: one replica either way, and relabelling it (as steps do) cannot make a ReplicaSet
 * replace it.
 */
export function podManifest(
  pod: ScenarioPod,
  namespace: string,
  image: string,
  runId: string,
  probeSidecarImage?: string,
  containerImages?: readonly string[],
): Manifest {
  const main = {
    name: pod.containerName,
    image,
    containerPorts: pod.containerPorts,
    listening: pod.listening,
    command: pod.command,
  };
  // A pod declared with `containers:`: each container as declared, its image resolved by the caller.
  const declared =
    pod.containers && containerImages
      ? pod.containers.map((c, i) => ({ ...c, image: containerImages[i] ?? c.image }))
      : [main];
  const containers = declared.map((c) => containerManifest(c, pod));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: pod.name, namespace, labels: { ...pod.labels, ...harnessLabels(runId) } },
    spec: {
      containers: probeSidecarImage
        ? [
            ...containers,
            {
              name: PROBE_SIDECAR,
              image: probeSidecarImage,
              imagePullPolicy: 'IfNotPresent',
              command: [...CLIENT_COMMAND],
            },
          ]
        : containers,
      dnsConfig: DNS_CONFIG,
      terminationGracePeriodSeconds: 1,
      restartPolicy: 'Always',
    },
  };
}

interface ContainerSpec {
  name: string;
  image: string;
  containerPorts: readonly ContainerPort[];
  listening: readonly ListeningPort[];
  command?: string[];
}

function containerManifest(c: ContainerSpec, pod: ScenarioPod): Manifest {
  const container: Manifest = { name: c.name, image: c.image, imagePullPolicy: 'IfNotPresent' };
  if (c.containerPorts.length) {
    container.ports = c.containerPorts.map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      containerPort: p.containerPort,
      protocol: p.protocol,
    }));
  }
  if (c.command) container.command = c.command;
  else if (pod.role === 'client') container.command = [...CLIENT_COMMAND];
  if (isGenericServer(c.image)) {
    const ports = (proto: string) =>
      c.listening
        .filter((l) => l.protocol === proto)
        .map((l) => l.port)
        .join(',');
    container.env = [
      { name: 'TCP_PORTS', value: ports('TCP') },
      { name: 'UDP_PORTS', value: ports('UDP') },
      { name: 'POD_NAME', value: pod.name },
    ];
  }
  return container;
}

export function serviceManifest(
  service: ScenarioService,
  namespace: string,
  runId: string,
  dualStack = false,
): Manifest {
  const multi = service.ports.length > 1;
  const spec: Manifest = {
    ports: service.ports.map((p) => ({
      ...(p.name ? { name: p.name } : multi ? { name: `${p.protocol.toLowerCase()}-${p.port}` } : {}),
      port: p.port,
      targetPort: p.targetPort,
      protocol: p.protocol,
    })),
  };
  if (service.selector !== undefined) spec.selector = service.selector;
  // On a dual-stack cluster a service gets an address of each family (else only the primary's).
  if (dualStack) spec.ipFamilyPolicy = 'PreferDualStack';
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: service.name, namespace, labels: harnessLabels(runId) },
    spec,
  };
}
