import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppsV1Api, CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { EnvironmentError } from '../errors.js';
import { BoundedKubeConfig } from '../kube/request-deadline.js';
import { serverSideApply } from '../kube/server-side-apply.js';
import { waitForApiServer } from './api-server.js';
import { verifyChecksums } from './calico-checksums.js';
import { containClusterTraffic } from './containment.js';
import {
  containerAddresses,
  containerImageName,
  containerStartedMs,
  ensureImageInDocker,
  imageIdOf,
  localTags,
  offlineCacheDir,
  requireDocker,
} from './docker.js';
import type { ClusterDriver, Progress } from './driver.js';
import { imagesFromImageMap, imagesFromManifest } from './images.js';
import { KindCli } from './kind-cli.js';
import { imagesMissingOnNodes, imagesOnNode } from './node-images.js';
import { chooseNodeImage, LOCAL_NODE_IMAGE_REPOSITORY, parseEnvFile, type NodeImageChoice } from './node-image.js';
import { checkKindNetworkFamily, familyOfRanges } from './kind-network.js';
import { DEFAULT_IP_FAMILY, FAMILY_TITLE, kindConfigForFamily, type IpFamily } from './ip-family.js';
import { cniProfile, DEFAULT_CNI, detectCni, readinessRequirements, type CniName, type CniProfile } from './cni.js';
import { allReady, evaluateReadiness, SETTLE_SECONDS, type ClusterSnapshot } from './readiness.js';
import { repoFiles, type RepoFiles } from './repo-files.js';
import { runWithExeca, type RunCommand } from './program-runner.js';
import { nodeReadsHostsDir, requireMirrorHas, writeHostsFiles } from './mirror-nodes.js';
import { CERTS_DIR, kindConfigWithMirror, MIRRORED_REGISTRIES, mirrorText, type Mirror } from './registry-mirror.js';
import { readDiagnostics, readSnapshot } from './snapshot.js';
import { waitForReady } from './wait-ready.js';

export const DEFAULT_CLUSTER_NAME = 'netpol-harness';
export const DEFAULT_READY_TIMEOUT_SECONDS = 300;
export const BUILD_HINT = 'bash offline/build.sh';

export interface KindDriverOptions {
  name: string;
  /** The CNI to install (default calico). */
  cni?: CniName;
  nodes: 1 | 2;
  /** The cluster's address family (default ipv4): kind's networking.ipFamily and the CNI's pools. */
  ipFamily?: IpFamily;
  /** true: --offline, false: --no-offline, undefined: offline when the local node image exists. */
  offline?: boolean;
  readyTimeoutSeconds: number;
  /** Keep a cluster this call created even if it never became ready. */
  retain?: boolean;
  /** Pull every image through this mirror only (containerd hosts on each node); nothing is loaded. */
  registryMirror?: Mirror;
  /** With registryMirror: more images the mirror must hold (a run's), and what needs them. */
  mirrorImages?: { images: string[]; what: string };
  /** The node image, instead of the one offline/--no-offline chooses. */
  nodeImage?: string;
  run?: RunCommand;
  files?: RepoFiles;
  cacheDir?: string;
}

/** A kind cluster with a CNI from its folder (calico/, kube-router/, …): created, or reused when it already exists. */
export class KindDriver implements ClusterDriver {
  private readonly kind: KindCli;
  private readonly run: RunCommand;
  private readonly files: RepoFiles;
  private readonly cacheDir: string;
  readonly cni: CniProfile;
  private nodeImage?: NodeImageChoice;
  /** Set once this driver starts creating the cluster: what abandon() deletes. */
  private createdHere = false;

  constructor(private readonly options: KindDriverOptions) {
    this.run = options.run ?? runWithExeca;
    this.kind = new KindCli(this.run);
    this.files = options.files ?? repoFiles();
    this.cacheDir = options.cacheDir ?? offlineCacheDir();
    this.cni = cniProfile(options.cni ?? DEFAULT_CNI, this.files.root);
  }

  /** The address family asked for (ipv4 unless --ip-family said otherwise). */
  get family(): IpFamily {
    return this.options.ipFamily ?? DEFAULT_IP_FAMILY;
  }

  /** After ensureUp: whether the node image chosen is the locally built one (offline). */
  get imagesOffline(): boolean | undefined {
    return this.nodeImage?.offline;
  }

  describe(): string {
    const v = this.cni.versions;
    const version = v ? (parseEnvFile(readOptional(v.file))[v.key] ?? '') : '';
    const image = this.nodeImage?.image ? `, node image ${this.nodeImage.image}` : '';
    const family = this.family === 'ipv4' ? '' : `, ${FAMILY_TITLE[this.family]}`;
    return `kind cluster "${this.options.name}" (${this.options.nodes} node${this.options.nodes === 1 ? '' : 's'}${family}, ${this.cni.title(version)}${image})`;
  }

  async kubeconfig(): Promise<KubeConfig> {
    const kc = new BoundedKubeConfig();
    kc.loadFromString(await this.kind.kubeconfig(this.options.name));
    return kc;
  }

  async ensureUp(progress: Progress): Promise<void> {
    const { name } = this.options;
    if (this.options.nodes > this.cni.maxNodes) {
      throw new EnvironmentError(
        `--cni ${this.cni.name} works on ${this.cni.maxNodes} node here (the bridge plugin has no routes between nodes), ${this.options.nodes} were asked for`,
        `pass --nodes ${this.cni.maxNodes}, or --cni calico`,
      );
    }
    if (!this.cni.ipFamilies.includes(this.family)) {
      throw new EnvironmentError(
        `--cni ${this.cni.name} cannot be brought up ${FAMILY_TITLE[this.family]} here: ${this.cni.familyRefusal ?? `it supports ${this.cni.ipFamilies.join(', ')}`}`,
        `pass --ip-family ${this.cni.ipFamilies[0] ?? 'ipv4'}, or --cni calico`,
      );
    }
    progress.result(true, `Docker ${await requireDocker(this.run)} running`);
    progress.result(true, `${await this.kind.version()}`);
    if (this.family !== 'ipv4') progress.result(true, await checkKindNetworkFamily(this.run, this.family));
    this.nodeImage = await this.resolveNodeImage();
    progress.info(this.nodeImage.reason);
    const folder = this.cni.dir.split(/[\\/]/).filter(Boolean).at(-1) ?? this.cni.name;
    const sums = verifyChecksums(this.cni.dir, 'SHA256SUMS', `${this.cni.name} files`);
    progress.result(true, `${this.cni.name} files match ${folder}/SHA256SUMS (${sums.map((s) => s.file).join(', ')})`);
    const images = await this.resolveImages(progress);

    const exists = (await this.kind.clusters()).includes(name);
    if (exists) await this.checkReusable(progress);
    else {
      this.createdHere = true;
      const family = this.family === 'ipv4' ? '' : `, ${FAMILY_TITLE[this.family]}`;
      await progress.step(
        `Creating kind cluster "${name}" (${this.options.nodes} node${this.options.nodes === 1 ? '' : 's'}${family})`,
        () => this.createCluster(name),
      );
    }
    try {
      await this.kind.exportKubeconfig(name);
      if (this.options.registryMirror) await this.pointAtMirror(progress, this.options.registryMirror);
      await this.bringUpCni(progress, images, exists);
      await this.containTraffic(progress);
    } catch (err) {
      if (!exists && !this.options.retain) {
        progress.info(`deleting the cluster this run created (keep it for debugging with --retain)`);
        await this.kind.delete(name).catch(() => undefined);
      }
      throw err;
    }
  }

  /**
   * kind create with the config for the node count and family: the repository's file itself for
   * IPv4, else that file with the family's networking, written to a temporary file for kind.
   */
  private async createCluster(name: string): Promise<void> {
    const base = this.files.kindConfig(this.options.nodes);
    const original = readFileSync(base, 'utf8');
    let text = kindConfigForFamily(original, this.family);
    if (this.options.registryMirror) text = kindConfigWithMirror(text, this.options.registryMirror);
    if (text === original) return this.kind.create(name, base, this.nodeImage?.image);
    const dir = mkdtempSync(join(tmpdir(), 'netpol-harness-kind-'));
    try {
      const path = join(dir, `kind-config-${this.family}-${this.options.nodes}node.yaml`);
      writeFileSync(path, text);
      await this.kind.create(name, path, this.nodeImage?.image);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** A reused cluster must have the family asked for: its nodes' pod CIDRs tell it. */
  private async checkFamily(kc: KubeConfig): Promise<void> {
    const nodes = (await kc.makeApiClient(CoreV1Api).listNode()).items;
    const running = familyOfRanges(nodes.flatMap((n) => n.spec?.podCIDRs ?? (n.spec?.podCIDR ? [n.spec.podCIDR] : [])));
    if (running && running !== this.family) {
      throw new EnvironmentError(
        `kind cluster "${this.options.name}" is ${FAMILY_TITLE[running]}, not ${FAMILY_TITLE[this.family]}`,
        `leave --name out (each family has a cluster of its own), or pass --ip-family ${running} for this one`,
      );
    }
  }

  /** After an interrupt (Ctrl-C): deletes the cluster if this driver was creating it, unless retain. */
  async abandon(progress: Progress): Promise<void> {
    if (!this.createdHere) return;
    if (this.options.retain) {
      progress.info(
        `keeping the half-made cluster "${this.options.name}" (--retain); delete it with: netpol-harness down --name ${this.options.name}`,
      );
      return;
    }
    progress.info(`deleting the half-made cluster "${this.options.name}" (keep it with --retain)`);
    await this.kind.delete(this.options.name);
  }

  async down(progress: Progress): Promise<void> {
    const { name } = this.options;
    if (!(await this.kind.clusters()).includes(name)) {
      progress.info(`no kind cluster named "${name}": nothing to delete`);
      return;
    }
    await progress.step(`Deleting kind cluster "${name}"`, () => this.kind.delete(name));
  }

  private async resolveNodeImage(): Promise<NodeImageChoice> {
    if (this.options.nodeImage)
      return {
        image: this.options.nodeImage,
        offline: this.options.offline !== false,
        reason: `node image ${this.options.nodeImage} (--node-image)`,
      };
    const pinned = parseEnvFile(readOptional(this.files.offlineVersions)).K8S_VERSION;
    if (pinned && this.options.offline !== false)
      await ensureImageInDocker(this.run, `${LOCAL_NODE_IMAGE_REPOSITORY}:${pinned}`, this.cacheDir);
    const facts = {
      localImages: await localTags(this.run, LOCAL_NODE_IMAGE_REPOSITORY),
      ...(pinned ? { pinnedKubernetesVersion: pinned } : {}),
    };
    const choice = chooseNodeImage(
      this.options.offline === undefined ? facts : { ...facts, offlineFlag: this.options.offline },
    );
    if ('error' in choice) throw new EnvironmentError(`images not built: ${choice.error}`, BUILD_HINT);
    return choice;
  }

  /** The test and CNI images, made present in Docker; offline, a missing one is an error. */
  private async resolveImages(progress: Progress): Promise<string[]> {
    if (this.options.registryMirror) {
      progress.info(
        `--registry-mirror: nothing is loaded into the nodes; they pull every image through ${mirrorText(this.options.registryMirror)}`,
      );
      return [];
    }
    const wanted = [
      ...imagesFromImageMap(readFileSync(this.files.imageMap, 'utf8')),
      ...this.cni.manifests.flatMap((m) => imagesFromManifest(readFileSync(m, 'utf8'))),
    ];
    const present: string[] = [];
    const missing: string[] = [];
    for (const image of wanted)
      ((await ensureImageInDocker(this.run, image, this.cacheDir)) ? present : missing).push(image);
    if (missing.length > 0 && this.nodeImage?.offline) {
      throw new EnvironmentError(
        `images not built: ${missing.join(', ')} (offline: no registry to pull them from)`,
        BUILD_HINT,
      );
    }
    if (missing.length > 0) progress.info(`not in local Docker, the nodes will pull: ${missing.join(', ')}`);
    return present;
  }

  private async checkReusable(progress: Progress): Promise<void> {
    const nodeNames = await this.kind.nodes(this.options.name);
    const nodes = nodeNames.length;
    if (nodes !== this.options.nodes) {
      throw new EnvironmentError(
        `kind cluster "${this.options.name}" exists with ${nodes} node${nodes === 1 ? '' : 's'}, but ${this.options.nodes} ${this.options.nodes === 1 ? 'was' : 'were'} asked for`,
        `delete it first (netpol-harness down --name ${this.options.name}) or pass --nodes ${nodes}`,
      );
    }
    progress.info(`reusing the existing kind cluster "${this.options.name}" (${nodes} node${nodes === 1 ? '' : 's'})`);
    await this.checkNodeAddress(nodeNames);
    // A reused cluster runs the image it was made with, whatever this command would choose now.
    const running = nodeNames[0] ? await containerImageName(this.run, nodeNames[0]) : undefined;
    if (running && this.nodeImage && running !== this.nodeImage.image) {
      if (this.nodeImage.image)
        progress.info(
          `its nodes run ${running}, not ${this.nodeImage.image}: the node image is chosen when a cluster is made (down, then up, to change it)`,
        );
      this.nodeImage = { ...this.nodeImage, image: running };
    }
    const image = this.nodeImage?.image;
    if (image && (await this.runsOlderBuild(image, nodeNames))) {
      progress.info(
        `its nodes run an older build of ${image} than the one in Docker now (it was rebuilt after the cluster was made): ` +
          `recreate the cluster to run the current build (netpol-harness down --name ${this.options.name}, then up)`,
      );
    }
  }

  /**
   * A kind cluster does not survive its control plane changing address: after a restart of Docker
   * another container on the kind network can come back first and take it. Say so at once, rather
   * than wait minutes for an API server that cannot answer.
   */
  private async checkNodeAddress(nodes: string[]): Promise<void> {
    const node = nodes.find((n) => n.endsWith('-control-plane')) ?? nodes[0];
    if (!node) return;
    const now = await containerAddresses(this.run, node);
    const grep = await this.run(
      'docker',
      ['exec', node, 'grep', '-o', '--', '--advertise-address=[^ ]*', '/etc/kubernetes/manifests/kube-apiserver.yaml'],
      { timeoutMs: 20_000 },
    );
    const advertised = grep.exitCode === 0 ? grep.stdout.trim().split('=')[1] : undefined;
    if (!advertised || now.length === 0 || now.includes(advertised)) return;
    throw new EnvironmentError(
      `kind cluster "${this.options.name}" cannot come back: its node ${node} now has ${now.join(', ')} on the kind network, but its API server was set up for ${advertised} (after a restart of Docker another container took that address first); kind clusters do not survive a change of node address`,
      `netpol-harness down --name ${this.options.name}, then up again (about a minute)`,
    );
  }

  /** True when a node container was made from another image ID than the image's current one. */
  private async runsOlderBuild(image: string, nodes: string[]): Promise<boolean> {
    const current = await imageIdOf(this.run, 'image', image);
    if (!current) return false;
    for (const node of nodes) {
      const used = await imageIdOf(this.run, 'container', node);
      if (used && used !== current) return true;
    }
    return false;
  }

  /** Host rules that keep probes to cluster addresses on this machine (containment.ts says why). */
  private async containTraffic(progress: Progress): Promise<void> {
    // The control plane's static pod manifests name the ranges; kind lists the nodes in no fixed order.
    const nodes = await this.kind.nodes(this.options.name);
    const node = nodes.find((n) => n.endsWith('-control-plane')) ?? nodes[0];
    if (!node) return;
    try {
      const c = await containClusterTraffic(this.run, node);
      progress.result(
        true,
        `cluster addresses stay on this machine: ${c.ranges.join(', ')} rejected when leaving ${c.bridge}${c.added.length ? '' : ' (rules already in place)'}`,
      );
    } catch (err) {
      progress.result(
        false,
        `could not keep cluster addresses on this machine (${err instanceof Error ? err.message : String(err)}): a probe to a Service kube-proxy has not programmed yet may leave the machine`,
      );
    }
  }

  /** A reused cluster must run the CNI asked for: never install a second one over the first. */
  private async checkCni(kc: KubeConfig): Promise<void> {
    const apps = kc.makeApiClient(AppsV1Api);
    const daemonSets = (await apps.listNamespacedDaemonSet({ namespace: 'kube-system' })).items.map(
      (d) => d.metadata?.name ?? '',
    );
    const running = detectCni(daemonSets);
    if (running && running !== this.cni.name) {
      throw new EnvironmentError(
        `kind cluster "${this.options.name}" runs ${running}, not ${this.cni.name}`,
        `give the ${this.cni.name} cluster a name of its own (--name), or leave --cni at ${running} for this one`,
      );
    }
  }

  /**
   * Every node pulls through the mirror only. The mirror is asked first (it must answer and hold
   * the CNI's images and the run's), so a failed check leaves the nodes' hosts as they were.
   */
  private async pointAtMirror(progress: Progress, mirror: Mirror): Promise<void> {
    const nodes = await this.kind.nodes(this.options.name);
    const first = nodes[0];
    if (!first) return;
    for (const node of nodes) {
      if (!(await nodeReadsHostsDir(this.run, node)))
        throw new EnvironmentError(
          `kind cluster "${this.options.name}" was made without --registry-mirror: containerd on ${node} does not read ${CERTS_DIR}, so it would pull from the registries themselves`,
          `delete it (netpol-harness down --name ${this.options.name}) and bring it up again with --registry-mirror`,
        );
    }
    const images = this.cni.manifests.flatMap((m) => imagesFromManifest(readFileSync(m, 'utf8')));
    await requireMirrorHas(this.run, first, mirror, images, this.cni.name);
    progress.result(
      true,
      `the mirror ${mirrorText(mirror)} has the ${plural(new Set(images).size, 'image')} for ${this.cni.name}`,
    );
    const more = this.options.mirrorImages;
    if (more && more.images.length > 0) {
      await requireMirrorHas(this.run, first, mirror, more.images, more.what);
      progress.result(true, `the mirror has the ${plural(new Set(more.images).size, 'image')} for ${more.what}`);
    }
    for (const node of nodes) await writeHostsFiles(this.run, node, mirror);
    progress.result(
      true,
      `containerd on ${nodes.length} node${nodes.length === 1 ? '' : 's'} pulls through ${mirrorText(mirror)} only (${CERTS_DIR}: ${MIRRORED_REGISTRIES.length} registries and _default)`,
    );
  }

  /** When each node container last started (a restart of Docker restarts them all). */
  private async nodeStarts(nodes: string[]): Promise<Map<string, number>> {
    const starts = new Map<string, number>();
    for (const node of nodes) {
      const ms = await containerStartedMs(this.run, node);
      if (ms !== undefined) starts.set(node, ms);
    }
    return starts;
  }

  private async bringUpCni(progress: Progress, images: string[], reused: boolean): Promise<void> {
    const kc = await this.kubeconfig();
    const version = await progress.step('API server answers', () =>
      waitForApiServer(kc, this.options.readyTimeoutSeconds),
    );
    progress.info(`Kubernetes ${version}`);
    if (reused) {
      await this.checkCni(kc);
      await this.checkFamily(kc);
    }
    const requirements = readinessRequirements(this.cni);
    const nodes = await this.kind.nodes(this.options.name);
    const localIds = new Map<string, string>();
    for (const image of images) {
      const id = await imageIdOf(this.run, 'image', image);
      if (id) localIds.set(image, id);
    }
    const missing = imagesMissingOnNodes(
      images,
      await Promise.all(nodes.map((n) => imagesOnNode(this.run, n))),
      localIds,
    );
    if (images.length === 0) {
      // --registry-mirror: the nodes pull everything
    } else if (missing.length === 0)
      progress.info(`all ${images.length} images already on the node${nodes.length === 1 ? '' : 's'}`);
    else
      await progress.step(`Loading ${missing.length} of ${images.length} images into the nodes`, () =>
        this.kind.loadImages(this.options.name, missing),
      );
    const nodeStarts = await this.nodeStarts(nodes);
    const read = async () => withNodeStarts(await readSnapshot(kc, requirements), nodeStarts);
    const healthy =
      reused &&
      allReady(
        evaluateReadiness(await read().catch(() => ({ nodes: [], workloads: [] })), requirements, {
          expectedNodes: this.options.nodes,
        }),
      );
    if (healthy) progress.info(`${this.cni.name}, nodes and CoreDNS already Ready`);
    else {
      for (const manifest of this.cni.manifests) {
        const shown = manifest.startsWith(this.files.root)
          ? manifest.slice(this.files.root.length).replace(/^[\\/]/, '')
          : manifest;
        const checked = readFileSync(manifest, 'utf8');
        const text = this.cni.renderManifest(manifest, checked, this.family, this.options.nodes);
        const family =
          text === checked
            ? ''
            : this.family === 'ipv4'
              ? ` for ${this.options.nodes} nodes`
              : ` for ${FAMILY_TITLE[this.family]}`;
        await progress.step(`Applying ${shown}${family} (server-side)`, () => serverSideApply(kc, text));
      }
    }
    await waitForReady({
      readSnapshot: read,
      readDiagnostics: () => readDiagnostics(kc),
      requirements,
      expectedNodes: this.options.nodes,
      settleSeconds: SETTLE_SECONDS,
      readyTimeoutSeconds: this.options.readyTimeoutSeconds,
      progress,
    });
  }
}

/** `1 image`, `3 images`. */
function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The snapshot with each kind node's container start (a pod status older than that is stale). */
function withNodeStarts(snapshot: ClusterSnapshot, starts: ReadonlyMap<string, number>): ClusterSnapshot {
  return {
    ...snapshot,
    nodes: snapshot.nodes.map((n) => {
      const startedMs = starts.get(n.name);
      return startedMs === undefined ? n : { ...n, startedMs };
    }),
  };
}

function readOptional(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
