// The two K8s Services of an SKS (Knative's serverlessservice/resources/services.go).
import {
  AUTOSCALING_QUEUE_METRICS_PORT,
  AUTOSCALING_QUEUE_METRICS_PORT_NAME,
  BACKEND_HTTP2_PORT,
  BACKEND_HTTP_PORT,
  BACKEND_HTTPS_PORT,
  childName,
  SERVICE_HTTP2_PORT,
  SERVICE_HTTP_PORT,
  SERVICE_HTTPS_PORT,
  SERVICE_PORT_NAME_H2C,
  SERVICE_PORT_NAME_HTTP1,
  SERVICE_TYPE_LABEL_KEY,
  SERVICE_TYPE_PRIVATE,
  SERVICE_TYPE_PUBLIC,
  SKS_LABEL_KEY,
  USER_QUEUE_METRICS_PORT,
  USER_QUEUE_METRICS_PORT_NAME,
  type ServerlessService,
} from '@knot/api';
import type { Service as K8sService, ServicePort } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { newControllerRef } from '../../kmeta/index.js';

/** The name of the HTTPS port on both services (Knative's ServicePortNameHTTPS). */
export const SERVICE_PORT_NAME_HTTPS = 'https';
/** appProtocol of h2c ports, from the Kubernetes standard application protocols. */
export const APP_PROTOCOL_H2C = 'kubernetes.io/h2c';

/** The private Service's name: `<sks>-private`, shortened as Knative's ChildName does. */
export function privateServiceName(sksName: string): string {
  return childName(sksName, '-private');
}

/** The pod port the services send to: queue-proxy's HTTP/1 or h2c port. */
export function targetPort(sks: ServerlessService): number {
  return sks.spec.protocolType === 'h2c' ? BACKEND_HTTP2_PORT : BACKEND_HTTP_PORT;
}

/** A Service with no selector; the reconciler writes its Endpoints (pods or activators). */
export function makePublicService(sks: ServerlessService): K8sService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: childMeta(sks, sks.metadata?.name ?? '', SERVICE_TYPE_PUBLIC),
    spec: { ports: publicServicePorts(sks) },
  };
}

export function publicServicePorts(sks: ServerlessService): ServicePort[] {
  const h2c = sks.spec.protocolType === 'h2c';
  return [
    { ...servingPort(sks), port: h2c ? SERVICE_HTTP2_PORT : SERVICE_HTTP_PORT },
    // Unused unless system-internal TLS is on; always present so switching it on needs no Service change.
    { name: SERVICE_PORT_NAME_HTTPS, protocol: 'TCP', port: SERVICE_HTTPS_PORT, targetPort: BACKEND_HTTPS_PORT },
  ];
}

/** A Service selecting the revision's pods, whose Endpoints the public one mirrors in serve mode. */
export function makePrivateService(sks: ServerlessService, selector: Readonly<Record<string, string>>): K8sService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: childMeta(sks, privateServiceName(sks.metadata?.name ?? ''), SERVICE_TYPE_PRIVATE),
    spec: { ports: privateServicePorts(sks), selector: { ...selector } },
  };
}

export function privateServicePorts(sks: ServerlessService): ServicePort[] {
  const serving = servingPort(sks);
  return [
    { ...serving, port: SERVICE_HTTP_PORT },
    { name: SERVICE_PORT_NAME_HTTPS, protocol: 'TCP', port: SERVICE_HTTPS_PORT, targetPort: BACKEND_HTTPS_PORT },
    { name: AUTOSCALING_QUEUE_METRICS_PORT_NAME, protocol: 'TCP', port: AUTOSCALING_QUEUE_METRICS_PORT, targetPort: AUTOSCALING_QUEUE_METRICS_PORT_NAME },
    { name: USER_QUEUE_METRICS_PORT_NAME, protocol: 'TCP', port: USER_QUEUE_METRICS_PORT, targetPort: USER_QUEUE_METRICS_PORT_NAME },
    // Mirrors the target port so a mesh sidecar (Istio) opens a listener for it, as Knative does.
    { name: `${serving.name}-istio`, protocol: 'TCP', port: targetPort(sks), targetPort: targetPort(sks) },
  ];
}

/** The name of the serving port on both services: `http`, or `http2` for h2c revisions. */
export function servingPortName(sks: ServerlessService): string {
  return sks.spec.protocolType === 'h2c' ? SERVICE_PORT_NAME_H2C : SERVICE_PORT_NAME_HTTP1;
}

function servingPort(sks: ServerlessService): ServicePort & { name: string } {
  const h2c = sks.spec.protocolType === 'h2c';
  return {
    name: servingPortName(sks),
    protocol: 'TCP',
    ...(h2c ? { appProtocol: APP_PROTOCOL_H2C } : {}),
    port: SERVICE_HTTP_PORT,
    targetPort: targetPort(sks),
  };
}

/** Metadata of an SKS child: the SKS's labels and annotations, our two labels, and a controller reference. */
export function childMeta(sks: ServerlessService, name: string, serviceType: string): ObjectMeta {
  const annotations = sks.metadata?.annotations;
  return {
    name,
    namespace: sks.metadata?.namespace,
    labels: { ...sks.metadata?.labels, [SKS_LABEL_KEY]: sks.metadata?.name ?? '', [SERVICE_TYPE_LABEL_KEY]: serviceType },
    ...(annotations && Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
    ownerReferences: [newControllerRef({ ...sks, apiVersion: 'networking.internal.knative.dev/v1alpha1', kind: 'ServerlessService' })],
  };
}
