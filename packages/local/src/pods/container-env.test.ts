import fs from 'node:fs';
import os from 'node:os';
import { apps } from '@knot/api';
import { ask, deployment, eventually, hostPort, httpContainer, isReady, startHarness, type Harness } from './test-fixtures.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

test('a process gets its env (literal, $(VAR), fieldRef), its own PORT and its working directory', async () => {
  h = startHarness({ hostEnv: { FROM_HOST: 'yes', PORT: '1' } });
  const dir = fs.realpathSync(os.tmpdir());
  await h.store.create(
    apps.deployments,
    deployment('env', 1, [
      httpContainer({
        workingDir: dir,
        env: [
          { name: 'PORT', value: '8080' },
          { name: 'GREETING', value: 'hello' },
          { name: 'MESSAGE', value: '$(GREETING) world, $$(GREETING) stays' },
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
          { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          { name: 'APP_LABEL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
        ],
      }),
    ]),
  );
  const [pod] = await eventually(async () => {
    const pods = await h.pods('env');
    expect(pods.filter(isReady)).toHaveLength(1);
    return pods;
  });
  const port = hostPort(pod!);
  const { body } = await ask(port);
  expect(body.cwd).toBe(dir);
  expect(body.env).toMatchObject({
    PORT: String(port),
    FROM_HOST: 'yes',
    HOSTNAME: pod?.metadata?.name,
    MESSAGE: 'hello world, $(GREETING) stays',
    POD_NAME: pod?.metadata?.name,
    POD_NAMESPACE: 'default',
    POD_IP: '127.0.0.1',
    APP_LABEL: 'env',
  });
  expect(port).not.toBe(8080);
});
