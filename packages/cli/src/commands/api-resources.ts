// knot api-resources: the kinds knot knows, with the names the commands accept.
import { ALL_RESOURCES, apiVersionOf } from '@knot/api';
import { renderTable } from '../output/table.js';
import type { Command } from './command.js';

export const apiResourcesCommand: Command = {
  name: 'api-resources',
  summary: 'list the kinds knot knows and their short names',
  run(ctx) {
    const rows = [...ALL_RESOURCES]
      .sort((a, b) => a.plural.localeCompare(b.plural) || a.group.localeCompare(b.group))
      .map((rt) => [rt.plural, rt.shortNames.join(','), apiVersionOf(rt), String(rt.namespaced), rt.kind]);
    renderTable(['Name', 'Shortnames', 'Apiversion', 'Namespaced', 'Kind'], rows).forEach((l) => ctx.out(l));
    return Promise.resolve(0);
  },
};
