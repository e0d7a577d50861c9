import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { EnvironmentError } from '../errors.js';
import { serverSideApply } from '../kube/server-side-apply.js';
import { waitForApiServer } from './api-server.js';
import { verifyChecksums } from './calico-checksums.js';
import { ensureImageInDocker, localTags, offlineCacheDir, requireDocker } from './docker.js';
import type { ClusterDriver, Progress } from './driver.js';
import { imagesFromImageMap, imagesFromManifest } from './images.js';
import { KindCli } from './kind-cli.js';
import { imagesMissingOnNodes, imagesOnNode } from './node-images.js';
import { chooseNodeImage, LOCAL_NODE_IMAGE_REPOSITORY, parseEnvFile, type NodeImageChoice } from './node-image.js';
import { allReady, CALICO_KUBE_CONTROLLERS, CALICO_NODE, COREDNS, evaluateReadiness } from './readiness.js';
import { repoFiles, type RepoFiles } from './repo-files.js';
import { runWithExeca, type RunCommand } from './run-command.js';
import { readDiagnostics, readSnapshot } from './snapshot.js';
import { waitForReady } from './wait-ready.js';

export const DEFAULT_CLUSTER_NAME = 'netpol-harness';
export const DEFAULT_READY_TIMEOUT_SECONDS = 300;
export const BUILD_HINT = 'bash offline/build.sh';
const KIND_REQUIREMENTS = [CALICO_NODE, CALICO_KUBE_CONTROLLERS, COREDNS];

export interface KindDriverOptions {
  name: string;
  nodes: 1 | 2;
  /** true: --offline, false: --no-offline, undefined: offline when the local node image exists. */
  offline?: boolean;
  readyTimeoutSeconds: number;
  /** Keep a cluster this call created even if it never became ready. */
  retain?: boolean;
  run?: RunCommand;
  files?: RepoFiles;
  cacheDir?: string;
}

/** A kind cluster with Calico from calico/: created, or reused when it already exists. */
export class KindDriver implements ClusterDriver {
  private readonly kind: KindCli;
  private readonly run: RunCommand;
  private readonly files: RepoFiles;
  private readonly cacheDir: string;
  private nodeImage?: NodeImageChoice;
  /** Set once this driver starts creating the cluster: what abandon() deletes. */
  private createdHere = false;

  constructor(private readonly options: KindDriverOptions) {
    this.run = options.run ?? runWithExeca;
    this.kind = new KindCli(this.run);
    this.files = options.files ?? repoFiles();
    this.cacheDir = options.cacheDir ?? offlineCacheDir();
  }

  describe(): string {
    const calico = parseEnvFile(readOptional(this.files.calicoVersions)).CALICO_VERSION ?? '';
    const image = this.nodeImage?.image ? `, node image ${this.nodeImage.image}` : '';
    return `kind cluster "${this.options.name}" (${this.options.nodes} node${this.options.nodes === 1 ? '' : 's'}, Calico ${calico} VXLAN${image})`;
  }

  async kubeconfig(): Promise<KubeConfig> {
    const kc = new KubeConfig();
    kc.loadFromString(await this.kind.kubeconfig(this.options.name));
    return kc;
  }

  async ensureUp(progress: Progress): Promise<void> {
    const { name } = this.options;
    progress.result(true, `Docker ${await requireDocker(this.run)} running`);
    progress.result(true, `${await this.kind.version()}`);
    this.nodeImage = await this.resolveNodeImage();
    progress.info(this.nodeImage.reason);
    const sums = verifyChecksums(this.files.calicoDir);
    progress.result(true, `Calico manifests match calico/SHA256SUMS (${sums.map((s) => s.file).join(', ')})`);
    const images = await this.resolveImages(progress);

    const exists = (await this.kind.clusters()).includes(name);
    if (exists) await this.checkReusable(progress);
    else {
      this.createdHere = true;
      await progress.step(`Creating kind cluster "${name}" (${this.options.nodes} node${this.options.nodes === 1 ? '' : 's'})`, () => this.kind.create(name, this.files.kindConfig(this.options.nodes), this.nodeImage?.image));
    }
    try {
      await this.kind.exportKubeconfig(name);
      await this.bringUpCalico(progress, images, exists);
    } catch (err) {
      if (!exists && !this.options.retain) {
        progress.info(`deleting the cluster this run created (keep it for debugging with --retain)`);
        await this.kind.delete(name).catch(() => undefined);
      }
      throw err;
    }
  }

  /** After an interrupt (Ctrl-C): deletes the cluster if this driver was creating it, unless retain. */
  async abandon(progress: Progress): Promise<void> {
    if (!this.createdHere) return;
    if (this.options.retain) {
      progress.info(`keeping the half-made cluster "${this.options.name}" (--retain); delete it with: netpol-harness down --name ${this.options.name}`);
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
    const pinned = parseEnvFile(readOptional(this.files.offlineVersions)).K8S_VERSION;
    if (pinned && this.options.offline !== false) await ensureImageInDocker(this.run, `${LOCAL_NODE_IMAGE_REPOSITORY}:${pinned}`, this.cacheDir);
    const facts = { localImages: await localTags(this.run, LOCAL_NODE_IMAGE_REPOSITORY), ...(pinned ? { pinnedKubernetesVersion: pinned } : {}) };
    const choice = chooseNodeImage(this.options.offline === undefined ? facts : { ...facts, offlineFlag: this.options.offline });
    if ('error' in choice) throw new EnvironmentError(`images not built: ${choice.error}`, BUILD_HINT);
    return choice;
  }

  /** The test and Calico images, made present in Docker; offline, a missing one is an error. */
  private async resolveImages(progress: Progress): Promise<string[]> {
    const wanted = [...imagesFromImageMap(readFileSync(this.files.imageMap, 'utf8')), ...imagesFromManifest(readFileSync(this.files.calicoManifest, 'utf8'))];
    const present: string[] = [];
    const missing: string[] = [];
    for (const image of wanted) ((await ensureImageInDocker(this.run, image, this.cacheDir)) ? present : missing).push(image);
    if (missing.length > 0 && this.nodeImage?.offline) {
      throw new EnvironmentError(`images not built: ${missing.join(', ')} (offline: no registry to pull them from)`, BUILD_HINT);
    }
    if (missing.length > 0) progress.info(`not in local Docker, the nodes will pull: ${missing.join(', ')}`);
    return present;
  }

  private async checkReusable(progress: Progress): Promise<void> {
    const nodes = (await this.kind.nodes(this.options.name)).length;
    if (nodes !== this.options.nodes) {
      throw new EnvironmentError(
        `kind cluster "${this.options.name}" exists with ${nodes} node${nodes === 1 ? '' : 's'}, but ${this.options.nodes} ${this.options.nodes === 1 ? 'was' : 'were'} asked for`,
        `delete it first (netpol-harness down --name ${this.options.name}) or pass --nodes ${nodes}`,
      );
    }
    progress.info(`reusing the existing kind cluster "${this.options.name}" (${nodes} node${nodes === 1 ? '' : 's'})`);
  }

  private async bringUpCalico(progress: Progress, images: string[], reused: boolean): Promise<void> {
    const kc = await this.kubeconfig();
    const version = await progress.step('API server answers', () => waitForApiServer(kc, this.options.readyTimeoutSeconds));
    progress.info(`Kubernetes ${version}`);
    const nodes = await this.kind.nodes(this.options.name);
    const missing = imagesMissingOnNodes(images, await Promise.all(nodes.map((n) => imagesOnNode(this.run, n))));
    if (missing.length === 0) progress.info(`all ${images.length} images already on the node${nodes.length === 1 ? '' : 's'}`);
    else await progress.step(`Loading ${missing.length} of ${images.length} images into the nodes`, () => this.kind.loadImages(this.options.name, missing));
    const healthy = reused && allReady(evaluateReadiness(await readSnapshot(kc, KIND_REQUIREMENTS).catch(() => ({ nodes: [], workloads: [] })), KIND_REQUIREMENTS, this.options.nodes));
    if (healthy) progress.info('Calico, nodes and CoreDNS already Ready');
    else {
      await progress.step('Applying calico/crds.yaml (server-side)', () => serverSideApply(kc, readFileSync(this.files.calicoCrds, 'utf8')));
      await progress.step('Applying calico/calico.yaml (server-side)', () => serverSideApply(kc, readFileSync(this.files.calicoManifest, 'utf8')));
    }
    await waitForReady({
      readSnapshot: () => readSnapshot(kc, KIND_REQUIREMENTS),
      readDiagnostics: () => readDiagnostics(kc),
      requirements: KIND_REQUIREMENTS,
      expectedNodes: this.options.nodes,
      readyTimeoutSeconds: this.options.readyTimeoutSeconds,
      progress,
    });
  }
}

function readOptional(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
