// Features this project keeps switched off — MFA, SAML SSO, manual identity linking, id_token, web3 and
// PKCE sign-in, anonymous sign-in — answered exactly as GoTrue answers them when they are off in its
// configuration (supabase/auth internal/api: api.go routes and middleware, mfa.go, token_oidc.go,
// web3.go, token.go), in the same order of checks, so client code sees the real codes:
//
//   POST /signup without email and phone   422 anonymous_provider_disabled (then signup_disabled)
//   /sso, /sso/*                           404 saml_provider_disabled
//   /user/identities/*  (signed in)        404 manual_linking_disabled
//   POST /factors       (signed in)        422 mfa_{totp,phone,webauthn}_enroll_not_enabled
//   /factors/:id/*      (signed in)        404 mfa_factor_not_found (no factor can exist)
//   /token?grant_type=id_token             400 provider_disabled (issuer named), or GoTrue's refusals
//   /token?grant_type=web3                 422 web3_provider_disabled
//   /token?grant_type=pkce                 404 flow_state_not_found (no flow can have started)
import { z } from 'zod';
import { AuthApiError, badRequest, notFound, OAuthError, unprocessable } from './errors.ts';
import { requireUser } from './guards.ts';
import type { Ctx } from './http.ts';
import { isUuid, parseBody } from './validation.ts';

export const factorNotFound = (factorId: string) =>
  isUuid(factorId) ? notFound('mfa_factor_not_found', 'Factor not found') : notFound('validation_failed', 'factor_id must be an UUID');

const SignupBody = z.object({ email: z.string().optional(), phone: z.string().optional() }).passthrough();
const EnrollBody = z.object({ factor_type: z.string().optional() }).passthrough();
const IdTokenBody = z
  .object({
    id_token: z.string().optional(),
    provider: z.string().optional(),
    client_id: z.string().optional(),
    issuer: z.string().optional(),
    link_identity: z.boolean().optional(),
  })
  .passthrough();
const PkceBody = z.object({ auth_code: z.string().optional(), code_verifier: z.string().optional() }).passthrough();

/** POST /signup: GoTrue sends a body without email and phone to anonymous sign-in, which is off. */
export async function signup(ctx: Ctx): Promise<never> {
  const b = parseBody(SignupBody, await ctx.body());
  if (!b.email && !b.phone) throw unprocessable('anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
  throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
}

/** Everything under /sso: GoTrue's requireSAMLEnabled runs before any route or method check. */
export function sso(): never {
  throw notFound('saml_provider_disabled', 'SAML 2.0 is disabled');
}

/** Everything under /user/identities: authentication first, then requireManualLinkingEnabled. */
export async function identities(ctx: Ctx): Promise<never> {
  await requireUser(ctx);
  throw notFound('manual_linking_disabled', 'Manual linking is disabled');
}

/** /factors and /factors/:id/…: authentication, then enrolment (off) or the factor (none exists). */
export async function factors(ctx: Ctx): Promise<never> {
  await requireUser(ctx);
  const m = /^\/factors\/([^/]+)(?:\/(?:challenge|verify))?$/.exec(ctx.path);
  if (m) throw factorNotFound(m[1]!);
  if (ctx.path !== '/factors') throw notFound('not_found', 'Not Found');
  if (ctx.method !== 'POST') throw new AuthApiError(405, 'validation_failed', `Method ${ctx.method} is not allowed on ${ctx.path}`);
  const { factor_type: type } = parseBody(EnrollBody, await ctx.body());
  if (type === 'phone') throw unprocessable('mfa_phone_enroll_not_enabled', 'MFA enroll is disabled for Phone');
  if (type === 'totp') throw unprocessable('mfa_totp_enroll_not_enabled', 'MFA enroll is disabled for TOTP');
  if (type === 'webauthn') throw unprocessable('mfa_webauthn_enroll_not_enabled', 'MFA enroll is disabled for WebAuthn');
  throw badRequest('validation_failed', 'factor_type needs to be totp, phone, or webauthn');
}

/** Web3 is checked before the body is read. */
export function web3Grant(): never {
  throw unprocessable('web3_provider_disabled', 'Web3 provider is disabled');
}

export async function pkceGrant(ctx: Ctx): Promise<never> {
  const b = parseBody(PkceBody, await ctx.body());
  if (!b.auth_code || !b.code_verifier) {
    throw badRequest('validation_failed', 'invalid request: both auth code and code verifier should be non-empty');
  }
  throw notFound('flow_state_not_found', 'invalid flow state, no valid flow state found');
}

export async function idTokenGrant(ctx: Ctx): Promise<never> {
  const b = parseBody(IdTokenBody, await ctx.body());
  if (!b.id_token) throw new OAuthError('invalid request', 'id_token required');
  if (!b.provider && (!b.client_id || !b.issuer)) throw new OAuthError('invalid request', 'provider or client_id and issuer required');
  if (b.link_identity) {
    if (!ctx.req.headers.authorization) throw new OAuthError('invalid request', 'Linking requires a valid user access token in Authorization');
    await requireUser(ctx);
  }
  throw idTokenRefusal(b.provider ?? '', b.issuer ?? '', b.id_token);
}

const APPLE_ISSUERS = ['https://appleid.apple.com', 'https://account.apple.com'];
const AZURE_ISSUER = /^https:\/\/login[.]microsoftonline[.]com\/([^/]+)\/v2[.]0\/?$/;
const GOOGLE_ISSUER = 'https://accounts.google.com';
const FACEBOOK_ISSUER = 'https://www.facebook.com';
/** Providers after keycloak in GoTrue's switch, identified by name or by their fixed issuer. */
const LATER_FIXED_ISSUERS: Array<[provider: string, issuer: string]> = [
  ['kakao', 'https://kauth.kakao.com'],
  ['vercel_marketplace', 'https://marketplace.vercel.com'],
  ['snapchat', 'https://accounts.snapchat.com/accounts/oauth2/token'],
];

/** Go's %q for the strings that occur here. */
const quoted = (s: string) => JSON.stringify(s);
const disabledIssuer = (issuer: string) => badRequest('provider_disabled', `Provider (issuer ${quoted(issuer)}) is not enabled`);

/** The `iss` of an ID token read without verifying it (GoTrue's Detect…IDTokenIssuer), or null. */
export function unverifiedIssuer(idToken: string): string | null {
  const parts = idToken.split('.');
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]*$/.test(parts[1]!)) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    if (payload === null) return '';
    if (typeof payload !== 'object' || Array.isArray(payload)) return null;
    const iss = (payload as { iss?: unknown }).iss;
    if (iss === undefined || iss === null) return '';
    return typeof iss === 'string' ? iss : null;
  } catch {
    return null;
  }
}

/** The error GoTrue's IdTokenGrant gives for this provider/issuer when no id_token provider is enabled. */
export function idTokenRefusal(provider: string, issuer: string, idToken: string): AuthApiError {
  const detected = (name: 'Apple' | 'Azure', ok: (iss: string) => boolean) => {
    const iss = unverifiedIssuer(idToken);
    if (iss === null) return badRequest('validation_failed', `Unable to detect issuer in ID token for ${name} provider`);
    if (!ok(iss)) return badRequest('validation_failed', `Detected ID token issuer is not an ${name} ID token issuer`);
    if (issuer !== '' && issuer !== iss) return badRequest('validation_failed', 'Provided issuer does not match ID token issuer');
    return disabledIssuer(iss);
  };
  if (provider === 'apple' || APPLE_ISSUERS.includes(issuer)) return detected('Apple', (iss) => APPLE_ISSUERS.includes(iss));
  if (provider === 'google' || issuer === GOOGLE_ISSUER) return disabledIssuer(GOOGLE_ISSUER);
  if (provider === 'azure' || AZURE_ISSUER.test(issuer)) {
    return detected('Azure', (iss) => iss.startsWith('https://login.microsoftonline.com/') || iss.startsWith('https://sts.windows.net/'));
  }
  if (provider === 'facebook' || issuer === FACEBOOK_ISSUER) return disabledIssuer(FACEBOOK_ISSUER);
  if (provider === 'keycloak') return disabledIssuer(''); // its issuer is its configured URL, unset here
  for (const [name, iss] of LATER_FIXED_ISSUERS) {
    if (provider === name || issuer === iss) return disabledIssuer(iss);
  }
  if (provider.startsWith('custom:')) return badRequest('validation_failed', 'Custom OAuth providers are disabled');
  return badRequest('validation_failed', `Custom OIDC provider ${quoted(provider)} not allowed`);
}

/** The paths these handlers own, for the router. */
export const isFactorsPath = (path: string) => path === '/factors' || path.startsWith('/factors/');
export const isSsoPath = (path: string) => path === '/sso' || path.startsWith('/sso/');
export const isIdentitiesPath = (path: string) => path === '/user/identities' || path.startsWith('/user/identities/');
