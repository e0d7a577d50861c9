import type { NetworkingV1Api, V1NetworkPolicy } from '@kubernetes/client-node';
import { apiFailureOf, contextualError } from './api-error.js';
import { rawJsonBody } from './raw-body.js';
import type { ApplyResult } from './types.js';

export type Manifest = Record<string, unknown>;

/** A rejection the API server gave (4xx) becomes data; anything else (transport, 5xx) is thrown with context. */
function asRejection(err: unknown, doing: string): ApplyResult {
  const failure = apiFailureOf(err);
  if (failure && failure.status >= 400 && failure.status < 500)
    return { accepted: false, status: failure.status, message: failure.message };
  throw contextualError(doing, err);
}

export function nameOf(manifest: Manifest): string {
  const meta = manifest.metadata as { name?: unknown } | undefined;
  return typeof meta?.name === 'string' ? meta.name : '';
}

/** The three requests `kubectl apply` makes of one kind of object, its name given. */
export interface ObjectWrites {
  /** How errors name it: `networkpolicy ns/web`. */
  what: string;
  create(body: Manifest): Promise<unknown>;
  read(name: string): Promise<{ metadata?: { resourceVersion?: string } }>;
  replace(name: string, body: Manifest): Promise<unknown>;
}

/**
 * `kubectl apply` of one object: create it, and when one of that name already exists (409),
 * replace it with this version (PUT carrying the live resourceVersion). The callers send both with
 * strict field validation and the manifest exactly as given, so a typo is rejected on an update as
 * on a create; a rejected update leaves the old version in force.
 */
export async function createOrReplace(writes: ObjectWrites, manifest: Manifest): Promise<ApplyResult> {
  const name = nameOf(manifest);
  try {
    await writes.create(manifest);
    return { accepted: true, operation: 'created' };
  } catch (err) {
    if (apiFailureOf(err)?.status !== 409 || !name) return asRejection(err, `create ${writes.what}`);
  }
  let resourceVersion: string | undefined;
  try {
    resourceVersion = (await writes.read(name)).metadata?.resourceVersion;
  } catch (err) {
    throw contextualError(`read ${writes.what} to replace it`, err);
  }
  const body: Manifest = {
    ...manifest,
    metadata: { ...(manifest.metadata as Manifest), ...(resourceVersion ? { resourceVersion } : {}) },
  };
  try {
    await writes.replace(name, body);
    return { accepted: true, operation: 'configured' };
  } catch (err) {
    return asRejection(err, `replace ${writes.what}`);
  }
}

/** `kubectl apply` of one NetworkPolicy (createOrReplace). */
export function createOrReplaceNetworkPolicy(
  api: NetworkingV1Api,
  namespace: string,
  manifest: Manifest,
): Promise<ApplyResult> {
  return createOrReplace(
    {
      what: `networkpolicy ${namespace}/${nameOf(manifest) || '(unnamed)'}`,
      create: (body) =>
        api.createNamespacedNetworkPolicy(
          { namespace, body: body as V1NetworkPolicy, fieldValidation: 'Strict' },
          rawJsonBody(body),
        ),
      read: (name) => api.readNamespacedNetworkPolicy({ namespace, name }),
      replace: (name, body) =>
        api.replaceNamespacedNetworkPolicy(
          { namespace, name, body: body as V1NetworkPolicy, fieldValidation: 'Strict' },
          rawJsonBody(body),
        ),
    },
    manifest,
  );
}
