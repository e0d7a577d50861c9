import type { RunCommand } from './program-runner.js';

/**
 * Pure: an image reference as containerd names it (`nginx` → `docker.io/library/nginx:latest`,
 * `calico/node:v3` → `docker.io/calico/node:v3`).
 */
export function containerdImageName(image: string): string {
  const firstSlash = image.indexOf('/');
  const first = firstSlash < 0 ? '' : image.slice(0, firstSlash);
  const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  let name = hasRegistry ? image : firstSlash < 0 ? `docker.io/library/${image}` : `docker.io/${image}`;
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  if (!lastSegment.includes(':') && !lastSegment.includes('@')) name += ':latest';
  return name;
}

/** The image names containerd holds on one kind node (namespace k8s.io), by `ctr` inside the node. */
export async function imagesOnNode(run: RunCommand, node: string): Promise<Set<string>> {
  const r = await run('docker', ['exec', node, 'ctr', '--namespace=k8s.io', 'images', 'ls', '-q']);
  return new Set(
    r.exitCode === 0
      ? r.stdout
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  );
}

/**
 * Pure: the images some node lacks, or holds in another build. containerd's CRI lists every image
 * by its ID too (`sha256:…`, Docker's image ID), so an image rebuilt under the same tag, whose ID
 * is in `localIds`, is missing on a node that has only the old one.
 */
export function imagesMissingOnNodes(
  images: string[],
  nodeImages: Set<string>[],
  localIds: ReadonlyMap<string, string> = new Map(),
): string[] {
  return images.filter(
    (image) =>
      nodeImages.length === 0 ||
      nodeImages.some((held) => {
        const id = localIds.get(image);
        return !held.has(containerdImageName(image)) || (id !== undefined && !held.has(id));
      }),
  );
}
