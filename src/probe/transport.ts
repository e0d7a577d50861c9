import type { ExecResult } from '../kube/types.js';

/** The container a probe runs in. */
export interface ProbeSource {
  namespace: string;
  pod: string;
  container: string;
}

export type Via = 'session' | 'exec';

/** What carrying one command to a container gave: the command's result, or why there is none. */
export type Delivery =
  | { ok: true; result: ExecResult; attempts: number; via: Via; note?: string }
  | { ok: false; reason: string; attempts: number; via: Via; note?: string };

/**
 * How probe commands reach the client containers. Two implementations: one exec per command
 * (ExecTransport) and a long-lived agent per container (SessionTransport). Never throws.
 */
export interface CommandTransport {
  readonly mode: Via;
  run(from: ProbeSource, argv: readonly string[], toolTimeoutSeconds: number): Promise<Delivery>;
  /** Closes what is open to containers in these namespaces (their scenario is over). */
  release(namespaces: readonly string[]): Promise<void>;
  /** Closes everything. */
  close(): Promise<void>;
}

export function sourceKey(from: ProbeSource): string {
  return `${from.namespace}/${from.pod}/${from.container}`;
}
