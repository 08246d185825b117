// The signed-in user's own endpoints: GET /user, PUT /user, POST /logout.
import { badRequest, forbidden, internalError, notFound, unprocessable } from './errors.ts';
import type { SessionRow } from './user-json.ts';
import { hashPassword, throttledPasswordCheck, verifyPassword } from './grants.ts';
import { requireUser } from './guards.ts';
import { sendEmpty, sendJson, type Ctx } from './http.ts';
import * as store from './store.ts';
import { mergeMetadata, userJson } from './user-json.ts';
import { checkPasswordStrength, parseBody, userUpdateBody, validateEmail, validatePhone } from './validation.ts';

export async function getUser(ctx: Ctx): Promise<void> {
  const { user } = await requireUser(ctx);
  sendJson(ctx, 200, userJson(user, await store.findIdentities(ctx.opts.pool, user.id)));
}

/**
 * PUT /user. What a user may change about themself:
 * - `password` (at least 6 characters, else 422 weak_password; the same password again is 422
 *   same_password), with `current_password` — GoTrue's "require current password when updating":
 *   missing → 400 current_password_required, wrong → 400 current_password_invalid (counted by the
 *   sign-in throttle, so a stolen session cannot be used to guess it). A session opened by a recovery
 *   link (amr otp) needs no current password: that is the forgotten-password flow. As in GoTrue, every
 *   other session of the user is signed out; an outstanding recovery link stops working.
 * - `data` → user_metadata, merged key by key (a null value removes the key).
 * Refused:
 * - `app_metadata`: 403 not_admin "Updating app_metadata requires admin privileges" — exactly GoTrue's
 *   answer; nothing is written (the whole request fails, even the parts that were allowed).
 * - a different `email` or `phone`: 422 validation_failed. The address is how a forgotten password is
 *   recovered, so it is changed by an administrator (admin API) only.
 */
export async function updateUser(ctx: Ctx): Promise<void> {
  const { user, session } = await requireUser(ctx);
  const params = parseBody(userUpdateBody, await ctx.body());
  const { pool } = ctx.opts;

  if (params.app_metadata != null) {
    throw forbidden('not_admin', 'Updating app_metadata requires admin privileges');
  }
  if (params.email) {
    const email = validateEmail(params.email);
    if (email !== (user.email ?? '').toLowerCase()) {
      throw unprocessable(
        'validation_failed',
        'Changing the own email address is not allowed (it is how a forgotten password is recovered): ask an administrator',
      );
    }
  }
  if (params.phone) {
    const phone = validatePhone(params.phone);
    if (phone !== user.phone) {
      throw unprocessable('validation_failed', 'Changing the phone number is not available on this server (no SMS provider)');
    }
  }
  let newHash: string | undefined;
  if (params.password != null) {
    checkPasswordStrength(params.password);
    if (user.encrypted_password && !(await isRecoverySession(ctx, session))) {
      const current = params.current_password ?? '';
      if (current === '') throw badRequest('current_password_required', 'Current password required when setting new password.');
      const ok = await throttledPasswordCheck(ctx, (user.email ?? user.id).toLowerCase(), () => verifyPassword(current, user.encrypted_password));
      if (!ok) throw badRequest('current_password_invalid', 'The current password is not correct.');
    }
    if (user.encrypted_password && (await verifyPassword(params.password, user.encrypted_password))) {
      throw unprocessable('same_password', 'New password should be different from the old password.');
    }
    newHash = await hashPassword(params.password);
  }

  const updated = await store.withTx(pool, async (tx) => {
    const current = await store.findUserById(tx, user.id, true);
    if (!current) throw notFound('user_not_found', 'User not found');
    const actor = { id: user.id, username: user.email ?? '' };
    const fields: Parameters<typeof store.updateUser>[2] = {};
    if (newHash) {
      fields.encrypted_password = newHash;
      fields.recovery_token = '';
    }
    if (params.data) fields.raw_user_meta_data = mergeMetadata(current.raw_user_meta_data, params.data);
    await store.updateUser(tx, user.id, fields);
    if (newHash) {
      await store.deleteSessions(tx, { userId: user.id, exceptSessionId: session.id });
      await store.audit(tx, actor, 'user_updated_password', 'user', ctx.ip);
    }
    await store.audit(tx, actor, 'user_modified', 'user', ctx.ip);
    const after = await store.findUserById(tx, user.id);
    if (!after) throw internalError('Error updating user');
    return after;
  });
  sendJson(ctx, 200, userJson(updated, await store.findIdentities(pool, user.id)));
}

/** POST /logout?scope=global|local|others (default global). 204; a banned user may still sign out. */
export async function logout(ctx: Ctx): Promise<void> {
  const raw = ctx.query.get('scope') ?? '';
  const scope = raw === '' ? 'global' : raw;
  if (scope !== 'global' && scope !== 'local' && scope !== 'others') {
    throw badRequest('validation_failed', `Unsupported logout scope "${raw}"`);
  }
  const { user, session } = await requireUser(ctx, { allowBanned: true });
  await store.withTx(ctx.opts.pool, async (tx) => {
    if (scope === 'local') await store.deleteSessions(tx, { sessionId: session.id });
    else if (scope === 'others') await store.deleteSessions(tx, { userId: user.id, exceptSessionId: session.id });
    else await store.deleteSessions(tx, { userId: user.id });
    await store.audit(tx, { id: user.id, username: user.email ?? '' }, 'logout', 'account', ctx.ip, { scope });
  });
  sendEmpty(ctx, 204);
}

/** A session opened by a recovery link (GoTrue's Session.IsRecovery: an `otp` authentication method). */
async function isRecoverySession(ctx: Ctx, session: SessionRow): Promise<boolean> {
  const amr = await store.sessionAmr(ctx.opts.pool, session.id);
  return amr.some((a) => a.method === 'otp' || a.method === 'recovery' || a.method === 'magiclink');
}
