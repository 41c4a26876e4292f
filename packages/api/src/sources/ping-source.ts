import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { SourceSpec, SourceStatus } from '../duck/source.js';

export interface PingSourceSpec extends SourceSpec {
  /** A cron schedule; defaults to every minute (`* * * * *`). */
  schedule?: string;
  /** IANA time zone for the schedule, e.g. `Europe/Paris`. */
  timezone?: string;
  /** Media type of `data`/`dataBase64`. */
  contentType?: string;
  /** Event data as text; mutually exclusive with `dataBase64`. */
  data?: string;
  /** Event data as base64; mutually exclusive with `data`. */
  dataBase64?: string;
}

export type PingSourceStatus = SourceStatus;

/** Sends an event on a schedule (sources.knative.dev/v1 PingSource). */
export interface PingSource {
  apiVersion?: 'sources.knative.dev/v1';
  kind?: 'PingSource';
  metadata?: ObjectMeta;
  spec: PingSourceSpec;
  status?: PingSourceStatus;
}

export const PingSourceConditions = {
  Ready: 'Ready',
  SinkProvided: 'SinkProvided',
  Deployed: 'Deployed',
  OIDCIdentityCreated: 'OIDCIdentityCreated',
} as const;
