import { array, bool, describe, int32, intOrString, kindSchema, object, str, stringMap, strings } from '../builders.js';
import { status } from '../common.js';
import type { SchemaProps } from '../schema-props.js';

const appendHeaders = stringMap('Headers added to the requests, by name.');

const split: SchemaProps = object(
  'One weighted backend.',
  {
    serviceNamespace: str('Namespace of the backend Service.'),
    serviceName: str('Name of the backend Service.'),
    servicePort: intOrString('Port of the backend Service, by number or name.'),
    percent: int32('Share of the requests, 0 to 100; a single split defaults to 100.'),
    appendHeaders: describe(appendHeaders, 'Headers added to the requests sent to this backend.'),
  },
  ['serviceName', 'serviceNamespace', 'servicePort'],
);

const path: SchemaProps = object(
  'Where the requests matching a path go.',
  {
    path: str('A path prefix starting with `/`; empty matches every path.'),
    rewriteHost: str('Replaces the Host header of the requests (experimental).'),
    headers: {
      description: 'Header conditions, by header name; all must match.',
      type: 'object',
      additionalProperties: object('How the header must match.', { exact: str('The exact value the header must have.') }, ['exact']),
    },
    splits: array('The backends and their shares of the requests.', split),
    appendHeaders: describe(appendHeaders, 'Headers added to every request matching this path.'),
  },
  ['splits'],
);

const loadBalancer = (description: string): SchemaProps =>
  object(description, {
    ingress: array(
      'The load balancer entry points.',
      object('One entry point.', {
        ip: str('IP address of an IP-based load balancer.'),
        domain: str('Host name of a DNS-based load balancer.'),
        domainInternal: str('Cluster-local host name of the load balancer.'),
        meshOnly: bool('True when the ingress is load balanced through a service mesh only.'),
      }),
    ),
  });

/** networking.internal.knative.dev/v1alpha1 Ingress. */
export const ingressSchema: SchemaProps = kindSchema(
  "Knative's ingress abstraction: host and path rules with weighted splits, implemented by the gateway.",
  object('The desired state of the ingress.', {
    tls: array(
      'TLS settings, one per certificate.',
      object('The hosts one certificate covers.', {
        hosts: strings('Host names covered by the certificate.'),
        secretName: str('The Secret holding the certificate and key.'),
        secretNamespace: str('Namespace of the Secret; defaults to the namespace of the ingress.'),
      }),
    ),
    rules: array(
      'Host rules; the first that matches a request applies.',
      object('The routing of a set of hosts.', {
        hosts: strings('Fully qualified host names the rule applies to.'),
        visibility: str('`ExternalIP` (the default) or `ClusterLocal`.'),
        http: object('How HTTP requests are routed.', { paths: array('Path rules; the first that matches applies.', path) }, ['paths']),
      }),
    ),
    httpOption: str('`Enabled` serves plain HTTP, `Redirected` redirects it to HTTPS.'),
  }),
  status('The observed state of the ingress.', {
    publicLoadBalancer: loadBalancer('Where the public gateway is reached.'),
    privateLoadBalancer: loadBalancer('Where the cluster-local gateway is reached.'),
  }),
);
