import type { ConfigFeatures } from '../../config/config-features.js';
import { validateService } from './service.js';
import { outcome, podWith, serviceWith } from './testing/fixtures.js';

const P = 'spec.template.spec.containers[0]';

interface Row {
  name: string;
  container: Record<string, unknown>;
  features?: Partial<ConfigFeatures>;
  /** '' when the Service is valid, else a substring of the rendered errors. */
  want: string;
}

function check({ container, features, want }: Row): void {
  const got = outcome(validateService(serviceWith(podWith({}, container)), { features }));
  expect(got).toEqual(want === '' ? '' : expect.stringContaining(want));
}

describe('container fields', () => {
  test.each<Row>([
    { name: 'just an image', container: {}, want: '' },
    { name: 'image is required', container: { image: undefined, name: 'app' }, want: `${P}.image: required` },
    { name: 'image must parse', container: { image: 'Bad Image' }, want: `${P}.image: invalid image reference "Bad Image"` },
    { name: 'image must be a string', container: { image: 5 }, want: `${P}.image: expected a string, got number` },
    { name: 'an empty container', container: { image: '' , ports: [] }, want: `${P}: must not be empty` },
    { name: 'lifecycle is Knative’s', container: { lifecycle: { preStop: { exec: { command: ['x'] } } } }, want: `${P}.lifecycle: must not be set` },
    { name: 'stdin', container: { stdin: true }, want: `${P}.stdin: must not be set` },
    { name: 'stdin false is the zero value', container: { stdin: false }, want: '' },
    { name: 'tty', container: { tty: true }, want: `${P}.tty: must not be set` },
    { name: 'stdinOnce', container: { stdinOnce: true }, want: `${P}.stdinOnce: must not be set` },
    { name: 'volumeDevices', container: { volumeDevices: [{ name: 'd', devicePath: '/dev/x' }] }, want: `${P}.volumeDevices: must not be set` },
    { name: 'native sidecar restartPolicy', container: { restartPolicy: 'Always' }, want: `${P}.restartPolicy: must not be set` },
    { name: 'reserved name', container: { name: 'queue-proxy' }, want: `${P}.name: "queue-proxy" is a reserved container name` },
    { name: 'name must be a DNS label', container: { name: 'My_App' }, want: `${P}.name: invalid value "My_App"` },
    { name: 'terminationMessagePolicy', container: { terminationMessagePolicy: 'FallbackToLogsOnError' }, want: '' },
    { name: 'bad terminationMessagePolicy', container: { terminationMessagePolicy: 'Sometimes' }, want: `${P}.terminationMessagePolicy: must be File or FallbackToLogsOnError` },
  ])('$name', check);
});

describe('container env', () => {
  test.each<Row>([
    { name: 'plain variable', container: { env: [{ name: 'TARGET', value: 'x' }] }, want: '' },
    { name: 'PORT is set by Knative', container: { env: [{ name: 'PORT', value: '9000' }] }, want: `${P}.env[0].name: "PORT" is a reserved environment variable` },
    { name: 'K_SERVICE is set by Knative', container: { env: [{ name: 'A', value: '1' }, { name: 'K_SERVICE' }] }, want: `${P}.env[1].name: "K_SERVICE" is a reserved` },
    { name: 'name required', container: { env: [{ value: 'x' }] }, want: `${P}.env[0].name: required` },
    { name: 'env must be a list', container: { env: 'A=1' }, want: `${P}.env: expected an array, got string` },
    { name: 'secretKeyRef', container: { env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }, want: '' },
    { name: 'fieldRef is off by default', container: { env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }, want: `${P}.env[0].valueFrom.fieldRef: must not be set unless config-features kubernetes.podspec-fieldref is enabled` },
    { name: 'fieldRef when enabled', container: { env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }, features: { podSpecFieldRef: 'Enabled' }, want: '' },
    { name: 'envFrom secret', container: { envFrom: [{ secretRef: { name: 's' } }] }, want: '' },
    { name: 'envFrom both', container: { envFrom: [{ secretRef: { name: 's' }, configMapRef: { name: 'c' } }] }, want: `${P}.envFrom[0]: expected exactly one of configMapRef, secretRef, got configMapRef and secretRef` },
    { name: 'envFrom neither', container: { envFrom: [{ prefix: 'X_' }] }, want: `${P}.envFrom[0]: expected exactly one of configMapRef, secretRef, got none` },
  ])('$name', check);
});

describe('container ports', () => {
  test.each<Row>([
    { name: 'port 8080', container: { ports: [{ containerPort: 8080 }] }, want: '' },
    { name: 'h2c', container: { ports: [{ name: 'h2c', containerPort: 8081 }] }, want: '' },
    { name: 'http1', container: { ports: [{ name: 'http1', containerPort: 80 }] }, want: '' },
    { name: 'port 0 means the default', container: { ports: [{ containerPort: 0 }] }, want: '' },
    ...[8012, 8013, 8022, 9090, 9091, 8008].map((port) => ({
      name: `reserved port ${port}`,
      container: { ports: [{ containerPort: port }] },
      want: `${P}.ports[0].containerPort: ${port} is a reserved port`,
    })),
    { name: 'port out of range', container: { ports: [{ containerPort: 70000 }] }, want: `${P}.ports[0].containerPort: must be between 0 and 65535, got 70000` },
    { name: 'port name grpc', container: { ports: [{ name: 'grpc', containerPort: 8080 }] }, want: `${P}.ports[0].name: port name "grpc" is not allowed` },
    { name: 'UDP', container: { ports: [{ containerPort: 8080, protocol: 'UDP' }] }, want: `${P}.ports[0].protocol: must be TCP, got "UDP"` },
    { name: 'hostPort', container: { ports: [{ containerPort: 8080, hostPort: 80 }] }, want: `${P}.ports[0].hostPort: must not be set` },
    { name: 'port as a string', container: { ports: [{ containerPort: '8080' }] }, want: `${P}.ports[0].containerPort: expected an integer, got string` },
  ])('$name', check);
});

describe('container resources and security context', () => {
  test.each<Row>([
    { name: 'quantities', container: { resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: 1 } } }, want: '' },
    { name: 'bad quantity', container: { resources: { limits: { memory: 'lots' } } }, want: `${P}.resources.limits[memory]: not a quantity: "lots"` },
    { name: 'resource claims', container: { resources: { claims: [{ name: 'gpu' }] } }, want: `${P}.resources.claims: must not be set` },
    { name: 'hardened context', container: { securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }, want: '' },
    { name: 'privileged', container: { securityContext: { privileged: true } }, want: `${P}.securityContext.privileged: must not be true` },
    { name: 'privileged false is fine', container: { securityContext: { privileged: false } }, want: '' },
    { name: 'negative uid', container: { securityContext: { runAsUser: -1 } }, want: `${P}.securityContext.runAsUser: must be between 0 and 2147483647, got -1` },
    { name: 'seLinuxOptions', container: { securityContext: { seLinuxOptions: { level: 's0' } } }, want: `${P}.securityContext.seLinuxOptions: must not be set` },
    { name: 'adding capabilities is off', container: { securityContext: { capabilities: { add: ['NET_ADMIN'] } } }, want: `${P}.securityContext.capabilities.add: must not be set unless config-features kubernetes.containerspec-addcapabilities is enabled` },
    { name: 'adding capabilities when on', container: { securityContext: { capabilities: { add: ['NET_ADMIN'] } } }, features: { containerSpecAddCapabilities: 'Enabled' }, want: '' },
    { name: 'NET_BIND_SERVICE with secure pod defaults', container: { securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] } } }, features: { securePodDefaults: 'Enabled' }, want: '' },
  ])('$name', check);
});
