import type { ModelOutcome } from '../model/outcome.js';
import type { ModelProbe } from '../model/probe.js';
import type { Protocol } from '../model/types.js';
import type { Tool } from '../scenario/types.js';

/** One probe to run: from a client container to an address as sent (real names and IPs). */
export interface ProbeJob {
  /** Stable key of the probe within a scenario (same probe in every step, same key). */
  key: string;
  from: { namespace: string; pod: string; container: string };
  /** The address as sent: a DNS name in the real namespaces, a pod IP or a cluster IP. */
  host: string;
  port: number;
  protocol: Protocol;
  tool: Tool;
  /** HTTP path for wget/curl (default `/`). */
  path?: string;
  scheme?: 'http' | 'https';
  timeoutSeconds: number;
  /** The same probe in the scenario's logical names, for the model runner. */
  logical: ModelProbe;
  /** On a dual-stack cluster, the second family's copy of a probe (its own cell). */
  family?: 'ipv4' | 'ipv6';
}

/** What one probe did. The model runner and the cluster runner both produce this. */
export interface ProbeResult {
  outcome: ModelOutcome;
  /** Why this class: the tool's words, the HTTP status, or the model's reasoning. */
  detail: string;
  /** Connected over HTTP: the first bytes of the body. */
  bodyExcerpt?: string;
  command: string[];
  exitCode?: number;
  output: string;
  attempts: number;
  durationMs: number;
  /** How long the tool itself ran inside the container, where the transport can tell (probe sessions). */
  toolMs?: number;
  /**
   * When the tool started, in the clock of the runner's caller, within these bounds, where the
   * transport can tell (probe sessions: the container's clock, calibrated by the session's replies).
   */
  toolStartedMs?: { earliestMs: number; latestMs: number };
  /** A pasteable `kubectl exec …` line that runs the same command by hand. */
  repro: string;
  /** How the command reached the container: the container's probe session, or one exec of its own. */
  via?: 'session' | 'exec';
  /** Why it went another way than asked (a session that failed and was reopened, a fallback to exec). */
  transportNote?: string;
}

export interface ProbeRunner {
  readonly kind: 'cluster' | 'model';
  /** Runs the jobs; `started(i)` is called when job i leaves the queue and really starts. */
  run(jobs: readonly ProbeJob[], started?: (index: number) => void): Promise<ProbeResult[]>;
  /** Frees what is held open for these namespaces (their scenario is over). */
  release?(namespaces: readonly string[]): Promise<void>;
}
