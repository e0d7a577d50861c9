export interface InterruptHandler {
  /** Whether Ctrl-C came (and the cleanup is under way). */
  fired(): boolean;
  /** Removes the handler (when the work ended without an interrupt). */
  dispose(): void;
}

interface Registration {
  cleanup: () => Promise<void>;
  err: (s: string) => void;
}

/**
 * Ctrl-C runs the cleanup of every handler registered at that moment (a run and the preflight
 * alongside it each have one), all at once, and exits 130 once all are done. One SIGINT listener
 * for all of them, registered with `process.on`, not `once`, and kept until the exit: execa's
 * signal-exit re-raises SIGINT when it sees no other listener left, which would kill the process
 * in the middle of the cleanup.
 */
export class InterruptCoordinator {
  private readonly active = new Set<Registration>();
  private firing = false;
  private readonly onSigint = () => this.fire();

  constructor(
    private readonly exit: (code: number) => void = (code) => process.exit(code),
    private readonly signals: Pick<NodeJS.Process, 'on' | 'off'> = process,
  ) {}

  register(cleanup: () => Promise<void>, err: (s: string) => void): InterruptHandler {
    const registration: Registration = { cleanup, err };
    if (this.active.size === 0 && !this.firing) this.signals.on('SIGINT', this.onSigint);
    this.active.add(registration);
    return {
      fired: () => this.firing,
      dispose: () => {
        if (this.firing) return;
        this.active.delete(registration);
        if (this.active.size === 0) this.signals.off('SIGINT', this.onSigint);
      },
    };
  }

  private fire(): void {
    if (this.firing) return;
    this.firing = true;
    const all = [...this.active];
    void Promise.all(
      all.map((r) =>
        r.cleanup().catch((e: unknown) => r.err(`cleanup failed: ${e instanceof Error ? e.message : String(e)}`)),
      ),
    ).finally(() => this.exit(130));
  }
}

const processInterrupts = new InterruptCoordinator();

/** Registers a cleanup to run on Ctrl-C: the process-wide one (handleInterrupt), or a test's own. */
export type Interrupts = (cleanup: () => Promise<void>, err: (s: string) => void) => InterruptHandler;

/** On Ctrl-C, runs `cleanup` (with every other registered cleanup), then exits 130. */
export function handleInterrupt(cleanup: () => Promise<void>, err: (s: string) => void): InterruptHandler {
  return processInterrupts.register(cleanup, err);
}
