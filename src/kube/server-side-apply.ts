import {
  KubernetesObjectApi,
  PatchStrategy,
  loadAllYaml,
  type KubeConfig,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { contextualError } from './api-error.js';
import { withDeadlines } from './request-deadline.js';

export const FIELD_MANAGER = 'netpol-harness';

/** `kubectl apply --server-side` of every object in a multi-document YAML text, in order. */
export async function serverSideApply(kubeConfig: KubeConfig, yamlText: string): Promise<string[]> {
  const api = KubernetesObjectApi.makeApiClient(withDeadlines(kubeConfig));
  const applied: string[] = [];
  for (const obj of (loadAllYaml(yamlText) as (KubernetesObject | null)[]).filter((o): o is KubernetesObject =>
    Boolean(o?.kind),
  )) {
    const what = `${obj.kind?.toLowerCase()} ${obj.metadata?.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata?.name}`;
    try {
      await api.patch(obj, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
    } catch (err) {
      throw contextualError(`apply ${what}`, err);
    }
    applied.push(what);
  }
  return applied;
}
