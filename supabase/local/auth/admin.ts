// The admin API (/admin/users…, /admin/users/:id/factors) — what supabase-js `auth.admin` calls — for
// tokens whose role is one of GoTrue's admin roles (guards.ts requireAdmin).
import crypto from 'node:crypto';
import { AuthApiError, badRequest, internalError, notFound, unprocessable } from './errors.ts';
import { factorNotFound } from './disabled.ts';
import { hashPassword } from './grants.ts';
import { requireAdmin } from './guards.ts';
import { sendJson, type Ctx } from './http.ts';
import { paginationHeaders, parsePagination } from './pagination.ts';
import * as store from './store.ts';
import { mergeMetadata, userJson, type UserRow } from './user-json.ts';
import {
  adminDeleteBody,
  adminUserBody,
  banUntil,
  checkPasswordStrength,
  checkRoleAndAud,
  isBcryptHash,
  isUuid,
  parseBody,
  validateEmail,
  validatePhone,
  type AdminUserBody,
} from './validation.ts';

/** GoTrue records an admin call's actor under the token's role (service_role or supabase_admin). */
const adminActor = (role: string) => ({ id: store.NIL_UUID, username: role });
type Actor = ReturnType<typeof adminActor>;
const DUPLICATE_EMAIL = 'A user with this email address has already been registered';
const DUPLICATE_PHONE = 'A user with this phone number has already been registered';

const decodeParam = (raw: string) => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};

/** Handles /admin/users[/:id[/factors[/:factor_id]]]; false for any other path. */
export async function adminRoute(ctx: Ctx): Promise<boolean> {
  const m = /^\/admin\/users(?:\/([^/]+)(?:\/factors(?:\/([^/]+))?)?)?$/.exec(ctx.path);
  if (!m) return false;
  const claims = await requireAdmin(ctx);
  const actor = adminActor(claims.role ?? 'service_role');
  const id = m[1] === undefined ? null : decodeParam(m[1]);
  const factors = ctx.path.includes('/factors');
  if (id === null) {
    if (ctx.method === 'GET') return listUsers(ctx).then(() => true);
    if (ctx.method === 'POST') return createUser(ctx, actor).then(() => true);
  } else {
    // GoTrue's loadUser: a malformed id is a 404, like a missing user.
    if (!isUuid(id)) throw notFound('validation_failed', 'user_id must be an UUID');
    if (factors) return adminFactors(ctx, id, m[2] === undefined ? null : decodeParam(m[2])).then(() => true);
    if (ctx.method === 'GET') return getUser(ctx, id).then(() => true);
    if (ctx.method === 'PUT') return updateUser(ctx, id, actor).then(() => true);
    if (ctx.method === 'DELETE') return deleteUser(ctx, id, actor).then(() => true);
  }
  throw new AuthApiError(405, 'validation_failed', `Method ${ctx.method} is not allowed on ${ctx.path}`);
}

/**
 * A user's MFA factors. MFA is off here and nothing stores factors, so a user has none: the list is
 * empty and any one factor is GoTrue's 404 mfa_factor_not_found (after the user is found).
 */
async function adminFactors(ctx: Ctx, userId: string, factorId: string | null): Promise<void> {
  await loadUser(ctx, userId);
  if (factorId === null) {
    if (ctx.method === 'GET') return sendJson(ctx, 200, []);
    throw new AuthApiError(405, 'validation_failed', `Method ${ctx.method} is not allowed on ${ctx.path}`);
  }
  throw factorNotFound(factorId);
}

async function respondUser(ctx: Ctx, user: UserRow): Promise<void> {
  sendJson(ctx, 200, userJson(user, await store.findIdentities(ctx.opts.pool, user.id)));
}

async function loadUser(ctx: Ctx, id: string): Promise<UserRow> {
  const user = await store.findUserById(ctx.opts.pool, id);
  if (!user) throw notFound('user_not_found', 'User not found');
  return user;
}

/** Unique violations that slipped past the pre-checks (a concurrent request) → GoTrue's 422s. */
function mapUniqueViolation(e: unknown): never {
  const pgErr = e as { code?: string; constraint?: string };
  if (pgErr.code === '23505') {
    if (pgErr.constraint?.includes('phone')) throw unprocessable('phone_exists', DUPLICATE_PHONE);
    if (pgErr.constraint?.includes('pkey')) throw unprocessable('user_already_exists', 'User already registered');
    throw unprocessable('email_exists', DUPLICATE_EMAIL);
  }
  throw e;
}

async function listUsers(ctx: Ctx): Promise<void> {
  const page = parsePagination(ctx.query);
  const filter = ctx.query.get('filter') || null;
  const { pool } = ctx.opts;
  const { users, total } = await store.listUsers(pool, {
    limit: page.perPage,
    offset: (page.page - 1) * page.perPage,
    filter,
  });
  const identities = await store.findIdentitiesForUsers(pool, users.map((u) => u.id));
  sendJson(
    ctx,
    200,
    { users: users.map((u) => userJson(u, identities.get(u.id) ?? [])), aud: store.AUDIENCE },
    paginationHeaders('/admin/users', ctx.query, page, total),
  );
}

async function getUser(ctx: Ctx, id: string): Promise<void> {
  await respondUser(ctx, await loadUser(ctx, id));
}

/** Password or imported hash → the value of encrypted_password (undefined = leave unchanged). */
async function passwordColumn(p: AdminUserBody): Promise<string | undefined> {
  if (p.password != null && p.password_hash != null) {
    throw badRequest('validation_failed', 'Only a password or a password hash should be provided');
  }
  if (p.password != null) {
    checkPasswordStrength(p.password);
    return hashPassword(p.password);
  }
  if (p.password_hash != null) {
    if (!isBcryptHash(p.password_hash)) throw badRequest('validation_failed', 'Invalid password hash: only bcrypt hashes are supported');
    return p.password_hash;
  }
  return undefined;
}

async function createUser(ctx: Ctx, actor: Actor): Promise<void> {
  const { pool } = ctx.opts;
  const p = parseBody(adminUserBody, await ctx.body());
  checkRoleAndAud(p.role, p.aud);
  if (!p.email && !p.phone) throw unprocessable('validation_failed', 'Cannot create a user without either an email or phone');
  const email = p.email ? validateEmail(p.email) : null;
  const phone = p.phone ? validatePhone(p.phone) : null;
  if (p.id != null && !isUuid(p.id)) throw badRequest('validation_failed', 'id must be an UUID');
  const id = p.id ? p.id.toLowerCase() : crypto.randomUUID();
  const now = new Date();
  const bannedUntil = p.ban_duration ? banUntil(p.ban_duration, now) : null;
  const encryptedPassword = (await passwordColumn(p)) ?? null; // no password: password sign-in impossible
  if (email && (await store.emailTaken(pool, email, null))) throw unprocessable('email_exists', DUPLICATE_EMAIL);
  if (phone && (await store.phoneTaken(pool, phone, null))) throw unprocessable('phone_exists', DUPLICATE_PHONE);
  if (await store.findUserById(pool, id)) throw unprocessable('user_already_exists', 'User already registered');

  const providers = [...(email ? ['email'] : []), ...(phone ? ['phone'] : [])];
  const created = await store
    .withTx(pool, async (tx) => {
      await store.insertUser(tx, {
        id,
        email,
        phone,
        encryptedPassword,
        emailConfirmedAt: email && p.email_confirm ? now : null,
        phoneConfirmedAt: phone && p.phone_confirm ? now : null,
        appMetadata: mergeMetadata({ provider: providers[0], providers }, p.app_metadata ?? {}),
        userMetadata: mergeMetadata({}, p.user_metadata ?? {}),
        bannedUntil,
      });
      if (email) {
        await store.upsertIdentity(tx, id, 'email', { email, email_verified: !!p.email_confirm, phone_verified: false });
      }
      if (phone) {
        await store.upsertIdentity(tx, id, 'phone', { phone, email_verified: false, phone_verified: !!p.phone_confirm });
      }
      await store.audit(tx, actor, 'user_signedup', 'team', ctx.ip, { user_id: id, user_email: email, user_phone: phone });
      return store.findUserById(tx, id);
    })
    .catch(mapUniqueViolation);
  if (!created) throw internalError('Database error creating new user');
  await respondUser(ctx, created);
}

async function updateUser(ctx: Ctx, id: string, actor: Actor): Promise<void> {
  const { pool } = ctx.opts;
  await loadUser(ctx, id);
  const p = parseBody(adminUserBody, await ctx.body());
  checkRoleAndAud(p.role, p.aud);
  if (p.id != null && p.id.toLowerCase() !== id) throw badRequest('validation_failed', 'The user id cannot be changed');
  const email = p.email ? validateEmail(p.email) : null;
  const phone = p.phone ? validatePhone(p.phone) : null;
  const now = new Date();
  const bannedUntil = p.ban_duration ? banUntil(p.ban_duration, now) : undefined;
  const encryptedPassword = await passwordColumn(p);

  const updated = await store
    .withTx(pool, async (tx) => {
      const user = await store.findUserById(tx, id, true);
      if (!user) throw notFound('user_not_found', 'User not found');
      const fields: Parameters<typeof store.updateUser>[2] = {};
      if (email && email !== user.email) {
        if (await store.emailTaken(tx, email, id)) throw unprocessable('email_exists', DUPLICATE_EMAIL);
        fields.email = email;
        await store.upsertIdentity(tx, id, 'email', { email });
      }
      if (p.email_confirm && !user.email_confirmed_at) {
        fields.email_confirmed_at = now;
        await store.upsertIdentity(tx, id, 'email', { email: email ?? user.email, email_verified: true });
      }
      if (phone && phone !== user.phone) {
        if (await store.phoneTaken(tx, phone, id)) throw unprocessable('phone_exists', DUPLICATE_PHONE);
        fields.phone = phone;
        await store.upsertIdentity(tx, id, 'phone', { phone });
      }
      if (p.phone_confirm && !user.phone_confirmed_at) fields.phone_confirmed_at = now;
      if (p.app_metadata) fields.raw_app_meta_data = mergeMetadata(user.raw_app_meta_data, p.app_metadata);
      if (p.user_metadata) fields.raw_user_meta_data = mergeMetadata(user.raw_user_meta_data, p.user_metadata);
      if (bannedUntil !== undefined) fields.banned_until = bannedUntil;
      if (encryptedPassword !== undefined) fields.encrypted_password = encryptedPassword;
      await store.updateUser(tx, id, fields);
      // As GoTrue: a password set by an administrator signs the user out everywhere.
      if (encryptedPassword !== undefined) await store.deleteSessions(tx, { userId: id });
      await store.audit(tx, actor, 'user_modified', 'team', ctx.ip, { user_id: id, user_email: fields.email ?? user.email });
      return store.findUserById(tx, id);
    })
    .catch(mapUniqueViolation);
  if (!updated) throw internalError('Error updating user');
  await respondUser(ctx, updated);
}

/** GoTrue's obfuscation of a soft-deleted user's addresses: base64url(sha256(id + value)). */
function obfuscate(id: string, value: string): string {
  return crypto.createHash('sha256').update(id + value).digest('base64url');
}

/**
 * DELETE /admin/users/:id. Hard delete by default (identities and sessions go with the row). With
 * `should_soft_delete: true`, as GoTrue: `deleted_at` is set, the email and phone are replaced by an
 * irreversible hash (so the address can be registered again), the password is removed and every
 * session ends; the row stays for whatever references it.
 */
async function deleteUser(ctx: Ctx, id: string, actor: Actor): Promise<void> {
  const { pool } = ctx.opts;
  await loadUser(ctx, id);
  const p = parseBody(adminDeleteBody, await ctx.body());
  await store.withTx(pool, async (tx) => {
    const user = await store.findUserById(tx, id, true);
    if (!user) throw notFound('user_not_found', 'User not found');
    await store.audit(tx, actor, 'user_deleted', 'team', ctx.ip, {
      user_id: id,
      user_email: user.email,
      user_phone: user.phone,
      soft: !!p.should_soft_delete,
    });
    if (p.should_soft_delete) {
      if (user.deleted_at) return;
      await store.updateUser(tx, id, {
        email: user.email ? obfuscate(id, user.email) : null,
        phone: user.phone ? obfuscate(id, user.phone).slice(0, 15) : null,
        encrypted_password: null,
        deleted_at: new Date(),
      });
      await store.scrubIdentities(tx, id);
      await store.deleteSessions(tx, { userId: id });
    } else {
      try {
        await store.deleteUser(tx, id);
      } catch (e) {
        if ((e as { code?: string }).code === '23503') {
          // Rows of the project still reference this user (a foreign key without on delete cascade).
          throw new AuthApiError(500, 'unexpected_failure', 'Database error deleting user');
        }
        throw e;
      }
    }
  });
  sendJson(ctx, 200, {});
}
