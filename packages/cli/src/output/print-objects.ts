// `-o` formats for objects: a table (default, or wide), yaml, json, name.
import { apiVersionOf, type KubeObject, type ResourceType } from '@knot/api';
import { stringify } from 'yaml';
import { UsageError } from '../errors.js';
import { kindLabel } from '../kube/kinds.js';
import { tableFor, type KindTable, type TableContext } from './kind-tables.js';
import { renderTable } from './table.js';

export const OUTPUT_FORMATS = ['table', 'wide', 'yaml', 'json', 'name'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function parseOutputFormat(raw: string | undefined): OutputFormat {
  if (raw === undefined || raw === '') return 'table';
  const found = OUTPUT_FORMATS.find((f) => f === raw);
  if (!found) throw new UsageError('BAD_FLAG', `--output: unknown format ${JSON.stringify(raw)}, expected one of yaml, json, wide, name`);
  return found;
}

export interface PrintOptions {
  readonly format: OutputFormat;
  /** Print one object rather than a List (yaml/json). */
  readonly single: boolean;
  /** Add a NAMESPACE column (-A). */
  readonly withNamespace: boolean;
  readonly table?: KindTable;
  readonly context: TableContext;
}

/** The lines to print for objects of one kind. */
export function formatObjects(rt: ResourceType, objects: readonly KubeObject[], opts: PrintOptions): string[] {
  const typed = objects.map((o) => ({ apiVersion: o.apiVersion ?? apiVersionOf(rt), kind: o.kind ?? rt.kind, ...o }));
  switch (opts.format) {
    case 'name':
      return typed.map((o) => `${kindLabel(rt)}/${o.metadata?.name ?? ''}`);
    case 'json':
      return [JSON.stringify(opts.single ? typed[0] : asList(typed), null, 2)];
    case 'yaml':
      return [stringify(opts.single ? typed[0] : asList(typed)).trimEnd()];
    default:
      return formatTable(opts.table ?? tableFor(rt), typed, opts);
  }
}

function formatTable(table: KindTable, objects: readonly KubeObject[], opts: PrintOptions): string[] {
  const wide = opts.format === 'wide' && table.wideRow !== undefined;
  const headers = [...(opts.withNamespace ? ['Namespace'] : []), ...table.headers, ...(wide ? (table.wideHeaders ?? []) : [])];
  const rows = objects.map((o) => [
    ...(opts.withNamespace ? [o.metadata?.namespace ?? ''] : []),
    ...table.row(o, opts.context),
    ...(wide && table.wideRow ? table.wideRow(o, opts.context) : []),
  ]);
  return renderTable(headers, rows);
}

function asList(items: readonly KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items };
}
