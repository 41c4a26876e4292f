import type { LabelSelector } from 'kubernetes-types/meta/v1.js';

/** An object or a label-selected set of objects to track (knative.dev/pkg tracker.Reference). */
export interface TrackerReference {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  /** Mutually exclusive with `selector`. */
  name?: string;
  /** Mutually exclusive with `name`. */
  selector?: LabelSelector;
}

/** The subject a Binding augments (duckv1.BindingSpec). */
export interface BindingSpec {
  subject: TrackerReference;
}
