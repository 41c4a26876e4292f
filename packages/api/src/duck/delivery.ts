import type { Destination } from './addressable.js';

/** How retries are spaced: delay × n (linear) or delay × 2^n (exponential). */
export type BackoffPolicyType = 'linear' | 'exponential';

/** The CloudEvents mode a sender must use; unset means no preference. */
export type DeliveryFormat = 'json' | 'binary';

/** Delivery options for event senders such as channels, brokers and triggers (eventing duckv1.DeliverySpec). */
export interface DeliverySpec {
  /** Receives events that could not be delivered. */
  deadLetterSink?: Destination;
  /** Minimum number of retries before an event goes to the dead-letter sink. */
  retry?: number;
  /** Per-request timeout, an ISO 8601 duration such as `PT10S`. */
  timeout?: string;
  backoffPolicy?: BackoffPolicyType;
  /** Base retry delay, an ISO 8601 duration such as `PT0.2S`. */
  backoffDelay?: string;
  /** Upper bound on a `Retry-After` header for 429/503 responses, ISO 8601; `PT0S` ignores the header. */
  retryAfterMax?: string;
  format?: DeliveryFormat;
}

/** The resolved dead-letter sink, embedded inline in a status (eventing duckv1.DeliveryStatus). */
export interface DeliveryStatus {
  deadLetterSinkUri?: string;
  deadLetterSinkCACerts?: string;
  deadLetterSinkAudience?: string;
}
