// knot domain: kn's DomainMapping commands (serving.knative.dev/v1beta1).
import { serving, type DomainMapping, type KReference } from '@knot/api';
import { stringFlag } from '../args/flags.js';
import { ExitCode, UsageError } from '../errors.js';
import { readyConditionOf } from '../output/conditions.js';
import type { KindTable } from '../output/kind-tables.js';
import type { Command } from './command.js';
import { deleteNamed, describeOne, listCommand } from './service.js';

const REF_KINDS: Readonly<Record<string, { apiVersion: string; kind: string }>> = {
  ksvc: { apiVersion: 'serving.knative.dev/v1', kind: 'Service' },
  kroute: { apiVersion: 'serving.knative.dev/v1', kind: 'Route' },
  svc: { apiVersion: 'v1', kind: 'Service' },
};

/** kn's --ref: `NAME`, `ksvc:NAME`, `kroute:NAME`, `svc:NAME`, optionally `:NAMESPACE` after the name. */
export function parseRef(raw: string, namespace: string): KReference {
  const parts = raw.split(':');
  const [prefix, name, ns] = parts.length === 1 ? ['ksvc', parts[0], undefined] : parts;
  const kind = REF_KINDS[prefix ?? ''];
  if (!kind || !name || parts.length > 3) throw new UsageError('BAD_FLAG', `--ref: ${JSON.stringify(raw)} is not NAME or ksvc|kroute|svc:NAME[:NAMESPACE]`);
  return { ...kind, name, namespace: ns || namespace };
}

const domainTable: KindTable = {
  headers: ['Name', 'URL', 'Ready', 'Ksvc'],
  row(obj) {
    const dm = obj as DomainMapping;
    return [dm.metadata?.name ?? '', dm.status?.url ?? '', readyConditionOf(dm)?.status ?? '', dm.spec.ref.name];
  },
};

export const domainCommand: Command = {
  name: 'domain',
  aliases: ['domains'],
  summary: 'map custom domains to services (DomainMappings, as kn does)',
  subcommands: [
    {
      name: 'create',
      summary: 'map a domain to a Knative Service',
      usage: 'domain create DOMAIN --ref [ksvc:]NAME [flags]',
      help: `Example:
  knot domain create hello.example.com --ref hello`,
      flags: {
        ref: { type: 'string', value: 'REF', description: 'the target: NAME or ksvc:NAME (a Knative Service), kroute:NAME, svc:NAME' },
        tls: { type: 'string', value: 'SECRET', description: 'serve HTTPS with the certificate in this Secret' },
      },
      async run(ctx) {
        const [name, ...extra] = ctx.args.positionals;
        if (!name) throw new UsageError('MISSING_ARGUMENT', 'missing the domain name');
        if (extra.length > 0) throw new UsageError('EXTRA_ARGUMENT', `unexpected arguments: ${extra.join(' ')}`);
        const rawRef = stringFlag(ctx.args, 'ref');
        if (!rawRef) throw new UsageError('MISSING_ARGUMENT', '--ref is required');
        const tls = stringFlag(ctx.args, 'tls');
        const session = await ctx.session();
        const dm: DomainMapping = {
          apiVersion: 'serving.knative.dev/v1beta1',
          kind: 'DomainMapping',
          metadata: { name, namespace: session.namespace },
          spec: { ref: parseRef(rawRef, session.namespace), ...(tls ? { tls: { secretName: tls } } : {}) },
        };
        await session.client.create(serving.domainMappings, dm);
        ctx.out(`Domain mapping '${name}' created in namespace '${session.namespace}'.`);
        return ExitCode.Ok;
      },
    },
    listCommand(serving.domainMappings, 'domain mapping', domainTable),
    describeOne(serving.domainMappings, 'domain'),
    deleteNamed(serving.domainMappings, 'domain', 'Domain mapping'),
  ],
};
