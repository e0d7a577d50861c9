import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentError } from '../errors.js';
import { CommandNotFoundError, tail, type RunCommand } from './program-runner.js';

export const DOCKER_SETUP_HINT = 'bash offline/docker-setup.sh';

/** Checks Docker is installed and its daemon answers; returns the server version. */
export async function requireDocker(run: RunCommand): Promise<string> {
  let result;
  try {
    result = await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 20_000 });
  } catch (err) {
    if (err instanceof CommandNotFoundError)
      throw new EnvironmentError('Docker is not installed (no docker command on PATH)', DOCKER_SETUP_HINT);
    throw err;
  }
  const version = result.stdout.trim();
  if (result.exitCode !== 0 || !version) {
    throw new EnvironmentError(
      `Docker is not running: docker info failed${result.stderr ? `:\n${tail(result.stderr, 5)}` : ''}`,
      DOCKER_SETUP_HINT,
    );
  }
  return version;
}

export async function imageExists(run: RunCommand, image: string): Promise<boolean> {
  return (await run('docker', ['image', 'inspect', '--format', '{{.Id}}', image])).exitCode === 0;
}

/** The ID (sha256:…) of a local image or of the image a container was made from; undefined if unknown. */
export async function imageIdOf(
  run: RunCommand,
  kind: 'image' | 'container',
  name: string,
): Promise<string | undefined> {
  const result = await run('docker', [kind, 'inspect', '--format', kind === 'image' ? '{{.Id}}' : '{{.Image}}', name]);
  const id = result.stdout.trim();
  return result.exitCode === 0 && id ? id : undefined;
}

/** A container's addresses on its networks (IPv4 and IPv6); none if unknown. */
export async function containerAddresses(run: RunCommand, name: string): Promise<string[]> {
  const result = await run('docker', [
    'container',
    'inspect',
    '--format',
    '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{.GlobalIPv6Address}} {{end}}',
    name,
  ]);
  return result.exitCode === 0 ? result.stdout.split(/\s+/).filter(Boolean) : [];
}

/** The image name a container was made from (its Config.Image); undefined if unknown. */
export async function containerImageName(run: RunCommand, name: string): Promise<string | undefined> {
  const result = await run('docker', ['container', 'inspect', '--format', '{{.Config.Image}}', name]);
  const image = result.stdout.trim();
  return result.exitCode === 0 && image ? image : undefined;
}

/** When a container last started (its State.StartedAt), in ms; undefined if unknown or never started. */
export async function containerStartedMs(run: RunCommand, name: string): Promise<number | undefined> {
  const result = await run('docker', ['container', 'inspect', '--format', '{{.State.StartedAt}}', name]);
  const ms = Date.parse(result.stdout.trim());
  return result.exitCode === 0 && Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/** The `repository:tag` names of local images of one repository. */
export async function localTags(run: RunCommand, repository: string): Promise<string[]> {
  const result = await run('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}', repository]);
  return result.exitCode === 0
    ? result.stdout
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => s && !s.endsWith(':<none>'))
    : [];
}

/** Where offline/build.sh keeps its cache (docker-save tars under images/). */
export function offlineCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.NETPOL_HARNESS_CACHE || '/var/cache/netpol-harness';
}

/** The docker-save tar offline/lib.sh writes for an image (`/` and `:` become `_`). */
export function imageTarPath(cacheDir: string, image: string): string {
  return join(cacheDir, 'images', `${image.replace(/[/:]/g, '_')}.tar`);
}

/**
 * True if the image is in Docker, loading it from the offline build's tar first when Docker lost
 * it (a fresh daemon) but the build kept it.
 */
export async function ensureImageInDocker(run: RunCommand, image: string, cacheDir: string): Promise<boolean> {
  if (await imageExists(run, image)) return true;
  for (const candidate of [image, image.replace(/^docker\.io\//, '')]) {
    const tar = imageTarPath(cacheDir, candidate);
    if (existsSync(tar) && (await run('docker', ['load', '-i', tar])).exitCode === 0) return imageExists(run, image);
  }
  return false;
}
