import type { NetworkingV1Api, V1NetworkPolicy } from '@kubernetes/client-node';
import { apiFailureOf, contextualError } from './api-error.js';
import { rawJsonBody } from './raw-body.js';
import type { ApplyResult } from './types.js';

type Manifest = Record<string, unknown>;

/** A rejection the API server gave (4xx) becomes data; anything else (transport, 5xx) is thrown with context. */
function asRejection(err: unknown, doing: string): ApplyResult {
  const failure = apiFailureOf(err);
  if (failure && failure.status >= 400 && failure.status < 500)
    return { accepted: false, status: failure.status, message: failure.message };
  throw contextualError(doing, err);
}

function nameOf(manifest: Manifest): string {
  const meta = manifest.metadata as { name?: unknown } | undefined;
  return typeof meta?.name === 'string' ? meta.name : '';
}

/**
 * `kubectl apply` of one NetworkPolicy: create it, and when one of that name already exists
 * (409), replace it with this version (PUT carrying the live resourceVersion). Both requests use
 * strict field validation and send the manifest exactly as given, so a typo is rejected on an
 * update as on a create; a rejected update leaves the old version in force.
 */
export async function createOrReplaceNetworkPolicy(
  api: NetworkingV1Api,
  namespace: string,
  manifest: Manifest,
): Promise<ApplyResult> {
  const name = nameOf(manifest);
  const what = `networkpolicy ${namespace}/${name || '(unnamed)'}`;
  try {
    await api.createNamespacedNetworkPolicy(
      { namespace, body: manifest as V1NetworkPolicy, fieldValidation: 'Strict' },
      rawJsonBody(manifest),
    );
    return { accepted: true, operation: 'created' };
  } catch (err) {
    if (apiFailureOf(err)?.status !== 409 || !name) return asRejection(err, `create ${what}`);
  }
  let resourceVersion: string | undefined;
  try {
    resourceVersion = (await api.readNamespacedNetworkPolicy({ namespace, name })).metadata?.resourceVersion;
  } catch (err) {
    throw contextualError(`read ${what} to replace it`, err);
  }
  const body: Manifest = {
    ...manifest,
    metadata: { ...(manifest.metadata as Manifest), ...(resourceVersion ? { resourceVersion } : {}) },
  };
  try {
    await api.replaceNamespacedNetworkPolicy(
      { namespace, name, body: body as V1NetworkPolicy, fieldValidation: 'Strict' },
      rawJsonBody(body),
    );
    return { accepted: true, operation: 'configured' };
  } catch (err) {
    return asRejection(err, `replace ${what}`);
  }
}
