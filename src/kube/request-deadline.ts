// Every API request gets a deadline. An API server that accepts the connection and never answers
// (a stopped container behind a live port, a proxy that lost its backend) would otherwise hold
// `run`, `capture` and `clean` forever: node-fetch waits as long as the socket stays open.
import {
  createConfiguration,
  KubeConfig,
  ResponseContext,
  SelfDecodingBody,
  ServerConfiguration,
  wrapHttpLibrary,
  type ApiType,
  type Configuration,
  type HttpLibrary,
  type PromiseHttpLibrary,
  type RequestContext,
} from '@kubernetes/client-node';
import { FlagError } from '../errors.js';

/** How long one request (connect, headers and the whole body) may take by default. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** The environment variable that changes it, in seconds. */
export const REQUEST_TIMEOUT_ENV = 'NETPOL_HARNESS_REQUEST_TIMEOUT';

/** The request deadline: $NETPOL_HARNESS_REQUEST_TIMEOUT seconds, else the default; a bad value is exit 2. */
export function requestTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const given = env[REQUEST_TIMEOUT_ENV];
  if (given === undefined || given === '') return DEFAULT_REQUEST_TIMEOUT_MS;
  const seconds = Number(given);
  if (!/^\d+(\.\d+)?$/.test(given.trim()) || !(seconds > 0) || seconds > 3600)
    throw new FlagError(REQUEST_TIMEOUT_ENV, given, 'a number of seconds above 0, at most 3600');
  return Math.round(seconds * 1000);
}

/** The timers a deadline runs on (tests pass their own and fire them by hand). */
export interface DeadlineTimers {
  setTimeout(fire: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: DeadlineTimers = {
  setTimeout: (fire, ms) => setTimeout(fire, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/** A request that got no full answer within its deadline: names the method, the URL (so the server) and the deadline. */
export class RequestTimeoutError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    super(
      `${method} ${url}: the API server did not answer within ${seconds(timeoutMs)} s (${REQUEST_TIMEOUT_ENV} sets the deadline)`,
    );
    this.name = 'RequestTimeoutError';
  }
}

/**
 * Sends each request through `inner` with a deadline over connect, headers and body: the body is
 * read before the deadline is lifted, so a server that sends headers and then stalls is caught too.
 */
export class DeadlineHttpLibrary implements PromiseHttpLibrary {
  constructor(
    private readonly inner: HttpLibrary,
    private readonly timeoutMs: number,
    private readonly timers: DeadlineTimers = realTimers,
  ) {}

  async send(request: RequestContext): Promise<ResponseContext> {
    const controller = new AbortController();
    const given = request.getSignal();
    request.setSignal(given ? AbortSignal.any([given, controller.signal]) : controller.signal);
    let expired = false;
    const timer = this.timers.setTimeout(() => {
      expired = true;
      controller.abort();
    }, this.timeoutMs);
    try {
      const response = await this.inner.send(request).toPromise();
      const body = await response.body.binary();
      return new ResponseContext(
        response.httpStatusCode,
        response.headers,
        new SelfDecodingBody(Promise.resolve(body)),
      );
    } catch (err) {
      // The abort's own error ("The user aborted a request.") adds nothing to the deadline's.
      if (expired) throw new RequestTimeoutError(request.getHttpMethod(), request.getUrl(), this.timeoutMs);
      throw err;
    } finally {
      this.timers.clearTimeout(timer);
    }
  }
}

/**
 * A KubeConfig whose API clients put a deadline on every request, and whose websockets (exec)
 * on the opening handshake. An open exec stream is not bounded here: its users bound each
 * exchange (execInPod's timeout, the probe agent's per-command deadline).
 */
export class BoundedKubeConfig extends KubeConfig {
  constructor(
    readonly requestTimeoutMs = requestTimeoutFromEnv(),
    private readonly timers: DeadlineTimers = realTimers,
  ) {
    super();
  }

  override makeApiClient<T extends ApiType>(apiClientType: new (config: Configuration) => T): T {
    const cluster = this.getCurrentCluster();
    if (!cluster) throw new Error('No active cluster!');
    const baseServer = new ServerConfiguration(cluster.server, {});
    const authMethods = { default: this };
    const plain = createConfiguration({ baseServer, authMethods });
    const httpApi = wrapHttpLibrary(new DeadlineHttpLibrary(plain.httpApi, this.requestTimeoutMs, this.timers));
    return new apiClientType(createConfiguration({ baseServer, authMethods, httpApi }));
  }

  override async applyToHTTPSOptions(opts: Parameters<KubeConfig['applyToHTTPSOptions']>[0]): Promise<void> {
    await super.applyToHTTPSOptions(opts);
    // The ws client's own deadline on the upgrade; plain https requests ignore it.
    (opts as { handshakeTimeout?: number }).handshakeTimeout = this.requestTimeoutMs;
  }

  /** The same clusters, users and contexts and the same deadline, in a new config (users may be changed on the way). */
  copy(users = this.getUsers()): BoundedKubeConfig {
    const kc = new BoundedKubeConfig(this.requestTimeoutMs, this.timers);
    kc.loadFromOptions({
      clusters: this.getClusters(),
      contexts: this.getContexts(),
      currentContext: this.getCurrentContext(),
      users,
    });
    return kc;
  }
}

/** `kubeConfig` itself when it already has deadlines, else the same config with them. */
export function withDeadlines(kubeConfig: KubeConfig): BoundedKubeConfig {
  if (kubeConfig instanceof BoundedKubeConfig) return kubeConfig;
  const kc = new BoundedKubeConfig();
  kc.loadFromOptions({
    clusters: kubeConfig.getClusters(),
    contexts: kubeConfig.getContexts(),
    currentContext: kubeConfig.getCurrentContext(),
    users: kubeConfig.getUsers(),
  });
  return kc;
}
