/**
 * The preflight's answer while it runs alongside the scenarios' setup (its pods start while theirs
 * do): no scenario sends a probe before the preflight has passed, and once it has failed no
 * scenario is set up any more. A preflight that throws counts as failed here; its error reaches
 * whoever awaits the preflight itself.
 */
export class PreflightGate {
  private answer: boolean | undefined;
  private readonly settled: Promise<boolean>;

  constructor(preflight: Promise<boolean>) {
    this.settled = preflight.then(
      (passed) => (this.answer = passed),
      () => (this.answer = false),
    );
  }

  /** The preflight has failed already: a scenario not yet set up is not set up at all. */
  get failed(): boolean {
    return this.answer === false;
  }

  /** Waits for the preflight: true when it passed. */
  passed(): Promise<boolean> {
    return this.settled;
  }
}

/** A scenario stopped because the preflight failed: said once by the run, not by each scenario. */
export class PreflightFailed extends Error {
  constructor() {
    super('not probed: the preflight failed');
    this.name = 'PreflightFailed';
  }
}
