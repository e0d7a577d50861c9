export interface InterruptHandler {
  /** Whether Ctrl-C came (and the cleanup is under way). */
  fired(): boolean;
  /** Removes the handler (when the work ended without an interrupt). */
  dispose(): void;
}

/**
 * On Ctrl-C, runs `cleanup` once, then exits 130. Registered with `process.on`, not `once`:
 * execa's signal-exit re-raises SIGINT when it sees no other listener left, which would kill the
 * process in the middle of the cleanup.
 */
export function handleInterrupt(cleanup: () => Promise<void>, err: (s: string) => void): InterruptHandler {
  let fired = false;
  const onSigint = () => {
    if (fired) return;
    fired = true;
    void cleanup()
      .catch((e: unknown) => err(`cleanup failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => process.exit(130));
  };
  process.on('SIGINT', onSigint);
  return { fired: () => fired, dispose: () => void process.off('SIGINT', onSigint) };
}
