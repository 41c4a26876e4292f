// Fetches one pod's stat from queue-proxy: GET /metrics with Accept: application/json
// on the pod's autometric port, with keep-alive connections and a short timeout.
import { parseStat, STATS_CONTENT_TYPE_JSON, STATS_PATH, targetAddress, type EndpointTarget, type Stat } from '@knot/api';
import { Agent, request } from 'undici';

/** Knative's scrape client timeout. */
export const SCRAPE_TIMEOUT_MS = 3000;
/** A stat is a few hundred bytes; anything much larger is not one. */
export const MAX_STAT_BYTES = 64 * 1024;

/** A pod (or every pod in the sample) could not be scraped; `code` says how. */
export class ScrapeError extends Error {
  constructor(
    readonly code: 'ERR_SCRAPE_STATUS' | 'ERR_SCRAPE_BODY' | 'ERR_SCRAPE_NETWORK' | 'ERR_SCRAPE_ALL_FAILED',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ScrapeError';
  }
}

export interface StatClientOptions {
  readonly timeoutMs?: number;
}

export class StatClient {
  readonly #agent: Agent;
  readonly #timeoutMs: number;

  constructor(opts: StatClientOptions = {}) {
    this.#timeoutMs = opts.timeoutMs ?? SCRAPE_TIMEOUT_MS;
    this.#agent = new Agent({ keepAliveTimeout: 30_000, connections: 4, connectTimeout: this.#timeoutMs });
  }

  async scrape(target: EndpointTarget): Promise<Stat> {
    const url = `http://${targetAddress(target)}${STATS_PATH}`;
    let res;
    try {
      res = await request(url, {
        dispatcher: this.#agent,
        headers: { accept: STATS_CONTENT_TYPE_JSON },
        headersTimeout: this.#timeoutMs,
        bodyTimeout: this.#timeoutMs,
      });
    } catch (err) {
      throw new ScrapeError('ERR_SCRAPE_NETWORK', `GET ${url}: ${(err as Error).message}`, { cause: err });
    }
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new ScrapeError('ERR_SCRAPE_STATUS', `GET ${url}: status ${res.statusCode}`);
    }
    const text = await readLimited(res.body, MAX_STAT_BYTES, url);
    try {
      return parseStat(JSON.parse(text));
    } catch (err) {
      throw new ScrapeError('ERR_SCRAPE_BODY', `GET ${url}: not a stat: ${(err as Error).message}`, { cause: err });
    }
  }

  async close(): Promise<void> {
    await this.#agent.destroy();
  }
}

async function readLimited(body: AsyncIterable<Buffer> & { destroy(): void }, limit: number, url: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.length;
      if (size > limit) {
        body.destroy();
        throw new ScrapeError('ERR_SCRAPE_BODY', `GET ${url}: body over ${limit} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof ScrapeError) throw err;
    throw new ScrapeError('ERR_SCRAPE_NETWORK', `GET ${url}: ${(err as Error).message}`, { cause: err });
  }
  return Buffer.concat(chunks).toString('utf8');
}
