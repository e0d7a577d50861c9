import { expect } from 'chai';
import type { Server } from 'node:http';
import { CustomObjectsApi } from '@kubernetes/client-node';
import {
  cnpVersionOf,
  createOrReplaceClusterNetworkPolicy,
  deleteLabelledClusterNetworkPolicies,
} from './cluster-policy-api.js';
import { fakeApiServer, status } from '../testing/fake-api-server.js';

const CNPS = '/apis/policy.networking.k8s.io/v1beta1/clusternetworkpolicies';
// A typo the server must see as written, to reject it.
const manifest = {
  apiVersion: 'policy.networking.k8s.io/v1beta1',
  kind: 'ClusterNetworkPolicy',
  metadata: { name: 'deny-a' },
  spec: { tier: 'Admin', priority: 1, subject: { namespaces: {} }, typo: true },
};

describe('ClusterNetworkPolicy through the custom objects API', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('reads the version from the apiVersion, and only in its group', () => {
    expect(cnpVersionOf('policy.networking.k8s.io/v1alpha2')).to.equal('v1alpha2');
    expect(cnpVersionOf('networking.k8s.io/v1')).to.equal(undefined);
    expect(cnpVersionOf(undefined)).to.equal(undefined);
  });

  it('creates with strict field validation, the manifest as written; replaces on 409 with the live resourceVersion', async () => {
    const fake = await fakeApiServer(CustomObjectsApi, (req) =>
      req.method === 'POST'
        ? status(409, 'AlreadyExists', 'clusternetworkpolicies.policy.networking.k8s.io "deny-a" already exists')
        : { status: 200, body: { ...manifest, metadata: { name: 'deny-a', resourceVersion: '42' } } },
    );
    server = fake.server;
    expect(await createOrReplaceClusterNetworkPolicy(fake.api, manifest)).to.deep.equal({
      accepted: true,
      operation: 'configured',
    });
    expect(fake.seen.map((s) => `${s.method} ${s.path} ${JSON.stringify(s.query)}`)).to.deep.equal([
      `POST ${CNPS} {"fieldValidation":"Strict"}`,
      `GET ${CNPS}/deny-a {}`,
      `PUT ${CNPS}/deny-a {"fieldValidation":"Strict"}`,
    ]);
    expect(fake.seen[0]?.body).to.deep.equal(manifest);
    expect(fake.seen[2]?.body).to.deep.equal({ ...manifest, metadata: { name: 'deny-a', resourceVersion: '42' } });
  });

  it('returns a rejection as data, and refuses another group without asking', async () => {
    const message = 'ClusterNetworkPolicy.policy.networking.k8s.io "deny-a" is invalid: spec.priority: Invalid value';
    const fake = await fakeApiServer(CustomObjectsApi, () => status(422, 'Invalid', message));
    server = fake.server;
    expect(await createOrReplaceClusterNetworkPolicy(fake.api, manifest)).to.deep.equal({
      accepted: false,
      status: 422,
      message,
    });
    const other = { ...manifest, apiVersion: 'networking.k8s.io/v1' };
    const answer = await createOrReplaceClusterNetworkPolicy(fake.api, other);
    expect(answer.accepted).to.equal(false);
    expect(fake.seen).to.have.length(1);
  });

  it('deletes the labelled ones through the first version served; none where none is', async () => {
    const fake = await fakeApiServer(CustomObjectsApi, (req) =>
      req.path.includes('/v1beta1/')
        ? status(404, 'NotFound', 'the server could not find the requested resource')
        : req.method === 'GET'
          ? { status: 200, body: { items: [{ metadata: { name: 'a-1' } }, { metadata: { name: 'b-2' } }] } }
          : { status: 200, body: {} },
    );
    server = fake.server;
    expect(
      await deleteLabelledClusterNetworkPolicies(fake.api, ['v1beta1', 'v1alpha2'], 'netpol-harness.io/run-id=r1'),
    ).to.deep.equal(['a-1', 'b-2']);
    expect(fake.seen.map((s) => `${s.method} ${s.path} ${s.query.labelSelector ?? ''}`)).to.deep.equal([
      `GET ${CNPS} netpol-harness.io/run-id=r1`,
      'GET /apis/policy.networking.k8s.io/v1alpha2/clusternetworkpolicies netpol-harness.io/run-id=r1',
      'DELETE /apis/policy.networking.k8s.io/v1alpha2/clusternetworkpolicies/a-1 ',
      'DELETE /apis/policy.networking.k8s.io/v1alpha2/clusternetworkpolicies/b-2 ',
    ]);
    const none = await fakeApiServer(CustomObjectsApi, () => status(404, 'NotFound', 'not found'));
    server?.close();
    server = none.server;
    expect(await deleteLabelledClusterNetworkPolicies(none.api, ['v1beta1', 'v1alpha2'], 'x=y')).to.deep.equal([]);
  });
});
