// What the browser runs first: the theme, the language and the session, the signed-out pages (đăng nhập,
// quên mật khẩu, đặt lại mật khẩu) — and, for every other route, the signed-in admin (App.tsx), loaded
// when first needed. The sign-in form so needs React, antd's form and the auth client only; Refine,
// supabase-js, zod and the pages arrive while the user types, or after.
import { ConfigProvider } from 'antd';
import { Suspense, lazy, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { FullPageSpin } from './components/FullPageSpin.tsx';
import { RedirectToLogin } from './components/RedirectToLogin.tsx';
import { antdLocale } from './i18n/antdLocale.ts';
import type { RuntimeConfig } from './config.ts';
import { ForgotPasswordPage } from './pages/login/ForgotPasswordPage.tsx';
import { LoginPage } from './pages/login/LoginPage.tsx';
import { ResetPasswordPage } from './pages/login/ResetPasswordPage.tsx';
import { AuthClientProvider, useAuth, type Auth } from './providers/auth.tsx';
import { preloadable } from './preloadable.tsx';
import { appTheme } from './theme.ts';

const SignedInApp = preloadable(() => import('./App.tsx').then((m) => m.default));
// Public (no session): a chunk of its own, fetched only by whoever opens a verification link.
const VerifyPage = lazy(() => import('./pages/verify/VerifyPage.tsx').then((m) => ({ default: m.VerifyPage })));

/** Whether this browser holds a session (null while the stored one is read). */
function useHasSession(): boolean | null {
  const auth = useAuth();
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    void auth.getSession().then(({ data }) => live && setSignedIn(data.session !== null));
    return () => {
      live = false;
    };
  }, [auth]);
  return signedIn;
}

/**
 * A signed-out page: someone already signed in goes home instead. Once the page is shown (from the entry
 * chunk alone), the signed-in admin's code is fetched while the user types, so "Đăng nhập" does not wait
 * for it; a failure is left to the real load, which reports it.
 */
function SignedOutOnly({ children }: { children: ReactNode }) {
  const signedIn = useHasSession();
  useEffect(() => {
    if (signedIn === false) SignedInApp.preload().catch(() => undefined);
  }, [signedIn]);
  if (signedIn === null) return <FullPageSpin />;
  return signedIn ? <Navigate replace to="/" /> : children;
}

/**
 * Every other route: the signed-in admin, loaded only for someone with a session — a visitor goes
 * straight to the login page without fetching it. (Inside, Refine's check still sends a session that
 * has expired or was revoked to the login page.)
 */
function SignedInOnly({ config }: { config: RuntimeConfig }) {
  const signedIn = useHasSession();
  if (signedIn === null) return <FullPageSpin />;
  if (!signedIn) return <RedirectToLogin />;
  return (
    <Suspense fallback={<FullPageSpin />}>
      <SignedInApp config={config} />
    </Suspense>
  );
}

/**
 * The admin's frame: antd in Vietnamese (or English), hash routing (index.html, assets and ./config.json
 * resolve the same from every route and under any path).
 */
export function Shell({ config, auth }: { config: RuntimeConfig; auth: Auth }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={antdLocale(i18n.language)} theme={appTheme}>
      <AuthClientProvider client={auth}>
        <HashRouter>
          <Routes>
            <Route
              path="/login"
              element={
                <SignedOutOnly>
                  <LoginPage />
                </SignedOutOnly>
              }
            />
            <Route
              path="/forgot-password"
              element={
                <SignedOutOnly>
                  <ForgotPasswordPage />
                </SignedOutOnly>
              }
            />
            {/* Signed in by the recovery link, or not at all (the page explains). */}
            <Route path="/reset-password" element={<ResetPasswordPage />} />
            {/* Tra cứu văn bản: anyone, signed in or not (the QR code on every archived page). */}
            <Route
              path="/verify/:code?"
              element={
                <Suspense fallback={<FullPageSpin />}>
                  <VerifyPage config={config} />
                </Suspense>
              }
            />
            <Route path="*" element={<SignedInOnly config={config} />} />
          </Routes>
        </HashRouter>
      </AuthClientProvider>
    </ConfigProvider>
  );
}
