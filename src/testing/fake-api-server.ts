// A loopback stand-in for the API server, for the kube/ tests: records each request and answers
// from a script the test gives.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig, type ApiConstructor, type ApiType } from '@kubernetes/client-node';

export interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
}
export type Reply = { status: number; body: unknown };

/** A loopback stand-in for the API server: records each request and answers from a script. */
export async function fakeApiServer<T extends ApiType>(
  apiClass: ApiConstructor<T>,
  answer: (req: Seen) => Reply,
): Promise<{ server: Server; api: T; seen: Seen[] }> {
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
  return { server, api: kc.makeApiClient(apiClass), seen };
}

export const status = (code: number, reason: string, message: string): Reply => ({
  status: code,
  body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message, code },
});
