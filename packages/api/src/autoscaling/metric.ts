import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Status } from '../duck/condition.js';

/**
 * What the autoscaler collects for one revision. Windows are Go `time.Duration`
 * values, which serialize as integer nanoseconds (60 s is 60000000000).
 */
export interface MetricSpec {
  /** Stable window in nanoseconds. */
  stableWindow: number;
  /** Panic window in nanoseconds. */
  panicWindow: number;
  /** The K8s Service whose pods are scraped. */
  scrapeTarget: string;
}

export type MetricStatus = Status;

/** autoscaling.internal.knative.dev/v1alpha1 Metric. */
export interface Metric {
  apiVersion?: 'autoscaling.internal.knative.dev/v1alpha1';
  kind?: 'Metric';
  metadata?: ObjectMeta;
  spec: MetricSpec;
  status?: MetricStatus;
}

export const MetricConditions = { Ready: 'Ready' } as const;

/** Nanoseconds per millisecond, for converting Metric windows. */
export const NANOS_PER_MILLISECOND = 1_000_000;
