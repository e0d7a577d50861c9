import {
  Observable,
  type ConfigurationOptions,
  type ObservableMiddleware,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';

/**
 * Request options that send `body` exactly as given. The generated clients serialize bodies
 * through their typed models, which silently drops unknown fields: a manifest with a typo would
 * reach the API server already "fixed", and strict field validation could never reject it.
 */
export function rawJsonBody(body: unknown): ConfigurationOptions<ObservableMiddleware> {
  const json = JSON.stringify(body);
  const middleware: ObservableMiddleware = {
    pre: (request: RequestContext) => {
      request.setBody(json);
      return new Observable(Promise.resolve(request));
    },
    post: (response: ResponseContext) => new Observable(Promise.resolve(response)),
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' };
}
