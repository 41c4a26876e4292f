// The verbs on a resource path: get, list and watch; create, update, patch;
// delete and deletecollection, each on the Client behind the API.
import type http from 'node:http';
import { resourceKey, type KubeObject } from '@knot/api';
import { ApiError, type Client } from '@knot/runtime';
import type { Admission } from './admission.js';
import { deleteCollection, deleteObject, deleteRequest } from './delete-object.js';
import { escapeFieldValue, selection, type Selection } from './field-selector.js';
import { sendJson } from './http-reply.js';
import { pageOf } from './list-pages.js';
import { readOptions, writeOptions, type ReadOptions } from './query-options.js';
import { parseObjectBody, parsePatchBody, readBody } from './read-body.js';
import type { ResourcePath } from './request-path.js';
import type { ServedResource, ServedResources } from './served-resources.js';
import { WatchStream, type WatchSettings } from './serve-watch.js';
import { notFound } from './status-error.js';
import { TABLE_CONTENT_TYPE, wantsTable, type TablePrinter } from './table.js';
import { createObject, patchObject, updateObject, type WriteTarget } from './write-object.js';

export interface ResourceHandlerOptions {
  readonly client: Client;
  readonly admission: Admission;
  readonly served: ServedResources;
  readonly user: string;
  readonly maxBodyBytes: number;
  readonly random: () => number;
  readonly watch: WatchSettings;
  readonly tables: TablePrinter;
  /** Registers a running watch so the server can end it on shutdown; returns the unregister function. */
  readonly track: (watch: WatchStream) => () => void;
}

const methodNotAllowed = (detail: string): ApiError => new ApiError('MethodNotAllowed', `the server does not allow this method on the requested resource: ${detail}`);

/** What a resource path addresses, checked against what is served. */
function resolve(opts: ResourceHandlerOptions, path: ResourcePath): ServedResource {
  const served = opts.served.lookup(path.group, path.version, path.plural);
  if (!served) throw notFound();
  const { rt } = served;
  if (!rt.namespaced && path.namespace !== undefined) throw notFound(`${resourceKey(rt)} is cluster-scoped: address it without /namespaces/${path.namespace}/`);
  if (rt.namespaced && path.namespace === undefined && path.name !== undefined) throw notFound(`${resourceKey(rt)} is namespaced: address ${rt.plural}/${path.name} under /namespaces/<namespace>/`);
  if (path.subresource !== undefined && !(path.subresource === 'status' && rt.hasStatus)) throw notFound(`${resourceKey(rt)} has no ${path.subresource} subresource here`);
  return served;
}

export async function handleResource(opts: ResourceHandlerOptions, req: http.IncomingMessage, res: http.ServerResponse, path: ResourcePath, query: URLSearchParams): Promise<void> {
  const served = resolve(opts, path);
  const { client } = opts;
  const { rt } = served;
  const { namespace, name } = path;
  const subresource = path.subresource ?? '';
  const method = req.method ?? '';

  if (method === 'GET') {
    const read = readOptions(query);
    const table = wantsTable(req.headers.accept) && !subresource;
    if (path.watchPrefix || read.watch) {
      if (subresource) throw methodNotAllowed('watch a collection or an object, not a subresource');
      const render = table ? (o: KubeObject) => opts.tables.table(rt, [served.fromStorage(o)]) : (o: KubeObject) => served.fromStorage(o);
      const narrowed = name === undefined ? read : withName(read, name);
      return watch(opts, served, res, render, namespace, narrowed, selection(rt, narrowed));
    }
    if (name !== undefined) {
      const obj = served.fromStorage(await client.get(rt, namespace, name));
      return table ? sendJson(res, 200, opts.tables.table(rt, [obj]), TABLE_CONTENT_TYPE) : sendJson(res, 200, obj);
    }
    return list(opts, served, res, namespace, read, selection(rt, read), table);
  }
  if (path.watchPrefix) throw methodNotAllowed('the /watch/ paths take GET only');

  const write = writeOptions(query);
  const target: WriteTarget = { client, admission: opts.admission, user: opts.user, served, namespace, dryRun: write.dryRun, random: opts.random };
  switch (method) {
    case 'POST': {
      if (name !== undefined) throw methodNotAllowed('create by POST to the collection');
      if (rt.namespaced && namespace === undefined) throw methodNotAllowed(`${resourceKey(rt)} is namespaced: POST to /namespaces/<namespace>/${rt.plural}`);
      const body = parseObjectBody(req.headers['content-type'], await readBody(req, opts.maxBodyBytes));
      return sendJson(res, 201, await createObject(target, body));
    }
    case 'PUT': {
      if (name === undefined) throw methodNotAllowed('update by PUT to an object');
      const body = parseObjectBody(req.headers['content-type'], await readBody(req, opts.maxBodyBytes));
      return sendJson(res, 200, await updateObject(target, name, subresource, body));
    }
    case 'PATCH': {
      if (name === undefined) throw methodNotAllowed('patch an object, not a collection');
      const { format, document } = parsePatchBody(req.headers['content-type'], await readBody(req, opts.maxBodyBytes));
      return sendJson(res, 200, await patchObject(target, name, subresource, format, document));
    }
    case 'DELETE': {
      if (subresource) throw methodNotAllowed('delete the object, not its subresource');
      const bytes = await readBody(req, opts.maxBodyBytes);
      const options = deleteRequest(bytes.length === 0 ? undefined : parseObjectBody('application/json', bytes), write);
      if (name === undefined) {
        const items = await deleteCollection(client, served, namespace, selection(rt, readOptions(query)), options);
        return sendJson(res, 200, { apiVersion: served.apiVersion, kind: `${rt.kind}List`, metadata: {}, items });
      }
      const deleted = await deleteObject(client, served, namespace, name, options);
      const gone = { apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Success', details: { name, group: rt.group, kind: rt.plural } };
      return sendJson(res, 200, deleted ?? gone);
    }
    default:
      throw methodNotAllowed(`${method} is not a verb of this API`);
  }
}

async function list(opts: ResourceHandlerOptions, served: ServedResource, res: http.ServerResponse, namespace: string | undefined, read: ReadOptions, sel: Selection, table: boolean): Promise<void> {
  const all = await opts.client.list(served.rt, namespace, { labelSelector: sel.labelSelector, fieldSelector: sel.fieldSelector });
  const selected = sel.matches ? all.items.filter(sel.matches) : all.items;
  const page = pageOf(selected, all.resourceVersion, read.limit, read.continueToken);
  const metadata = {
    resourceVersion: page.resourceVersion,
    ...(page.continueToken ? { continue: page.continueToken } : {}),
    ...(page.remainingItemCount !== undefined ? { remainingItemCount: page.remainingItemCount } : {}),
  };
  const items = page.items.map((o) => served.fromStorage(o));
  if (table) return sendJson(res, 200, opts.tables.table(served.rt, items, metadata), TABLE_CONTENT_TYPE);
  sendJson(res, 200, { apiVersion: served.apiVersion, kind: `${served.rt.kind}List`, metadata, items });
}

async function watch(
  opts: ResourceHandlerOptions,
  served: ServedResource,
  res: http.ServerResponse,
  render: (o: KubeObject) => unknown,
  namespace: string | undefined,
  read: ReadOptions,
  sel: Selection,
): Promise<void> {
  const stream = new WatchStream(opts.watch, served, res, render);
  const untrack = opts.track(stream);
  try {
    await stream.run(namespace, read, sel);
  } finally {
    untrack();
  }
}

// A watch of one object is a watch of its collection narrowed to its name, as in Kubernetes.
function withName(read: ReadOptions, name: string): ReadOptions {
  const byName = `metadata.name=${escapeFieldValue(name)}`;
  return { ...read, fieldSelector: read.fieldSelector ? `${read.fieldSelector},${byName}` : byName };
}
