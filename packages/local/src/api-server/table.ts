// Server-side printing: when a client asks for `as=Table` (kubectl get does),
// objects come back as a meta.k8s.io/v1 Table. Knative kinds get the columns
// of their CRDs (URL, Ready, Reason...); a few built-in kinds get kubectl's
// usual ones; everything has Name first and an age.
import { buildCrd, KNATIVE_RESOURCES, resourceKey, type KubeObject, type ResourceType } from '@knot/api';
import type { Clock } from '@knot/runtime';
import { humanDuration } from './human-duration.js';
import { evaluateJsonPath, parseJsonPath } from './json-path.js';

export const TABLE_CONTENT_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** Whether an Accept header asks for a Table (meta.k8s.io v1 or v1beta1). */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((range) => {
    const params = new Map(range.split(';').slice(1).map((p) => p.trim().split('=', 2) as [string, string]));
    return params.get('as') === 'Table' && params.get('g') === 'meta.k8s.io' && (params.get('v') === 'v1' || params.get('v') === 'v1beta1');
  });
}

interface Column {
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly priority: number;
  readonly cell: (obj: KubeObject, now: number) => unknown;
}

type Loose = KubeObject & { status?: Record<string, unknown>; spec?: Record<string, unknown>; data?: Record<string, unknown> };

const NAME: Column = { name: 'Name', type: 'string', description: 'Name must be unique within a namespace.', priority: 0, cell: (o) => o.metadata?.name ?? '' };
const age = (o: KubeObject, now: number): string | null => {
  const created = Date.parse(o.metadata?.creationTimestamp ?? '');
  return Number.isNaN(created) ? null : humanDuration(now - created);
};
const AGE: Column = { name: 'Age', type: 'string', description: 'Time since the object was created.', priority: 0, cell: age };
const col = (name: string, type: string, cell: (o: Loose) => unknown): Column => ({ name, type, description: name, priority: 0, cell: (o) => cell(o) ?? null });
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string } };
}

function podStatus(o: Loose): string {
  const statuses = (o.status?.containerStatuses ?? []) as ContainerStatus[];
  if (o.metadata?.deletionTimestamp) return 'Terminating';
  const reason = statuses.map((s) => s.state?.waiting?.reason ?? s.state?.terminated?.reason).find((r) => r);
  return reason ?? (typeof o.status?.phase === 'string' ? o.status.phase : 'Pending');
}

// An event's last sighting: lastTimestamp, else eventTime, else when it was created.
const lastSeen = (o: KubeObject, now: number): string | null => {
  const e = o as KubeObject & { lastTimestamp?: string; eventTime?: string };
  const at = Date.parse(e.lastTimestamp ?? e.eventTime ?? o.metadata?.creationTimestamp ?? '');
  return Number.isNaN(at) ? null : humanDuration(now - at);
};

const BUILTIN_COLUMNS: ReadonlyMap<string, readonly Column[]> = new Map([
  [
    'events',
    [
      { name: 'Last Seen', type: 'string', description: 'Time since the event was last seen.', priority: 0, cell: lastSeen },
      col('Type', 'string', (o) => (o as { type?: string }).type),
      col('Reason', 'string', (o) => (o as { reason?: string }).reason),
      col('Object', 'string', (o) => {
        const ref = (o as { involvedObject?: { kind?: string; name?: string } }).involvedObject;
        return ref ? `${(ref.kind ?? '').toLowerCase()}/${ref.name ?? ''}` : null;
      }),
      col('Message', 'string', (o) => (o as { message?: string }).message),
      // kubectl shows an event's name only with -o wide.
      { ...NAME, priority: 1 },
    ],
  ],
  ['namespaces', [col('Status', 'string', (o) => o.status?.phase), AGE]],
  [
    'pods',
    [
      col('Ready', 'string', (o) => {
        const statuses = (o.status?.containerStatuses ?? []) as ContainerStatus[];
        const containers = Array.isArray(o.spec?.containers) ? o.spec.containers.length : 0;
        return `${statuses.filter((s) => s.ready).length}/${containers}`;
      }),
      col('Status', 'string', podStatus),
      col('Restarts', 'integer', (o) => ((o.status?.containerStatuses ?? []) as ContainerStatus[]).reduce((n, s) => n + num(s.restartCount), 0)),
      AGE,
    ],
  ],
  [
    'deployments.apps',
    [
      col('Ready', 'string', (o) => `${num(o.status?.readyReplicas)}/${typeof o.spec?.replicas === 'number' ? o.spec.replicas : 1}`),
      col('Up-to-date', 'integer', (o) => num(o.status?.updatedReplicas)),
      col('Available', 'integer', (o) => num(o.status?.availableReplicas)),
      AGE,
    ],
  ],
  ['services', [col('Type', 'string', (o) => o.spec?.type ?? 'ClusterIP'), col('Cluster-IP', 'string', (o) => o.spec?.clusterIP ?? '<none>'), AGE]],
  ['configmaps', [col('Data', 'integer', (o) => Object.keys(o.data ?? {}).length), AGE]],
]);

const KNATIVE_KEYS: ReadonlySet<string> = new Set(KNATIVE_RESOURCES.map(resourceKey));

function crdColumns(rt: ResourceType): Column[] {
  const printer = buildCrd(rt).spec.versions[0]?.additionalPrinterColumns ?? [];
  return printer.map((c) => {
    const steps = parseJsonPath(c.jsonPath);
    return {
      name: c.name,
      type: c.type === 'date' ? 'string' : c.type,
      description: c.description ?? `Custom resource definition column (in JSONPath format): ${c.jsonPath}`,
      priority: c.priority ?? 0,
      cell: (o: KubeObject, now: number) => {
        const value = steps ? evaluateJsonPath(o, steps) : undefined;
        if (value === undefined || value === null) return null;
        if (c.type !== 'date') return typeof value === 'object' ? JSON.stringify(value) : value;
        const t = typeof value === 'string' ? Date.parse(value) : NaN;
        return Number.isNaN(t) ? null : humanDuration(now - t);
      },
    };
  });
}

/** Tables of one server; columns are worked out once per kind. */
export class TablePrinter {
  readonly #clock: Clock;
  readonly #columns = new Map<string, readonly Column[]>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  table(rt: ResourceType, objects: readonly KubeObject[], listMeta: Record<string, unknown> = {}): Record<string, unknown> {
    const columns = this.#columnsOf(rt);
    const now = this.#clock.now();
    return {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: listMeta,
      columnDefinitions: columns.map((c) => ({ name: c.name, type: c.type, format: c.name === NAME.name ? 'name' : '', description: c.description, priority: c.priority })),
      rows: objects.map((o) => ({ cells: columns.map((c) => c.cell(o, now)), object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata ?? {} } })),
    };
  }

  #columnsOf(rt: ResourceType): readonly Column[] {
    const key = resourceKey(rt);
    let columns = this.#columns.get(key);
    if (!columns) {
      const own = KNATIVE_KEYS.has(key) ? crdColumns(rt) : (BUILTIN_COLUMNS.get(key) ?? [AGE]);
      columns = own.some((c) => c.name === NAME.name) ? own : [NAME, ...own];
      this.#columns.set(key, columns);
    }
    return columns;
  }
}
