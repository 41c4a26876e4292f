/** A reference to an EventPolicy applied to a resource (eventing duckv1.AppliedEventPolicyRef). */
export interface AppliedEventPolicyRef {
  apiVersion: string;
  name: string;
}

/** The EventPolicies that apply to a resource, embedded inline in its status. */
export interface AppliedEventPoliciesStatus {
  policies?: AppliedEventPolicyRef[];
}
