/**
 * What queue-proxy's environment carries from config-logging, config-observability
 * and config-tracing. knot does not parse those config maps yet, so the revision
 * reconciler takes these as a fixed input, defaulting to Knative's defaults.
 */
export interface QueueObservability {
  /** config-logging zap-logger-config; '' lets queue-proxy use its own default. */
  readonly loggingConfig: string;
  /** config-logging loglevel.queueproxy */
  readonly loggingLevel: string;
  readonly requestLogTemplate: string;
  readonly enableRequestLog: boolean;
  readonly enableProbeRequestLog: boolean;
  readonly requestMetricsBackend: string;
  readonly requestMetricsReportingPeriodSeconds: number;
  readonly metricsCollectorAddress: string;
  /** Adds the profiling port (8008) to queue-proxy. */
  readonly enableProfiling: boolean;
  readonly tracingBackend: string;
  readonly tracingZipkinEndpoint: string;
  readonly tracingDebug: boolean;
  readonly tracingSampleRate: number;
}

export const DEFAULT_QUEUE_OBSERVABILITY: QueueObservability = Object.freeze({
  loggingConfig: '',
  loggingLevel: '',
  requestLogTemplate: '',
  enableRequestLog: false,
  enableProbeRequestLog: false,
  requestMetricsBackend: 'prometheus',
  requestMetricsReportingPeriodSeconds: 5,
  metricsCollectorAddress: '',
  enableProfiling: false,
  tracingBackend: 'none',
  tracingZipkinEndpoint: '',
  tracingDebug: false,
  tracingSampleRate: 0.1,
});
