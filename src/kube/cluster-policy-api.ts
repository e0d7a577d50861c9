// ClusterNetworkPolicy (policy.networking.k8s.io, cluster-scoped) through the custom objects API:
// `kubectl apply` of one, delete by name, and delete every one the harness labelled.
import type { CustomObjectsApi } from '@kubernetes/client-node';
import { contextualError, isNotFound } from './api-error.js';
import { createOrReplace, nameOf, type Manifest } from './apply-policy.js';
import { rawJsonBody } from './raw-body.js';
import type { ApplyResult } from './types.js';

export const CNP_GROUP = 'policy.networking.k8s.io';
export const CNP_PLURAL = 'clusternetworkpolicies';
/** The versions of ClusterNetworkPolicy asked for, newest first. */
export const CNP_VERSIONS = ['v1beta1', 'v1alpha2'] as const;

/** The version part of `policy.networking.k8s.io/v1beta1`; undefined for another group. */
export function cnpVersionOf(apiVersion: unknown): string | undefined {
  if (typeof apiVersion !== 'string' || !apiVersion.startsWith(`${CNP_GROUP}/`)) return undefined;
  return apiVersion.slice(CNP_GROUP.length + 1) || undefined;
}

/**
 * Creates the ClusterNetworkPolicy, or replaces the one of that name (409): strict field
 * validation, the manifest sent exactly as given, as for a NetworkPolicy (createOrReplace).
 */
export function createOrReplaceClusterNetworkPolicy(api: CustomObjectsApi, manifest: Manifest): Promise<ApplyResult> {
  const version = cnpVersionOf(manifest.apiVersion);
  if (!version)
    return Promise.resolve({
      accepted: false,
      status: 400,
      message: `apiVersion ${String(manifest.apiVersion)} is not ${CNP_GROUP}/…`,
    });
  const at = { group: CNP_GROUP, version, plural: CNP_PLURAL };
  return createOrReplace(
    {
      what: `clusternetworkpolicy ${nameOf(manifest) || '(unnamed)'}`,
      create: (body) => api.createClusterCustomObject({ ...at, body, fieldValidation: 'Strict' }, rawJsonBody(body)),
      read: async (name) =>
        (await api.getClusterCustomObject({ ...at, name })) as { metadata?: { resourceVersion?: string } },
      replace: (name, body) =>
        api.replaceClusterCustomObject({ ...at, name, body, fieldValidation: 'Strict' }, rawJsonBody(body)),
    },
    manifest,
  );
}

/** Deletes one by name; NotFound is no error. */
export async function deleteClusterNetworkPolicy(api: CustomObjectsApi, version: string, name: string): Promise<void> {
  try {
    await api.deleteClusterCustomObject({ group: CNP_GROUP, version, plural: CNP_PLURAL, name });
  } catch (err) {
    if (!isNotFound(err)) throw contextualError(`delete clusternetworkpolicy ${name}`, err);
  }
}

/**
 * Deletes every ClusterNetworkPolicy matching labelSelector, through the first of `versions` the
 * server serves (all versions of a CRD list the same objects); none when it serves none.
 */
export async function deleteLabelledClusterNetworkPolicies(
  api: CustomObjectsApi,
  versions: readonly string[],
  labelSelector: string,
): Promise<string[]> {
  for (const version of versions) {
    let names: string[];
    try {
      const list = (await api.listClusterCustomObject({
        group: CNP_GROUP,
        version,
        plural: CNP_PLURAL,
        labelSelector,
      })) as { items?: { metadata?: { name?: string } }[] };
      names = (list.items ?? []).map((i) => i.metadata?.name ?? '').filter(Boolean);
    } catch (err) {
      if (isNotFound(err)) continue;
      throw contextualError(`list clusternetworkpolicies (${labelSelector})`, err);
    }
    for (const name of names) await deleteClusterNetworkPolicy(api, version, name);
    return names;
  }
  return [];
}
