import { readBoundedText } from '../../bounded-file.js';
import { parse } from 'yaml';

/** Document image names to the local stand-ins (offline/image-map.yaml). */
export interface ImageMap {
  images: Record<string, string>;
}

export const DEFAULT_IMAGE_MAP_FILE = 'offline/image-map.yaml';
/** The map shipped with the package, wherever it is run from. */
export const PACKAGED_IMAGE_MAP_FILE = new URL('../../../offline/image-map.yaml', import.meta.url).pathname;
/** The map's entry for workloads whose document names no real image. */
export const DEFAULT_SERVER_KEY = 'default-server';
/** The generic server: env TCP_PORTS / UDP_PORTS say what it listens on. */
export const GENERIC_SERVER_REPOSITORY = 'netpol-harness/server';

/** An image map is a few dozen lines. */
const IMAGE_MAP_LIMIT = { maxBytes: 1024 * 1024, what: 'an image map' };

export function loadImageMap(file = DEFAULT_IMAGE_MAP_FILE): ImageMap {
  const read = readBoundedText(file, IMAGE_MAP_LIMIT);
  if (!read.ok) throw new Error(`${file}: ${read.message}`);
  const doc = parse(read.text) as { images?: Record<string, string> } | null;
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

/**
 * The image of probe sidecars, online and offline: the map's `client`. The probes need its tools
 * (udpprobe, netcat-openbsd's -z, curl, dig, a wget with BusyBox's messages); the documents'
 * `alpine` has none of the first four, so online it would answer UDP and curl probes with
 * "command not found". The documents' own images stay what the workloads run.
 */
export function clientImage(map: ImageMap, _offline: boolean): string {
  return map.images[CLIENT_KEY] ?? 'alpine';
}

/** Every image the scenarios' pods run (probe sidecars and the preflight's canaries included), resolved. */
export function imagesForScenarios(
  scenarios: readonly { pods: readonly { image: string; containers?: readonly { image: string }[] }[] }[],
  map: ImageMap,
  offline: boolean,
): string[] {
  const out = new Set<string>([clientImage(map, offline), resolveImage('nginx', map, offline)]);
  for (const s of scenarios)
    for (const p of s.pods) {
      out.add(resolveImage(p.image, map, offline));
      for (const c of p.containers ?? []) out.add(resolveImage(c.image, map, offline));
    }
  return [...out].sort();
}

export function isGenericServer(image: string): boolean {
  return repository(image) === GENERIC_SERVER_REPOSITORY;
}
