// A local stand-in for the API server, for tests: answers the list calls from a snapshot and
// refuses (HTTP 405) and records any other request, so a test can prove a reader never writes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import type { ClusterSnapshot } from '../capture/cluster-objects.js';

export interface ListOnlyServer {
  kubeConfig: KubeConfig;
  requests: { method: string; path: string }[];
  refused: { method: string; path: string }[];
  close(): Promise<void>;
}

/** `cnpVersions`: the ClusterNetworkPolicy versions served when the snapshot has some (default: both, as the CRD serves them). */
export async function startListOnlyServer(
  snapshot: ClusterSnapshot,
  cnpVersions: readonly string[] = ['v1alpha2', 'v1beta1'],
): Promise<ListOnlyServer> {
  const requests: ListOnlyServer['requests'] = [];
  const refused: ListOnlyServer['refused'] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? '';
    requests.push({ method, path: url.pathname + url.search });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (method !== 'GET') {
      refused.push({ method, path: url.pathname });
      send(405, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: `${method} refused: this API server is read-only`,
        reason: 'MethodNotAllowed',
        code: 405,
      });
      return;
    }
    const ns = /^\/api\/v1\/namespaces\/([^/]+)\/(pods|services)$/.exec(url.pathname);
    const np = /^\/apis\/networking\.k8s\.io\/v1\/namespaces\/([^/]+)\/networkpolicies$/.exec(url.pathname);
    const cnp = /^\/apis\/policy\.networking\.k8s\.io\/(v1alpha2|v1beta1)\/clusternetworkpolicies$/.exec(url.pathname);
    const list = (kind: string, items: unknown[]) => send(200, { kind, apiVersion: 'v1', metadata: {}, items });
    if (url.pathname === '/api/v1/namespaces') return list('NamespaceList', snapshot.namespaces);
    if (ns?.[2] === 'pods')
      return list(
        'PodList',
        snapshot.pods.filter((p) => p.metadata?.namespace === ns[1]),
      );
    if (ns?.[2] === 'services')
      return list(
        'ServiceList',
        snapshot.services.filter((s) => s.metadata?.namespace === ns[1]),
      );
    if (np)
      return list(
        'NetworkPolicyList',
        snapshot.networkPolicies.filter((p) => p.metadata?.namespace === np[1]),
      );
    // The CRD's two versions, when the snapshot has the field; else 404, as a cluster without the CRD answers.
    if (cnp && snapshot.clusterNetworkPolicies && cnpVersions.includes(cnp[1] as string)) {
      const apiVersion = `policy.networking.k8s.io/${cnp[1]}`;
      return send(200, {
        kind: 'ClusterNetworkPolicyList',
        apiVersion,
        metadata: {},
        items: snapshot.clusterNetworkPolicies.map((p) => ({ ...p, apiVersion })),
      });
    }
    send(404, {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message: `no route ${url.pathname}`,
      reason: 'NotFound',
      code: 404,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'read-only', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'reader' }],
    contexts: [{ name: 'read-only', cluster: 'read-only', user: 'reader' }],
    currentContext: 'read-only',
  });
  return { kubeConfig, requests, refused, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
