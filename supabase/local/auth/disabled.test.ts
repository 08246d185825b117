import { describe, expect, it } from 'vitest';
import { idTokenRefusal, unverifiedIssuer } from './disabled.ts';
import { errorBody, errorHeaders, OAuthError, unprocessable } from './errors.ts';

const token = (payload: unknown) => `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`;

describe('unverifiedIssuer', () => {
  it('reads iss from the payload without verifying', () => {
    expect(unverifiedIssuer(token({ iss: 'https://appleid.apple.com' }))).toBe('https://appleid.apple.com');
    expect(unverifiedIssuer(token({ sub: '1' }))).toBe('');
  });
  it.each(['abc', 'a.b', 'a.%%%.c', token([1]), token({ iss: 42 })])('gives up on %s', (t) => {
    expect(unverifiedIssuer(t)).toBeNull();
  });
});

describe("the id_token grant's refusals, in GoTrue's order", () => {
  const refusal = (provider: string, issuer: string, idToken: string) => {
    const e = idTokenRefusal(provider, issuer, idToken);
    return { status: e.status, code: e.code, msg: e.msg };
  };

  it('names the disabled provider by its issuer', () => {
    expect(refusal('google', '', 'x')).toEqual({ status: 400, code: 'provider_disabled', msg: 'Provider (issuer "https://accounts.google.com") is not enabled' });
    expect(refusal('', 'https://www.facebook.com', 'x').msg).toBe('Provider (issuer "https://www.facebook.com") is not enabled');
    expect(refusal('kakao', '', 'x').msg).toBe('Provider (issuer "https://kauth.kakao.com") is not enabled');
    expect(refusal('keycloak', '', 'x').msg).toBe('Provider (issuer "") is not enabled');
  });

  it('detects Apple and Azure issuers from the token first', () => {
    expect(refusal('apple', '', token({ iss: 'https://account.apple.com' })).msg).toBe('Provider (issuer "https://account.apple.com") is not enabled');
    expect(refusal('apple', '', 'garbage')).toMatchObject({ code: 'validation_failed', msg: 'Unable to detect issuer in ID token for Apple provider' });
    expect(refusal('apple', '', token({ iss: 'https://evil.example' })).msg).toBe('Detected ID token issuer is not an Apple ID token issuer');
    expect(refusal('apple', 'https://appleid.apple.com', token({ iss: 'https://account.apple.com' })).msg).toBe('Provided issuer does not match ID token issuer');
    const azure = 'https://login.microsoftonline.com/tenant/v2.0';
    expect(refusal('azure', '', token({ iss: azure })).msg).toBe(`Provider (issuer "${azure}") is not enabled`);
    expect(refusal('azure', '', token({ iss: 'https://x' })).msg).toBe('Detected ID token issuer is not an Azure ID token issuer');
  });

  it('refuses custom and unknown providers as validation failures', () => {
    expect(refusal('custom:school', '', 'x')).toMatchObject({ code: 'validation_failed', msg: 'Custom OAuth providers are disabled' });
    expect(refusal('idp', '', 'x')).toMatchObject({ code: 'validation_failed', msg: 'Custom OIDC provider "idp" not allowed' });
  });
});

describe('error answers', () => {
  it('echo a dated API version and x-sb-error-code, OAuth errors neither code nor version shape', () => {
    const e = unprocessable('web3_provider_disabled', 'Web3 provider is disabled');
    expect(errorHeaders(e, '2024-01-01')).toEqual({ 'x-supabase-api-version': '2024-01-01', 'x-sb-error-code': 'web3_provider_disabled' });
    expect(errorHeaders(e, 'initial')).toEqual({ 'x-sb-error-code': 'web3_provider_disabled' });
    const o = new OAuthError('invalid request', 'id_token required');
    expect(errorBody(o, '2024-01-01')).toEqual({ error: 'invalid request', error_description: 'id_token required' });
    expect(errorHeaders(o, 'initial')).toEqual({});
  });
});
