import createDebug from 'debug';

/**
 * What the engine does, as it does it, for `DEBUG=netpol-harness:*` (or one area:
 * `DEBUG=netpol-harness:policy`). Off by default; printed on stderr by the `debug` package, each
 * line with its area and the milliseconds since the area's last line.
 */
export type DebugArea =
  /** Namespaces, services and pods created, and when they are ready. */
  | 'setup'
  /** Policies applied and deleted (and the API server's answer), labels changed. */
  | 'policy'
  /** Probing until the answers settle: each batch of cells, its confirmation, its end. */
  | 'stabilise'
  /** Each probe: from where, to what, the answer and how long it took. */
  | 'probe'
  /** A shared world put back after a case. */
  | 'reset'
  /** A run's namespaces deleted, or kept. */
  | 'cleanup';

export type DebugLog = createDebug.Debugger;

export function debugLog(area: DebugArea): DebugLog {
  return createDebug(`netpol-harness:${area}`);
}
