// Refine's authProvider over the session (auth.tsx). Messages are Vietnamese/English through i18n; the
// identity comes from current_user_context() (userContext.ts), cached per signed-in user. The sign-in
// pages live outside Refine (Shell.tsx) and call auth.tsx directly; `login` is here for Refine's hooks.
import type { AuthProvider } from '@refinedev/core';
import { i18n } from '../i18n/index.ts';
import { signIn, signOut, type Auth, type LoginValues } from './auth.tsx';
import { LoginError, isSessionError } from './authErrors.ts';
import type { UserContextStore } from './userContext.ts';

export function createAuthProvider(auth: Auth, users: UserContextStore): AuthProvider {
  return {
    async login(values: LoginValues) {
      users.clear();
      const reason = await signIn(auth, values);
      if (reason) return { success: false, error: new LoginError(reason, i18n.t('login.errors.title'), i18n.t(reason.key, reason.params)) };
      return { success: true, redirectTo: '/' };
    },

    async logout() {
      users.clear();
      await signOut(auth);
      return { success: true, redirectTo: '/login' };
    },

    async check() {
      const { data, error } = await auth.getSession();
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
