import { InvalidArgumentError, Option } from 'commander';
import { parseMirror, type Mirror } from '../cluster/registry-mirror.js';

/** `--nodes`: 1 or 2 (kind-config.yaml or kind-config-2node.yaml). */
export function parseNodeCount(value: string): 1 | 2 {
  if (value === '1' || value === '2') return Number(value) as 1 | 2;
  throw new InvalidArgumentError(`--nodes must be 1 or 2 (kind-config.yaml or kind-config-2node.yaml), got "${value}"`);
}

/** `--name`: a kind cluster name (lowercase letters, digits, '-', '.'; it becomes container names). */
export function parseClusterName(value: string): string {
  if (/^[a-z0-9]([-a-z0-9.]{0,48}[a-z0-9])?$/.test(value)) return value;
  throw new InvalidArgumentError(
    `--name must be lowercase letters, digits, '-' or '.', starting and ending with a letter or digit (at most 50), got "${value}"`,
  );
}

/** A positive whole number of seconds. */
export function parseSeconds(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (Number.isInteger(n) && n > 0) return n;
    throw new InvalidArgumentError(`${flag} must be a whole number of seconds above 0, got "${value}"`);
  };
}

/** `--registry-mirror HOST:PORT`: every image the kind cluster pulls goes through this mirror only. */
export function registryMirrorOption(): Option {
  return new Option(
    '--registry-mirror <[https://]host:port>',
    'pull every image through this registry mirror only, as the nodes reach it (offline/mirror.sh: netpol-harness-mirror:5000; https:// for a TLS mirror the nodes trust); implies --no-offline; nothing is loaded into the nodes, nothing pulled from elsewhere',
  ).argParser((value: string): Mirror => {
    const mirror = parseMirror(value);
    if (mirror) return mirror;
    throw new InvalidArgumentError(
      `--registry-mirror must be HOST:PORT as the nodes reach it (a name, an IPv4 address or [an IPv6 address], then a port), optionally after http:// or https://, got "${value}"`,
    );
  });
}
