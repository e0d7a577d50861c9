import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, HttpMethod, KubeConfig, RequestContext } from '@kubernetes/client-node';
import { expect } from 'chai';
import { agentIdentity, KeepAliveKubeConfig, withKeptAliveConnections } from './keep-alive.js';

function configFor(server: string, ca: string, extra: { proxyUrl?: string } = {}): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server, caData: Buffer.from(ca).toString('base64'), skipTLSVerify: false, ...extra }],
    users: [{ name: 'u', token: 't0ken' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kc;
}

async function agentOf(kc: KubeConfig): Promise<unknown> {
  const context = new RequestContext('https://127.0.0.1:6443/api/v1/pods', HttpMethod.GET);
  await kc.applySecurityAuthentication(context);
  return context.getAgent();
}

describe('kept-alive API connections', () => {
  let dir: string;
  let cert: string;
  let key: string;
  let server: Server;
  let port: number;
  let connections = 0;
  let requests = 0;
  let answerAfterMs = 0;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nph-keepalive-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    key = readFileSync(join(dir, 'key.pem'), 'utf8');
    server = createServer({ cert, key }, (req, res) => {
      requests++;
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items: [] }));
      }, answerAfterMs);
    });
    server.on('secureConnection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    connections = 0;
    requests = 0;
    answerAfterMs = 0;
  });

  it('sends many requests over one TLS connection, where the client alone opens one per request', async () => {
    const plain = configFor(`https://127.0.0.1:${port}`, cert);
    const kept = withKeptAliveConnections(plain);
    const list = (kc: KubeConfig) => kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: 'a' });

    for (let i = 0; i < 10; i++) await list(kept);
    expect({ requests, connections }).to.deep.equal({ requests: 10, connections: 1 });
    kept.closeIdleConnections();

    connections = 0;
    requests = 0;
    for (let i = 0; i < 10; i++) await list(plain);
    expect({ requests, connections }).to.deep.equal({ requests: 10, connections: 10 });
  });

  it('closes a connection once idle for the idle timeout, but waits out a slow answer on a busy one', async () => {
    const kc = withKeptAliveConnections(configFor(`https://127.0.0.1:${port}`, cert), 100);
    const core = kc.makeApiClient(CoreV1Api);
    answerAfterMs = 300;
    const list = await core.listNamespacedPod({ namespace: 'a' });
    expect(list.kind).to.equal('PodList');
    answerAfterMs = 0;
    await new Promise((resolve) => setTimeout(resolve, 250));
    await core.listNamespacedPod({ namespace: 'a' });
    expect({ requests, connections }).to.deep.equal({ requests: 2, connections: 2 });
    kc.closeIdleConnections();
  });

  it('shares one kept-alive agent per set of credentials', async () => {
    const kc = withKeptAliveConnections(configFor('https://127.0.0.1:6443', cert));
    const first = await agentOf(kc);
    expect(first).to.be.instanceOf(Agent);
    expect((first as Agent & { keepAlive: boolean }).keepAlive).to.equal(true);
    expect(await agentOf(kc)).to.equal(first);
  });

  it('tells credentials apart: another CA or client certificate gets its own agent', () => {
    const base = { ca: Buffer.from(cert), rejectUnauthorized: true };
    expect(agentIdentity(base)).to.equal(agentIdentity({ ...base, ca: Buffer.from(cert) }));
    expect(agentIdentity(base)).to.not.equal(agentIdentity({ ...base, ca: Buffer.from(`${cert}\n`) }));
    expect(agentIdentity(base)).to.not.equal(agentIdentity({ ...base, cert: key }));
    expect(agentIdentity(base)).to.not.equal(agentIdentity({ ...base, rejectUnauthorized: false }));
  });

  it("leaves a proxy's agent as the client made it", async () => {
    const kc = withKeptAliveConnections(
      configFor('https://127.0.0.1:6443', cert, { proxyUrl: 'http://127.0.0.1:3128' }),
    );
    const agent = await agentOf(kc);
    expect(agent).to.be.instanceOf(Agent);
    expect((agent as object).constructor).to.not.equal(Agent);
  });

  it('is itself when already kept alive', () => {
    const kc = new KeepAliveKubeConfig();
    expect(withKeptAliveConnections(kc)).to.equal(kc);
  });
});
