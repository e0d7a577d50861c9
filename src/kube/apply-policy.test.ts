import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig, NetworkingV1Api } from '@kubernetes/client-node';
import { createOrReplaceNetworkPolicy } from './apply-policy.js';

interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
}
type Reply = { status: number; body: unknown };

/** A loopback stand-in for the API server: records each request and answers from a script. */
async function fakeApiServer(
  answer: (req: Seen) => Reply,
): Promise<{ server: Server; api: NetworkingV1Api; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const s: Seen = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        ...(text ? { body: JSON.parse(text) as unknown } : {}),
      };
      seen.push(s);
      const reply = answer(s);
      res.writeHead(reply.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'u' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return { server, api: kc.makeApiClient(NetworkingV1Api), seen };
}

const status = (code: number, reason: string, message: string): Reply => ({
  status: code,
  body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message, code },
});
const POLICIES = '/apis/networking.k8s.io/v1/namespaces/ns1/networkpolicies';
// A typo the typed client would silently drop: it must reach the server as written.
const manifest = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'web' },
  spec: { podSelector: {}, typo: true },
};

describe('createOrReplaceNetworkPolicy', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('creates a new policy with strict field validation, the manifest sent as written', async () => {
    const fake = await fakeApiServer(() => ({ status: 201, body: manifest }));
    server = fake.server;
    expect(await createOrReplaceNetworkPolicy(fake.api, 'ns1', manifest)).to.deep.equal({
      accepted: true,
      operation: 'created',
    });
    expect(fake.seen).to.deep.equal([
      { method: 'POST', path: POLICIES, query: { fieldValidation: 'Strict' }, body: manifest },
    ]);
  });

  it('replaces a policy of the same name (409): PUT with the live resourceVersion, strict', async () => {
    const fake = await fakeApiServer((req) =>
      req.method === 'POST'
        ? status(409, 'AlreadyExists', 'networkpolicies.networking.k8s.io "web" already exists')
        : { status: 200, body: { ...manifest, metadata: { name: 'web', resourceVersion: '4711' } } },
    );
    server = fake.server;
    expect(await createOrReplaceNetworkPolicy(fake.api, 'ns1', manifest)).to.deep.equal({
      accepted: true,
      operation: 'configured',
    });
    expect(fake.seen.map((s) => `${s.method} ${s.path} ${JSON.stringify(s.query)}`)).to.deep.equal([
      `POST ${POLICIES} {"fieldValidation":"Strict"}`,
      `GET ${POLICIES}/web {}`,
      `PUT ${POLICIES}/web {"fieldValidation":"Strict"}`,
    ]);
    expect(fake.seen[2]?.body).to.deep.equal({ ...manifest, metadata: { name: 'web', resourceVersion: '4711' } });
  });

  it('returns a rejected update as data (the old version stays in force)', async () => {
    const message =
      'NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: strict decoding error: unknown field "spec.typo"';
    const fake = await fakeApiServer((req) =>
      req.method === 'POST'
        ? status(409, 'AlreadyExists', 'networkpolicies.networking.k8s.io "web" already exists')
        : req.method === 'GET'
          ? { status: 200, body: { ...manifest, metadata: { name: 'web', resourceVersion: '7' } } }
          : status(400, 'BadRequest', message),
    );
    server = fake.server;
    expect(await createOrReplaceNetworkPolicy(fake.api, 'ns1', manifest)).to.deep.equal({
      accepted: false,
      status: 400,
      message,
    });
  });

  it('returns a rejected create as data without trying to replace', async () => {
    const message = 'NetworkPolicy.networking.k8s.io "web" is invalid: spec.ingress[0].ports[0].port: Invalid value: 0';
    const fake = await fakeApiServer(() => status(422, 'Invalid', message));
    server = fake.server;
    expect(await createOrReplaceNetworkPolicy(fake.api, 'ns1', manifest)).to.deep.equal({
      accepted: false,
      status: 422,
      message,
    });
    expect(fake.seen).to.have.length(1);
  });

  it('throws a server error with what it was doing', async () => {
    const fake = await fakeApiServer(() => status(500, 'InternalError', 'etcdserver: request timed out'));
    server = fake.server;
    let thrown: unknown;
    await createOrReplaceNetworkPolicy(fake.api, 'ns1', manifest).catch((err: unknown) => (thrown = err));
    expect((thrown as Error).message).to.equal(
      'unable to create networkpolicy ns1/web: etcdserver: request timed out (HTTP 500)',
    );
  });
});
