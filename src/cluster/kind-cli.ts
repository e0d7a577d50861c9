import { EnvironmentError } from '../errors.js';
import { CommandNotFoundError, commandLine, tail, type RunCommand, type RunOptions } from './program-runner.js';

/** kind create waits for kubeadm (up to 4 min for the control plane); past this, it is stuck. */
export const KIND_CREATE_TIMEOUT_SECONDS = 600;
export const KIND_DELETE_TIMEOUT_SECONDS = 180;

export const KIND_INSTALL_HINT = 'bash offline/build.sh (it installs kind)';

/** The kind CLI: every call names the cluster; failures carry the command and its output. */
export class KindCli {
  constructor(private readonly run: RunCommand) {}

  async version(): Promise<string> {
    try {
      const r = await this.run('kind', ['version']);
      return r.stdout.trim();
    } catch (err) {
      if (err instanceof CommandNotFoundError)
        throw new EnvironmentError('kind is not installed (no kind command on PATH)', KIND_INSTALL_HINT);
      throw err;
    }
  }

  async clusters(): Promise<string[]> {
    const r = await this.must(['get', 'clusters']);
    return r.stdout
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  async nodes(name: string): Promise<string[]> {
    const r = await this.must(['get', 'nodes', '--name', name]);
    return r.stdout
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  async create(name: string, configPath: string, image: string | undefined): Promise<void> {
    // kind deletes a cluster whose creation failed (no --retain), so nothing is left behind.
    const args = ['create', 'cluster', '--name', name, '--config', configPath, ...(image ? ['--image', image] : [])];
    await this.must(args, { streamStderr: true, timeoutMs: KIND_CREATE_TIMEOUT_SECONDS * 1000 });
  }

  async delete(name: string): Promise<void> {
    await this.must(['delete', 'cluster', '--name', name], {
      streamStderr: true,
      timeoutMs: KIND_DELETE_TIMEOUT_SECONDS * 1000,
    });
  }

  async kubeconfig(name: string): Promise<string> {
    return (await this.must(['get', 'kubeconfig', '--name', name])).stdout;
  }

  /** Writes the cluster's context (kind-<name>) into the default kubeconfig, as create does. */
  async exportKubeconfig(name: string): Promise<void> {
    await this.must(['export', 'kubeconfig', '--name', name]);
  }

  /** Loads images into every node (kind skips those a node already has). */
  async loadImages(name: string, images: string[]): Promise<void> {
    if (images.length > 0) await this.must(['load', 'docker-image', '--name', name, ...images]);
  }

  private async must(args: string[], options: RunOptions = {}) {
    let r;
    try {
      r = await this.run('kind', args, options);
    } catch (err) {
      if (err instanceof CommandNotFoundError)
        throw new EnvironmentError('kind is not installed (no kind command on PATH)', KIND_INSTALL_HINT);
      throw err;
    }
    if (r.exitCode !== 0) {
      const output = tail(`${r.stderr}\n${r.stdout}`.trim());
      throw new EnvironmentError(
        `${commandLine('kind', args)} failed (exit ${r.exitCode})${output ? `:\n${output}` : ''}`,
      );
    }
    return r;
  }
}
