import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The harness's version, from its package.json ('unknown' when it cannot be read). */
export const VERSION = readVersion();

function readVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'unknown';
  }
}

const GIT_TIMEOUT_MS = 3000;

/**
 * The commit the harness runs from (short hash, `+dirty` when its files are changed), when it runs
 * from a git checkout; undefined for an installed package or without git.
 */
export async function harnessCommit(): Promise<string | undefined> {
  const dir = fileURLToPath(new URL('..', import.meta.url));
  // Loaded here, not at the top: `check` imports the version and must not load execa.
  const { execa } = await import('execa');
  const git = (args: string[]) =>
    execa('git', ['-C', dir, ...args], { reject: false, stdin: 'ignore', timeout: GIT_TIMEOUT_MS });
  try {
    const head = await git(['rev-parse', '--short=12', 'HEAD']);
    if (head.exitCode !== 0) return undefined;
    const dirty = await git(['status', '--porcelain', '--untracked-files=no']);
    return `${String(head.stdout).trim()}${String(dirty.stdout).trim() ? '+dirty' : ''}`;
  } catch {
    return undefined;
  }
}
