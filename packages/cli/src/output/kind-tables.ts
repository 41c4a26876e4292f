// The columns `knot get` prints for each kind: Knative kinds use their CRD's
// printer columns (what kubectl shows), revisions use kn's columns, and the
// built-in kinds knot users meet most have kubectl's columns.
import { buildCrd, core, apps, KNATIVE_RESOURCES, serving, type KubeObject, type ResourceType, resourceKey, SERVICE_LABEL_KEY, CONFIGURATION_GENERATION_LABEL_KEY } from '@knot/api';
import type { Pod, Service as K8sService, Endpoints, Event, Namespace, ConfigMap } from 'kubernetes-types/core/v1.js';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { age } from './age.js';
import { conditionSummary, readyConditionOf } from './conditions.js';
import { jsonPathText } from './json-path.js';

export interface TableContext {
  readonly now: number;
  /** Per revision name: its share of traffic and its tags, from the Services' routes (revisions only). */
  readonly revisionTraffic?: ReadonlyMap<string, RevisionTraffic>;
}

export interface RevisionTraffic {
  percent: number;
  tags: string[];
}

export interface KindTable {
  readonly headers: readonly string[];
  /** Extra columns for `-o wide`. */
  readonly wideHeaders?: readonly string[];
  row(obj: KubeObject, ctx: TableContext): string[];
  wideRow?(obj: KubeObject, ctx: TableContext): string[];
}

const nameOf = (obj: KubeObject) => obj.metadata?.name ?? '';
const ageOf = (obj: KubeObject, ctx: TableContext) => age(obj.metadata?.creationTimestamp, ctx.now);

/** kn's revision list columns. */
export const revisionTable: KindTable = {
  headers: ['Name', 'Service', 'Traffic', 'Tags', 'Generation', 'Age', 'Conditions', 'Ready', 'Reason'],
  row(obj, ctx) {
    const traffic = ctx.revisionTraffic?.get(nameOf(obj));
    const ready = readyConditionOf(obj);
    return [
      nameOf(obj),
      obj.metadata?.labels?.[SERVICE_LABEL_KEY] ?? '',
      traffic && traffic.percent > 0 ? `${traffic.percent}%` : '',
      traffic?.tags.join(',') ?? '',
      obj.metadata?.labels?.[CONFIGURATION_GENERATION_LABEL_KEY] ?? '',
      ageOf(obj, ctx),
      conditionSummary(obj),
      ready?.status ?? '',
      ready?.reason ?? '',
    ];
  },
};

const podTable: KindTable = {
  headers: ['Name', 'Ready', 'Status', 'Restarts', 'Age'],
  wideHeaders: ['IP', 'Node'],
  row(obj, ctx) {
    const pod = obj as Pod;
    const statuses = pod.status?.containerStatuses ?? [];
    const total = pod.spec?.containers.length ?? statuses.length;
    const ready = statuses.filter((s) => s.ready).length;
    const restarts = statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0);
    const waiting = statuses.find((s) => s.state?.waiting?.reason)?.state?.waiting?.reason;
    const phase = pod.metadata?.deletionTimestamp ? 'Terminating' : (waiting ?? pod.status?.phase ?? 'Unknown');
    return [nameOf(pod), `${ready}/${total}`, phase, String(restarts), ageOf(pod, ctx)];
  },
  wideRow(obj) {
    const pod = obj as Pod;
    return [pod.status?.podIP ?? '<none>', pod.spec?.nodeName ?? '<none>'];
  },
};

const serviceTable: KindTable = {
  headers: ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age'],
  row(obj, ctx) {
    const svc = obj as K8sService;
    const ports = (svc.spec?.ports ?? []).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
    const external = svc.spec?.externalName ?? svc.status?.loadBalancer?.ingress?.map((i) => i.ip ?? i.hostname).join(',');
    return [nameOf(svc), svc.spec?.type ?? 'ClusterIP', svc.spec?.clusterIP ?? '', external || '<none>', ports || '<none>', ageOf(svc, ctx)];
  },
};

const deploymentTable: KindTable = {
  headers: ['Name', 'Ready', 'Up-to-date', 'Available', 'Age'],
  row(obj, ctx) {
    const d = obj as Deployment;
    const s = d.status;
    return [nameOf(d), `${s?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`, String(s?.updatedReplicas ?? 0), String(s?.availableReplicas ?? 0), ageOf(d, ctx)];
  },
};

const endpointsTable: KindTable = {
  headers: ['Name', 'Endpoints', 'Age'],
  row(obj, ctx) {
    const ep = obj as Endpoints;
    const addrs = (ep.subsets ?? []).flatMap((s) => (s.addresses ?? []).flatMap((a) => (s.ports ?? []).map((p) => `${a.ip}:${p.port}`)));
    const shown = addrs.length > 3 ? `${addrs.slice(0, 3).join(',')} + ${addrs.length - 3} more...` : addrs.join(',');
    return [nameOf(ep), shown || '<none>', ageOf(ep, ctx)];
  },
};

const eventTable: KindTable = {
  headers: ['Last seen', 'Type', 'Reason', 'Object', 'Message'],
  row(obj, ctx) {
    const ev = obj as Event;
    const last = ev.lastTimestamp ?? ev.eventTime ?? ev.metadata?.creationTimestamp;
    const involved = `${(ev.involvedObject.kind ?? '').toLowerCase()}/${ev.involvedObject.name ?? ''}`;
    return [age(last, ctx.now), ev.type ?? '', ev.reason ?? '', involved, (ev.message ?? '').trim()];
  },
};

const namespaceTable: KindTable = {
  headers: ['Name', 'Status', 'Age'],
  row: (obj, ctx) => [nameOf(obj), (obj as Namespace).status?.phase ?? 'Active', ageOf(obj, ctx)],
};

const configMapTable: KindTable = {
  headers: ['Name', 'Data', 'Age'],
  row: (obj, ctx) => {
    const cm = obj as ConfigMap;
    return [nameOf(cm), String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length), ageOf(cm, ctx)];
  },
};

/** NAME, AGE, and READY/REASON for kinds with a readiness condition. */
const genericTable: KindTable = {
  headers: ['Name', 'Age', 'Ready', 'Reason'],
  row(obj, ctx) {
    const ready = readyConditionOf(obj);
    return [nameOf(obj), ageOf(obj, ctx), ready?.status ?? '', ready?.reason ?? ''];
  },
};

const plainTable: KindTable = { headers: ['Name', 'Age'], row: (obj, ctx) => [nameOf(obj), ageOf(obj, ctx)] };

const BUILTIN_TABLES = new Map<string, KindTable>([
  [resourceKey(core.pods), podTable],
  [resourceKey(core.services), serviceTable],
  [resourceKey(core.endpoints), endpointsTable],
  [resourceKey(core.events), eventTable],
  [resourceKey(core.namespaces), namespaceTable],
  [resourceKey(core.configMaps), configMapTable],
  [resourceKey(apps.deployments), deploymentTable],
]);

export function tableFor(rt: ResourceType): KindTable {
  const key = resourceKey(rt);
  if (key === resourceKey(serving.revisions)) return revisionTable;
  const builtin = BUILTIN_TABLES.get(key);
  if (builtin) return builtin;
  if (KNATIVE_RESOURCES.some((k) => resourceKey(k) === key)) return crdTable(rt);
  return rt.hasStatus ? genericTable : plainTable;
}

/** The CRD's additionalPrinterColumns, as kubectl prints them. */
function crdTable(rt: ResourceType): KindTable {
  const columns = buildCrd(rt).spec.versions[0]?.additionalPrinterColumns ?? [];
  return {
    headers: ['Name', ...columns.map((c) => c.name)],
    row: (obj, ctx) => [nameOf(obj), ...columns.map((c) => (c.type === 'date' ? age(jsonPathText(obj, c.jsonPath) || undefined, ctx.now) : jsonPathText(obj, c.jsonPath)))],
  };
}
