// Revision template annotations outside autoscaling: networking keys, queue-proxy resources, progress deadline.
import { PROGRESS_DEADLINE_ANNOTATION_KEY, valueByPriority } from '../../constants/annotations.js';
import { isQuantity } from '../../config/quantity.js';
import type { FieldErrors } from '../../field-error.js';
import { parseGoFloat } from './go-numbers.js';
import { nonNegativeSecondsProblem } from './metadata.js';

type Annotations = Readonly<Record<string, string>>;

const NETWORKING_PREFIX = 'networking.knative.dev/';
/** The networking.knative.dev annotations Knative knows; any other key under that prefix is a typo. */
const NETWORKING_KEYS = [
  'ingress.class', 'ingress-class', 'certificate.class', 'certificate-class', 'disableAutoTLS', 'disable-auto-tls',
  'disable-external-domain-tls', 'httpOption', 'http-protocol',
].map((k) => NETWORKING_PREFIX + k);

const QUEUE = 'queue.sidecar.serving.knative.dev/';
const QUEUE_PERCENTAGE = [`${QUEUE}resource-percentage`, `${QUEUE}resourcePercentage`];
const QUEUE_QUANTITIES = [
  'cpu-resource-request', 'cpu-resource-limit', 'memory-resource-request', 'memory-resource-limit',
  'ephemeral-storage-resource-request', 'ephemeral-storage-resource-limit',
].map((k) => QUEUE + k);

/** `errs` sits at the template's metadata; problems land at `annotations[key]`. */
export function validateTemplateAnnotations(annotations: Annotations, errs: FieldErrors): void {
  const at = (key: string): string => `annotations[${key}]`;
  for (const key of Object.keys(annotations)) {
    if (key.startsWith(NETWORKING_PREFIX) && !NETWORKING_KEYS.includes(key)) errs.add(at(key), `unknown ${NETWORKING_PREFIX} annotation`);
  }
  const pct = valueByPriority(annotations, QUEUE_PERCENTAGE);
  if (pct) {
    const v = parseGoFloat(pct.value);
    if (v === undefined) errs.add(at(pct.key), `not a number: ${JSON.stringify(pct.value)}`);
    else if (v < 0.1 || v > 100) errs.add(at(pct.key), `must be between 0.1 and 100, got ${pct.value}`);
  }
  for (const key of QUEUE_QUANTITIES) {
    const value = Object.hasOwn(annotations, key) ? annotations[key] : undefined;
    if (value !== undefined && !isQuantity(value)) errs.add(at(key), `not a quantity: ${JSON.stringify(value)}`);
  }
  const deadline = Object.hasOwn(annotations, PROGRESS_DEADLINE_ANNOTATION_KEY) ? annotations[PROGRESS_DEADLINE_ANNOTATION_KEY] : '';
  if (deadline) {
    const problem = nonNegativeSecondsProblem(deadline);
    if (problem) errs.add(at(PROGRESS_DEADLINE_ANNOTATION_KEY), problem);
  }
}
