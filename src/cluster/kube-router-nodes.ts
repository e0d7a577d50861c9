import { isMap, isSeq, parseAllDocuments, type YAMLMap } from 'yaml';

/** Where kube-router's routing controller writes each node's pod range into the CNI configuration. */
export const KUBE_ROUTER_CNI_CONF = '/etc/cni/net.d/10-kube-router.conflist';

/** The one-node configuration's fixed range: on several nodes each node gets its own instead. */
const FIXED_RANGE = /"ranges":\s*\[\[\{\s*"subnet":\s*"[^"]+"\s*\}\]\]/;

/**
 * kube-router's manifest for a cluster of `nodes`: on one node the text as checked (the bridge
 * with the first node's /24, no routes). On several, kube-router also runs its routing controller
 * (`--run-router=true`): it writes each node's own pod range (the controller manager's podCIDR)
 * into the bridge's CNI configuration, which then starts with no range, and routes the other
 * nodes' ranges to them over iBGP between the nodes on the kind network (`--enable-overlay=false`:
 * the nodes share one subnet, so no tunnel, which this kernel could not build). Pure; throws when
 * the manifest is not laid out as expected.
 */
export function kubeRouterManifestForNodes(text: string, nodes: number): string {
  if (nodes <= 1) return text;
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) throw new Error('kube-router.yaml does not parse');
  let daemonSet = false;
  let configMap = false;
  for (const doc of docs) {
    const kind = doc.get('kind');
    const name = doc.getIn(['metadata', 'name']);
    if (kind === 'ConfigMap' && name === 'kube-router-cni') {
      const conf = doc.getIn(['data', '10-kube-router.conflist']);
      if (typeof conf !== 'string' || !FIXED_RANGE.test(conf))
        throw new Error('kube-router.yaml: no host-local range in the kube-router-cni ConfigMap');
      doc.setIn(['data', '10-kube-router.conflist'], conf.replace(FIXED_RANGE, '"ranges": []'));
      configMap = true;
    }
    if (kind !== 'DaemonSet' || name !== 'kube-router') continue;
    const containers = doc.getIn(['spec', 'template', 'spec', 'containers']);
    const router = isSeq(containers)
      ? containers.items.find((c): c is YAMLMap => isMap(c) && c.get('name') === 'kube-router')
      : undefined;
    const args = router?.get('args');
    const env = router?.get('env');
    const mounts = router?.get('volumeMounts');
    if (!router || !isSeq(args) || !isSeq(env) || !isSeq(mounts))
      throw new Error('kube-router.yaml: no kube-router container with args, env and volumeMounts');
    args.items = [
      ...args.items.filter((a) => !String((a as { value?: unknown }).value ?? a).startsWith('--run-router')),
      doc.createNode('--run-router=true'),
      doc.createNode('--enable-overlay=false'),
    ];
    env.items.push(doc.createNode({ name: 'KUBE_ROUTER_CNI_CONF_FILE', value: KUBE_ROUTER_CNI_CONF }));
    mounts.items.push(doc.createNode({ name: 'cni-conf-dir', mountPath: '/etc/cni/net.d' }));
    daemonSet = true;
  }
  if (!configMap) throw new Error('kube-router.yaml: no ConfigMap kube-router-cni');
  if (!daemonSet) throw new Error('kube-router.yaml: no DaemonSet kube-router');
  return docs.map((d) => d.toString()).join('');
}
