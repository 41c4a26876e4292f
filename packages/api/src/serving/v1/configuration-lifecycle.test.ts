import type { Condition } from '../../duck/condition.js';
import type { Configuration } from './configuration.js';
import {
  isConfigurationFailed,
  isConfigurationReady,
  isLatestReadyRevisionNameUpToDate,
  manageConfigurationStatus,
  type ConfigurationStatusManager,
} from './configuration-lifecycle.js';

type Brief = Pick<Condition, 'type' | 'status' | 'reason' | 'message'>;
const cond = (status: Condition['status'], reason?: string, message?: string): Brief => ({ type: 'Ready', status, ...(reason ? { reason } : {}), ...(message ? { message } : {}) });

function run(steps: (m: ConfigurationStatusManager) => void) {
  const config: Configuration = { spec: { template: { spec: { containers: [] } } } };
  let t = Date.UTC(2024, 0, 1);
  const m = manageConfigurationStatus(config, { now: () => (t += 1000) });
  m.initializeConditions();
  steps(m);
  const { conditions, ...fields } = config.status ?? {};
  return { conditions: (conditions ?? []).map(({ type, status, reason, message }) => ({ type, status, ...(reason ? { reason } : {}), ...(message ? { message } : {}) })), fields };
}

describe('Configuration conditions', () => {
  test.each<{ name: string; steps: (m: ConfigurationStatusManager) => void; want: Brief; fields?: object }>([
    { name: 'a new configuration is Unknown', steps: () => {}, want: cond('Unknown') },
    {
      name: 'a created revision that is not ready keeps Ready Unknown',
      steps: (m) => m.setLatestCreatedRevisionName('hello-00001'),
      want: cond('Unknown'),
      fields: { latestCreatedRevisionName: 'hello-00001' },
    },
    {
      name: 'the latest created revision becoming ready makes it Ready',
      steps: (m) => {
        m.setLatestCreatedRevisionName('hello-00001');
        m.setLatestReadyRevisionName('hello-00001');
      },
      want: cond('True'),
      fields: { latestCreatedRevisionName: 'hello-00001', latestReadyRevisionName: 'hello-00001' },
    },
    {
      name: 'an older ready revision does not make it Ready while a newer one is pending',
      steps: (m) => {
        m.setLatestCreatedRevisionName('hello-00002');
        m.setLatestReadyRevisionName('hello-00001');
      },
      want: cond('Unknown'),
      fields: { latestCreatedRevisionName: 'hello-00002', latestReadyRevisionName: 'hello-00001' },
    },
    {
      name: 'a new revision after a ready one turns Ready back to Unknown',
      steps: (m) => {
        m.setLatestCreatedRevisionName('hello-00001');
        m.setLatestReadyRevisionName('hello-00001');
        m.setLatestCreatedRevisionName('hello-00002');
      },
      want: cond('Unknown'),
      fields: { latestCreatedRevisionName: 'hello-00002', latestReadyRevisionName: 'hello-00001' },
    },
    {
      name: 'a failed latest revision is RevisionFailed',
      steps: (m) => m.markLatestCreatedFailed('hello-00001', 'image pull failed'),
      want: cond('False', 'RevisionFailed', 'Revision "hello-00001" failed with message: image pull failed.'),
    },
    {
      name: 'a revision that could not be created is RevisionFailed',
      steps: (m) => m.markRevisionCreationFailed('revisions "hello-x" already exists'),
      want: cond('False', 'RevisionFailed', 'Revision creation failed with message: revisions "hello-x" already exists.'),
    },
    {
      name: 'a deleted latest ready revision is RevisionDeleted',
      steps: (m) => {
        m.setLatestCreatedRevisionName('hello-00001');
        m.setLatestReadyRevisionName('hello-00001');
        m.markLatestReadyDeleted();
      },
      want: cond('False', 'RevisionDeleted', 'Revision "hello-00001" was deleted.'),
      fields: { latestCreatedRevisionName: 'hello-00001', latestReadyRevisionName: 'hello-00001' },
    },
  ])('$name', ({ steps, want, fields }) => {
    const got = run(steps);
    expect(got.conditions).toEqual([want]);
    expect(got.fields).toEqual(fields ?? {});
  });
});

describe('Configuration readiness', () => {
  const config = (generation: number, observedGeneration: number, ready: Condition['status'], created = 'c-00001', latestReady = 'c-00001'): Configuration => ({
    metadata: { generation },
    spec: { template: { spec: { containers: [] } } },
    status: { observedGeneration, conditions: [{ type: 'Ready', status: ready }], latestCreatedRevisionName: created, latestReadyRevisionName: latestReady },
  });

  test.each([
    { name: 'observed and Ready', c: config(2, 2, 'True'), ready: true, failed: false, upToDate: true },
    { name: 'Ready for an older generation', c: config(2, 1, 'True'), ready: false, failed: false, upToDate: false },
    { name: 'observed and failed', c: config(1, 1, 'False'), ready: false, failed: true, upToDate: false },
    { name: 'failed for an older generation', c: config(2, 1, 'False'), ready: false, failed: false, upToDate: false },
    { name: 'Ready but the latest created is newer', c: config(1, 1, 'True', 'c-00002'), ready: true, failed: false, upToDate: false },
  ])('$name', ({ c, ready, failed, upToDate }) => {
    expect(isConfigurationReady(c)).toBe(ready);
    expect(isConfigurationFailed(c)).toBe(failed);
    expect(isLatestReadyRevisionNameUpToDate(c)).toBe(upToDate);
  });
});
