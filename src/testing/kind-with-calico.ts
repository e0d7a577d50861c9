// A fake one-node kind cluster with Calico and CoreDNS, all healthy.
import type { PodInfo } from '../kube/types.js';
import { FakeKubeClient } from './fake-kube.js';

/** calico-node as a DaemonSet of one Ready pod, calico-node-abcde, on `node` (more pod fields in `pod`). */
export function addCalicoNode(k: FakeKubeClient, node: string, pod: Partial<PodInfo> = {}): void {
  k.workloads.set('kube-system/calico-node', {
    kind: 'DaemonSet',
    namespace: 'kube-system',
    name: 'calico-node',
    podSelector: { 'k8s-app': 'calico-node' },
    desired: 1,
    ready: 1,
  });
  k.pods.set('kube-system/calico-node-abcde', {
    name: 'calico-node-abcde',
    namespace: 'kube-system',
    node,
    ready: true,
    labels: { 'k8s-app': 'calico-node' },
    restarts: 0,
    ...pod,
  });
}

/** One node, calico-node (DaemonSet) and coredns (one replica), each with one Ready pod. */
export function kindWithCalico(): FakeKubeClient {
  const k = new FakeKubeClient();
  k.nodes.clear();
  k.nodes.set('kind-control-plane', { name: 'kind-control-plane', ready: true });
  addCalicoNode(k, 'kind-control-plane', { phase: 'Running' });
  k.workloads.set('kube-system/coredns', {
    kind: 'Deployment',
    namespace: 'kube-system',
    name: 'coredns',
    podSelector: { 'k8s-app': 'kube-dns' },
    desired: 1,
    ready: 1,
  });
  k.pods.set('kube-system/coredns-1', {
    name: 'coredns-1',
    namespace: 'kube-system',
    node: 'kind-control-plane',
    ready: true,
    phase: 'Running',
    labels: { 'k8s-app': 'kube-dns' },
    restarts: 0,
  });
  return k;
}
