// A fake one-node kind cluster with Calico and CoreDNS, all healthy.
import type { PodInfo } from '../kube/types.js';
import { FakeKubeClient } from './fake-kube.js';

/** One node, calico-node (DaemonSet) and coredns (one replica), each with one Ready pod. */
export function kindWithCalico(): FakeKubeClient {
  const k = new FakeKubeClient();
  k.nodes.clear();
  k.nodes.set('kind-control-plane', { name: 'kind-control-plane', ready: true });
  k.workloads.set('kube-system/calico-node', {
    kind: 'DaemonSet',
    namespace: 'kube-system',
    name: 'calico-node',
    podSelector: { 'k8s-app': 'calico-node' },
    desired: 1,
    ready: 1,
  });
  k.workloads.set('kube-system/coredns', {
    kind: 'Deployment',
    namespace: 'kube-system',
    name: 'coredns',
    podSelector: { 'k8s-app': 'kube-dns' },
    desired: 1,
    ready: 1,
  });
  const pod = (name: string, app: string): PodInfo => ({
    name,
    namespace: 'kube-system',
    node: 'kind-control-plane',
    ready: true,
    phase: 'Running',
    labels: { 'k8s-app': app },
    restarts: 0,
  });
  k.pods.set('kube-system/calico-node-abcde', pod('calico-node-abcde', 'calico-node'));
  k.pods.set('kube-system/coredns-1', pod('coredns-1', 'kube-dns'));
  return k;
}
