// What offline/mirror.sh puts in the registry mirror: one line per image, "UPSTREAM<TAB>LOCAL",
// the upstream name fully qualified (docker.io/library/nginx:latest) and the local image the
// offline build made for it. Run: node --import tsx scripts/mirror-images.ts [SCENARIO PATHS…]
// (default: scenarios). Covers every CNI's manifests, the pods of the scenarios as `run
// --no-offline` names them (documents' images, our generic server and probe client), and the
// control-plane images the node image already carries (kind would pull them from registry.k8s.io).
import { readFileSync } from 'node:fs';
import { CNI_NAMES, cniProfile } from '../src/cluster/cni.js';
import { imagesFromManifest } from '../src/cluster/images.js';
import { parseEnvFile } from '../src/cluster/node-image.js';
import { qualifiedName, qualifyImage } from '../src/cluster/registry-mirror.js';
import { imagesForScenarios, loadImageMap, resolveImage } from '../src/engine/setup/image-map.js';
import { loadScenarios } from '../src/scenario/load.js';

const root = new URL('..', import.meta.url).pathname;
const map = loadImageMap(`${root}offline/image-map.yaml`);
const pairs = new Map<string, string>();
const add = (upstream: string, local: string) => pairs.set(qualifiedName(qualifyImage(upstream)), local);

for (const cni of CNI_NAMES)
  for (const manifest of cniProfile(cni, root).manifests)
    for (const image of imagesFromManifest(readFileSync(manifest, 'utf8'))) add(image, image);

const scenarios = loadScenarios(process.argv.length > 2 ? process.argv.slice(2) : [`${root}scenarios`]);
for (const online of imagesForScenarios(scenarios, map, false)) add(online, resolveImage(online, map, true));

const pins = parseEnvFile(readFileSync(`${root}offline/versions.env`, 'utf8'));
const k8s = pins.K8S_VERSION;
if (k8s) {
  for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy'])
    add(`registry.k8s.io/${c}:${k8s}`, `registry.k8s.io/${c}:${k8s}`);
}
if (pins.ETCD_IMAGE_TAG) add(`registry.k8s.io/etcd:${pins.ETCD_IMAGE_TAG}`, `registry.k8s.io/etcd:${pins.ETCD_IMAGE_TAG}`);
if (pins.COREDNS_VERSION)
  add(`registry.k8s.io/coredns/coredns:${pins.COREDNS_VERSION}`, `registry.k8s.io/coredns/coredns:${pins.COREDNS_VERSION}`);
if (pins.PAUSE_VERSION) add(`registry.k8s.io/pause:${pins.PAUSE_VERSION}`, `registry.k8s.io/pause:${pins.PAUSE_VERSION}`);

for (const [upstream, local] of [...pairs].sort(([a], [b]) => a.localeCompare(b)))
  process.stdout.write(`${upstream}\t${local}\n`);
