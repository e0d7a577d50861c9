import { ApiException } from '@kubernetes/client-node';

/** The HTTP status and the API server's own message of a failed request, if it was an API error. */
export interface ApiFailure {
  status: number;
  message: string;
  reason?: string;
}

/**
 * The client's own refusal of a kind the API server's discovery does not list (its group is served,
 * the kind is not), read as the API server's 404: kubectl says the server has no such resource type.
 */
export function unservedKindOf(err: unknown): ApiFailure | undefined {
  if (!(err instanceof Error)) return undefined;
  const m = /^Unrecognized API version and kind: (\S+) (\S+)$/.exec(err.message);
  return m ? { status: 404, reason: 'NotFound', message: `the server does not serve ${m[2]} in ${m[1]}` } : undefined;
}

/** Reads an ApiException's status and Status.message (the body may be a string or a parsed Status). */
export function apiFailureOf(err: unknown): ApiFailure | undefined {
  if (!(err instanceof ApiException)) return undefined;
  const status = (err as ApiException<unknown>).code;
  const body = parseBody((err as ApiException<unknown>).body);
  const raw = (err as ApiException<unknown>).body;
  const message =
    typeof body?.message === 'string'
      ? body.message
      : typeof raw === 'string' && raw.trim()
        ? raw.trim()
        : `HTTP ${status}`;
  const reason = typeof body?.reason === 'string' ? body.reason : undefined;
  return reason === undefined ? { status, message } : { status, message, reason };
}

function parseBody(body: unknown): Record<string, unknown> | undefined {
  if (typeof body === 'string') {
    try {
      const parsed: unknown = JSON.parse(body);
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
}

export function isNotFound(err: unknown): boolean {
  return apiFailureOf(err)?.status === 404;
}

export function isAlreadyExists(err: unknown): boolean {
  return apiFailureOf(err)?.status === 409;
}

/** Wraps an API error with what was being done: `unable to create pod x/a: <server message>`. */
export function contextualError(doing: string, err: unknown): Error {
  const failure = apiFailureOf(err);
  const detail = failure ? `${failure.message} (HTTP ${failure.status})` : errorText(err);
  return new Error(`unable to ${doing}: ${detail}`, { cause: err });
}

/** An error's message with its causes (`fetch failed: connect ECONNREFUSED 127.0.0.1:6443`). */
export function errorText(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e !== undefined && depth < 5; depth++) {
    const message = e instanceof Error ? e.message : String(e);
    if (message && !parts.some((p) => p.includes(message))) parts.push(message);
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(': ');
}
