import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { KUBE_ROUTER_CNI_CONF, kubeRouterManifestForNodes } from './kube-router-nodes.js';

const TEXT = readFileSync('kube-router/kube-router.yaml', 'utf8');

describe('kube-router on several nodes', () => {
  it('is the checked manifest itself on one node', () => {
    expect(kubeRouterManifestForNodes(TEXT, 1)).to.equal(TEXT);
  });

  it('runs the routing controller, which writes each node its own range and routes the others', () => {
    const docs = parseAllDocuments(kubeRouterManifestForNodes(TEXT, 2));
    const js = (Array.isArray(docs) ? docs : []).map((d) => d.toJS() as Record<string, unknown>).filter(Boolean);
    const cm = js.find((d) => d.kind === 'ConfigMap') as unknown as { data: Record<string, string> };
    expect(JSON.parse(cm.data['10-kube-router.conflist'] ?? '{}').plugins[0].ipam).to.deep.equal({
      type: 'host-local',
      ranges: [],
    });
    const ds = js.find((d) => d.kind === 'DaemonSet') as unknown as {
      spec: {
        template: { spec: { containers: { name: string; args: string[]; env: unknown[]; volumeMounts: unknown[] }[] } };
      };
    };
    const router = ds.spec.template.spec.containers.find((c) => c.name === 'kube-router');
    expect(router?.args).to.deep.equal([
      '--run-service-proxy=false',
      '--run-firewall=true',
      '--run-router=true',
      '--enable-overlay=false',
    ]);
    expect(router?.env).to.deep.include({ name: 'KUBE_ROUTER_CNI_CONF_FILE', value: KUBE_ROUTER_CNI_CONF });
    expect(router?.volumeMounts).to.deep.include({ name: 'cni-conf-dir', mountPath: '/etc/cni/net.d' });
  });

  it('says what it could not find', () => {
    expect(() => kubeRouterManifestForNodes('kind: Namespace\n', 2)).to.throw('no ConfigMap kube-router-cni');
  });
});
