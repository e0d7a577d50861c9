/**
 * A recorded run's JSON lines as `merge` writes them back today: a derived record that spec and
 * cluster agree against, recorded as a document defect before derived contradictions had their
 * own verdict, is a derived contradiction (record-json.ts, withSourcesApart). Other lines as they were.
 */
export function recordedWithSourcesApart(text: string): string {
  return text
    .split('\n')
    .map((l) => {
      if (!l.includes('"verdict":"document-defect"')) return l;
      const o = JSON.parse(l) as { provenance?: { kind?: string } };
      return o.provenance?.kind === 'derived'
        ? l.replace('"verdict":"document-defect"', '"verdict":"derived-contradiction"')
        : l;
    })
    .join('\n');
}
