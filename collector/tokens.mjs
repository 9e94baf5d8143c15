/**
 * Staff tokens (SPEC §7): `haochaping-collector token create --role department --dept <code>…`
 * or `--role reviewer` prints a bearer token once; the database keeps only its SHA-256 (a
 * token is 256 random bits, so a fast hash is enough and a stolen database yields no token).
 * A token reads `hcp_<id>_<secret>`: the id is public (token list, the audit log), the secret
 * is not.
 */
import { createHash, randomBytes } from 'node:crypto';
import { CLI, audit } from './cases.mjs';

export const ROLES = ['department', 'reviewer'];
const TOKEN = /^hcp_([0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;
const DEPT = /^[\w.-]{1,64}$/;

const hash = (token) => createHash('sha256').update(token).digest('hex');
const iso = (value) => (value === null || value === undefined ? undefined : value instanceof Date ? value.toISOString() : String(value));

/** A token for `role` (and, for a department, its department codes). Resolves `{ id, token }`; the token is never shown again. */
export async function createToken(store, { role, depts = [], label, now = Date.now() }) {
  if (!ROLES.includes(role)) throw new TypeError(`--role must be department or reviewer (got "${role ?? ''}")`);
  if (role === 'department' && depts.length === 0) throw new TypeError('a department token needs its department code(s): --dept <deptCode> (repeatable)');
  if (role === 'reviewer' && depts.length) throw new TypeError('a reviewer token sees every department: leave out --dept');
  for (const dept of depts) if (!DEPT.test(dept)) throw new TypeError(`--dept must be a department code (letters, digits, . _ -; at most 64) (got "${dept}")`);
  const id = randomBytes(4).toString('hex');
  const token = `hcp_${id}_${randomBytes(32).toString('base64url')}`;
  const at = new Date(now).toISOString();
  const record = { id, role, depts: [...new Set(depts)], ...(label ? { label } : {}) };
  await store.transaction(async (q) => {
    await q('INSERT INTO staff_tokens (id, hash, role, depts, label, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id', [
      id,
      hash(token),
      role,
      JSON.stringify(record.depts),
      label ?? null,
      at,
    ]);
    await audit(q, { actor: CLI, action: 'token-create', after: record, at });
  });
  return { id, token };
}

/** Every token (never its secret): id, role, depts, label, createdAt, revokedAt. */
export async function listTokens(store) {
  const rows = await store.query('SELECT id, role, depts, label, created_at, revoked_at FROM staff_tokens ORDER BY created_at, id');
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    depts: JSON.parse(r.depts),
    ...(r.label ? { label: r.label } : {}),
    createdAt: iso(r.created_at),
    ...(r.revoked_at ? { revokedAt: iso(r.revoked_at) } : {}),
  }));
}

/** Revokes the token `id` (its hash stays, for the audit log's sake). Resolves false when there is no such live token. */
export async function revokeToken(store, id, { now = Date.now() } = {}) {
  const at = new Date(now).toISOString();
  return store.transaction(async (q) => {
    const rows = await q('UPDATE staff_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING id, role', [at, id]);
    if (!rows.length) return false;
    await audit(q, { actor: CLI, action: 'token-revoke', before: { id, role: rows[0].role }, after: { id, revoked: true }, at });
    return true;
  });
}

/** The actor `{ id, role, depts }` for an `Authorization` header value, or null (absent, malformed, unknown or revoked). */
export async function actorFor(store, authorization) {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match || !TOKEN.test(match[1])) return null;
  const [row] = await store.query('SELECT id, role, depts FROM staff_tokens WHERE hash = $1 AND revoked_at IS NULL', [hash(match[1])]);
  return row ? { id: row.id, role: row.role, depts: JSON.parse(row.depts) } : null;
}
