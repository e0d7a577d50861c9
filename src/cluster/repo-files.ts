import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root (for kind-config.yaml, calico/, offline/), from this module's location. */
export const REPO_DIR = fileURLToPath(new URL('../../', import.meta.url));

export interface RepoFiles {
  kindConfig: (nodes: 1 | 2) => string;
  calicoDir: string;
  calicoCrds: string;
  calicoManifest: string;
  calicoVersions: string;
  imageMap: string;
  offlineVersions: string;
}

export function repoFiles(root: string = REPO_DIR): RepoFiles {
  return {
    kindConfig: (nodes) => join(root, nodes === 2 ? 'kind-config-2node.yaml' : 'kind-config.yaml'),
    calicoDir: join(root, 'calico'),
    calicoCrds: join(root, 'calico', 'crds.yaml'),
    calicoManifest: join(root, 'calico', 'calico.yaml'),
    calicoVersions: join(root, 'calico', 'versions.env'),
    imageMap: join(root, 'offline', 'image-map.yaml'),
    offlineVersions: join(root, 'offline', 'versions.env'),
  };
}
