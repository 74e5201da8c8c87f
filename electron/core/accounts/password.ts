import crypto from 'node:crypto';

/** Salted scrypt (N=2^15, r=8, p=1): `scrypt$N$r$p$salt$hash`, both base64. */
const N = 1 << 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

export function hashPassword(password: string): string {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(password.normalize('NFKC'), salt, KEYLEN, { N, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expect = Buffer.from(parts[5] ?? '', 'base64');
  const got = crypto.scryptSync(password.normalize('NFKC'), salt, expect.length, { N: n, r, p, maxmem: MAXMEM });
  return got.length === expect.length && crypto.timingSafeEqual(got, expect);
}

export const PASSWORD_MIN = 8;

/** 等保三级 complexity: length ≥ 8, at least three character classes, not containing the user name. */
export function passwordProblems(password: string, username: string): boolean {
  if (password.length < PASSWORD_MIN) return true;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return true;
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return true;
  return false;
}
