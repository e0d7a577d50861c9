// What the loader tests share: a scenario head with one workload, one client and one service, and
// the problems a text gives (formatted as the CLI prints them), or none.
import { parseScenario } from '../scenario/parse.js';
import { formatProblem, InputError } from '../problems.js';

export const noFiles = (): undefined => undefined;

export const SCENARIO_HEAD = `apiVersion: netpol-harness/v1
kind: Scenario
name: t
source: { file: doc.txt, section: Intro }
workloads:
  - name: web
    image: nginx
    labels: { app: web }
    ports: [{ containerPort: 80 }]
clients:
  - name: c
    image: alpine
services:
  - name: web
    selector: { app: web }
    ports: [{ port: 80 }]
`;

/** The problems the loader reports for a scenario text, formatted; none when it loads. */
export function problemsOf(text: string): string[] {
  try {
    parseScenario('s.yaml', text, noFiles);
    return [];
  } catch (err) {
    if (err instanceof InputError) return err.problems.map(formatProblem);
    throw err;
  }
}
