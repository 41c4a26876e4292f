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
