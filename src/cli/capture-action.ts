import { captureCluster } from '../capture/capture-cluster.js';
import type { CaptureOptions } from '../capture/to-scenario.js';
import { ClientClusterReader } from '../capture/client-reader.js';
import { parseLabelSelector } from '../capture/label-selector.js';
import { kubeconfigProblem } from '../cluster/kubeconfig.js';
import { CLIENT_KEY, DEFAULT_SERVER_KEY, loadImageMap, PACKAGED_IMAGE_MAP_FILE } from '../engine/setup/image-map.js';
import { EXIT } from '../errors.js';
import { loadKubeConfig } from '../kube/kubeconfig.js';
import type { CaptureFlags } from './capture-command.js';
import { writeOutput } from './check-command.js';
import { FlagError, type Io } from './program.js';
import { readCluster, scopeOf } from './scenario-world.js';

export async function runCapture(flags: CaptureFlags, io: Io): Promise<number> {
  const scope = scopeOf(flags);
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(flags.name) || flags.name.length > 63)
    throw new FlagError('--name', flags.name, 'expected a lowercase RFC 1123 label');
  if (flags.selector) {
    try {
      parseLabelSelector(flags.selector);
    } catch (err) {
      throw new FlagError('--selector', flags.selector, (err as Error).message);
    }
  }
  let kc;
  try {
    kc = loadKubeConfig({
      ...(flags.kubeconfig ? { kubeconfigPath: flags.kubeconfig } : {}),
      ...(flags.context ? { context: flags.context } : {}),
    });
  } catch (err) {
    throw kubeconfigProblem(err);
  }
  const from = `context ${kc.getCurrentContext()}`;
  let standIns: CaptureOptions['standIns'];
  if (flags.offline) {
    const map = loadImageMap(PACKAGED_IMAGE_MAP_FILE);
    standIns = {
      images: map.images,
      client: map.images[CLIENT_KEY] ?? 'alpine',
      server: map.images[DEFAULT_SERVER_KEY] ?? 'netpol-harness/server:v1',
    };
  }
  const { text, info } = await readCluster(
    () =>
      captureCluster(
        new ClientClusterReader(kc),
        { scope, ...(flags.selector ? { labelSelector: flags.selector } : {}) },
        {
          name: flags.name,
          from,
          at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
          file: flags.out ?? 'captured.yaml',
          ...(flags.selector ? { labelSelector: flags.selector } : {}),
          ...(standIns ? { standIns } : {}),
        },
      ),
    from,
    scope,
  );
  if (flags.out) {
    writeOutput(flags.out, text);
    io.err(`capture: ${info.namespaces.join(', ')} (${from}) -> ${flags.out}`);
  } else io.out(text.trimEnd());
  for (const item of info.leftOut) io.err(`  left out: ${item}`);
  return EXIT.ok;
}
