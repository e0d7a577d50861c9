import type { ExecStream, KubeClient } from '../kube/types.js';
import { AgentSession, SessionFailure } from './agent-session.js';
import { requestProblem } from './agent-script.js';
import { ExecTransport } from './exec-transport.js';
import { sourceKey, type CommandTransport, type Delivery, type ProbeSource } from './transport.js';

/** How long a new agent may take to say READY (one exec round trip, a shell starting). */
export const AGENT_READY_TIMEOUT_MS = 20_000;
/** Extra time an agent gets to answer beyond the tool's own timeout before it counts as stalled. */
export const SESSION_GRACE_SECONDS = 30;
/** Sessions opened per container before it falls back to one exec per probe: the first and one reopen. */
export const SESSION_OPENS = 2;

interface ContainerState {
  session?: Promise<AgentSession>;
  /** The last session whose failure was reported, so each failure is said once. */
  reported?: AgentSession;
  opens: number;
  /** Set once the container has fallen back to exec: why. */
  fallback?: string;
  /** Set when its scenario is over: a probe still in flight is abandoned, not sent again. */
  released?: boolean;
}

/** What a probe still in flight when its scenario ended (or the run closed) gets instead of a result. */
export const ABANDONED = 'abandoned: its scenario was over before it returned (nothing waited for it)';

export interface SessionTransportOptions {
  progress?: (line: string) => void;
  readyTimeoutMs?: number;
  /** Starts an agent; default: an exec stream through the kube client. */
  start?: (from: ProbeSource, open: (command: string[]) => Promise<ExecStream>) => Promise<AgentSession>;
}

/**
 * One long-lived probe agent per container (agent-session.ts): a probe is a child process in the
 * container, not a container exec. A session that cannot start, dies or stops answering is
 * reopened once; after that the container falls back to one exec per probe, and every later
 * probe's record says so. A probe in flight when its session fails is sent again, never lost.
 */
export class SessionTransport implements CommandTransport {
  readonly mode = 'session' as const;
  private readonly containers = new Map<string, ContainerState>();
  private readonly exec: ExecTransport;
  private closed = false;

  constructor(
    private readonly kube: KubeClient,
    private readonly options: SessionTransportOptions = {},
  ) {
    this.exec = new ExecTransport(kube);
  }

  async run(from: ProbeSource, argv: readonly string[], toolTimeoutSeconds: number): Promise<Delivery> {
    const unsendable = requestProblem(argv);
    if (unsendable) return this.byExec(from, argv, toolTimeoutSeconds, 0, `sent by exec: ${unsendable}`);
    const state = this.stateOf(from);
    let attempts = 0;
    let lastFailure = '';
    for (;;) {
      // Reopening a session (or an exec) into pods that are being deleted would cost the node an
      // exec for an answer nobody waits for.
      if (state.released || this.closed) return { ok: false, reason: ABANDONED, attempts, via: 'session' };
      if (state.fallback !== undefined) return this.byExec(from, argv, toolTimeoutSeconds, attempts, state.fallback);
      let session: AgentSession;
      try {
        session = await this.sessionOf(from, state);
      } catch (err) {
        lastFailure = err instanceof Error ? err.message : String(err);
        continue; // sessionOf counted the open; the loop reopens or falls back
      }
      attempts++;
      try {
        const result = await session.run(argv, (toolTimeoutSeconds + SESSION_GRACE_SECONDS) * 1000);
        return {
          ok: true,
          result,
          attempts,
          via: 'session',
          ...(lastFailure ? { note: `sent again after the session failed: ${lastFailure}` } : {}),
        };
      } catch (err) {
        if (!(err instanceof SessionFailure)) throw err;
        lastFailure = err.message;
        if (state.released || this.closed) continue; // closed by us: abandoned above, nothing to report
        if (state.reported !== session) {
          state.reported = session;
          this.options.progress?.(
            `probe session ${sourceKey(from)}: ${err.message}; ${state.opens < SESSION_OPENS ? 'reopening' : 'falling back to one exec per probe'}`,
          );
        }
      }
    }
  }

  async release(namespaces: readonly string[]): Promise<void> {
    const prefixes = namespaces.map((n) => `${n}/`);
    for (const [key, state] of this.containers) {
      if (!prefixes.some((p) => key.startsWith(p))) continue;
      this.containers.delete(key);
      state.released = true;
      await closeQuietly(state);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const states = [...this.containers.values()];
    this.containers.clear();
    for (const state of states) state.released = true;
    await Promise.all(states.map(closeQuietly));
  }

  private stateOf(from: ProbeSource): ContainerState {
    const key = sourceKey(from);
    let state = this.containers.get(key);
    if (!state) {
      state = { opens: 0 };
      this.containers.set(key, state);
    }
    return state;
  }

  /** The live session of a container, opening one if needed; sets `fallback` once the opens are spent. */
  private async sessionOf(from: ProbeSource, state: ContainerState): Promise<AgentSession> {
    for (let pending = state.session; pending; pending = state.session) {
      const current = await pending.catch(() => undefined);
      if (current?.alive) return current;
      if (state.session === pending) delete state.session; // dead or never started: open another below
    }
    if (state.opens >= SESSION_OPENS) {
      state.fallback ??= `sent by exec: the probe session of ${sourceKey(from)} failed ${SESSION_OPENS} times`;
      throw new SessionFailure(state.fallback);
    }
    state.opens++;
    const opening = this.start(from);
    state.session = opening;
    try {
      return await opening;
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      if (state.session === opening) delete state.session;
      if (state.opens >= SESSION_OPENS) {
        state.fallback = `sent by exec: no probe session in ${sourceKey(from)} (${why})`;
        this.options.progress?.(`probe session ${sourceKey(from)}: ${why}; falling back to one exec per probe`);
      } else this.options.progress?.(`probe session ${sourceKey(from)}: ${why}; reopening`);
      throw err;
    }
  }

  private start(from: ProbeSource): Promise<AgentSession> {
    const open = (command: string[]) =>
      this.kube.openExecStream({ namespace: from.namespace, name: from.pod }, from.container, command);
    if (this.options.start) return this.options.start(from, open);
    return AgentSession.start(open, this.options.readyTimeoutMs ?? AGENT_READY_TIMEOUT_MS);
  }

  private async byExec(
    from: ProbeSource,
    argv: readonly string[],
    toolTimeoutSeconds: number,
    attemptsSoFar: number,
    note: string,
  ): Promise<Delivery> {
    const d = await this.exec.run(from, argv, toolTimeoutSeconds);
    return { ...d, attempts: d.attempts + attemptsSoFar, note };
  }
}

async function closeQuietly(state: ContainerState): Promise<void> {
  const session = await state.session?.catch(() => undefined);
  session?.close();
}
