import type { ObjectReference } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Status } from '../duck/condition.js';
import type { ProtocolType } from './protocol-type.js';

/** `Serve`: the revision's pods take traffic directly; `Proxy`: the activator is in the path. */
export type ServerlessServiceOperationMode = 'Serve' | 'Proxy';

export interface ServerlessServiceSpec {
  mode?: ServerlessServiceOperationMode;
  /** The scalable resource (the revision's Deployment) made serverless. */
  objectRef: ObjectReference;
  protocolType: ProtocolType;
  /** Activators assigned to this revision in proxy mode; 0 means all. */
  numActivators?: number;
}

export interface ServerlessServiceStatus extends Status {
  /** The K8s Service that load balances over the activators or the pods, depending on mode. */
  serviceName?: string;
  /** The K8s Service over the revision's own pods. */
  privateServiceName?: string;
}

/** networking.internal.knative.dev/v1alpha1 ServerlessService (SKS). */
export interface ServerlessService {
  apiVersion?: 'networking.internal.knative.dev/v1alpha1';
  kind?: 'ServerlessService';
  metadata?: ObjectMeta;
  spec: ServerlessServiceSpec;
  status?: ServerlessServiceStatus;
}

export const ServerlessServiceConditions = {
  Ready: 'Ready',
  EndpointsPopulated: 'EndpointsPopulated',
  /** Informational: the revision is currently backed by activator endpoints. */
  ActivatorEndpointsPopulated: 'ActivatorEndpointsPopulated',
} as const;
