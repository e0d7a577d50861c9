import type { ClusterFacts } from '../model/types.js';
import { readSnapshot, type ClusterReader, type ReadOptions } from './cluster-reader.js';
import { snapshotToScenario, type CaptureInfo, type CaptureOptions } from './to-scenario.js';
import { renderCapturedScenario } from './write-scenario.js';

/** Reads the cluster through `reader` (lists only) and returns the scenario file's text. */
export async function captureCluster(
  reader: ClusterReader,
  read: ReadOptions,
  opts: CaptureOptions & { file: string; facts?: ClusterFacts },
): Promise<{ text: string; info: CaptureInfo }> {
  const snapshot = await readSnapshot(reader, read);
  const { document, info } = snapshotToScenario(snapshot, opts);
  return { text: renderCapturedScenario(document, info, opts.file, opts.facts), info };
}
