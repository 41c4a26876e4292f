// WWW-Authenticate challenges (RFC 7235) as container registries send them,
// e.g. `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"`.

/** One challenge: the scheme lowercased, parameter names lowercased, values unquoted. */
export interface AuthChallenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
const SPACE = /[ \t]*/y;

class Scanner {
  readonly #s: string;
  pos = 0;

  constructor(s: string) {
    this.#s = s;
  }

  peek(): string {
    return this.#s.charAt(this.pos);
  }

  skipSpace(): void {
    SPACE.lastIndex = this.pos;
    SPACE.exec(this.#s);
    this.pos = SPACE.lastIndex;
  }

  token(): string | undefined {
    TOKEN.lastIndex = this.pos;
    const m = TOKEN.exec(this.#s);
    if (!m) return undefined;
    this.pos = TOKEN.lastIndex;
    return m[0];
  }

  /** A quoted-string with backslash escapes; undefined when unterminated. */
  quoted(): string | undefined {
    let out = '';
    for (let i = this.pos + 1; i < this.#s.length; i++) {
      const c = this.#s.charAt(i);
      if (c === '"') {
        this.pos = i + 1;
        return out;
      }
      if (c === '\\') i++;
      out += this.#s.charAt(i);
    }
    return undefined;
  }
}

/** `name = value` at the scanner's position; undefined (position unchanged) when what follows is not a parameter, null when it is a broken one. */
function param(sc: Scanner): [string, string] | undefined | null {
  const start = sc.pos;
  const name = sc.token();
  sc.skipSpace();
  if (name === undefined || sc.peek() !== '=') {
    sc.pos = start;
    return undefined;
  }
  sc.pos++;
  sc.skipSpace();
  const value = sc.peek() === '"' ? sc.quoted() : sc.token();
  return value === undefined ? null : [name.toLowerCase(), value];
}

/** Every challenge in a WWW-Authenticate value (several headers arrive joined by ', '); stops where no scheme token follows. */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const sc = new Scanner(header);
  const out: AuthChallenge[] = [];
  for (;;) {
    while (sc.peek() === ',' || sc.peek() === ' ' || sc.peek() === '\t') sc.pos++;
    const scheme = sc.token();
    if (scheme === undefined) return out;
    const params: Record<string, string> = {};
    sc.skipSpace();
    let p = param(sc);
    for (; p; p = param(sc)) {
      params[p[0]] = p[1];
      sc.skipSpace();
      if (sc.peek() !== ',') break;
      sc.pos++;
      sc.skipSpace();
    }
    out.push({ scheme: scheme.toLowerCase(), params });
    // After a broken parameter nothing can be trusted; otherwise what follows is the next challenge.
    if (p === null) return out;
  }
}
