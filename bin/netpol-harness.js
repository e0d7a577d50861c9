#!/usr/bin/env node
// Launcher. Runs the compiled CLI in dist/ (built by `npm run build`; `npm ci` and `npm pack` build
// it through the prepare/prepack scripts). In a development checkout (src/ next to dist/) whose
// dist/ is missing or older than the sources, it runs the TypeScript sources through tsx instead
// (a slower start) and says so on stderr, so that an edit is never silently ignored.
import { existsSync, readdirSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const compiled = new URL('dist/cli/main.js', root);
const sources = new URL('src/', root);

/** Newest modification time (ms) of the .ts files under `dir`. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    newest = Math.max(newest, statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs);
  }
  return newest;
}

const devCheckout = existsSync(sources);
const stale = devCheckout && (!existsSync(compiled) || newestSource(sources) > statSync(compiled).mtimeMs);
if (stale) {
  process.stderr.write(
    `netpol-harness: ${existsSync(compiled) ? 'dist/ is older than src/' : 'no dist/'}: running the sources through tsx (npm run build for a fast start)\n`,
  );
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('src/cli/main.ts', root).href);
} else {
  await import(compiled.href);
}
