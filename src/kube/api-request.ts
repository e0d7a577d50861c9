import {
  CoreV1Api,
  type KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { apiFailureOf, unservedKindOf } from './api-error.js';
import { withDeadlines } from './request-deadline.js';
import type { ApiAnswer, ApiRequest } from './types.js';

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** The same cluster and credentials, every request impersonating `as` (the Impersonate-User header). */
export function impersonating(kubeConfig: KubeConfig, as: string): KubeConfig {
  const current = kubeConfig.getCurrentUser();
  return withDeadlines(kubeConfig).copy(
    kubeConfig.getUsers().map((u) => (u.name === current?.name ? { ...u, impersonateUser: as } : u)),
  );
}

/** Runs one request through the real client; API refusals (and a kind the server does not serve: 404) come back as answers. */
export async function sendApiRequest(kubeConfig: KubeConfig, request: ApiRequest): Promise<ApiAnswer> {
  const kc = request.as ? impersonating(kubeConfig, request.as) : withDeadlines(kubeConfig);
  try {
    switch (request.verb) {
      case 'create':
        await KubernetesObjectApi.makeApiClient(kc).create(request.manifest as unknown as KubernetesObject);
        return { ok: true, code: 201 };
      case 'get':
        await KubernetesObjectApi.makeApiClient(kc).read({
          apiVersion: request.apiVersion,
          kind: request.kind,
          metadata: { name: request.name, namespace: request.namespace },
        });
        return { ok: true, code: 200 };
      case 'list': {
        const list = await KubernetesObjectApi.makeApiClient(kc).list(
          request.apiVersion,
          request.kind,
          request.namespace,
        );
        return { ok: true, code: 200, items: list.items.length };
      }
      case 'label':
        await kc
          .makeApiClient(CoreV1Api)
          .patchNamespacedPod(
            { namespace: request.namespace, name: request.name, body: { metadata: { labels: request.labels } } },
            mergePatch,
          );
        return { ok: true, code: 200 };
    }
  } catch (err) {
    const failure = apiFailureOf(err) ?? unservedKindOf(err);
    if (!failure) throw err;
    return {
      ok: false,
      code: failure.status,
      ...(failure.reason ? { reason: failure.reason } : {}),
      message: failure.message,
    };
  }
}
