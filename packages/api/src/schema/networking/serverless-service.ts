import { describe, int32, kindSchema, object, str } from '../builders.js';
import { objectReference, status } from '../common.js';
import type { SchemaProps } from '../schema-props.js';

/** networking.internal.knative.dev/v1alpha1 ServerlessService. */
export const serverlessServiceSchema: SchemaProps = kindSchema(
  "Switches a revision's traffic between its own pods and the activator, so the revision can scale to zero.",
  object(
    'The desired state of the serverless service.',
    {
      mode: str('`Serve` sends traffic to the pods directly, `Proxy` through the activator.'),
      objectRef: describe(objectReference, 'The scalable resource, the revision Deployment, made serverless.'),
      protocolType: str('The protocol of the revision, `http1` or `h2c`.'),
      numActivators: int32('Number of activators assigned to the revision in proxy mode; 0 means all.'),
    },
    ['objectRef', 'protocolType'],
  ),
  status('The observed state of the serverless service.', {
    serviceName: str('The Kubernetes Service that balances over the activators or the pods, depending on the mode.'),
    privateServiceName: str("The Kubernetes Service over the revision's own pods."),
  }),
);
