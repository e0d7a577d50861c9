// @kubernetes/client-node 1.x gives every REST request a new https.Agent built from the
// kubeconfig's credentials, so every request opens a new TCP connection and does a full TLS
// handshake, on our side and on the API server's. Measured on a kind node (bench/api): 1,000 pod
// LISTs cost 10.7 CPU-s that way, 3.1 CPU-s over one kept-alive connection.
import { createHash } from 'node:crypto';
import { Agent, type AgentOptions } from 'node:https';
import type { KubeConfig, RequestContext } from '@kubernetes/client-node';
import { BoundedKubeConfig, requestTimeoutFromEnv } from './request-deadline.js';

/**
 * Idle connections are closed from our side after this long, well before an API server would
 * close them (Go's servers keep idle connections for 90 s or more): a request is never sent on a
 * connection the server is closing at that moment.
 */
export const IDLE_CONNECTION_TIMEOUT_MS = 30_000;

/** The options an agent connects with that tell one set of credentials from another. */
const IDENTITY_OPTIONS = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername'] as const;

/** A digest of what the agent authenticates with: a new agent for new credentials (a rotated client certificate). */
export function agentIdentity(options: AgentOptions): string {
  const hash = createHash('sha256');
  for (const name of IDENTITY_OPTIONS) {
    const value: unknown = options[name];
    hash.update(`${name}=`);
    if (value !== undefined)
      hash.update(typeof value === 'string' || Buffer.isBuffer(value) ? value : JSON.stringify(value));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * A KubeConfig whose REST requests share kept-alive connections: one agent per set of
 * credentials, instead of one per request. Requests through a proxy keep the client's own agent.
 */
export class KeepAliveKubeConfig extends BoundedKubeConfig {
  private readonly agents = new Map<string, Agent>();

  /** `idleTimeoutMs` closes idle connections only; every request keeps its own deadline (`requestTimeoutMs`). */
  constructor(
    private readonly idleTimeoutMs = IDLE_CONNECTION_TIMEOUT_MS,
    requestTimeoutMs = requestTimeoutFromEnv(),
  ) {
    super(requestTimeoutMs);
  }

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    const fresh = context.getAgent();
    // Only a plain https.Agent: a proxy agent (a subclass) or plain http is left as the client made it.
    if (!fresh || fresh.constructor !== Agent) return;
    const options = (fresh as Agent & { options: AgentOptions }).options;
    const identity = agentIdentity(options);
    let agent = this.agents.get(identity);
    if (!agent) {
      agent = new Agent({ ...options, keepAlive: true, timeout: this.idleTimeoutMs });
      this.agents.set(identity, agent);
    }
    context.setAgent(agent);
  }

  /** Closes the idle connections (they do not keep the process alive either way). */
  closeIdleConnections(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
}

/** The same clusters, users and contexts, with connections kept alive (and the same request deadline). */
export function withKeptAliveConnections(
  kubeConfig: KubeConfig,
  idleTimeoutMs = IDLE_CONNECTION_TIMEOUT_MS,
): KeepAliveKubeConfig {
  if (kubeConfig instanceof KeepAliveKubeConfig) return kubeConfig;
  const kc = new KeepAliveKubeConfig(
    idleTimeoutMs,
    kubeConfig instanceof BoundedKubeConfig ? kubeConfig.requestTimeoutMs : requestTimeoutFromEnv(),
  );
  kc.loadFromOptions({
    clusters: kubeConfig.getClusters(),
    contexts: kubeConfig.getContexts(),
    currentContext: kubeConfig.getCurrentContext(),
    users: kubeConfig.getUsers(),
  });
  return kc;
}
