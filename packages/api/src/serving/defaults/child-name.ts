// Knative's kmeta.ChildName: `${parent}${suffix}` cut down to a valid 63-character name,
// with an md5 of the parent keeping cut names unique, exactly as Knative derives them.
import { createHash } from 'node:crypto';

const LONGEST = 63;
const MD5_HEX_LENGTH = 32;
const HEAD = LONGEST - MD5_HEX_LENGTH;

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

export function childName(parent: string, suffix: string): string {
  if (parent.length <= LONGEST - suffix.length) return parent + suffix;
  if (HEAD - suffix.length > 0) return `${parent.slice(0, HEAD - suffix.length)}${md5(parent)}${suffix}`;
  // A suffix too long to keep whole: hash everything and pad with the suffix's start.
  let name = parent.slice(0, HEAD) + md5(parent + suffix);
  if (name.length < LONGEST) name += suffix.slice(0, LONGEST - name.length);
  return name.replace(/[^a-zA-Z0-9]+$/, '');
}
