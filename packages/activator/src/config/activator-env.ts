// The activator's environment in cluster mode; every error names the variable.
import { ACTIVATOR_HTTP2_PORT, ACTIVATOR_HTTP_PORT, ACTIVATOR_METRICS_PORT, autoscalerStatsUrl } from '@knot/api';
import { envInt, envPort, envString, EnvError, requireSystemNamespace, type Env } from '@knot/runtime';
import type { ActivatorPorts } from '../index.js';

export interface ActivatorEnv {
  readonly systemNamespace: string;
  readonly podName: string;
  /** Lets activators sharing a revision split its pods; unset, every pod is used. */
  readonly podIP?: string;
  readonly ports: ActivatorPorts;
  readonly autoscalerUrl: string;
  readonly drainMs: number;
}

/** Seconds of serving with readiness failing after SIGTERM, before the listeners close. */
const DEFAULT_DRAIN_SECONDS = 15;

export function parseActivatorEnv(env: Env): ActivatorEnv {
  const systemNamespace = requireSystemNamespace(env);
  const autoscalerUrl = envString(env, 'AUTOSCALER_URL', autoscalerStatsUrl(systemNamespace));
  if (!/^wss?:\/\/[^/\s]+/.test(autoscalerUrl)) throw new EnvError(`AUTOSCALER_URL: must be a ws:// or wss:// URL, got ${JSON.stringify(autoscalerUrl)}`);
  const podIP = envString(env, 'POD_IP', '');
  if (podIP !== '' && !/^[0-9a-fA-F:.]+$/.test(podIP)) throw new EnvError(`POD_IP: must be an IP address, got ${JSON.stringify(podIP)}`);
  return {
    systemNamespace,
    podName: envString(env, 'POD_NAME', 'activator'),
    ...(podIP === '' ? {} : { podIP }),
    ports: {
      http: envPort(env, 'HTTP_PORT', ACTIVATOR_HTTP_PORT),
      http2: envPort(env, 'HTTP2_PORT', ACTIVATOR_HTTP2_PORT),
      metrics: envPort(env, 'METRICS_PORT', ACTIVATOR_METRICS_PORT),
    },
    autoscalerUrl,
    drainMs: envInt(env, 'DRAIN_SECONDS', DEFAULT_DRAIN_SECONDS, 0, 3600) * 1000,
  };
}
