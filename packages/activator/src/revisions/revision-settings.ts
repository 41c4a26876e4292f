// What the activator needs from a Revision, read once per change of the object.
import {
  CONFIGURATION_LABEL_KEY,
  SERVICE_LABEL_KEY,
  SERVICE_PORT_NAME_H2C,
  SERVICE_PORT_NAME_HTTP1,
  type ProtocolType,
  type Revision,
} from '@knot/api';
import type { RevisionLabels } from '../metrics/activator-metrics.js';

/** Knative's revision-timeout-seconds default, for a Revision written without the webhook. */
const DEFAULT_TIMEOUT_SECONDS = 300;

export interface RevisionSettings {
  /** 0 means unlimited. */
  readonly containerConcurrency: number;
  /** The whole request, from its arrival here. */
  readonly timeoutMs: number;
  /** Until the response headers; 0 means only `timeoutMs` applies. */
  readonly responseStartTimeoutMs: number;
  readonly protocol: ProtocolType;
  /** The private Service's port for the protocol: `http` or `http2`. */
  readonly portName: string;
  readonly labels: RevisionLabels;
}

const wholeOr = (v: number | undefined, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : fallback);

export function revisionSettings(rev: Revision): RevisionSettings {
  const spec = rev.spec;
  // The serving port's name picks the protocol, as for queue-proxy and the SKS.
  const portName = spec.containers?.find((c) => (c.ports?.length ?? 0) > 0)?.ports?.[0]?.name;
  const protocol: ProtocolType = portName === 'h2c' ? 'h2c' : 'http1';
  const timeout = wholeOr(spec.timeoutSeconds, DEFAULT_TIMEOUT_SECONDS) || DEFAULT_TIMEOUT_SECONDS;
  const labels = rev.metadata?.labels ?? {};
  return {
    containerConcurrency: wholeOr(spec.containerConcurrency, 0),
    timeoutMs: timeout * 1000,
    responseStartTimeoutMs: wholeOr(spec.responseStartTimeoutSeconds, 0) * 1000,
    protocol,
    portName: protocol === 'h2c' ? SERVICE_PORT_NAME_H2C : SERVICE_PORT_NAME_HTTP1,
    labels: {
      namespace_name: rev.metadata?.namespace ?? '',
      service_name: labels[SERVICE_LABEL_KEY] ?? '',
      configuration_name: labels[CONFIGURATION_LABEL_KEY] ?? '',
      revision_name: rev.metadata?.name ?? '',
    },
  };
}
