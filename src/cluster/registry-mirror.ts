// Pulling every image through one registry mirror (a corporate mirror, an air-gapped network, or
// offline/mirror.sh here): containerd on each kind node is told to read registry hosts from
// /etc/containerd/certs.d, and each registry the cluster may pull from gets a hosts.toml whose only
// server is the mirror. No upstream fallback: an image the mirror lacks fails to pull, it is never
// fetched from the registry it names. Pure: names, files and texts; kind.ts writes them.
import { parseDocument } from 'yaml';
import { containerdImageName } from './node-images.js';

/** Where containerd looks for registry hosts once the patch below is in its config. */
export const CERTS_DIR = '/etc/containerd/certs.d';

/**
 * The registries given a hosts.toml of their own. Any other registry falls to `_default`, which
 * points at a path the mirror never has: its pulls fail there instead of going out.
 */
export const MIRRORED_REGISTRIES: readonly string[] = [
  'docker.io',
  'registry.k8s.io',
  'k8s.gcr.io',
  'gcr.io',
  'quay.io',
  'ghcr.io',
  'mcr.microsoft.com',
  'public.ecr.aws',
];
const DEFAULT_HOSTS_DIR = '_default';
const UNLISTED_PATH = 'unlisted-registry';

export interface Mirror {
  /** http (the default) or https; an https mirror's certificate must be one the nodes trust. */
  scheme?: 'http' | 'https';
  /** As the nodes reach it: a name on the kind network, or an address. */
  host: string;
  port: number;
}

/**
 * `netpol-harness-mirror:5000`, `10.0.0.7:5000`, `[fd00::7]:5000`, each optionally after `http://`
 * or `https://`; undefined when it is none of these.
 */
export function parseMirror(text: string): Mirror | undefined {
  const m = /^(?:(https?):\/\/)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?):(\d{1,5})$/.exec(
    text.trim(),
  );
  if (!m?.[2] || !m[3]) return undefined;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return undefined;
  return m[1] === 'https' ? { scheme: 'https', host: m[2], port } : { host: m[2], port };
}

/** `netpol-harness-mirror:5000`, or `https://mirror.corp:443`. */
export function mirrorText(m: Mirror): string {
  return `${m.scheme === 'https' ? 'https://' : ''}${m.host}:${m.port}`;
}

/** The mirror's base URL, `http://netpol-harness-mirror:5000`. */
export function mirrorUrl(m: Mirror): string {
  return `${m.scheme ?? 'http'}://${m.host}:${m.port}`;
}

/** A reference split as containerd resolves it: `nginx` is docker.io/library/nginx:latest. */
export interface ImageRef {
  registry: string;
  repository: string;
  /** `:tag` or `@sha256:…`. */
  reference: string;
}

export function qualifyImage(image: string): ImageRef {
  // containerd's own name for it (node-images.ts), Docker Hub's old host names counted as docker.io.
  const full = containerdImageName(image.replace(/^(index|registry-1)\.docker\.io\//, 'docker.io/'));
  const slash = full.indexOf('/');
  const registry = full.slice(0, slash);
  const rest = full.slice(slash + 1);
  const at = rest.indexOf('@');
  const name = at >= 0 ? rest.slice(0, at) : rest;
  const colon = name.lastIndexOf(':') > name.lastIndexOf('/') ? name.lastIndexOf(':') : -1;
  const path = colon >= 0 ? name.slice(0, colon) : name;
  return {
    registry,
    repository: registry === 'docker.io' && !path.includes('/') ? `library/${path}` : path,
    reference: at >= 0 ? rest.slice(at) : name.slice(colon),
  };
}

export function qualifiedName(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}${ref.reference}`;
}

/** Where the mirror keeps an image: under the registry's name, `docker.io/library/nginx`. */
export function mirrorRepository(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}`;
}

/** The manifest URL a node asks the mirror for (to check that the mirror has an image). */
export function manifestUrl(mirror: Mirror, ref: ImageRef): string {
  return `${mirrorUrl(mirror)}/v2/${mirrorRepository(ref)}/manifests/${ref.reference.slice(1)}`;
}

/** hosts.toml for one registry: the mirror under that registry's name, and nothing else. */
export function hostsToml(registry: string, mirror: Mirror): string {
  const path = registry === DEFAULT_HOSTS_DIR ? UNLISTED_PATH : registry;
  return [
    `# Written by netpol-harness up --registry-mirror ${mirrorText(mirror)} (src/cluster/registry-mirror.ts).`,
    `# ${registry === DEFAULT_HOSTS_DIR ? 'Any registry not listed beside this file' : registry}: the mirror only, no fallback upstream.`,
    `server = "${mirrorUrl(mirror)}/v2/${path}"`,
    'override_path = true',
    'capabilities = ["pull", "resolve"]',
    '',
  ].join('\n');
}

/** Every hosts.toml to write under CERTS_DIR, by directory. */
export function hostsFiles(mirror: Mirror): { dir: string; text: string }[] {
  return [...MIRRORED_REGISTRIES, DEFAULT_HOSTS_DIR].map((registry) => ({
    dir: registry,
    text: hostsToml(registry, mirror),
  }));
}

/** What kind patches into each node's containerd config (version 2, as the node image writes it). */
export const CONTAINERD_PATCH = `[plugins."io.containerd.grpc.v1.cri".registry]\n  config_path = "${CERTS_DIR}"\n`;

/** The kind config with the containerd patch added (kept beside any patches already there). */
export function kindConfigWithMirror(text: string, mirror: Mirror): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`the kind config does not parse: ${doc.errors[0]?.message ?? ''}`);
  const existing: unknown = doc.get('containerdConfigPatches');
  const patches = Array.isArray((existing as { toJSON?: () => unknown } | undefined)?.toJSON?.())
    ? ((existing as { toJSON: () => unknown[] }).toJSON() as string[])
    : [];
  doc.set('containerdConfigPatches', [...patches, CONTAINERD_PATCH]);
  doc.commentBefore = [
    ` netpol-harness up --registry-mirror ${mirrorText(mirror)}: containerd reads registry hosts from ${CERTS_DIR}.`,
    ...(doc.commentBefore ? [doc.commentBefore] : []),
  ].join('\n');
  return doc.toString();
}
