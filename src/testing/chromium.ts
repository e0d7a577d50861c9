import { existsSync } from 'node:fs';

/** Where Debian's and Ubuntu's packages put a Chromium (or Chrome) binary. */
export const CHROMIUM_CANDIDATES: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
];

/** The browser the browser tests drive: $NETPOL_HARNESS_CHROMIUM, else the first installed candidate. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (p: string) => boolean = existsSync,
): string | undefined {
  const chosen = env.NETPOL_HARNESS_CHROMIUM;
  if (chosen) return exists(chosen) ? chosen : undefined;
  return CHROMIUM_CANDIDATES.find(exists);
}
