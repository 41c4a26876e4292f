// Annotations of the autoscaler's scaling policies (after Alibaba Cloud's Knative),
// shared so the webhook can validate what @knot/autoscaler reads. Their values are parsed
// in scale-schedule.ts and reserve-resources.ts, for the webhook and the autoscaler alike.

/**
 * On a revision template (and so its PodAutoscaler): a JSON array of windows,
 * each `{"schedule": "<cron>", "duration": "<Go duration>", "minScale": <n>, "timezone"?: "<IANA zone>"}`.
 * While a window is open the revision keeps at least its minScale pods.
 */
export const SCALE_SCHEDULE_ANNOTATION_KEY = 'autoscaling.knative.dev/scale-schedule';

/**
 * On a revision template: `cpu=100m,memory=128Mi`. Instead of scaling to zero
 * the autoscaler keeps one pod whose serving container has these requests and
 * limits, and restores the normal size when demand returns.
 */
export const RESERVE_INSTANCE_RESOURCES_ANNOTATION_KEY = 'autoscaling.knative.dev/reserve-instance-resources';

/** On a Deployment in reserve: the serving container's own resources as JSON, restored when demand returns. */
export const RESERVE_ORIGINAL_RESOURCES_ANNOTATION_KEY = 'autoscaling.internal.knative.dev/reserve-original-resources';
