// Knative's hash.ChooseSubset, bit for bit: the same activators are picked for a
// revision as a Knative controller would pick, and the pick is stable as the
// activator set changes (only the members that left are replaced).

const START_SALT = 'start-angle-salt';
const STEP_SALT = 'step-angle-salt';
/** The range of angles, [0, UNIVERSE); a power of two so the modulo is unbiased. */
const UNIVERSE = 2048n;

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;
const utf8 = new TextEncoder();

/** FNV-1a, 64 bits, over the UTF-8 bytes of `s` (Go's hash/fnv New64a). */
export function fnv64a(s: string): bigint {
  let h = FNV_OFFSET;
  for (const byte of utf8.encode(s)) h = ((h ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  return h;
}

interface HashRing {
  /** Every member at its slot, by slot ascending. */
  readonly members: readonly { slot: number; name: string }[];
  readonly start: number;
  readonly step: number;
}

function buildRing(from: readonly string[], target: string): HashRing {
  const taken = new Set<number>();
  const members: { slot: number; name: string }[] = [];
  for (const name of [...from].sort(byteOrder)) {
    let salted = name + target;
    let h = fnv64a(salted);
    let slot = Number(h % UNIVERSE);
    // Two members in one slot (1 in UNIVERSE per pair): rehash with the hash appended, as Knative does.
    while (taken.has(slot)) {
      salted += h.toString(16);
      h = fnv64a(salted);
      slot = Number(h % UNIVERSE);
    }
    taken.add(slot);
    members.push({ slot, name });
  }
  members.sort((a, b) => a.slot - b.slot);
  return {
    members,
    start: Number(fnv64a(target + START_SALT) % UNIVERSE),
    step: Number(fnv64a(target + STEP_SALT) % UNIVERSE),
  };
}

/** `n` members of `from`, chosen consistently for `target`; all of them when `n` is not smaller. */
export function chooseSubset(from: Iterable<string>, n: number, target: string): Set<string> {
  const members = [...new Set(from)];
  if (n >= members.length) return new Set(members);
  const ring = buildRing(members, target);
  const size = ring.members.length;
  const chosen = new Set<number>();
  let angle = ring.start;
  while (chosen.size < n) {
    let i = ring.members.findIndex((m) => m.slot >= angle);
    if (i < 0) i = 0;
    while (chosen.has(i)) i = (i + 1) % size;
    chosen.add(i);
    angle = (angle + ring.step) % Number(UNIVERSE);
  }
  return new Set(ring.members.filter((_, i) => chosen.has(i)).map((m) => m.name));
}

/** Go's string order: by UTF-8 bytes, which for these ASCII names is code-unit order. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
