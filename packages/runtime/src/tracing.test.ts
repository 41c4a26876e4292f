import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { setupTracing } from './tracing.js';

interface Posted {
  path: string;
  contentType: string | undefined;
  body: string;
}

async function collector(): Promise<{ url: string; posts: Posted[]; close: () => Promise<void> }> {
  const posts: Posted[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      posts.push({ path: req.url ?? '', contentType: req.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface ExportedSpan {
  name: string;
  spanId: string;
  parentSpanId?: string;
}

function exportedSpans(posts: Posted[]): { service: unknown[]; spans: ExportedSpan[] } {
  const service: unknown[] = [];
  const spans: ExportedSpan[] = [];
  for (const p of posts) {
    const body = JSON.parse(p.body) as {
      resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: ExportedSpan[] }[] }[];
    };
    for (const rs of body.resourceSpans) {
      service.push(rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue);
      for (const ss of rs.scopeSpans) spans.push(...ss.spans);
    }
  }
  return { service, spans };
}

test('without an endpoint nothing is installed and spans do not record', async () => {
  const shutdown = setupTracing({ serviceName: 'controller' });
  const span = trace.getTracer('test').startSpan('noop');
  expect(span.isRecording()).toBe(false);
  span.end();
  await shutdown();
});

test('with an endpoint spans are POSTed to /v1/traces, children under their parent across awaits', async () => {
  const otlp = await collector();
  const shutdown = setupTracing({ serviceName: 'activator', endpoint: otlp.url, sampleRate: 1 });
  try {
    const tracer = trace.getTracer('test');
    await tracer.startActiveSpan('request', async (parent) => {
      expect(parent.isRecording()).toBe(true);
      await new Promise((r) => setImmediate(r));
      tracer.startSpan('proxy').end();
      parent.end();
    });
    await shutdown();
  } finally {
    await otlp.close();
  }
  expect(otlp.posts.map((p) => [p.path, p.contentType])).toEqual([['/v1/traces', 'application/json']]);
  const { service, spans } = exportedSpans(otlp.posts);
  expect(service).toEqual(['activator']);
  const parent = spans.find((s) => s.name === 'request');
  const child = spans.find((s) => s.name === 'proxy');
  expect(child?.parentSpanId).toBe(parent?.spanId);
  expect(trace.getTracer('test').startSpan('after').isRecording()).toBe(false);
});

test('sampleRate 0 records nothing new', async () => {
  const shutdown = setupTracing({ serviceName: 'x', endpoint: 'http://127.0.0.1:1/v1/traces', sampleRate: 0 });
  expect(trace.getTracer('t').startSpan('s').isRecording()).toBe(false);
  await shutdown();
});

test.each([
  { name: 'rate above 1', opts: { serviceName: 'x', endpoint: 'http://c:4318', sampleRate: 2 }, msg: /sampleRate/ },
  { name: 'bad endpoint', opts: { serviceName: 'x', endpoint: 'collector:4318 ' }, msg: /endpoint/ },
])('$name is rejected naming the option', ({ opts, msg }) => {
  expect(() => setupTracing(opts)).toThrow(msg);
});
