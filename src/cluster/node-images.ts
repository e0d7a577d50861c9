import type { RunCommand } from './run-command.js';

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
 * Pure: the images some node lacks. kind load checks presence with crictl and reloads everything
 * when a node has none; this checks by name, so a rebuilt image under the same tag is not reloaded.
 */
export function imagesMissingOnNodes(images: string[], nodeImages: Set<string>[]): string[] {
  return images.filter(
    (image) => nodeImages.length === 0 || nodeImages.some((held) => !held.has(containerdImageName(image))),
  );
}
