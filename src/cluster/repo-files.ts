import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root (for kind-config.yaml, calico/, offline/), from this module's location. */
export const REPO_DIR = fileURLToPath(new URL('../../', import.meta.url));

export interface RepoFiles {
  /** The repository root: the CNIs' folders (calico/, kube-router/, …) are found from it. */
  root: string;
  kindConfig: (nodes: 1 | 2) => string;
  imageMap: string;
  offlineVersions: string;
}

export function repoFiles(root: string = REPO_DIR): RepoFiles {
  return {
    root,
    kindConfig: (nodes) => join(root, nodes === 2 ? 'kind-config-2node.yaml' : 'kind-config.yaml'),
    imageMap: join(root, 'offline', 'image-map.yaml'),
    offlineVersions: join(root, 'offline', 'versions.env'),
  };
}
