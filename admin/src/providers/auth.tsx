// The session, on its own: the sign-in pages need only the auth client (@supabase/auth-js), not the
// whole of supabase-js (PostgREST, storage, realtime, functions), Refine or zod — those load with the
// signed-in app (App.tsx), whose supabase-js client takes its token from this client (`accessToken`),
// so one client owns the session and refreshes it. Same storage key and headers as supabase-js's own
// auth client, so a session stored by either is the same session.
import { AuthClient } from '@supabase/auth-js';
import { createContext, useContext, type ReactNode } from 'react';
import type { RuntimeConfig } from '../config.ts';
import { loginErrorMessage, type LoginErrorMessage } from './authErrors.ts';

export type Auth = InstanceType<typeof AuthClient>;

export function createAuth(config: RuntimeConfig, options: { detectSessionInUrl: boolean }): Auth {
  const base = new URL(config.supabaseUrl.endsWith('/') ? config.supabaseUrl : `${config.supabaseUrl}/`);
  return new AuthClient({
    url: new URL('auth/v1', base).href,
    headers: { Authorization: `Bearer ${config.anonKey}`, apikey: config.anonKey },
    storageKey: `sb-${base.hostname.split('.')[0]}-auth-token`,
    persistSession: true,
    autoRefreshToken: true,
    detectSessionInUrl: options.detectSessionInUrl,
    flowType: 'implicit',
  });
}

/** The access token for the API, or null when nobody is signed in (then the anon key is sent). */
export async function accessTokenOf(auth: Auth): Promise<string | null> {
  const { data } = await auth.getSession();
  return data.session?.access_token ?? null;
}

// Whether the last session ended by the user's own sign-out: then the login page does not offer to
// return to the page they left (the next person at the computer should land on their own home page).
let signedOutOnPurpose = false;
export function sessionEndedOnPurpose(): boolean {
  return signedOutOnPurpose;
}
/**
 * The login page is shown: the sign-out has done its part. A link opened afterwards in the same tab
 * (a deep link pasted into the address bar) is a new request, and the login page returns to it.
 */
export function forgetSignOut(): void {
  signedOutOnPurpose = false;
}

export interface LoginValues {
  email: string;
  password: string;
}

/** Signs in; null when it worked, else why not (to say in the form). */
export async function signIn(auth: Auth, { email, password }: LoginValues): Promise<LoginErrorMessage | null> {
  const { data, error } = await auth.signInWithPassword({ email: email.trim(), password });
  if (error || !data.session) return loginErrorMessage(error);
  signedOutOnPurpose = false;
  return null;
}

/** Signs out of this browser only: a teacher signed in on a phone stays signed in there. */
export async function signOut(auth: Auth): Promise<void> {
  signedOutOnPurpose = true;
  const { error } = await auth.signOut({ scope: 'local' });
  if (error) console.warn('sign-out could not reach the auth server; the local session is cleared', error);
}

const AuthContext = createContext<Auth | null>(null);

export function AuthClientProvider({ client, children }: { client: Auth; children: ReactNode }) {
  return <AuthContext.Provider value={client}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const client = useContext(AuthContext);
  if (!client) throw new Error('useAuth() outside <AuthClientProvider>');
  return client;
}
