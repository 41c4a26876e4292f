import { array, describe, int64, object, str, stringMap, strings } from './builders.js';
import type { SchemaFields, SchemaProps } from './schema-props.js';

// Building blocks shared by many kinds: the Knative status duck type, object
// references, addresses and destinations. Kind modules compose these.

/** One Knative condition (knative.dev/pkg apis.Condition). */
export const condition: SchemaProps = object(
  'One observation of the resource state, in the Knative condition format.',
  {
    type: str('Type of the condition, for example `Ready`.'),
    status: str('One of `True`, `False` or `Unknown`.'),
    severity: str('How much a failure of this condition matters: empty for an error, or `Warning` or `Info`.'),
    lastTransitionTime: str('RFC 3339 time at which the status last changed.'),
    reason: str('One CamelCase word saying why the condition last changed.'),
    message: str('A human-readable explanation of the last change.'),
  },
  ['type', 'status'],
);

/** The fields of the Knative status duck type (duckv1.Status), inlined in every status. */
export const statusFields: SchemaFields = {
  observedGeneration: int64('The metadata.generation the controller last reconciled.'),
  conditions: array("The latest observations of the resource's state.", condition),
  annotations: stringMap('Extra state the reconciler records for the user, like annotations on an object.'),
};

/** A status object: the Knative status fields plus the kind's own. */
export function status(description: string, fields: SchemaFields = {}): SchemaProps {
  return object(description, { ...statusFields, ...fields });
}

/** A reference to an object by apiVersion, kind and name (duckv1.KReference). */
export const kReference: SchemaProps = object('A reference to an object by API version, kind and name.', {
  apiVersion: str('API version of the referenced object.'),
  kind: str('Kind of the referenced object.'),
  name: str('Name of the referenced object.'),
  namespace: str('Namespace of the referenced object; defaults to the namespace of the object holding the reference.'),
  group: str('API group of the referenced object; used instead of apiVersion to follow the served version (experimental).'),
  address: str('Name of one of the addresses the referenced object publishes, for objects with several.'),
});

/** A core ObjectReference, as used by scaleTargetRef and objectRef. */
export const objectReference: SchemaProps = {
  ...object('A reference to a Kubernetes object.', {
    apiVersion: str('API version of the referenced object.'),
    kind: str('Kind of the referenced object.'),
    name: str('Name of the referenced object.'),
    namespace: str('Namespace of the referenced object.'),
    uid: str('UID of the referenced object.'),
    resourceVersion: str('Resource version of the referenced object this reference was made against.'),
    fieldPath: str('A field within the referenced object, such as `spec.containers{name}`.'),
  }),
  'x-kubernetes-map-type': 'atomic',
};

/** A metav1.LabelSelector. */
export const labelSelector: SchemaProps = object('Selects objects by their labels; all requirements must hold.', {
  matchLabels: stringMap('Labels that must all be present with exactly these values.'),
  matchExpressions: array(
    'Set-based requirements on labels.',
    object(
      'One requirement: a label key, an operator and values.',
      {
        key: str('The label key the requirement applies to.'),
        operator: str('One of `In`, `NotIn`, `Exists` or `DoesNotExist`.'),
        values: strings('Values for `In` and `NotIn`; empty for `Exists` and `DoesNotExist`.'),
      },
      ['key', 'operator'],
    ),
  ),
});

/** An address that receives requests (duckv1.Addressable). */
export const addressable: SchemaProps = object('An address that accepts HTTP requests.', {
  name: str('Name of the address, such as `http` or `https`.'),
  url: str('The URL requests are sent to.'),
  CACerts: str('PEM-encoded CA certificates (RFC 7468) that sign the certificate served at the URL.'),
  audience: str('The OIDC audience a token sent to this address must carry.'),
});

/** The status fields of an Addressable (duckv1.AddressStatus). */
export const addressStatusFields: SchemaFields = {
  address: describe(addressable, 'The address of this resource; ignored by clients when `addresses` is set.'),
  addresses: array('The addresses of this resource, one per protocol.', addressable),
};

/** The fields of a destination, also inlined in a Sequence step (duckv1.Destination). */
export const destinationFields: SchemaFields = {
  ref: describe(kReference, 'An Addressable object whose address is used.'),
  uri: str('An absolute URL, or a URL relative to the address of `ref`.'),
  CACerts: str('PEM-encoded CA certificates the sender trusts when calling this destination.'),
  audience: str('The OIDC audience of the destination; needed only when it is not an Addressable that publishes its own.'),
};

/** Where something is sent: a reference, a URI, or a URI relative to the reference. */
export function destination(description: string): SchemaProps {
  return object(description, destinationFields);
}

/** The service accounts used for OIDC (duckv1.AuthStatus). */
export const authStatus: SchemaProps = object('The identities this resource uses for OIDC authentication.', {
  serviceAccountName: str('The service account generated for this resource.'),
  serviceAccountNames: strings('The service accounts generated for this resource, when it uses several.'),
});

/** The status fields naming the EventPolicies that apply (eventing duckv1.AppliedEventPoliciesStatus). */
export const appliedPoliciesFields: SchemaFields = {
  policies: array(
    'The EventPolicies that apply to this resource.',
    object('One applied EventPolicy.', {
      apiVersion: str('API version of the EventPolicy.'),
      name: str('Name of the EventPolicy.'),
    }),
  ),
};
