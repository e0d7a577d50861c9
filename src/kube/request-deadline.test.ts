import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { CoreV1Api, Exec, type KubeConfig } from '@kubernetes/client-node';
import { expect } from 'chai';
import { FlagError } from '../errors.js';
import { withKeptAliveConnections } from './keep-alive.js';
import {
  BoundedKubeConfig,
  DEFAULT_REQUEST_TIMEOUT_MS,
  RequestTimeoutError,
  requestTimeoutFromEnv,
  withDeadlines,
  type DeadlineTimers,
} from './request-deadline.js';

/** Timers that fire only when the test says so. */
class ManualTimers implements DeadlineTimers {
  readonly pending = new Map<number, { fire: () => void; ms: number }>();
  private next = 0;
  setTimeout(fire: () => void, ms: number): unknown {
    this.pending.set(++this.next, { fire, ms });
    return this.next;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  fireAll(): void {
    for (const [id, t] of [...this.pending]) {
      this.pending.delete(id);
      t.fire();
    }
  }
}

function boundedConfig(server: string, timers: DeadlineTimers, timeoutMs = 5_000): BoundedKubeConfig {
  const kc = new BoundedKubeConfig(timeoutMs, timers);
  kc.loadFromOptions({
    clusters: [{ name: 'c', server, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't0ken' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kc;
}

function listen(server: HttpServer | TcpServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('API request deadlines', () => {
  const sockets: Socket[] = [];
  const servers: (HttpServer | TcpServer)[] = [];
  afterEach(() => {
    for (const s of sockets.splice(0)) s.destroy();
    for (const s of servers.splice(0)) s.close();
  });

  /** A TCP server that accepts and never says a word; resolves `accepted` at the first connection. */
  async function silentServer(): Promise<{ port: number; accepted: Promise<void> }> {
    let accepted!: () => void;
    const first = new Promise<void>((r) => (accepted = r));
    const server = createTcpServer((socket) => {
      sockets.push(socket);
      socket.on('error', () => undefined);
      accepted();
    });
    servers.push(server);
    return { port: await listen(server), accepted: first };
  }

  it('fails a request to a server that accepts and never answers, naming the method, the URL and the deadline', async () => {
    const { port, accepted } = await silentServer();
    const timers = new ManualTimers();
    const api = boundedConfig(`https://127.0.0.1:${port}`, timers, 2_500).makeApiClient(CoreV1Api);
    const pending = rejection(api.listNamespace());
    await accepted;
    expect([...timers.pending.values()].map((t) => t.ms)).to.deep.equal([2_500]);
    timers.fireAll();
    const err = await pending;
    expect(err).to.be.instanceOf(RequestTimeoutError);
    expect(err.message).to.equal(
      `GET https://127.0.0.1:${port}/api/v1/namespaces: the API server did not answer within 2.5 s (NETPOL_HARNESS_REQUEST_TIMEOUT sets the deadline)`,
    );
  });

  it('keeps the deadline over the body: headers and then silence still fail', async () => {
    let headersSent!: () => void;
    const sent = new Promise<void>((r) => (headersSent = r));
    const server = createHttpServer((_req, res) => {
      sockets.push(res.socket!);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"items": [', () => headersSent());
    });
    servers.push(server);
    const port = await listen(server);
    const timers = new ManualTimers();
    const api = boundedConfig(`http://127.0.0.1:${port}`, timers).makeApiClient(CoreV1Api);
    const pending = rejection(api.listNamespacedPod({ namespace: 'x' }));
    await sent;
    timers.fireAll();
    const err = await pending;
    expect(err).to.be.instanceOf(RequestTimeoutError);
    expect(err.message).to.match(new RegExp(`^GET http://127\\.0\\.0\\.1:${port}/api/v1/namespaces/x/pods: `));
  });

  it('lifts the deadline once the whole answer is in, kept-alive connections included', async () => {
    const server = createHttpServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({ kind: 'NamespaceList', apiVersion: 'v1', metadata: {}, items: [{ metadata: { name: 'a' } }] }),
      );
    });
    servers.push(server);
    const port = await listen(server);
    const timers = new ManualTimers();
    const kc = withKeptAliveConnections(boundedConfig(`http://127.0.0.1:${port}`, timers));
    const list = await kc.makeApiClient(CoreV1Api).listNamespace();
    expect(list.items.map((n) => n.metadata?.name)).to.deep.equal(['a']);
    expect(timers.pending.size).to.equal(0);
    kc.closeIdleConnections();
  });

  it('bounds the websocket handshake of exec on a server that never answers', async function () {
    const { port } = await silentServer();
    // ws's own handshake timer: a real 200 ms deadline, nothing is slept on.
    const kc = boundedConfig(`https://127.0.0.1:${port}`, new ManualTimers(), 200);
    const started = Date.now();
    const err = await rejection(
      new Exec(kc).exec('ns', 'pod', 'c', ['true'], null, null, null, false, () => undefined),
    );
    expect(err.message).to.match(/handshake has timed out/);
    expect(Date.now() - started).to.be.below(10_000);
  });

  it('reads the deadline from NETPOL_HARNESS_REQUEST_TIMEOUT, in seconds; refuses what is not one', () => {
    expect(requestTimeoutFromEnv({})).to.equal(DEFAULT_REQUEST_TIMEOUT_MS);
    expect(requestTimeoutFromEnv({ NETPOL_HARNESS_REQUEST_TIMEOUT: '' })).to.equal(DEFAULT_REQUEST_TIMEOUT_MS);
    expect(requestTimeoutFromEnv({ NETPOL_HARNESS_REQUEST_TIMEOUT: '0.25' })).to.equal(250);
    expect(requestTimeoutFromEnv({ NETPOL_HARNESS_REQUEST_TIMEOUT: '90' })).to.equal(90_000);
    for (const bad of ['0', '-1', '1s', 'x', '3601'])
      expect(() => requestTimeoutFromEnv({ NETPOL_HARNESS_REQUEST_TIMEOUT: bad }))
        .to.throw(FlagError)
        .with.property('message')
        .that.matches(/^option NETPOL_HARNESS_REQUEST_TIMEOUT: invalid value/);
  });

  it('gives a plain KubeConfig deadlines, and leaves a bounded one as it is', () => {
    const bounded = boundedConfig('https://127.0.0.1:1', new ManualTimers(), 1_234);
    expect(withDeadlines(bounded)).to.equal(bounded);
    const plain: KubeConfig = withDeadlines(bounded.copy()) as KubeConfig;
    expect(plain).to.be.instanceOf(BoundedKubeConfig);
    expect((plain as BoundedKubeConfig).requestTimeoutMs).to.equal(1_234);
    expect(withKeptAliveConnections(bounded).requestTimeoutMs).to.equal(1_234);
  });
});
