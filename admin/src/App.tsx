import { Authenticated, CanAccess, Refine } from '@refinedev/core';
import type { ReactNode } from 'react';
import { useNotificationProvider } from '@refinedev/antd';
import routerProvider, { NavigateToResource, UnsavedChangesNotifier } from '@refinedev/react-router';
import { dataProvider } from '@refinedev/supabase';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { HashRouter, Outlet, Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout.tsx';
import { DocumentTitle } from './components/DocumentTitle.tsx';
import { FullPageSpin } from './components/FullPageSpin.tsx';
import { PageResult } from './components/PageResult.tsx';
import { RedirectToLogin } from './components/RedirectToLogin.tsx';
import { DashboardList } from './pages/dashboard/DashboardList.tsx';
import { LoginPage } from './pages/login/LoginPage.tsx';
import { ForgotPasswordPage } from './pages/login/ForgotPasswordPage.tsx';
import { ResetPasswordPage } from './pages/login/ResetPasswordPage.tsx';
import { AccountEdit } from './pages/account/AccountEdit.tsx';
import { StatusList } from './pages/status/StatusList.tsx';
import { ClassSubjectList } from './pages/class_subjects/ClassSubjectList.tsx';
import { ClassList } from './pages/classes/ClassList.tsx';
import { DepartmentList } from './pages/departments/DepartmentList.tsx';
import { EnrolmentList } from './pages/enrolments/EnrolmentList.tsx';
import { MembershipList } from './pages/memberships/MembershipList.tsx';
import { ProfileList } from './pages/profiles/ProfileList.tsx';
import { StudentEdit } from './pages/students/StudentEdit.tsx';
import { StudentList } from './pages/students/StudentList.tsx';
import { TeachingAssignmentList } from './pages/teaching_assignments/TeachingAssignmentList.tsx';
import { ScoreEntryList } from './pages/score_entries/ScoreEntryList.tsx';
import { StudentResultList } from './pages/student_results/StudentResultList.tsx';
import { GradebookLockList } from './pages/gradebook_locks/GradebookLockList.tsx';
import { LockDecisionList } from './pages/lock_decisions/LockDecisionList.tsx';
import { ConductRatingList } from './pages/conduct_ratings/ConductRatingList.tsx';
import { AttendanceList } from './pages/attendance/AttendanceList.tsx';
import { CorrectionRequestList } from './pages/correction_requests/CorrectionRequestList.tsx';
import { ResultPublicationList } from './pages/result_publications/ResultPublicationList.tsx';
import { MyResultList } from './pages/my_results/MyResultList.tsx';
import { QualityRatingList } from './pages/quality_ratings/QualityRatingList.tsx';
import { GradebookProgressList } from './pages/gradebook_progress/GradebookProgressList.tsx';
import { InspectionList } from './pages/inspections/InspectionList.tsx';
import { SchoolDeadlineList } from './pages/school_deadlines/SchoolDeadlineList.tsx';
import { createAccessControlProvider } from './providers/accessControlProvider.ts';
import { createAuthProvider } from './providers/authProvider.ts';
import { createI18nProvider } from './providers/i18nProvider.ts';
import { SupabaseProvider } from './providers/supabase.tsx';
import { createUserContextStore } from './providers/userContext.ts';
import { resources } from './resources.tsx';
import { appTheme } from './theme.ts';

/** A page behind the permission matrix: 403 when `action` on `resource` is not allowed. */
function Guarded({ resource, action = 'list', children }: { resource: string; action?: string; children: ReactNode }) {
  return (
    <CanAccess resource={resource} action={action} fallback={<PageResult status={403} />}>
      {children}
    </CanAccess>
  );
}

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
        <Route index element={<DashboardList />} />
        <Route path="/account" element={<AccountEdit />} />
        <Route
          path="/status"
          element={
            <CanAccess resource="status" action="list" fallback={<PageResult status={403} />}>
              <StatusList />
            </CanAccess>
          }
        />
        <Route path="/students" element={<Guarded resource="students"><StudentList /></Guarded>} />
        <Route path="/students/edit/:id" element={<Guarded resource="students" action="edit"><StudentEdit /></Guarded>} />
        <Route path="/enrolments" element={<Guarded resource="enrolments"><EnrolmentList /></Guarded>} />
        <Route path="/classes" element={<Guarded resource="classes"><ClassList /></Guarded>} />
        <Route path="/class_subjects" element={<Guarded resource="class_subjects"><ClassSubjectList /></Guarded>} />
        <Route path="/teaching_assignments" element={<Guarded resource="teaching_assignments"><TeachingAssignmentList /></Guarded>} />
        <Route path="/departments" element={<Guarded resource="departments"><DepartmentList /></Guarded>} />
        <Route path="/profiles" element={<Guarded resource="profiles"><ProfileList /></Guarded>} />
        <Route path="/memberships" element={<Guarded resource="memberships"><MembershipList /></Guarded>} />
        <Route path="/score_entries" element={<Guarded resource="score_entries"><ScoreEntryList /></Guarded>} />
        <Route path="/student_results" element={<Guarded resource="student_results"><StudentResultList /></Guarded>} />
        <Route path="/conduct_ratings" element={<Guarded resource="conduct_ratings"><ConductRatingList /></Guarded>} />
        <Route path="/attendance" element={<Guarded resource="attendance"><AttendanceList /></Guarded>} />
        <Route path="/correction_requests/*" element={<Guarded resource="correction_requests"><CorrectionRequestList /></Guarded>} />
        <Route path="/result_publications" element={<Guarded resource="result_publications"><ResultPublicationList /></Guarded>} />
        <Route path="/my_results" element={<Guarded resource="my_results"><MyResultList /></Guarded>} />
        <Route path="/quality_ratings" element={<Guarded resource="quality_ratings"><QualityRatingList /></Guarded>} />
        <Route path="/gradebook_progress" element={<Guarded resource="gradebook_progress"><GradebookProgressList /></Guarded>} />
        <Route path="/inspections" element={<Guarded resource="inspections"><InspectionList /></Guarded>} />
        <Route path="/school_deadlines" element={<Guarded resource="school_deadlines"><SchoolDeadlineList /></Guarded>} />
        <Route path="/gradebook_locks" element={<Guarded resource="gradebook_locks"><GradebookLockList /></Guarded>} />
        <Route path="/lock_decisions" element={<Guarded resource="lock_decisions"><LockDecisionList /></Guarded>} />
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
      data: dataProvider(supabase),
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
              resources={resources}
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
