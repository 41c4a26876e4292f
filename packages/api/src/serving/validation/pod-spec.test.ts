import type { ConfigFeatures } from '../../config/config-features.js';
import { validateService } from './service.js';
import { outcome, serviceWith } from './testing/fixtures.js';

const S = 'spec.template.spec';
const IMAGE = 'ghcr.io/knative/helloworld-go';

interface Row {
  name: string;
  spec: Record<string, unknown>;
  features?: Partial<ConfigFeatures>;
  want: string;
}

function check({ spec, features, want }: Row): void {
  const got = outcome(validateService(serviceWith({ containers: [{ image: IMAGE }], ...spec }), { features }));
  expect(got).toEqual(want === '' ? '' : expect.stringContaining(want));
}

describe('pod fields', () => {
  test.each<Row>([
    { name: 'service account', spec: { serviceAccountName: 'builder' }, want: '' },
    { name: 'image pull secrets', spec: { imagePullSecrets: [{ name: 'regcred' }] }, want: '' },
    { name: 'service links off', spec: { enableServiceLinks: false }, want: '' },
    { name: 'no token automount', spec: { automountServiceAccountToken: false }, want: '' },
    { name: 'token automount true', spec: { automountServiceAccountToken: true }, want: `${S}.automountServiceAccountToken: may only be set to false` },
    { name: 'bad service account name', spec: { serviceAccountName: 'My SA' }, want: `${S}.serviceAccountName: invalid value "My SA"` },
    ...['nodeName', 'hostname', 'subdomain', 'restartPolicy', 'priority', 'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'serviceAccount'].map(
      (field) => ({ name: `${field} is never allowed`, spec: { [field]: field === 'priority' || field.endsWith('Seconds') ? 10 : 'x' }, want: `${S}.${field}: must not be set` }),
    ),
    { name: 'affinity is off', spec: { affinity: { nodeAffinity: {} } }, want: `${S}.affinity: must not be set unless config-features kubernetes.podspec-affinity is enabled` },
    { name: 'affinity when on', spec: { affinity: { nodeAffinity: {} } }, features: { podSpecAffinity: 'Enabled' }, want: '' },
    { name: 'allowed also lets a field through', spec: { nodeSelector: { disk: 'ssd' } }, features: { podSpecNodeSelector: 'Allowed' }, want: '' },
    { name: 'tolerations off', spec: { tolerations: [{ key: 'k' }] }, want: 'tolerations: must not be set unless config-features kubernetes.podspec-tolerations is enabled' },
    { name: 'hostNetwork off', spec: { hostNetwork: true }, want: 'hostNetwork: must not be set unless' },
    { name: 'dnsPolicy off', spec: { dnsPolicy: 'None' }, want: 'dnsPolicy: must not be set unless' },
    { name: 'pod security context off', spec: { securityContext: { runAsUser: 1000 } }, want: `${S}.securityContext.runAsUser: must not be set unless config-features kubernetes.podspec-securitycontext is enabled` },
    { name: 'pod security context on', spec: { securityContext: { runAsUser: 1000, fsGroup: 2000 } }, features: { podSpecSecurityContext: 'Enabled' }, want: '' },
    { name: 'pod fsGroup range', spec: { securityContext: { fsGroup: -1 } }, features: { podSpecSecurityContext: 'Enabled' }, want: `${S}.securityContext.fsGroup: must be between 0 and 2147483647, got -1` },
    { name: 'pod supplemental group range', spec: { securityContext: { supplementalGroups: [1, -2] } }, features: { podSpecSecurityContext: 'Enabled' }, want: `${S}.securityContext.supplementalGroups[1]: must be between 0 and 2147483647, got -2` },
    { name: 'pod sysctls', spec: { securityContext: { sysctls: [{ name: 'a', value: 'b' }] } }, features: { podSpecSecurityContext: 'Enabled' }, want: `${S}.securityContext.sysctls: must not be set` },
    { name: 'seccomp with secure pod defaults', spec: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }, features: { securePodDefaults: 'Enabled' }, want: '' },
  ])('$name', check);
});

describe('containers and the serving port', () => {
  const sidecar = { name: 'side', image: 'ghcr.io/example/sidecar' };
  test.each<Row>([
    { name: 'no containers', spec: { containers: [] }, want: `${S}.containers: required` },
    { name: 'containers missing', spec: { containers: undefined }, want: `${S}.containers: required` },
    { name: 'containers of the wrong type', spec: { containers: { image: IMAGE } }, want: `${S}.containers: expected an array, got object` },
    { name: 'a container that is not an object', spec: { containers: ['nginx'] }, want: `${S}.containers[0]: expected an object, got string` },
    { name: 'serving container and sidecar', spec: { containers: [{ name: 'app', image: IMAGE, ports: [{ containerPort: 8080 }] }, sidecar] }, want: '' },
    { name: 'two unnamed containers get names later', spec: { containers: [{ image: IMAGE, ports: [{ containerPort: 8080 }] }, { image: IMAGE }] }, want: '' },
    { name: 'no serving port among several', spec: { containers: [{ name: 'app', image: IMAGE }, sidecar] }, want: `${S}.containers: one container must declare the serving port in ports, found none` },
    { name: 'two ports in one container', spec: { containers: [{ image: IMAGE, ports: [{ containerPort: 8080 }, { containerPort: 8081 }] }] }, want: `${S}.containers[0].ports[1]: only one container port is allowed across all containers; containers[0].ports[0] is already the serving port` },
    { name: 'ports in two containers', spec: { containers: [{ name: 'a', image: IMAGE, ports: [{ containerPort: 8080 }] }, { ...sidecar, ports: [{ containerPort: 9000 }] }] }, want: `${S}.containers[1].ports[0]: only one container port is allowed` },
    { name: 'duplicate names', spec: { containers: [{ name: 'app', image: IMAGE, ports: [{ containerPort: 8080 }] }, { ...sidecar, name: 'app' }] }, want: `${S}.containers[1].name: duplicate container name "app"` },
    { name: 'multi-container turned off', spec: { containers: [{ name: 'a', image: IMAGE, ports: [{ containerPort: 8080 }] }, sidecar] }, features: { multiContainer: 'Disabled' }, want: `${S}.containers: multi-container is off (config-features multi-container), but found 2 containers` },
    { name: 'sidecars may use PORT', spec: { containers: [{ name: 'a', image: IMAGE, ports: [{ containerPort: 8080 }] }, { ...sidecar, env: [{ name: 'PORT', value: '1' }] }] }, want: '' },
    { name: 'sidecars may not use K_REVISION', spec: { containers: [{ name: 'a', image: IMAGE, ports: [{ containerPort: 8080 }] }, { ...sidecar, env: [{ name: 'K_REVISION' }] }] }, want: `${S}.containers[1].env[0].name: "K_REVISION" is a reserved environment variable` },
  ])('$name', check);
});

describe('init containers', () => {
  const init = { name: 'setup', image: 'ghcr.io/example/setup' };
  test.each<Row>([
    { name: 'off by default', spec: { initContainers: [init] }, want: `${S}.initContainers: must not be set unless config-features kubernetes.podspec-init-containers is enabled, but found 1 init containers` },
    { name: 'when on', spec: { initContainers: [init] }, features: { podSpecInitContainers: 'Enabled' }, want: '' },
    { name: 'any ports, reserved ones excepted', spec: { initContainers: [{ ...init, ports: [{ containerPort: 1 }, { containerPort: 8012 }] }] }, features: { podSpecInitContainers: 'Enabled' }, want: `${S}.initContainers[0].ports[1].containerPort: 8012 is a reserved port` },
    { name: 'no probes', spec: { initContainers: [{ ...init, readinessProbe: { tcpSocket: {} } }] }, features: { podSpecInitContainers: 'Enabled' }, want: `${S}.initContainers[0].readinessProbe: must not be set on an init container` },
    { name: 'no lifecycle', spec: { initContainers: [{ ...init, lifecycle: {} }] }, features: { podSpecInitContainers: 'Enabled' }, want: `${S}.initContainers[0].lifecycle: must not be set` },
    { name: 'name clash with a container', spec: { containers: [{ name: 'setup', image: IMAGE }], initContainers: [init] }, features: { podSpecInitContainers: 'Enabled' }, want: `${S}.initContainers[0].name: duplicate container name "setup"` },
  ])('$name', check);
});
