// When a probe's tool started, in the harness's clock, from the time the agent read in the
// container (/proc/uptime, in hundredths of a second). Pure.
//
// The two clocks differ by a fixed offset (container uptime minus harness time). Every reply
// bounds it: the tool started after its request was sent and before its reply came back, and
// its uptime reading is at most a tick early. The bounds of all replies so far intersect, so the
// quickest round trip a session has seen sets its precision, and a probe delayed on its way (a
// busy API server or node) is still placed in time to that precision, not to its own round trip.

/** The agent's clock ticks in hundredths of a second. */
export const UPTIME_TICK_MS = 10;

/** The harness-clock moments between which a probe's tool started. */
export interface ToolStartWindow {
  earliestMs: number;
  latestMs: number;
}

export class ClockOffset {
  /** Bounds of (container uptime - harness time), in ms. */
  private lo = -Infinity;
  private hi = Infinity;

  /**
   * Learns from one reply (request sent at sentMs, reply received at receivedMs, tool started at
   * container uptime startCs) and returns the window of the tool's start in the harness's clock.
   */
  place(startCs: number, sentMs: number, receivedMs: number): ToolStartWindow {
    const uptimeMs = startCs * 10;
    // the true uptime at the tool's start lies in [uptimeMs, uptimeMs + tick), its harness time in [sentMs, receivedMs]
    this.lo = Math.max(this.lo, uptimeMs - receivedMs);
    this.hi = Math.min(this.hi, uptimeMs + UPTIME_TICK_MS - sentMs);
    if (this.lo > this.hi) {
      // Only a clock that jumped (or a misbehaving agent) gets here: start again from this reply.
      this.lo = uptimeMs - receivedMs;
      this.hi = uptimeMs + UPTIME_TICK_MS - sentMs;
    }
    return {
      earliestMs: Math.max(sentMs, uptimeMs - this.hi),
      latestMs: Math.min(receivedMs, uptimeMs + UPTIME_TICK_MS - this.lo),
    };
  }
}
