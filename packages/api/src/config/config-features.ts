import { CONFIG_FEATURES } from '../constants/config-maps.js';
import { FieldErrors } from '../field-error.js';
import { asField, parseFields, snapshot } from './parse.js';
import type { ConfigData, FieldParser } from './parse.js';

/** A feature's state: on, off, or allowed per workload (e.g. through an annotation). */
export type FeatureFlag = 'Enabled' | 'Disabled' | 'Allowed';
/** secure-pod-defaults has its own middle value instead of Allowed. */
export type SecurePodDefaultsFlag = 'Enabled' | 'Disabled' | 'AllowRootBounded';

/** `config-features` in `knative-serving`: optional behaviour and which PodSpec fields may be used. */
export interface ConfigFeatures {
  /** multi-container */
  readonly multiContainer: FeatureFlag;
  /** multi-container-probing */
  readonly multiContainerProbing: FeatureFlag;
  /** kubernetes.podspec-affinity */
  readonly podSpecAffinity: FeatureFlag;
  /** kubernetes.podspec-topologyspreadconstraints */
  readonly podSpecTopologySpreadConstraints: FeatureFlag;
  /** kubernetes.podspec-hostaliases */
  readonly podSpecHostAliases: FeatureFlag;
  /** kubernetes.podspec-fieldref */
  readonly podSpecFieldRef: FeatureFlag;
  /** kubernetes.podspec-nodeselector */
  readonly podSpecNodeSelector: FeatureFlag;
  /** kubernetes.podspec-runtimeclassname */
  readonly podSpecRuntimeClassName: FeatureFlag;
  /** kubernetes.podspec-securitycontext */
  readonly podSpecSecurityContext: FeatureFlag;
  /** kubernetes.podspec-shareprocessnamespace */
  readonly podSpecShareProcessNamespace: FeatureFlag;
  /** kubernetes.podspec-hostipc */
  readonly podSpecHostIPC: FeatureFlag;
  /** kubernetes.podspec-hostpid */
  readonly podSpecHostPID: FeatureFlag;
  /** kubernetes.podspec-hostnetwork */
  readonly podSpecHostNetwork: FeatureFlag;
  /** kubernetes.podspec-priorityclassname */
  readonly podSpecPriorityClassName: FeatureFlag;
  /** kubernetes.podspec-schedulername */
  readonly podSpecSchedulerName: FeatureFlag;
  /** kubernetes.containerspec-addcapabilities */
  readonly containerSpecAddCapabilities: FeatureFlag;
  /** kubernetes.podspec-tolerations */
  readonly podSpecTolerations: FeatureFlag;
  /** kubernetes.podspec-volumes-emptydir */
  readonly podSpecVolumesEmptyDir: FeatureFlag;
  /** kubernetes.podspec-volumes-hostpath */
  readonly podSpecVolumesHostPath: FeatureFlag;
  /** kubernetes.podspec-volumes-mount-propagation */
  readonly podSpecVolumesMountPropagation: FeatureFlag;
  /** kubernetes.podspec-volumes-csi */
  readonly podSpecVolumesCSI: FeatureFlag;
  /** kubernetes.podspec-volumes-ephemeral */
  readonly podSpecVolumesEphemeral: FeatureFlag;
  /** kubernetes.podspec-volumes-image */
  readonly podSpecVolumesImage: FeatureFlag;
  /** kubernetes.podspec-init-containers */
  readonly podSpecInitContainers: FeatureFlag;
  /** kubernetes.podspec-persistent-volume-claim */
  readonly podSpecPersistentVolumeClaim: FeatureFlag;
  /** kubernetes.podspec-persistent-volume-write */
  readonly podSpecPersistentVolumeWrite: FeatureFlag;
  /** queueproxy.mount-podinfo */
  readonly queueProxyMountPodInfo: FeatureFlag;
  /** queueproxy.resource-defaults */
  readonly queueProxyResourceDefaults: FeatureFlag;
  /** kubernetes.podspec-dnspolicy */
  readonly podSpecDNSPolicy: FeatureFlag;
  /** kubernetes.podspec-dnsconfig */
  readonly podSpecDNSConfig: FeatureFlag;
  /** tag-header-based-routing */
  readonly tagHeaderBasedRouting: FeatureFlag;
  /** autodetect-http2 */
  readonly autoDetectHTTP2: FeatureFlag;
  /** secure-pod-defaults */
  readonly securePodDefaults: SecurePodDefaultsFlag;
}

type FlagField = Exclude<keyof ConfigFeatures, 'securePodDefaults'>;

/** The config-map key and Knative's default of every flag. */
export const FEATURE_FLAG_KEYS: Readonly<Record<FlagField, readonly [key: string, fallback: FeatureFlag]>> = Object.freeze({
  multiContainer: ['multi-container', 'Enabled'],
  multiContainerProbing: ['multi-container-probing', 'Disabled'],
  podSpecAffinity: ['kubernetes.podspec-affinity', 'Disabled'],
  podSpecTopologySpreadConstraints: ['kubernetes.podspec-topologyspreadconstraints', 'Disabled'],
  podSpecHostAliases: ['kubernetes.podspec-hostaliases', 'Disabled'],
  podSpecFieldRef: ['kubernetes.podspec-fieldref', 'Disabled'],
  podSpecNodeSelector: ['kubernetes.podspec-nodeselector', 'Disabled'],
  podSpecRuntimeClassName: ['kubernetes.podspec-runtimeclassname', 'Disabled'],
  podSpecSecurityContext: ['kubernetes.podspec-securitycontext', 'Disabled'],
  podSpecShareProcessNamespace: ['kubernetes.podspec-shareprocessnamespace', 'Disabled'],
  podSpecHostIPC: ['kubernetes.podspec-hostipc', 'Disabled'],
  podSpecHostPID: ['kubernetes.podspec-hostpid', 'Disabled'],
  podSpecHostNetwork: ['kubernetes.podspec-hostnetwork', 'Disabled'],
  podSpecPriorityClassName: ['kubernetes.podspec-priorityclassname', 'Disabled'],
  podSpecSchedulerName: ['kubernetes.podspec-schedulername', 'Disabled'],
  containerSpecAddCapabilities: ['kubernetes.containerspec-addcapabilities', 'Disabled'],
  podSpecTolerations: ['kubernetes.podspec-tolerations', 'Disabled'],
  podSpecVolumesEmptyDir: ['kubernetes.podspec-volumes-emptydir', 'Enabled'],
  podSpecVolumesHostPath: ['kubernetes.podspec-volumes-hostpath', 'Disabled'],
  podSpecVolumesMountPropagation: ['kubernetes.podspec-volumes-mount-propagation', 'Disabled'],
  podSpecVolumesCSI: ['kubernetes.podspec-volumes-csi', 'Disabled'],
  podSpecVolumesEphemeral: ['kubernetes.podspec-volumes-ephemeral', 'Disabled'],
  podSpecVolumesImage: ['kubernetes.podspec-volumes-image', 'Disabled'],
  podSpecInitContainers: ['kubernetes.podspec-init-containers', 'Disabled'],
  podSpecPersistentVolumeClaim: ['kubernetes.podspec-persistent-volume-claim', 'Disabled'],
  podSpecPersistentVolumeWrite: ['kubernetes.podspec-persistent-volume-write', 'Disabled'],
  queueProxyMountPodInfo: ['queueproxy.mount-podinfo', 'Disabled'],
  queueProxyResourceDefaults: ['queueproxy.resource-defaults', 'Disabled'],
  podSpecDNSPolicy: ['kubernetes.podspec-dnspolicy', 'Disabled'],
  podSpecDNSConfig: ['kubernetes.podspec-dnsconfig', 'Disabled'],
  tagHeaderBasedRouting: ['tag-header-based-routing', 'Disabled'],
  autoDetectHTTP2: ['autodetect-http2', 'Disabled'],
});

export const DEFAULT_CONFIG_FEATURES: ConfigFeatures = Object.freeze({
  ...(Object.fromEntries(Object.entries(FEATURE_FLAG_KEYS).map(([f, [, v]]) => [f, v])) as Record<FlagField, FeatureFlag>),
  securePodDefaults: 'Disabled',
});

// As in Knative, a value that is none of the allowed words (in any case) keeps the default.
function asFlag<T extends string>(key: string, fallback: T, allowed: readonly T[]): FieldParser<T> {
  return asField<T>(key, fallback, (raw) => ({
    value: allowed.find((a) => a.toLowerCase() === raw.toLowerCase()) ?? fallback,
  }));
}

const FLAGS: readonly FeatureFlag[] = ['Enabled', 'Allowed', 'Disabled'];
const FIELDS = {
  ...(Object.fromEntries(
    Object.entries(FEATURE_FLAG_KEYS).map(([f, [key, v]]) => [f, asFlag(key, v, FLAGS)]),
  ) as Record<FlagField, FieldParser<FeatureFlag>>),
  securePodDefaults: asFlag<SecurePodDefaultsFlag>('secure-pod-defaults', 'Disabled', ['Disabled', 'AllowRootBounded', 'Enabled']),
};

/** Parses `config-features` as Knative does; only a non-string value is an error. */
export function parseConfigFeatures(data: ConfigData): ConfigFeatures {
  const errs = new FieldErrors();
  return snapshot(CONFIG_FEATURES, errs, parseFields(data, FIELDS, errs));
}
