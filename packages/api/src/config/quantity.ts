// Kubernetes resource.Quantity syntax: a signed decimal with an SI, binary or exponent suffix.
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** Whether `value` parses as a Kubernetes quantity (`25m`, `1.5Gi`, `1e3`). */
export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}
