// Reads the objects behind `-f`: files, directories of *.yaml/*.yml/*.json,
// and `-` for stdin; multi-document YAML and `kind: List` are split into objects.
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { KubeObject } from '@knot/api';
import { parseAllDocuments } from 'yaml';
import { CommandError, UsageError } from '../errors.js';

export interface Manifest {
  /** The file the object came from, or `STDIN`. */
  readonly source: string;
  /** 1-based document number within the source. */
  readonly document: number;
  readonly object: KubeObject & { apiVersion: string; kind: string; metadata: { name: string } };
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export interface ReadOptions {
  readonly cwd: string;
  readonly stdin?: NodeJS.ReadableStream;
  /** Descend into subdirectories (-R). */
  readonly recursive?: boolean;
}

export async function readManifests(sources: readonly string[], opts: ReadOptions): Promise<Manifest[]> {
  if (sources.length === 0) throw new UsageError('MISSING_ARGUMENT', 'missing -f: give a file, a directory or - for stdin');
  const manifests: Manifest[] = [];
  for (const source of sources) {
    if (source === '-') {
      if (!opts.stdin) throw new UsageError('BAD_FLAG', '-f -: there is no standard input');
      manifests.push(...parseManifests(await readStream(opts.stdin), 'STDIN'));
      continue;
    }
    for (const file of await filesOf(resolve(opts.cwd, source), source, opts.recursive ?? false)) {
      manifests.push(...parseManifests(await readFile(file.path, 'utf8'), file.label));
    }
  }
  return manifests;
}

async function filesOf(path: string, label: string, recursive: boolean): Promise<{ path: string; label: string }[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new CommandError('MANIFEST', `${label}: no such file or directory`);
  }
  if (!info.isDirectory()) return [{ path, label }];
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const files: { path: string; label: string }[] = [];
  for (const entry of entries) {
    const child = { path: join(path, entry.name), label: join(label, entry.name) };
    if (entry.isDirectory()) {
      if (recursive) files.push(...(await filesOf(child.path, child.label, true)));
    } else if (EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(child);
  }
  return files;
}

/** Every object in one YAML or JSON text; an error names the source, the document and the field. */
export function parseManifests(text: string, source: string): Manifest[] {
  const out: Manifest[] = [];
  parseAllDocuments(text).forEach((doc, i) => {
    const where = `${source}: document ${i + 1}`;
    const error = doc.errors[0];
    if (error) throw new CommandError('MANIFEST', `${where}: ${error.message.split('\n')[0] ?? error.message}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return;
    if (!isRecord(value)) throw new CommandError('MANIFEST', `${where}: expected an object, got ${describe(value)}`);
    if (value.kind === 'List' || (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items))) {
      if (!Array.isArray(value.items)) throw new CommandError('MANIFEST', `${where}: items: expected a list`);
      value.items.forEach((item: unknown, j) => out.push({ source, document: i + 1, object: checkObject(item, `${where}: items[${j}]`) }));
      return;
    }
    out.push({ source, document: i + 1, object: checkObject(value, where) });
  });
  return out;
}

function checkObject(value: unknown, where: string): Manifest['object'] {
  if (!isRecord(value)) throw new CommandError('MANIFEST', `${where}: expected an object, got ${describe(value)}`);
  if (typeof value.apiVersion !== 'string' || value.apiVersion === '') throw new CommandError('MANIFEST', `${where}: apiVersion: Required value`);
  if (typeof value.kind !== 'string' || value.kind === '') throw new CommandError('MANIFEST', `${where}: kind: Required value`);
  if (!isRecord(value.metadata)) throw new CommandError('MANIFEST', `${where}: metadata: Required value`);
  if (typeof value.metadata.name !== 'string' || value.metadata.name === '') throw new CommandError('MANIFEST', `${where}: metadata.name: Required value`);
  if (value.metadata.namespace !== undefined && typeof value.metadata.namespace !== 'string') throw new CommandError('MANIFEST', `${where}: metadata.namespace: must be a string`);
  // The fields every command relies on are checked above; the kind's own fields are the server's to validate.
  return value as unknown as Manifest['object'];
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown) => (Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v);
