/** `True`, `False` or `Unknown`, as in Kubernetes conditions. */
export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** How much a failing condition matters: an empty severity is an error and blocks Ready. */
export type ConditionSeverity = '' | 'Warning' | 'Info';

/** A Knative condition (knative.dev/pkg/apis.Condition). */
export interface Condition {
  type: string;
  status: ConditionStatus;
  severity?: ConditionSeverity;
  /** RFC 3339 time of the last status change. */
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** The status every Knative resource carries (duckv1.Status). */
export interface Status {
  observedGeneration?: number;
  conditions?: Condition[];
  annotations?: Record<string, string>;
}
