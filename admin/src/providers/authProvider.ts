// Refine's authProvider over supabase.auth. Messages are Vietnamese/English through i18n; the identity
// comes from current_user_context() (userContext.ts), cached per signed-in user.
import type { AuthProvider } from '@refinedev/core';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../../supabase/functions/_shared/database.ts';
import { i18n } from '../i18n/index.ts';
import { LoginError, isSessionError, loginErrorMessage } from './authErrors.ts';
import type { UserContextStore } from './userContext.ts';

// Whether the last session ended by the user's own sign-out: then the login page does not offer to
// return to the page they left (the next person at the computer should land on their own home page).
let signedOutOnPurpose = false;
export function sessionEndedOnPurpose(): boolean {
  return signedOutOnPurpose;
}

export interface LoginValues {
  email: string;
  password: string;
}

export function createAuthProvider(supabase: SupabaseClient<Database>, users: UserContextStore): AuthProvider {
  return {
    async login({ email, password }: LoginValues) {
      users.clear();
      const { data, error } = await supabase.auth.signInWithPassword({ email: email.trim(), password });
      if (error || !data.session) {
        const reason = loginErrorMessage(error);
        return { success: false, error: new LoginError(reason, i18n.t('login.errors.title'), i18n.t(reason.key, reason.params)) };
      }
      signedOutOnPurpose = false;
      return { success: true, redirectTo: '/' };
    },

    async logout() {
      users.clear();
      signedOutOnPurpose = true;
      // Only this browser's session: a teacher signed in on a phone stays signed in there.
      const { error } = await supabase.auth.signOut({ scope: 'local' });
      if (error) console.warn('sign-out could not reach the auth server; the local session is cleared', error);
      return { success: true, redirectTo: '/login' };
    },

    async check() {
      const { data, error } = await supabase.auth.getSession();
      if (data.session && !error) return { authenticated: true };
      return { authenticated: false, logout: true, redirectTo: '/login' };
    },

    async onError(error: unknown) {
      if (!isSessionError(error)) return {};
      users.clear();
      return { logout: true, redirectTo: '/login', error: new Error(i18n.t('session.expired')) };
    },

    async getIdentity() {
      return users.get();
    },

    async getPermissions() {
      return (await users.get())?.roles ?? [];
    },
  };
}
