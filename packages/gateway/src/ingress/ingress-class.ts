import { INGRESS_CLASS_ANNOTATION, KNOT_INGRESS_CLASS, type Ingress } from '@knot/api';

/** True when the Ingress asks for knot's gateway by its class annotation (either spelling). */
export function isKnotIngress(ingress: Ingress, ingressClass = KNOT_INGRESS_CLASS): boolean {
  const annotations = ingress.metadata?.annotations;
  return INGRESS_CLASS_ANNOTATION.some((key) => annotations?.[key] === ingressClass);
}
