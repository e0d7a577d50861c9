import { setTimeout as delay } from 'node:timers/promises';
import { VersionApi, type KubeConfig } from '@kubernetes/client-node';
import { EnvironmentError } from '../errors.js';
import { withDeadlines } from '../kube/request-deadline.js';

export const API_SERVER_POLL_INTERVAL_MS = 1_000;

/** Polls the API server's /version until it answers; returns its gitVersion. */
export async function waitForApiServer(kubeConfig: KubeConfig, timeoutSeconds: number): Promise<string> {
  const api = withDeadlines(kubeConfig).makeApiClient(VersionApi);
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    try {
      return (await api.getCode()).gitVersion;
    } catch (err) {
      if (Date.now() >= deadline) {
        const server = kubeConfig.getCurrentCluster()?.server ?? '(no server)';
        throw new EnvironmentError(`the API server ${server} did not answer within ${timeoutSeconds} s`, undefined, {
          cause: err,
        });
      }
    }
    await delay(API_SERVER_POLL_INTERVAL_MS);
  }
}
