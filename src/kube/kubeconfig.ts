import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { readBoundedText } from '../bounded-file.js';
import { BoundedKubeConfig } from './request-deadline.js';

/** Where to find the cluster: a kubeconfig file and context, or the defaults (KUBECONFIG, ~/.kube/config). */
export interface KubeconfigSource {
  kubeconfigPath?: string;
  context?: string;
}

/** A kubeconfig holds a few clusters' certificates and tokens: kilobytes, rarely a megabyte. */
export const KUBECONFIG_FILE_LIMIT = { maxBytes: 16 * 1024 * 1024, what: 'a kubeconfig file' };

/**
 * Loads a KubeConfig whose requests have deadlines; throws with the file or context named when
 * either is unusable. As kubectl: --kubeconfig is one file that must exist; the files of
 * $KUBECONFIG are merged, skipping those that do not exist, the first to set a value winning.
 */
export function loadKubeConfig(source: KubeconfigSource = {}, env: NodeJS.ProcessEnv = process.env): KubeConfig {
  const kc = new BoundedKubeConfig();
  if (source.kubeconfigPath) {
    const one = readKubeconfigFile(source.kubeconfigPath);
    if (!one) throw new Error(`unable to read kubeconfig ${source.kubeconfigPath}: no such file or directory`);
    kc.loadFromOptions(one);
  } else {
    const candidates = defaultKubeconfigFiles(env);
    const found = candidates.map(readKubeconfigFile).filter((c): c is KubeconfigParts => c !== undefined);
    if (found.length) kc.loadFromOptions(mergeKubeconfigs(found));
    else if (env.KUBERNETES_SERVICE_HOST) kc.loadFromCluster();
    else throw new Error(`no kubeconfig found (looked at ${candidates.join(', ')})`);
  }
  if (source.context) {
    const known = kc.getContexts().map((c) => c.name);
    if (!known.includes(source.context)) {
      throw new Error(`no context "${source.context}" in the kubeconfig (known: ${known.join(', ') || 'none'})`);
    }
    kc.setCurrentContext(source.context);
  }
  if (!kc.getCurrentCluster()) throw new Error('the kubeconfig names no current cluster');
  return kc;
}

/** What one kubeconfig file holds, its relative paths made absolute. */
export interface KubeconfigParts {
  clusters: Cluster[];
  users: User[];
  contexts: Context[];
  currentContext: string;
}

/** One file, read bounded and parsed; undefined when it does not exist. Throws, naming the file, when it is unusable. */
function readKubeconfigFile(path: string): KubeconfigParts | undefined {
  const read = readBoundedText(path, KUBECONFIG_FILE_LIMIT);
  if (!read.ok) {
    if (read.missing) return undefined;
    throw new Error(`unable to read kubeconfig ${path}: ${read.message}`);
  }
  const kc = new KubeConfig();
  try {
    kc.loadFromString(read.text);
  } catch (cause) {
    throw new Error(`unable to read kubeconfig ${path}: ${messageOf(cause)}`, { cause });
  }
  kc.makePathsAbsolute(dirname(path));
  return {
    clusters: kc.getClusters(),
    users: kc.getUsers(),
    contexts: kc.getContexts(),
    currentContext: kc.currentContext,
  };
}

/**
 * kubectl's merge of $KUBECONFIG's files: the first file to set current-context, or to name a
 * cluster, user or context, wins; later entries of the same name are dropped whole. Pure.
 */
export function mergeKubeconfigs(parts: readonly KubeconfigParts[]): KubeconfigParts {
  const firstByName = <T extends { name: string }>(lists: T[][]): T[] => {
    const seen = new Map<string, T>();
    for (const list of lists) for (const item of list) if (!seen.has(item.name)) seen.set(item.name, item);
    return [...seen.values()];
  };
  return {
    clusters: firstByName(parts.map((p) => p.clusters)),
    users: firstByName(parts.map((p) => p.users)),
    contexts: firstByName(parts.map((p) => p.contexts)),
    currentContext: parts.find((p) => p.currentContext)?.currentContext ?? '',
  };
}

/** $KUBECONFIG's files, or ~/.kube/config: where kubectl looks. */
export function defaultKubeconfigFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  return fromEnv.length ? fromEnv : [join(homedir(), '.kube', 'config')];
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
