// Every `knot` command, in the order `knot --help` lists them. A command is a
// module exporting one Command; add it here to make it reachable.
import { apiResourcesCommand } from './api-resources.js';
import { applyCommand } from './apply.js';
import type { Command } from './command.js';
import { deleteCommand } from './delete.js';
import { describeCommand } from './describe.js';
import { domainCommand } from './domain.js';
import { getCommand } from './get.js';
import { logsCommand } from './logs.js';
import { revisionCommand, routeCommand } from './revision.js';
import { serviceCommand } from './service.js';
import { versionCommand } from './version.js';

export const COMMANDS: readonly Command[] = [
  // General commands, as kubectl has them.
  applyCommand,
  getCommand,
  describeCommand,
  deleteCommand,
  apiResourcesCommand,
  // kn's commands.
  serviceCommand,
  revisionCommand,
  routeCommand,
  domainCommand,
  // Local mode. `dev` is defined in ./dev.ts and listed here.
  logsCommand,
  versionCommand,
];
