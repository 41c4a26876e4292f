// Keeps package-lock.json installable with `npm ci` everywhere.
//
// Native tools (swc, turbo, jest's resolver) ship one optional package per
// platform. A registry mirror that serves only the platforms it hosts leaves
// the others out of the lock file, and `npm ci` then refuses the lock as out of
// sync. This adds an entry for each missing platform package, with the os and
// cpu its name declares, so npm skips it instead of fetching it.
// Run after `npm install`: `node scripts/lock-platform-stubs.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const packages = lock.packages;

const OS = [['darwin', 'darwin'], ['win32', 'win32'], ['windows', 'win32'], ['android', 'android'], ['freebsd', 'freebsd'], ['openharmony', 'openharmony'], ['linux', 'linux']];
const CPU = [['arm64', 'arm64'], ['x64', 'x64'], ['ia32', 'ia32'], ['riscv64', 'riscv64'], ['loong64', 'loong64'], ['ppc64', 'ppc64'], ['s390x', 's390x'], ['arm', 'arm'], ['-64', 'x64']];

function platformOf(name) {
  const base = name.split('/').pop();
  const os = OS.find(([k]) => base.includes(k))?.[1];
  const cpu = CPU.find(([k]) => base.includes(k))?.[1];
  const libc = base.includes('musl') ? 'musl' : base.includes('gnu') ? 'glibc' : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [dep, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${dep}`;
    if (packages[nested] || packages[`node_modules/${dep}`]) continue;
    const { os, cpu, libc } = platformOf(dep);
    if (!os) continue; // not a platform package: leave it to npm
    packages[`node_modules/${dep}`] = {
      version: range.replace(/^[\^~=]/, ''),
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [os],
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(libc ? { libc: [libc] } : {}),
    };
    added++;
  }
}

const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(LOCK, `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform package entries added`);
