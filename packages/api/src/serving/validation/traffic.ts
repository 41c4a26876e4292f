// spec.traffic of a Route or Service.
import type { FieldErrors } from '../../field-error.js';
import { isQualifiedName } from '../../names.js';
import { DISALLOWED, notBetween } from './messages.js';
import { dns1035LabelProblems } from './names.js';
import { asArray, asObj, get, readBool, readInt, readString } from './shape.js';

export interface TrafficScope {
  /**
   * In a Service every target implicitly names the Service's own Configuration, so
   * configurationName may not be set and an empty list means 100% to the latest revision.
   */
  readonly defaultConfigurationName: boolean;
}

/** `errs` sits at the list (e.g. `spec.traffic`). */
export function validateTraffic(traffic: unknown, scope: TrafficScope, errs: FieldErrors): void {
  const list = asArray(traffic, errs, '');
  if (list === undefined && traffic !== undefined && traffic !== null) return;
  // Defaulting gives a Service's empty traffic 100% to the latest revision.
  if ((list ?? []).length === 0 && scope.defaultConfigurationName) return;
  const tags = new Map<string, number>();
  let sum = 0;
  (list ?? []).forEach((item, i) => {
    const at = errs.at(`[${i}]`);
    const target = asObj(item, at, '');
    if (!target) {
      if (item === null || item === undefined) at.add('', 'expected an object, got null');
      return;
    }
    const tag = readString(target, 'tag', at) ?? '';
    const revisionName = readString(target, 'revisionName', at) ?? '';
    const configurationName = readString(target, 'configurationName', at) ?? '';
    const latest = readBool(target, 'latestRevision', at);
    const percent = readInt(target, 'percent', at);

    if (latest === true && revisionName !== '') at.add('latestRevision', `must not be true when revisionName is set (${JSON.stringify(revisionName)})`);
    if (latest === false && revisionName === '') at.add('latestRevision', 'false requires revisionName: name the revision to pin');

    if (scope.defaultConfigurationName && configurationName !== '') at.add('configurationName', `${DISALLOWED}: a Service's traffic always uses its own Configuration`);
    else if (revisionName !== '' && configurationName !== '') at.add('', 'expected exactly one of revisionName, configurationName, got both');
    else if (revisionName !== '') checkName(revisionName, 'revisionName', at);
    else if (configurationName !== '') checkName(configurationName, 'configurationName', at);
    else if (!scope.defaultConfigurationName) at.add('', 'expected exactly one of revisionName, configurationName, got none');

    if (percent !== undefined) {
      if (percent < 0 || percent > 100) at.add('percent', notBetween(0, 100, percent));
      sum += percent;
    }
    if (get(target, 'url') !== undefined && get(target, 'url') !== null && get(target, 'url') !== '') {
      at.add('url', `${DISALLOWED}: url is reported in status only`);
    }
    if (tag === '') return;
    const problems = dns1035LabelProblems(tag);
    if (problems.length > 0) at.add('tag', `not a DNS-1035 label: ${problems.join('; ')}`);
    const first = tags.get(tag);
    if (first !== undefined) at.add('tag', `duplicate tag ${JSON.stringify(tag)}, also used by [${first}]`);
    else tags.set(tag, i);
  });
  if (sum !== 100) errs.add('', `traffic targets sum to ${sum}, want 100`);
}

function checkName(name: string, field: string, errs: FieldErrors): void {
  if (!isQualifiedName(name)) errs.add(field, `invalid name ${JSON.stringify(name)}: must be a Kubernetes object name`);
}
