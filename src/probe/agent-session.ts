import { randomBytes } from 'node:crypto';
import type { ExecResult, ExecStream } from '../kube/types.js';
import { FrameDecoder } from './agent-frames.js';
import { AGENT_SLOTS, agentScript, encodeRequest } from './agent-script.js';
import { ClockOffset } from './clock-offset.js';

/** The session can no longer run probes: it died, stalled, never started, or was closed. */
export class SessionFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SessionFailure';
  }
}

export interface SessionTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  nowMs(): number;
}

const realTimers: SessionTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  nowMs: () => Date.now(),
};

interface Pending {
  resolve: (r: ExecResult) => void;
  reject: (e: SessionFailure) => void;
  timer: unknown;
  sentMs: number;
  /** Output that came in chunk frames before the reply. */
  stdout: Buffer[];
  stderr: Buffer[];
}

/** The command that starts the agent in a container. */
export function agentCommand(nonce: string): string[] {
  return ['sh', '-c', agentScript(nonce)];
}

export function newNonce(): string {
  return randomBytes(8).toString('hex');
}

/**
 * One probe agent in one container, over one exec stream: many probes, one exec. `run` sends a
 * command and resolves with its exit code and output; when the stream ends, or a probe is not
 * answered within its time, every pending probe is rejected with a SessionFailure and the session
 * is dead (the caller decides whether to reopen or fall back).
 */
export class AgentSession {
  private readonly decoder: FrameDecoder;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: SessionFailure | undefined;
  private stderrTail = '';
  /** The container's clock against ours, learnt from every reply. */
  private readonly offset = new ClockOffset();
  pid: number | undefined;

  private constructor(
    private readonly stream: ExecStream,
    nonce: string,
    private readonly timers: SessionTimers,
  ) {
    this.decoder = new FrameDecoder(nonce);
  }

  /** Starts the agent through `open(command)` and waits for its READY line. */
  static async start(
    open: (command: string[]) => Promise<ExecStream>,
    readyTimeoutMs: number,
    timers: SessionTimers = realTimers,
  ): Promise<AgentSession> {
    const nonce = newNonce();
    let stream: ExecStream;
    try {
      stream = await open(agentCommand(nonce));
    } catch (err) {
      throw new SessionFailure(
        `the probe agent could not be started: ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    }
    const session = new AgentSession(stream, nonce, timers);
    await session.waitReady(readyTimeoutMs);
    return session;
  }

  get alive(): boolean {
    return this.failure === undefined;
  }

  /** Why the session is dead, if it is. */
  get deathReason(): string | undefined {
    return this.failure?.message;
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** Runs one command in the agent; rejects with SessionFailure if the session dies or the answer takes longer than timeoutMs. */
  run(argv: readonly string[], timeoutMs: number): Promise<ExecResult> {
    if (this.failure) return Promise.reject(this.failure);
    // The agent reuses output files by id modulo AGENT_SLOTS: never two probes of one slot in flight.
    const slotBusy = (id: number) => [...this.pending.keys()].some((p) => p % AGENT_SLOTS === id % AGENT_SLOTS);
    while (slotBusy(this.nextId)) this.nextId++;
    const id = this.nextId++;
    const line = encodeRequest(id, argv);
    return new Promise<ExecResult>((resolve, reject) => {
      const timer = this.timers.setTimeout(() => {
        this.fail(`the probe agent did not answer \`${argv.join(' ')}\` within ${Math.round(timeoutMs / 100) / 10} s`);
        this.stream.close();
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, sentMs: this.timers.nowMs(), stdout: [], stderr: [] });
      this.stream.write(line);
    });
  }

  /** Ends the agent (its stdin closes, its loop ends) and the stream; pending probes fail. */
  close(): void {
    if (!this.failure) this.fail('the session was closed');
    this.stream.close();
  }

  private waitReady(readyTimeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let done = false;
      const finish = (err?: SessionFailure) => {
        if (done) return;
        done = true;
        this.timers.clearTimeout(timer);
        if (err) {
          this.fail(err.message);
          this.stream.close();
          reject(err);
        } else resolve();
      };
      const timer = this.timers.setTimeout(
        () =>
          finish(new SessionFailure(`the probe agent did not start within ${readyTimeoutMs / 1000} s${this.tail()}`)),
        readyTimeoutMs,
      );
      this.stream.onStderr((chunk) => {
        this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-400);
      });
      this.stream.onStdout((chunk) => {
        for (const frame of this.decoder.feed(chunk)) {
          if (frame.kind === 'ready') {
            this.pid = frame.pid;
            finish();
          } else if (frame.kind === 'chunk') {
            this.pending.get(frame.id)?.[frame.stream].push(frame.data);
          } else {
            const { id, exitCode, toolMs, startCs } = frame;
            const p = this.pending.get(id);
            const text = (inline: Buffer | undefined, chunks: Buffer[] | undefined) =>
              (inline ?? Buffer.concat(chunks ?? [])).toString('utf8');
            const started =
              p && startCs !== undefined ? this.offset.place(startCs, p.sentMs, this.timers.nowMs()) : undefined;
            this.settle(id, {
              exitCode,
              stdout: text(frame.stdout, p?.stdout),
              stderr: text(frame.stderr, p?.stderr),
              ...(toolMs === undefined ? {} : { toolMs }),
              ...(started ? { toolStartedMs: started } : {}),
            });
          }
        }
      });
      void this.stream.ended.then((end) => {
        const why = `the probe agent's exec stream ended (${end.reason})${this.tail()}`;
        if (!done) finish(new SessionFailure(why));
        else this.fail(why);
      });
    });
  }

  private tail(): string {
    const t = this.stderrTail.trim();
    return t ? `: ${t.split('\n').slice(-2).join(' / ')}` : '';
  }

  private settle(id: number, r: Omit<ExecResult, 'durationMs'>): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    this.timers.clearTimeout(p.timer);
    p.resolve({ ...r, durationMs: this.timers.nowMs() - p.sentMs });
  }

  private fail(message: string): void {
    if (this.failure) return;
    this.failure = new SessionFailure(message);
    for (const p of this.pending.values()) {
      this.timers.clearTimeout(p.timer);
      p.reject(this.failure);
    }
    this.pending.clear();
  }
}
