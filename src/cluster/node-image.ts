// Choosing the kind node image: the locally built one (offline) or kind's default (online).

export const LOCAL_NODE_IMAGE_REPOSITORY = 'netpol-harness/kind-node';
/** kind's published node images: the pulled path's, pinned to offline/versions.env's K8S_VERSION. */
export const UPSTREAM_NODE_IMAGE_REPOSITORY = 'kindest/node';

export interface NodeImageChoice {
  /** undefined: let kind use its default image (pulled from a registry). */
  image?: string;
  offline: boolean;
  /** Why this image, for the progress line. */
  reason: string;
}

export interface NodeImageFacts {
  /** --offline given (true), --no-offline (false), or neither (undefined: decide from what exists). */
  offlineFlag?: boolean;
  /** Local `netpol-harness/kind-node:*` images. */
  localImages: string[];
  /** K8S_VERSION from offline/versions.env, to prefer the image of the pinned version. */
  pinnedKubernetesVersion?: string;
}

/** Pure: which node image to use, or an error message when --offline has none to use. */
export function chooseNodeImage(facts: NodeImageFacts): NodeImageChoice | { error: string } {
  const pinned = facts.pinnedKubernetesVersion && `${LOCAL_NODE_IMAGE_REPOSITORY}:${facts.pinnedKubernetesVersion}`;
  const local = pinned && facts.localImages.includes(pinned) ? pinned : [...facts.localImages].sort().at(-1);
  if (facts.offlineFlag === false) {
    // The Kubernetes version the verdicts were proven on, not whatever kind defaults to today.
    if (facts.pinnedKubernetesVersion) {
      const image = `${UPSTREAM_NODE_IMAGE_REPOSITORY}:${facts.pinnedKubernetesVersion}`;
      return {
        image,
        offline: false,
        reason: `node image ${image} (--no-offline: the Kubernetes version proven offline)`,
      };
    }
    return { offline: false, reason: "kind's default node image (--no-offline)" };
  }
  if (local) {
    const why = facts.offlineFlag ? '--offline' : 'found locally, so running offline';
    return { image: local, offline: true, reason: `node image ${local} (${why})` };
  }
  if (facts.offlineFlag)
    return { error: `--offline: no local node image ${pinned || `${LOCAL_NODE_IMAGE_REPOSITORY}:*`}` };
  return {
    offline: false,
    reason: `kind's default node image (no local ${LOCAL_NODE_IMAGE_REPOSITORY} image; it will be pulled)`,
  };
}

/** Pure: KEY=value lines of a versions.env file. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m?.[1])
      out[m[1]] = (m[2] ?? '')
        .replace(/\s+#.*$/, '')
        .trim()
        .replace(/^["']|["']$/g, '');
  }
  return out;
}
