// Refine resources, declared once: name = matrix entry = route = i18n `menu.<name>`. The menu shows a
// resource when the access-control provider allows `list` on it.
import {
  ApartmentOutlined,
  BookOutlined,
  AuditOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  DiffOutlined,
  ReadOutlined,
  SmileOutlined,
  ClusterOutlined,
  EditOutlined,
  LockOutlined,
  TableOutlined,
  DashboardOutlined,
  HomeOutlined,
  IdcardOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ResourceProps } from '@refinedev/core';
import type { Resource } from '../../policies/types.ts';

export const resources: (ResourceProps & { name: Resource })[] = [
  { name: 'dashboard', list: '/', meta: { icon: <HomeOutlined /> } },
  { name: 'students', list: '/students', edit: '/students/edit/:id', meta: { icon: <TeamOutlined /> } },
  { name: 'score_entries', list: '/score_entries', meta: { icon: <EditOutlined /> } },
  { name: 'student_results', list: '/student_results', meta: { icon: <TableOutlined /> } },
  { name: 'conduct_ratings', list: '/conduct_ratings', meta: { icon: <SmileOutlined /> } },
  { name: 'attendance', list: '/attendance', meta: { icon: <CalendarOutlined /> } },
  { name: 'correction_requests', list: '/correction_requests', meta: { icon: <DiffOutlined /> } },
  { name: 'result_publications', list: '/result_publications', meta: { icon: <CheckSquareOutlined /> } },
  { name: 'my_results', list: '/my_results', meta: { icon: <ReadOutlined /> } },
  { name: 'enrolments', list: '/enrolments', meta: { icon: <SwapOutlined /> } },
  { name: 'classes', list: '/classes', meta: { icon: <ApartmentOutlined /> } },
  { name: 'class_subjects', list: '/class_subjects', meta: { icon: <BookOutlined /> } },
  { name: 'teaching_assignments', list: '/teaching_assignments', meta: { icon: <ScheduleOutlined /> } },
  { name: 'departments', list: '/departments', meta: { icon: <ClusterOutlined /> } },
  { name: 'profiles', list: '/profiles', meta: { icon: <IdcardOutlined /> } },
  { name: 'memberships', list: '/memberships', meta: { icon: <SafetyCertificateOutlined /> } },
  { name: 'lock_decisions', list: '/lock_decisions', meta: { icon: <AuditOutlined /> } },
  { name: 'gradebook_locks', list: '/gradebook_locks', meta: { icon: <LockOutlined /> } },
  { name: 'status', list: '/status', meta: { icon: <DashboardOutlined /> } },
];
