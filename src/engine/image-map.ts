import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** Document image names to the local stand-ins (offline/image-map.yaml). */
export interface ImageMap {
  images: Record<string, string>;
}

export const DEFAULT_IMAGE_MAP_FILE = 'offline/image-map.yaml';
/** The map's entry for workloads whose document names no real image. */
export const DEFAULT_SERVER_KEY = 'default-server';
/** The generic server: env TCP_PORTS / UDP_PORTS say what it listens on. */
export const GENERIC_SERVER_REPOSITORY = 'netpol-harness/server';

export function loadImageMap(file = DEFAULT_IMAGE_MAP_FILE): ImageMap {
  const doc = parse(readFileSync(file, 'utf8')) as { images?: Record<string, string> } | null;
  if (!doc || typeof doc.images !== 'object') throw new Error(`${file}: no "images" mapping`);
  return { images: { ...doc.images } };
}

function repository(image: string): string {
  const at = image.lastIndexOf(':');
  return at > image.lastIndexOf('/') ? image.slice(0, at) : image;
}

/**
 * The image a pod runs. Offline, every document image goes through the map. Online, document
 * images are pulled as written. Either way our own images (`netpol-harness/…`, untagged in
 * scenarios) get the map's tag, and an image the map does not know is the generic server.
 */
export function resolveImage(image: string, map: ImageMap, offline: boolean): string {
  const values = Object.values(map.images);
  if (image.startsWith('netpol-harness/')) {
    return values.find((v) => v === image || repository(v) === repository(image)) ?? image;
  }
  const mapped = map.images[image];
  if (mapped) return offline ? mapped : image;
  return map.images[DEFAULT_SERVER_KEY] ?? `${GENERIC_SERVER_REPOSITORY}:v1`;
}

/** The map's entry for the image probes run in. */
export const CLIENT_KEY = 'client';

/** The image of probe sidecars: the map's `client` offline, the documents' usual `alpine` online. */
export function clientImage(map: ImageMap, offline: boolean): string {
  return offline ? (map.images[CLIENT_KEY] ?? 'alpine') : 'alpine';
}

export function isGenericServer(image: string): boolean {
  return repository(image) === GENERIC_SERVER_REPOSITORY;
}
