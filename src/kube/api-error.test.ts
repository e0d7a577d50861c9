import { expect } from 'chai';
import { ApiException } from '@kubernetes/client-node';
import { apiFailureOf, contextualError, errorText, isNotFound, unservedKindOf } from './api-error.js';

describe('apiFailureOf', () => {
  it('reads the Status message from a JSON string body', () => {
    const body = JSON.stringify({
      kind: 'Status',
      message: 'NetworkPolicy.networking.k8s.io "x" is invalid: spec.ingress[0].ports[0].port: Invalid value',
      reason: 'Invalid',
      code: 422,
    });
    const err = new ApiException(422, 'HTTP-Code: 422', body, {});
    expect(apiFailureOf(err)).to.deep.equal({
      status: 422,
      message: 'NetworkPolicy.networking.k8s.io "x" is invalid: spec.ingress[0].ports[0].port: Invalid value',
      reason: 'Invalid',
    });
  });

  it('falls back to the raw body, then the status, when the body is no Status', () => {
    expect(apiFailureOf(new ApiException(500, 'HTTP-Code: 500', 'oops', {}))).to.deep.equal({
      status: 500,
      message: 'oops',
    });
    expect(apiFailureOf(new ApiException(503, 'HTTP-Code: 503', '', {}))).to.deep.equal({
      status: 503,
      message: 'HTTP 503',
    });
  });

  it('is undefined for other errors', () => {
    expect(apiFailureOf(new Error('ECONNREFUSED'))).to.equal(undefined);
  });

  it('recognises 404 and wraps errors with what was being done', () => {
    const err = new ApiException(404, 'HTTP-Code: 404', { message: 'pods "a" not found' }, {});
    expect(isNotFound(err)).to.equal(true);
    expect(contextualError('read pod x/a', err).message).to.equal(
      'unable to read pod x/a: pods "a" not found (HTTP 404)',
    );
  });
});

describe('errorText', () => {
  it('appends the causes fetch hides', () => {
    const err = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') });
    expect(errorText(err)).to.equal('fetch failed: connect ECONNREFUSED 127.0.0.1:1');
  });
});

describe('unservedKindOf', () => {
  it("reads the client's refusal of a kind discovery does not list as the server's 404", () => {
    expect(
      unservedKindOf(
        new Error('Unrecognized API version and kind: policy.networking.k8s.io/v1alpha1 ClusterNetworkPolicy'),
      ),
    ).to.deep.equal({
      status: 404,
      reason: 'NotFound',
      message: 'the server does not serve ClusterNetworkPolicy in policy.networking.k8s.io/v1alpha1',
    });
    expect(unservedKindOf(new Error('socket hang up'))).to.equal(undefined);
    expect(unservedKindOf('Unrecognized API version and kind: a b')).to.equal(undefined);
  });
});
