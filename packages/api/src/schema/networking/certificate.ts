import { array, dateTime, intOrString, kindSchema, object, str, strings } from '../builders.js';
import { status } from '../common.js';
import type { SchemaProps } from '../schema-props.js';

/** networking.internal.knative.dev/v1alpha1 Certificate. */
export const certificateSchema: SchemaProps = kindSchema(
  'A TLS certificate to provision for a set of host names, by whichever certificate provider is configured.',
  object(
    'The desired state of the certificate.',
    {
      dnsNames: strings('Host names the certificate must cover; wildcards such as `*.default.example.com` are allowed.'),
      domain: str('The domain the host names belong to.'),
      secretName: str('The Secret the certificate and key are stored in.'),
    },
    ['dnsNames', 'secretName'],
  ),
  status('The observed state of the certificate.', {
    notAfter: dateTime('When the stored certificate expires.'),
    http01Challenges: array(
      'HTTP-01 challenges the ingress must answer for the certificate to be issued.',
      object('One HTTP-01 challenge.', {
        url: str('The URL the challenge is served on.'),
        serviceName: str('The Kubernetes Service that answers the challenge.'),
        serviceNamespace: str('Namespace of that Service.'),
        servicePort: intOrString('Port of that Service.'),
      }),
    ),
  }),
);
