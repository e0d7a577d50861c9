import { setTimeout as delay } from 'node:timers/promises';
import { EnvironmentError } from '../errors.js';
import { errorText } from '../kube/api-error.js';
import type { Progress } from './driver.js';
import {
  allReady,
  evaluateReadiness,
  type ClusterSnapshot,
  type ReadinessCheck,
  type WorkloadRequirement,
} from './readiness.js';

export const DEFAULT_POLL_INTERVAL_MS = 2_000;

export interface WaitForReadyOptions {
  readSnapshot: () => Promise<ClusterSnapshot>;
  /** Lines explaining a cluster that did not become ready (pod statuses, events). */
  readDiagnostics: () => Promise<string[]>;
  requirements: WorkloadRequirement[];
  expectedNodes: number;
  /** How long required pods must have run before they count (default 0). */
  settleSeconds?: number;
  readyTimeoutSeconds: number;
  progress: Progress;
  pollIntervalMs?: number;
  nowMs?: () => number;
  wait?: (ms: number) => Promise<unknown>;
}

/**
 * Polls until the nodes and every required workload are Ready, printing ✓ for each as it gets
 * there; after readyTimeoutSeconds throws EnvironmentError naming what is not ready, with the
 * diagnostics. Errors reading the snapshot (API server still starting) count as not ready.
 */
export async function waitForReady(o: WaitForReadyOptions): Promise<ReadinessCheck[]> {
  const now = o.nowMs ?? Date.now;
  const wait = o.wait ?? ((ms: number) => delay(ms));
  const started = now();
  const deadline = started + o.readyTimeoutSeconds * 1000;
  const reported = new Set<string>();
  let checks: ReadinessCheck[] = [];
  let lastError: unknown;
  for (;;) {
    try {
      checks = evaluateReadiness(await o.readSnapshot(), o.requirements, {
        expectedNodes: o.expectedNodes,
        settleSeconds: o.settleSeconds ?? 0,
      });
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    const elapsed = `${((now() - started) / 1000).toFixed(1)} s`;
    for (const c of checks.filter((c) => c.ready && !reported.has(c.name))) {
      reported.add(c.name);
      o.progress.result(true, `${c.name} Ready: ${c.detail} (${elapsed})`);
    }
    if (checks.length > 0 && allReady(checks)) return checks;
    if (now() >= deadline) break;
    await wait(Math.min(o.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, Math.max(0, deadline - now())));
  }
  const notReady = checks.filter((c) => !c.ready);
  for (const c of notReady) o.progress.result(false, `${c.name}: ${c.detail}`);
  const diagnostics = await o
    .readDiagnostics()
    .catch((err: unknown) => [`(could not read pod statuses: ${err instanceof Error ? err.message : String(err)})`]);
  const what = notReady.length
    ? notReady.map((c) => `${c.name} (${c.detail})`).join(', ')
    : 'the API server did not answer';
  const details = [lastError ? `last error: ${errorText(lastError)}` : '', ...diagnostics].filter(Boolean);
  throw new EnvironmentError(
    `cluster not ready after ${o.readyTimeoutSeconds} s: ${what}${details.length ? `\n${details.join('\n')}` : ''}`,
  );
}
