import { InvalidArgumentError } from 'commander';

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
