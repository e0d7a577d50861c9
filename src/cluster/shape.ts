import { detectCni } from './cni.js';
import { FAMILY_TITLE } from './ip-family.js';
import { VERSION, harnessCommit } from '../harness-version.js';
import type { KubeClient, NodeInfo, WorkloadInfo } from '../kube/types.js';
import { ipFamily } from '../model/ip-address.js';
import type { ProbeMode } from '../probe/create-runner.js';

export type IpFamily = 'ipv4' | 'ipv6' | 'dual';

/** What a verdict came from: every report carries it (DESIGN.md, "Cluster shapes"). */
export interface ClusterShape {
  /** calico, kube-router, bridge-no-policy, or what the kube-system DaemonSets do not tell (`unknown`). */
  cni: string;
  /** The CNI agent image's tag (`v3.30.1`). */
  cniVersion?: string;
  /** The kubelets' version (`v1.34.4`; several joined by `, ` when they differ). */
  kubernetesVersion?: string;
  nodes: number;
  /** From the nodes' pod CIDRs (else their InternalIPs); undefined when neither says. */
  ipFamily?: IpFamily;
  probeMode: ProbeMode;
  /** The test pods' images: built here (offline) or the documents' own, pulled. */
  images: 'offline' | 'pulled';
  harnessVersion: string;
  harnessCommit?: string;
}

/** The CNI's agent DaemonSet's name for each CNI the harness knows. */
const AGENT: Record<string, string> = { calico: 'calico-node', 'kube-router': 'kube-router' };

function familyOf(addresses: readonly string[]): IpFamily | undefined {
  const families = new Set(addresses.map((a) => ipFamily(a.split('/')[0] ?? '')).filter(Boolean));
  if (families.has('ipv4') && families.has('ipv6')) return 'dual';
  if (families.has('ipv6')) return 'ipv6';
  if (families.has('ipv4')) return 'ipv4';
  return undefined;
}

/** The shape as the nodes and kube-system's DaemonSets tell it (pure). */
export function shapeOf(
  nodes: readonly NodeInfo[],
  kubeSystem: readonly WorkloadInfo[],
  run: { probeMode: ProbeMode; offline: boolean; harnessCommit?: string },
): ClusterShape {
  const daemonSets = kubeSystem.filter((w) => w.kind === 'DaemonSet');
  const cni = detectCni(daemonSets.map((d) => d.name)) ?? 'unknown';
  const agent = daemonSets.find((d) => d.name === AGENT[cni]);
  const tag = agent?.images?.map((i) => /:([^:/@]+)(@.*)?$/.exec(i)?.[1]).find(Boolean);
  const versions = [...new Set(nodes.flatMap((n) => (n.kubeletVersion ? [n.kubeletVersion] : [])))].sort();
  const family =
    familyOf(nodes.flatMap((n) => n.podCIDRs ?? [])) ?? familyOf(nodes.flatMap((n) => n.internalIPs ?? []));
  return {
    cni,
    ...(tag ? { cniVersion: tag } : {}),
    ...(versions.length ? { kubernetesVersion: versions.join(', ') } : {}),
    nodes: nodes.length,
    ...(family ? { ipFamily: family } : {}),
    probeMode: run.probeMode,
    images: run.offline ? 'offline' : 'pulled',
    harnessVersion: VERSION,
    ...(run.harnessCommit ? { harnessCommit: run.harnessCommit } : {}),
  };
}

/** One line: `calico v3.30.1, Kubernetes v1.34.4, 2 nodes, IPv4, probe sessions, offline images, netpol-harness 0.1.0 (abc)`. */
export function describeShape(s: ClusterShape): string {
  return [
    `${s.cni}${s.cniVersion ? ` ${s.cniVersion}` : ''}`,
    `Kubernetes ${s.kubernetesVersion ?? 'version unknown'}`,
    `${s.nodes} node${s.nodes === 1 ? '' : 's'}`,
    s.ipFamily ? FAMILY_TITLE[s.ipFamily] : 'IP family unknown',
    s.probeMode === 'session' ? 'probe sessions' : 'one exec per probe',
    `${s.images} images`,
    `netpol-harness ${s.harnessVersion}${s.harnessCommit ? ` (${s.harnessCommit})` : ''}`,
  ].join(', ');
}

/** The shape as JUnit properties (`cluster.cni`, `cluster.nodes`, …). */
export function shapeProperties(s: ClusterShape): [string, string][] {
  return Object.entries(s)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [`cluster.${k}`, String(v)]);
}

/** Reads the shape from the cluster (nodes, kube-system's DaemonSets) and the harness's checkout; the nodes too. */
export async function readClusterShape(
  kube: KubeClient,
  run: { probeMode: ProbeMode; offline: boolean },
): Promise<{ shape: ClusterShape; nodes: NodeInfo[] }> {
  const [nodes, kubeSystem, commit] = await Promise.all([
    kube.listNodes(),
    kube.listWorkloads('kube-system'),
    harnessCommit(),
  ]);
  return { shape: shapeOf(nodes, kubeSystem, { ...run, ...(commit ? { harnessCommit: commit } : {}) }), nodes };
}
