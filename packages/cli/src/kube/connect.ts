// The default API connection: a KubeClient for a kubeconfig context, and the
// namespace that context names.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeClient } from '@knot/runtime/kube';
import type { ConnectOptions, Connection } from '../cli-io.js';
import { CommandError } from '../errors.js';
import { HttpPodLogs } from '../logs/http-pod-logs.js';

/** The kubeconfig files to read, in kubectl's order: the flag, then $KUBECONFIG (a list), then ~/.kube/config. */
export function kubeconfigFiles(opts: ConnectOptions, env: NodeJS.ProcessEnv, cwd: string): string[] {
  if (opts.kubeconfig) return [resolve(cwd, opts.kubeconfig)];
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter((f) => f !== '');
  if (fromEnv.length > 0) return fromEnv.map((f) => resolve(cwd, f));
  return [join(env.HOME ?? homedir(), '.kube', 'config')];
}

export function loadKubeConfig(opts: ConnectOptions, env: NodeJS.ProcessEnv, cwd: string): KubeConfig {
  const files = kubeconfigFiles(opts, env, cwd);
  const present = files.filter((f) => existsSync(f));
  if (present.length === 0) {
    throw new CommandError('KUBECONFIG', `no kubeconfig at ${files.join(', ')}; start a local platform with \`knot dev\` or pass --kubeconfig`);
  }
  const config = new KubeConfig();
  try {
    present.forEach((file, i) => {
      if (i === 0) return config.loadFromFile(file);
      const more = new KubeConfig();
      more.loadFromFile(file);
      config.mergeConfig(more, true);
    });
  } catch (err) {
    throw new CommandError('KUBECONFIG', `kubeconfig ${present.join(', ')}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (opts.context) {
    if (!config.getContextObject(opts.context)) throw new CommandError('KUBECONFIG', `--context: no context named ${JSON.stringify(opts.context)} in the kubeconfig`);
    config.setCurrentContext(opts.context);
  }
  if (!config.getCurrentCluster()) throw new CommandError('KUBECONFIG', `kubeconfig: context ${JSON.stringify(config.getCurrentContext())} names no cluster`);
  return config;
}

/** Connects through the kubeconfig; nothing is sent until the first request. */
export function connectKubeconfig(opts: ConnectOptions, env: NodeJS.ProcessEnv, cwd: string): Connection {
  const config = loadKubeConfig(opts, env, cwd);
  const client = new KubeClient(config, { userAgent: 'knot-cli' });
  const logs = new HttpPodLogs(config);
  return {
    client,
    namespace: config.getContextObject(config.getCurrentContext())?.namespace || 'default',
    logs,
    close() {
      client.close();
      logs.close();
    },
  };
}
