import { describe, kindSchema, object, str } from '../builders.js';
import { addressable, kReference, status } from '../common.js';
import type { SchemaProps } from '../schema-props.js';

/** serving.knative.dev/v1beta1 DomainMapping. */
export const domainMappingSchema: SchemaProps = kindSchema(
  'Maps a custom domain, the name of the object, to an Addressable such as a Knative Service.',
  object(
    'The desired state of the domain mapping.',
    {
      ref: {
        ...describe(kReference, 'The Addressable the domain maps to; it must be in the same namespace.'),
        required: ['kind', 'name'],
      },
      tls: object('Serves HTTPS with this secret instead of an automatically provisioned certificate.', { secretName: str('Name of the TLS Secret.') }, [
        'secretName',
      ]),
    },
    ['ref'],
  ),
  status('The observed state of the domain mapping.', {
    url: str('The URL the domain is served on.'),
    address: describe(addressable, 'The address of the domain mapping.'),
  }),
);
