import { Authenticated, CanAccess, Refine } from '@refinedev/core';
import routerProvider, { UnsavedChangesNotifier } from '@refinedev/react-router';
import { createClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { App as AntdApp } from 'antd';
import { Suspense, lazy, useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { AppLayout } from './components/AppLayout.tsx';
import { DocumentTitle } from './components/DocumentTitle.tsx';
import { FullPageSpin } from './components/FullPageSpin.tsx';
import { RedirectToLogin } from './components/RedirectToLogin.tsx';
import type { RuntimeConfig } from './config.ts';
import { createAccessControlProvider } from './providers/accessControlProvider.ts';
import { accessTokenOf, useAuth } from './providers/auth.tsx';
import { createAuthProvider } from './providers/authProvider.ts';
import { createDataProvider } from './providers/dataProvider.ts';
import { createI18nProvider } from './providers/i18nProvider.ts';
import { useNotificationProvider } from './providers/notificationProvider.ts';
import { SupabaseProvider } from './providers/supabase.tsx';
import { createUserContextStore } from './providers/userContext.ts';
import { ForgetIdentityProvider } from './providers/identityRefresh.tsx';
import { preloadable } from './preloadable.tsx';
import { resources, routesOf } from './resources.tsx';

/** A page behind the permission matrix: 403 when `action` on `resource` is not allowed. */
function Guarded({ resource, action, children }: { resource: string; action: string; children: ReactNode }) {
  return (
    <CanAccess resource={resource} action={action} fallback={<PageResult status={403} />}>
      {children}
    </CanAccess>
  );
}

// Lazy: a refusal or a wrong address is the exception (antd's Result brings its illustrations).
const PageResult = lazy(() => import('./components/PageResult.tsx').then((m) => ({ default: m.PageResult })));
const AccountEdit = preloadable(() => import('./pages/account/AccountEdit.tsx').then((m) => m.AccountEdit));

// The home page comes with the app: "Đăng nhập" then waits for no other chunk.
void routesOf(resources)
  .find((route) => route.path === '/')
  ?.Page.preload()
  .catch(() => undefined);

/**
 * A success the page before said with its redirect (`navigate('/', { state: { notice } })`, e.g. a new
 * password set from the recovery link), shown once as a message here, where antd's App lives.
 */
function RouteNotice() {
  const { message } = AntdApp.useApp();
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const notice = (location.state as { notice?: unknown } | null)?.notice;
  useEffect(() => {
    if (typeof notice !== 'string') return;
    void message.success(t(notice));
    navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, [notice, message, t, navigate, location.pathname, location.search]);
  return null;
}

// Refine takes the resources without their pages (those are App's routes).
const refineResources = resources.map(({ pages: _pages, nested: _nested, ...resource }) => resource);

function AppRoutes() {
  return (
    <Routes>
      <Route
        element={
          <Authenticated key="signed-in" fallback={<RedirectToLogin />} loading={<FullPageSpin />}>
            <AppLayout>
              {/* Pages, the refusal and the 404 are lazy chunks: the layout stays while one loads. */}
              <Suspense fallback={<FullPageSpin />}>
                <Outlet />
              </Suspense>
            </AppLayout>
          </Authenticated>
        }
      >
        <Route
          path="/account"
          element={<AccountEdit />} />
        {routesOf(resources).map(({ path, resource, action, Page }) => (
          <Route
            key={path}
            {...(path === '/' ? { index: true } : { path })}
            element={
              <Guarded resource={resource} action={action}>
                <Page />
              </Guarded>
            }
          />
        ))}
        <Route path="*" element={<PageResult status={404} />} />
      </Route>
    </Routes>
  );
}

/**
 * The signed-in admin: Refine over Supabase, inside the shell (Shell.tsx: theme, language, router,
 * session). Its supabase-js client takes the token from the shell's auth client, which owns the session.
 * Opening the login page unmounts it, so the next user starts with empty caches.
 */
export default function SignedInApp({ config }: { config: RuntimeConfig }) {
  const auth = useAuth();
  const { i18n: instance } = useTranslation();
  const language = instance.language;
  const providers = useMemo(() => {
    const supabase = createClient<Database>(config.supabaseUrl, config.anonKey, { accessToken: () => accessTokenOf(auth) });
    const users = createUserContextStore(supabase, auth);
    return {
      supabase,
      forgetIdentity: () => users.clear(),
      data: createDataProvider(supabase),
      auth: createAuthProvider(auth, users),
      access: createAccessControlProvider(users),
    };
  }, [config, auth]);
  // A new provider object per language makes Refine's translate consumers render again.
  const i18nProvider = useMemo(() => createI18nProvider(instance), [instance, language]);

  return (
    <AntdApp>
      <SupabaseProvider client={providers.supabase}>
        <ForgetIdentityProvider forget={providers.forgetIdentity}>
          <Refine
            dataProvider={providers.data}
            authProvider={providers.auth}
            accessControlProvider={providers.access}
            i18nProvider={i18nProvider}
            routerProvider={routerProvider}
            notificationProvider={useNotificationProvider}
            resources={refineResources}
            options={{ syncWithLocation: true, warnWhenUnsavedChanges: true, disableTelemetry: true }}
          >
            <AppRoutes />
            <UnsavedChangesNotifier />
            <DocumentTitle />
            <RouteNotice />
          </Refine>
        </ForgetIdentityProvider>
      </SupabaseProvider>
    </AntdApp>
  );
}
