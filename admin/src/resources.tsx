// Refine resources, declared once: name = matrix entry = route = i18n `menu.<name>`. Each declares the
// paths it has (list, show, create, edit) with the page for each, loaded when first opened (one chunk
// per page folder); App.tsx builds the routes from this list, each behind the access guard of its own
// action. The menu shows a resource when the access-control provider allows `list` on it and, for a
// screen of one assessment regime (components/regimes.ts), when the user's schools are under it; such a
// page opened by its address says in a sentence that it does not apply (withRegime).
import {
  ApartmentOutlined,
  BookOutlined,
  AuditOutlined,
  CalendarOutlined,
  BarChartOutlined,
  FileSearchOutlined,
  FieldTimeOutlined,
  StarOutlined,
  CheckSquareOutlined,
  DiffOutlined,
  ReadOutlined,
  SmileOutlined,
  ClusterOutlined,
  EditOutlined,
  LockOutlined,
  TableOutlined,
  CloudServerOutlined,
  RetweetOutlined,
  DashboardOutlined,
  HomeOutlined,
  IdcardOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SwapOutlined,
  TeamOutlined,
  PrinterOutlined,
  SignatureOutlined,
  MedicineBoxOutlined,
  AlertOutlined,
  FolderOpenOutlined,
  FileDoneOutlined,
  FundOutlined,
  UnorderedListOutlined,
  BankOutlined,
  GlobalOutlined,
} from '@ant-design/icons';
import type { ResourceProps } from '@refinedev/core';
import type { ComponentType } from 'react';
import type { Resource } from '../../policies/types.ts';
import { preloadable, type Preloadable } from './preloadable.tsx';
import { withRegime } from './components/RegimeGate.tsx';

/** The Refine actions a resource may have a route for. */
export const ROUTE_ACTIONS = ['list', 'show', 'create', 'edit'] as const;
export type RouteAction = (typeof ROUTE_ACTIONS)[number];

type Page = Preloadable<object>;

/** One page of a module loaded on first use or ahead (modules of one folder share the chunk). */
function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): Page {
  return preloadable(() => load().then(pick));
}

export interface AppResource extends ResourceProps {
  name: Resource;
  /** The page of each declared path (list, show, create, edit). */
  pages: Partial<Record<RouteAction, Page>>;
  /** The page routes below its list path itself (`/<name>/*`). */
  nested?: boolean;
}

const students = () => import('./pages/students/index.ts');
const health = () => import('./pages/health/index.ts');
const dossiers = () => import('./pages/dossiers/index.ts');

export const resources: AppResource[] = [
  { name: 'dashboard', list: '/', meta: { icon: <HomeOutlined /> }, pages: { list: page(() => import('./pages/dashboard/DashboardList.tsx'), (m) => m.DashboardList) } },
  {
    name: 'students',
    list: '/students',
    show: '/students/show/:id',
    edit: '/students/edit/:id',
    meta: { icon: <TeamOutlined /> },
    pages: { list: page(students, (m) => m.StudentList), show: page(students, (m) => m.StudentShow), edit: page(students, (m) => m.StudentEdit) },
  },
  { name: 'score_entries', list: '/score_entries', meta: { icon: <EditOutlined /> }, pages: { list: page(() => import('./pages/score_entries/ScoreEntryList.tsx'), (m) => m.ScoreEntryList) } },
  { name: 'student_results', list: '/student_results', meta: { icon: <TableOutlined /> }, pages: { list: page(() => import('./pages/student_results/StudentResultList.tsx'), (m) => m.StudentResultList) } },
  { name: 'conduct_ratings', list: '/conduct_ratings', meta: { icon: <SmileOutlined /> }, pages: { list: page(() => import('./pages/conduct_ratings/ConductRatingList.tsx'), (m) => withRegime('conduct_ratings', m.ConductRatingList)) } },
  { name: 'attendance', list: '/attendance', meta: { icon: <CalendarOutlined /> }, pages: { list: page(() => import('./pages/attendance/AttendanceList.tsx'), (m) => m.AttendanceList) } },
  { name: 'quality_ratings', list: '/quality_ratings', meta: { icon: <StarOutlined /> }, pages: { list: page(() => import('./pages/quality_ratings/QualityRatingList.tsx'), (m) => withRegime('quality_ratings', m.QualityRatingList)) } },
  { name: 'gradebook_progress', list: '/gradebook_progress', meta: { icon: <BarChartOutlined /> }, pages: { list: page(() => import('./pages/gradebook_progress/GradebookProgressList.tsx'), (m) => m.GradebookProgressList) } },
  { name: 'inspections', list: '/inspections', meta: { icon: <FileSearchOutlined /> }, pages: { list: page(() => import('./pages/inspections/InspectionList.tsx'), (m) => m.InspectionList) } },
  {
    name: 'correction_requests',
    list: '/correction_requests',
    meta: { icon: <DiffOutlined /> },
    nested: true,
    pages: { list: page(() => import('./pages/correction_requests/CorrectionRequestList.tsx'), (m) => m.CorrectionRequestList) },
  },
  { name: 'result_publications', list: '/result_publications', meta: { icon: <CheckSquareOutlined /> }, pages: { list: page(() => import('./pages/result_publications/ResultPublicationList.tsx'), (m) => m.ResultPublicationList) } },
  { name: 'my_results', list: '/my_results', meta: { icon: <ReadOutlined /> }, pages: { list: page(() => import('./pages/my_results/MyResultList.tsx'), (m) => m.MyResultList) } },
  { name: 'enrolments', list: '/enrolments', meta: { icon: <SwapOutlined /> }, pages: { list: page(() => import('./pages/enrolments/EnrolmentList.tsx'), (m) => m.EnrolmentList) } },
  { name: 'classes', list: '/classes', meta: { icon: <ApartmentOutlined /> }, pages: { list: page(() => import('./pages/classes/ClassList.tsx'), (m) => m.ClassList) } },
  { name: 'class_subjects', list: '/class_subjects', meta: { icon: <BookOutlined /> }, pages: { list: page(() => import('./pages/class_subjects/ClassSubjectList.tsx'), (m) => m.ClassSubjectList) } },
  { name: 'teaching_assignments', list: '/teaching_assignments', meta: { icon: <ScheduleOutlined /> }, pages: { list: page(() => import('./pages/teaching_assignments/TeachingAssignmentList.tsx'), (m) => m.TeachingAssignmentList) } },
  { name: 'departments', list: '/departments', meta: { icon: <ClusterOutlined /> }, pages: { list: page(() => import('./pages/departments/DepartmentList.tsx'), (m) => m.DepartmentList) } },
  { name: 'profiles', list: '/profiles', meta: { icon: <IdcardOutlined /> }, pages: { list: page(() => import('./pages/profiles/ProfileList.tsx'), (m) => m.ProfileList) } },
  { name: 'memberships', list: '/memberships', meta: { icon: <SafetyCertificateOutlined /> }, pages: { list: page(() => import('./pages/memberships/MembershipList.tsx'), (m) => m.MembershipList) } },
  { name: 'lock_decisions', list: '/lock_decisions', meta: { icon: <AuditOutlined /> }, pages: { list: page(() => import('./pages/lock_decisions/LockDecisionList.tsx'), (m) => m.LockDecisionList) } },
  { name: 'gradebook_locks', list: '/gradebook_locks', meta: { icon: <LockOutlined /> }, pages: { list: page(() => import('./pages/gradebook_locks/GradebookLockList.tsx'), (m) => m.GradebookLockList) } },
  { name: 'school_deadlines', list: '/school_deadlines', meta: { icon: <FieldTimeOutlined /> }, pages: { list: page(() => import('./pages/school_deadlines/SchoolDeadlineList.tsx'), (m) => m.SchoolDeadlineList) } },
  { name: 'documents', list: '/documents', meta: { icon: <PrinterOutlined /> }, pages: { list: page(() => import('./pages/documents/DocumentList.tsx'), (m) => m.DocumentList) } },
  { name: 'signing', list: '/signing', meta: { icon: <SignatureOutlined /> }, pages: { list: page(() => import('./pages/signing/SigningPage.tsx'), (m) => m.SigningPage) } },
  { name: 'health', list: '/health', meta: { icon: <MedicineBoxOutlined /> }, pages: { list: page(health, (m) => m.HealthPage) } },
  { name: 'health_alerts', list: '/health_alerts', meta: { icon: <AlertOutlined /> }, pages: { list: page(health, (m) => m.HealthAlertsPage) } },
  { name: 'dossiers', list: '/dossiers', meta: { icon: <FolderOpenOutlined /> }, pages: { list: page(dossiers, (m) => m.MyDossiersPage) } },
  { name: 'dossier_reviews', list: '/dossier_reviews', meta: { icon: <FileDoneOutlined /> }, pages: { list: page(dossiers, (m) => m.ReviewPage) } },
  { name: 'dossier_compliance', list: '/dossier_compliance', meta: { icon: <FundOutlined /> }, pages: { list: page(dossiers, (m) => m.CompliancePage) } },
  { name: 'dossier_catalogue', list: '/dossier_catalogue', meta: { icon: <UnorderedListOutlined /> }, pages: { list: page(dossiers, (m) => m.CataloguePage) } },
  { name: 'dossier_schools', list: '/dossier_schools', meta: { icon: <BankOutlined /> }, pages: { list: page(dossiers, (m) => m.SchoolsPage) } },
  { name: 'office_overview', list: '/office_overview', meta: { icon: <GlobalOutlined /> }, pages: { list: page(() => import('./pages/office_overview/OfficeOverviewPage.tsx'), (m) => m.OfficeOverviewPage) } },
  { name: 'year_cycle', list: '/year_cycle', meta: { icon: <RetweetOutlined /> }, pages: { list: page(() => import('./pages/year_cycle/YearCyclePage.tsx'), (m) => m.YearCyclePage) } },
  { name: 'backups', list: '/backups', meta: { icon: <CloudServerOutlined /> }, pages: { list: page(() => import('./pages/backups/BackupsPage.tsx'), (m) => m.BackupsPage) } },
  { name: 'status', list: '/status', meta: { icon: <DashboardOutlined /> }, pages: { list: page(() => import('./pages/status/StatusList.tsx'), (m) => m.StatusList) } },
];

/** A route of the admin: its path, the page, and the matrix cell that guards it. */
export interface AppRoute {
  path: string;
  resource: Resource;
  action: RouteAction;
  Page: Page;
}

/** Every declared path of every resource, as a route (the nested ones take what lies below them). */
export function routesOf(list: readonly AppResource[]): AppRoute[] {
  return list.flatMap((resource) =>
    ROUTE_ACTIONS.flatMap((action) => {
      const path = resource[action];
      const Page = resource.pages[action];
      if (typeof path !== 'string' || !Page) return [];
      return [{ path: resource.nested ? `${path}/*` : path, resource: resource.name, action, Page }];
    }),
  );
}
