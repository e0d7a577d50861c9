import { expect } from 'chai';
import type { Server } from 'node:http';
import { NetworkingV1Api } from '@kubernetes/client-node';
import { createOrReplaceNetworkPolicy } from './apply-policy.js';
import { fakeApiServer as fakeServer, status } from '../testing/fake-api-server.js';

const fakeApiServer = (answer: Parameters<typeof fakeServer>[1]) => fakeServer(NetworkingV1Api, answer);

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
