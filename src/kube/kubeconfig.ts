import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

/** Where to find the cluster: a kubeconfig file and context, or the defaults (KUBECONFIG, ~/.kube/config). */
export interface KubeconfigSource {
  kubeconfigPath?: string;
  context?: string;
}

/** Loads a KubeConfig; throws with the file or context named when either is unusable. */
export function loadKubeConfig(source: KubeconfigSource = {}): KubeConfig {
  const kc = new KubeConfig();
  if (source.kubeconfigPath) {
    try {
      kc.loadFromFile(source.kubeconfigPath);
    } catch (cause) {
      throw new Error(`unable to read kubeconfig ${source.kubeconfigPath}: ${messageOf(cause)}`, { cause });
    }
  } else {
    const candidates = defaultKubeconfigFiles();
    if (!candidates.some((f) => existsSync(f)) && !process.env.KUBERNETES_SERVICE_HOST) {
      throw new Error(`no kubeconfig found (looked at ${candidates.join(', ')})`);
    }
    kc.loadFromDefault();
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

/** $KUBECONFIG's files, or ~/.kube/config: where kubectl looks. */
export function defaultKubeconfigFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  return fromEnv.length ? fromEnv : [join(homedir(), '.kube', 'config')];
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
