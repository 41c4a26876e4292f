// The Ingress that serves a mapped domain from its target (Knative's domainmapping/resources/ingress.go).
import {
  childName,
  DOMAIN_MAPPING_NAMESPACE_LABEL_KEY,
  DOMAIN_MAPPING_UID_LABEL_KEY,
  INGRESS_CLASS_ANNOTATION_KEY,
  ORIGINAL_HOST_HEADER,
  SERVICE_HTTP_PORT,
  type DomainMapping,
  type HTTPOption,
  type Ingress,
  type IngressTLS,
} from '@knot/api';
import { childAnnotations } from '../../route/resources/route-meta.js';

export interface DomainMappingIngressInputs {
  readonly mapping: DomainMapping;
  /** The K8s Service in the mapping's namespace that answers for the target. */
  readonly backendService: string;
  /** The target's own host, which requests are rewritten to. */
  readonly targetHost: string;
  readonly ingressClass: string;
  readonly httpOption?: HTTPOption;
  readonly tls?: readonly IngressTLS[];
}

export function domainMappingIngressName(dm: DomainMapping): string {
  return childName(dm.metadata?.name ?? '', '');
}

/**
 * One external rule for the mapped domain: every request goes to the target's
 * Service with its Host rewritten to the target's, and the original host kept
 * in K-Original-Host.
 */
export function makeDomainMappingIngress(inputs: DomainMappingIngressInputs): Ingress {
  const { mapping: dm } = inputs;
  const name = dm.metadata?.name ?? '';
  const namespace = dm.metadata?.namespace ?? '';
  return {
    apiVersion: 'networking.internal.knative.dev/v1alpha1',
    kind: 'Ingress',
    metadata: {
      name: domainMappingIngressName(dm),
      namespace,
      annotations: childAnnotations(dm.metadata?.annotations, { [INGRESS_CLASS_ANNOTATION_KEY]: inputs.ingressClass }),
      labels: { ...dm.metadata?.labels, [DOMAIN_MAPPING_UID_LABEL_KEY]: dm.metadata?.uid ?? '', [DOMAIN_MAPPING_NAMESPACE_LABEL_KEY]: namespace },
      ownerReferences: [
        { apiVersion: 'serving.knative.dev/v1beta1', kind: 'DomainMapping', name, uid: dm.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: {
      rules: [
        {
          hosts: [name],
          visibility: 'ExternalIP',
          http: {
            paths: [
              {
                rewriteHost: inputs.targetHost,
                splits: [
                  {
                    serviceNamespace: namespace,
                    serviceName: inputs.backendService,
                    servicePort: SERVICE_HTTP_PORT,
                    percent: 100,
                    appendHeaders: { [ORIGINAL_HOST_HEADER]: name },
                  },
                ],
              },
            ],
          },
        },
      ],
      ...(inputs.tls?.length ? { tls: [...inputs.tls] } : {}),
      ...(inputs.httpOption ? { httpOption: inputs.httpOption } : {}),
    },
  };
}
