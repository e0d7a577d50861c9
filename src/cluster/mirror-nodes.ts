// The registry mirror on kind nodes (effects; the names and texts are registry-mirror.ts's): the
// hosts files written into each node, and the mirror asked, from a node, for the images a step needs.
import { EnvironmentError } from '../errors.js';
import {
  CERTS_DIR,
  hostsFiles,
  manifestUrl,
  mirrorText,
  mirrorUrl,
  qualifiedName,
  qualifyImage,
  type Mirror,
} from './registry-mirror.js';
import { tail, type RunCommand } from './program-runner.js';

const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(',');

export const MIRROR_HINT = 'bash offline/mirror.sh starts the mirror on this machine and fills it';

/** Writes every registry's hosts.toml into the node (containerd reads them at each pull, no restart). */
export async function writeHostsFiles(run: RunCommand, node: string, mirror: Mirror): Promise<void> {
  for (const f of hostsFiles(mirror)) {
    const dir = `${CERTS_DIR}/${f.dir}`;
    const r = await run(
      'docker',
      ['exec', node, 'sh', '-c', 'mkdir -p "$1" && printf %s "$2" > "$1/hosts.toml"', 'sh', dir, f.text],
      { timeoutMs: 20_000 },
    );
    if (r.exitCode !== 0)
      throw new EnvironmentError(`could not write ${dir}/hosts.toml on node ${node}: ${tail(r.stderr, 3)}`);
  }
}

/** Does the node's containerd read CERTS_DIR? (A cluster made without --registry-mirror does not.) */
export async function nodeReadsHostsDir(run: RunCommand, node: string): Promise<boolean> {
  const r = await run(
    'docker',
    ['exec', node, 'grep', '-q', `config_path = "${CERTS_DIR}"`, '/etc/containerd/config.toml'],
    {
      timeoutMs: 20_000,
    },
  );
  return r.exitCode === 0;
}

export interface MirrorCheck {
  /** The mirror did not answer from the node (curl's reason). */
  unreachable?: string;
  /** Images it does not have, as `docker.io/calico/node:v3.30.1`. */
  missing: string[];
}

/** Asks the mirror, from inside a node, for /v2/ and for each image's manifest. */
export async function checkMirror(
  run: RunCommand,
  node: string,
  mirror: Mirror,
  images: readonly string[],
): Promise<MirrorCheck> {
  const base = `${mirrorUrl(mirror)}/v2/`;
  const ping = await run(
    'docker',
    ['exec', node, 'curl', '-sS', '-o', '/dev/null', '-m', '5', '-w', '%{http_code}', base],
    {
      timeoutMs: 20_000,
    },
  );
  const code = ping.stdout.trim();
  if (ping.exitCode !== 0 || !/^2\d\d$|^401$/.test(code))
    return { unreachable: ping.stderr.trim() || `HTTP ${code || 'no answer'} from ${base}`, missing: [] };
  const refs = [...new Set(images)].map(qualifyImage);
  const script =
    'for u in "$@"; do printf "%s %s\\n" "$(curl -s -o /dev/null -m 5 -I -H "Accept: $ACCEPT" -w "%{http_code}" "$u")" "$u"; done';
  const r = await run(
    'docker',
    [
      'exec',
      '-e',
      `ACCEPT=${MANIFEST_ACCEPT}`,
      node,
      'sh',
      '-c',
      script,
      'sh',
      ...refs.map((ref) => manifestUrl(mirror, ref)),
    ],
    { timeoutMs: 20_000 + refs.length * 6_000 },
  );
  const ok = new Set(
    r.stdout
      .split('\n')
      .filter((l) => l.startsWith('200 '))
      .map((l) => l.slice(4)),
  );
  return { missing: refs.filter((ref) => !ok.has(manifestUrl(mirror, ref))).map(qualifiedName) };
}

/** Throws EnvironmentError naming the mirror's failure: unreachable, or which images (and registries) it lacks. */
export async function requireMirrorHas(
  run: RunCommand,
  node: string,
  mirror: Mirror,
  images: readonly string[],
  what: string,
): Promise<void> {
  const check = await checkMirror(run, node, mirror, images);
  if (check.unreachable)
    throw new EnvironmentError(
      `the registry mirror ${mirrorText(mirror)} does not answer from node ${node}: ${check.unreachable}`,
      MIRROR_HINT,
    );
  if (check.missing.length > 0)
    throw new EnvironmentError(
      `the registry mirror ${mirrorText(mirror)} lacks ${check.missing.length} of the ${new Set(images).size} images for ${what} (nothing is pulled from elsewhere): ${check.missing.join(', ')}`,
      MIRROR_HINT,
    );
}
