// One scrape of a revision: a sample of its pods (all up to 3), each failed pod
// replaced by another while any are left, and the sum scaled up to every pod.
import type { EndpointTarget, Stat } from '@knot/api';
import { sampleSize } from './sample-size.js';
import { ScrapeError } from './stat-client.js';

/** The pod name on a stat that stands for a whole revision's scrape, as Knative names it. */
export const SCRAPER_POD_NAME = 'service-scraper';

export type ScrapeOne = (target: EndpointTarget) => Promise<Stat>;

export interface RevisionScrape {
  /** The revision's demand, scaled to all its pods; undefined when it has none. */
  readonly stat: Stat | undefined;
  /** Pods that failed; the stat stands on the rest. */
  readonly errors: readonly Error[];
}

/** Fisher–Yates with injected randomness, so tests can fix the order. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * Scrapes `sampleSize(pods)` pods concurrently. A pod that fails is replaced by
 * the next unscraped one, and the stats that came back are scaled by
 * pods / answered, so one bad pod never turns into zero demand. Throws
 * ScrapeError ERR_SCRAPE_ALL_FAILED when no pod answered.
 */
export async function scrapeRevision(targets: readonly EndpointTarget[], scrapeOne: ScrapeOne, random: () => number, now: number): Promise<RevisionScrape> {
  const pods = targets.length;
  if (pods === 0) return { stat: undefined, errors: [] };
  const queue = shuffled(targets, random);
  let next = 0;
  const stats: Stat[] = [];
  const errors: Error[] = [];
  const worker = async (): Promise<void> => {
    while (next < queue.length) {
      const target = queue[next++] as EndpointTarget;
      try {
        stats.push(await scrapeOne(target));
        return;
      } catch (err) {
        errors.push(err as Error);
      }
    }
  };
  await Promise.all(Array.from({ length: sampleSize(pods) }, worker));
  if (stats.length === 0) throw new ScrapeError('ERR_SCRAPE_ALL_FAILED', `none of ${pods} pods answered: ${errors[0]?.message ?? ''}`, { cause: errors[0] });
  return { stat: scaleToRevision(stats, pods, now), errors };
}

/** Sums the sampled stats and scales them to `pods` pods (Knative's computeAverages). */
export function scaleToRevision(stats: readonly Stat[], pods: number, now: number): Stat {
  let concurrency = 0;
  let proxiedConcurrency = 0;
  let requests = 0;
  let proxiedRequests = 0;
  for (const s of stats) {
    concurrency += s.averageConcurrentRequests;
    proxiedConcurrency += s.averageProxiedConcurrentRequests;
    requests += s.requestCount;
    proxiedRequests += s.proxiedRequestCount;
  }
  const scale = pods / stats.length;
  return {
    podName: SCRAPER_POD_NAME,
    averageConcurrentRequests: concurrency * scale,
    averageProxiedConcurrentRequests: proxiedConcurrency * scale,
    requestCount: requests * scale,
    proxiedRequestCount: proxiedRequests * scale,
    processUptime: 0,
    timestamp: now,
  };
}
