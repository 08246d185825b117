import { Authenticated, CanAccess, Refine } from '@refinedev/core';
import { useNotificationProvider } from '@refinedev/antd';
import routerProvider, { NavigateToResource, UnsavedChangesNotifier } from '@refinedev/react-router';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { Suspense, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { HashRouter, Outlet, Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout.tsx';
import { DocumentTitle } from './components/DocumentTitle.tsx';
import { FullPageSpin } from './components/FullPageSpin.tsx';
import { PageResult } from './components/PageResult.tsx';
import { RedirectToLogin } from './components/RedirectToLogin.tsx';
import { LoginPage } from './pages/login/LoginPage.tsx';
import { ForgotPasswordPage } from './pages/login/ForgotPasswordPage.tsx';
import { ResetPasswordPage } from './pages/login/ResetPasswordPage.tsx';
import { AccountEdit } from './pages/account/AccountEdit.tsx';
import { createAccessControlProvider } from './providers/accessControlProvider.ts';
import { createAuthProvider } from './providers/authProvider.ts';
import { createDataProvider } from './providers/dataProvider.ts';
import { createI18nProvider } from './providers/i18nProvider.ts';
import { SupabaseProvider } from './providers/supabase.tsx';
import { createUserContextStore } from './providers/userContext.ts';
import { resources, routesOf } from './resources.tsx';
import { appTheme } from './theme.ts';

/** A page behind the permission matrix: 403 when `action` on `resource` is not allowed. */
function Guarded({ resource, action, children }: { resource: string; action: string; children: ReactNode }) {
  return (
    <CanAccess resource={resource} action={action} fallback={<PageResult status={403} />}>
      <Suspense fallback={<FullPageSpin />}>{children}</Suspense>
    </CanAccess>
  );
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
              <Outlet />
            </AppLayout>
          </Authenticated>
        }
      >
        <Route path="/account" element={<AccountEdit />} />
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
      <Route
        element={
          <Authenticated key="signed-out" fallback={<Outlet />} loading={<FullPageSpin />}>
            <NavigateToResource resource="dashboard" />
          </Authenticated>
        }
      >
        <Route path="/login" element={<LoginPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      </Route>
      {/* Signed in by the recovery link, or not at all (the page explains): outside both guards. */}
      <Route path="/reset-password" element={<ResetPasswordPage />} />
    </Routes>
  );
}

/**
 * The admin: Refine over Supabase, antd in Vietnamese (or English). Hash routing keeps the build
 * relative: index.html, assets and ./config.json resolve the same from every route and under any path.
 */
export function App({ supabase }: { supabase: SupabaseClient<Database> }) {
  const { i18n: instance } = useTranslation();
  const language = instance.language;
  const providers = useMemo(() => {
    const users = createUserContextStore(supabase);
    return {
      data: createDataProvider(supabase),
      auth: createAuthProvider(supabase, users),
      access: createAccessControlProvider(users),
    };
  }, [supabase]);
  // A new provider object per language makes Refine's translate consumers render again.
  const i18nProvider = useMemo(() => createI18nProvider(instance), [instance, language]);

  return (
    <HashRouter>
      <ConfigProvider locale={language === 'en' ? enUS : viVN} theme={appTheme}>
        <AntdApp>
          <SupabaseProvider client={supabase}>
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
            </Refine>
          </SupabaseProvider>
        </AntdApp>
      </ConfigProvider>
    </HashRouter>
  );
}
