// Which images a cluster needs loaded: the test images of offline/image-map.yaml and the images
// calico/calico.yaml runs. Pure: text in, names out.
import { parseAllDocuments, parse } from 'yaml';

/** The local image names (values) of offline/image-map.yaml, without duplicates. */
export function imagesFromImageMap(text: string): string[] {
  const doc = parse(text) as { images?: Record<string, unknown> } | null;
  const values = Object.values(doc?.images ?? {}).filter((v): v is string => typeof v === 'string');
  return [...new Set(values)];
}

/** Every container and initContainer image of the workloads in a multi-document manifest. */
export function imagesFromManifest(text: string): string[] {
  const found = new Set<string>();
  for (const doc of parseAllDocuments(text)) {
    const obj = doc.toJS() as unknown;
    collectImages(obj, found);
  }
  return [...found];
}

function collectImages(node: unknown, found: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectImages(item, found);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const c of value)
        if (typeof (c as { image?: unknown }).image === 'string') found.add((c as { image: string }).image);
    } else collectImages(value, found);
  }
}
