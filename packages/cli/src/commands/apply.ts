// knot apply -f FILE|DIR|-: create or update every object in the manifests.
import { KNATIVE_RESOURCES } from '@knot/api';
import { isApiError } from '@knot/runtime';
import { boolFlag, intFlag, listFlag, type FlagSpecs } from '../args/flags.js';
import { ExitCode } from '../errors.js';
import { kindLabel } from '../kube/kinds.js';
import { applyObject } from '../manifests/apply-object.js';
import { addressManifest, type ManifestObject } from '../manifests/manifest-objects.js';
import { readManifests } from '../manifests/read-manifests.js';
import { apiErrorLines, formatError } from '../output/format-error.js';
import { awaitReady } from '../wait/await-ready.js';
import type { Command, CommandContext } from './command.js';

export const FILE_FLAGS: FlagSpecs = {
  filename: { type: 'string', short: 'f', multiple: true, value: 'PATH', description: 'a file, a directory of .yaml/.yml/.json files, or - for stdin' },
  recursive: { type: 'boolean', short: 'R', description: 'read directories given to -f recursively' },
};

export const WAIT_FLAGS: FlagSpecs = {
  wait: { type: 'boolean', description: 'wait until each Knative object is Ready' },
  'wait-timeout': { type: 'string', value: 'SECONDS', description: 'how long --wait waits (default 600)' },
};

export const DEFAULT_WAIT_SECONDS = 600;

export const applyCommand: Command = {
  name: 'apply',
  summary: 'create or update objects from files, directories or stdin',
  usage: 'apply -f FILE|DIR|- [-f ...] [flags]',
  help: `Objects without a namespace go to the current one. An existing object gets the
manifest's spec (and every other field but status), labels and annotations.

Examples:
  knot apply -f samples/hello/service.yaml --wait
  knot apply -f deploy/ -R
  cat service.yaml | knot apply -f -`,
  flags: { ...FILE_FLAGS, ...WAIT_FLAGS },
  async run(ctx) {
    const wait = boolFlag(ctx.args, 'wait') ?? false;
    const timeout = intFlag(ctx.args, 'wait-timeout', 1) ?? DEFAULT_WAIT_SECONDS;
    const manifests = await readManifests(listFlag(ctx.args, 'filename'), { cwd: ctx.io.cwd, stdin: ctx.io.stdin, recursive: boolFlag(ctx.args, 'recursive') ?? false });
    if (ctx.args.positionals.length > 0) ctx.err(`warning: ignoring arguments ${ctx.args.positionals.join(' ')}; apply reads objects from -f`);
    const session = await ctx.session();
    let failed = false;
    const applied: ManifestObject[] = [];
    for (const manifest of manifests) {
      let target: ManifestObject | undefined;
      try {
        target = addressManifest(manifest, session);
        const { result } = await applyObject(session.client, target.rt, target.object);
        ctx.out(`${kindLabel(target.rt)}/${manifest.object.metadata.name} ${result}`);
        applied.push(target);
      } catch (err) {
        failed = true;
        report(ctx, err, manifest.source, target ? 'applying' : undefined);
      }
    }
    if (wait) {
      for (const { rt, object } of applied) {
        if (!KNATIVE_RESOURCES.some((k) => k.group === rt.group && k.plural === rt.plural)) continue;
        try {
          await awaitReady(ctx, { ...session, namespace: object.metadata?.namespace ?? session.namespace }, rt, object.metadata?.name ?? '', timeout);
        } catch (err) {
          failed = true;
          report(ctx, err);
        }
      }
    }
    return failed ? ExitCode.Failed : ExitCode.Ok;
  },
};

function report(ctx: CommandContext, err: unknown, source?: string, doing?: string): void {
  const lines = isApiError(err) && source && doing ? apiErrorLines(err, `${doing} ${JSON.stringify(source)}`) : formatError(err).lines;
  lines.forEach((l) => ctx.err(l));
}
