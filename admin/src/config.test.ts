import { describe, expect, it } from 'vitest';
import { ConfigError, loadRuntimeConfig, parseRuntimeConfig } from './config.ts';

const key = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.anon';
const fetchReturning = (status: number, body: string): typeof fetch =>
  async () => new Response(body, { status, headers: { 'content-type': 'application/json' } });
const env = { VITE_SUPABASE_URL: 'https://abc.supabase.co', VITE_SUPABASE_ANON_KEY: key };

describe('loadRuntimeConfig', () => {
  it('uses config.json served next to the admin', async () => {
    const config = await loadRuntimeConfig(env, fetchReturning(200, JSON.stringify({ supabaseUrl: 'http://127.0.0.1:54321', anonKey: key })));
    expect(config).toEqual({ supabaseUrl: 'http://127.0.0.1:54321', anonKey: key, source: 'config.json' });
  });

  it('falls back to the build env when config.json is missing', async () => {
    const config = await loadRuntimeConfig(env, fetchReturning(404, '{}'));
    expect(config).toEqual({ supabaseUrl: 'https://abc.supabase.co', anonKey: key, source: 'build env' });
  });

  it('falls back to the build env when a static host answers with index.html', async () => {
    const config = await loadRuntimeConfig(env, fetchReturning(200, '<!doctype html><html></html>'));
    expect(config.source).toBe('build env');
  });

  it('falls back to the build env when the network fails', async () => {
    const failing: typeof fetch = async () => { throw new TypeError('Failed to fetch'); };
    expect((await loadRuntimeConfig(env, failing)).source).toBe('build env');
  });

  it('fails with a ConfigError when neither source configures the API', async () => {
    await expect(loadRuntimeConfig({}, fetchReturning(404, ''))).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('parseRuntimeConfig', () => {
  it('refuses what is not an http(s) URL with a plausible key', () => {
    expect(parseRuntimeConfig({ supabaseUrl: 'https://abc.supabase.co', anonKey: key })).toEqual({ supabaseUrl: 'https://abc.supabase.co', anonKey: key });
    expect(parseRuntimeConfig({ supabaseUrl: 'not a url', anonKey: key })).toBeNull();
    expect(parseRuntimeConfig({ supabaseUrl: 'ftp://abc.supabase.co', anonKey: key })).toBeNull();
    expect(parseRuntimeConfig({ supabaseUrl: 'https://abc.supabase.co', anonKey: 'short' })).toBeNull();
    expect(parseRuntimeConfig({ supabaseUrl: 42, anonKey: key })).toBeNull();
    expect(parseRuntimeConfig(null)).toBeNull();
  });
});
