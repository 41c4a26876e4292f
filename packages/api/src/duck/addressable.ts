/** An address that receives HTTP requests (duckv1.Addressable). */
export interface Addressable {
  name?: string;
  url?: string;
  CACerts?: string;
  audience?: string;
}

/** A reference to another object, by kind and name (duckv1.KReference). */
export interface KReference {
  kind: string;
  namespace?: string;
  name: string;
  apiVersion: string;
  group?: string;
  address?: string;
}

/** Where to send something: an object reference, a URI, or a URI relative to the reference (duckv1.Destination). */
export interface Destination {
  ref?: KReference;
  uri?: string;
  CACerts?: string;
  audience?: string;
}

/** How a resource exposes its addresses in status (duckv1.AddressStatus). */
export interface AddressStatus {
  /** A single address; ignored by clients when `addresses` is present. */
  address?: Addressable;
  /** One address per protocol (HTTP and HTTPS). */
  addresses?: Addressable[];
}

/** The service accounts a resource uses for OIDC authentication (duckv1.AuthStatus). */
export interface AuthStatus {
  serviceAccountName?: string;
  /** More than one when the resource uses several identities, e.g. a Parallel. */
  serviceAccountNames?: string[];
}
