import { StatClient, ScrapeError } from './stat-client.js';
import { StatPod, statOf, type PodMode } from './testing/stat-pod.js';

describe('StatClient', () => {
  const client = new StatClient();
  const pod = new StatPod('pod-a', { averageConcurrentRequests: 1.5, requestCount: 3 });
  beforeAll(() => pod.listen());
  afterAll(async () => {
    await client.close();
    await pod.close();
  });

  test('reads the stat as JSON', async () => {
    pod.mode = 'ok';
    await expect(client.scrape({ ip: '127.0.0.1', port: pod.port })).resolves.toEqual(statOf('pod-a', { averageConcurrentRequests: 1.5, requestCount: 3 }));
  });

  test.each<{ name: string; mode: PodMode; code: string }>([
    { name: 'a non-200 status', mode: 'status-500', code: 'ERR_SCRAPE_STATUS' },
    { name: 'truncated JSON', mode: 'garbage', code: 'ERR_SCRAPE_BODY' },
    { name: 'a stat with a negative value', mode: 'bad-stat', code: 'ERR_SCRAPE_BODY' },
    { name: 'a body over the limit', mode: 'huge', code: 'ERR_SCRAPE_BODY' },
  ])('$name is a ScrapeError $code', async ({ mode, code }) => {
    pod.mode = mode;
    const err = await client.scrape({ ip: '127.0.0.1', port: pod.port }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScrapeError);
    expect((err as ScrapeError).code).toBe(code);
  });

  test('a closed port is ERR_SCRAPE_NETWORK', async () => {
    const gone = await new StatPod('gone').listen();
    const port = gone.port;
    await gone.close();
    const err = await client.scrape({ ip: '127.0.0.1', port }).catch((e: unknown) => e);
    expect((err as ScrapeError).code).toBe('ERR_SCRAPE_NETWORK');
  });
});
