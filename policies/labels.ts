// Human labels of the matrix vocabulary, Vietnamese first. The admin builds its `roles.*`, `actions.*`
// and `scopes.*` translations from these, and the admin board's readable matrix uses them, so a role
// is named the same way everywhere. Official Vietnamese terms are kept (GVCN, GVBM, Phòng/Sở GD&ĐT).
import type { Action, Resource, Role, Scope } from './types.ts';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Label = Record<Language, string>;

export const ROLE_LABELS: Record<Role, Label> = {
  principal: { vi: 'Hiệu trưởng', en: 'Principal' },
  vice_principal: { vi: 'Phó hiệu trưởng', en: 'Vice principal' },
  admin_board: { vi: 'Ban quản trị', en: 'Admin board' },
  dept_head: { vi: 'Tổ trưởng chuyên môn', en: 'Head of department' },
  homeroom_teacher: { vi: 'Giáo viên chủ nhiệm', en: 'Homeroom teacher' },
  subject_teacher: { vi: 'Giáo viên bộ môn', en: 'Subject teacher' },
  nurse: { vi: 'Nhân viên y tế', en: 'School nurse' },
  clerk: { vi: 'Văn thư – giáo vụ', en: 'Clerk' },
  it_staff: { vi: 'Bộ phận CNTT', en: 'IT staff' },
  inspector: { vi: 'Ban thanh tra nhân dân', en: "People's inspection board" },
  union_officer: { vi: 'Công đoàn – đoàn thể', en: 'Union officer' },
  district_officer: { vi: 'Cán bộ Phòng GD&ĐT', en: 'District education officer' },
  province_officer: { vi: 'Cán bộ Sở GD&ĐT', en: 'Provincial education officer' },
  guardian: { vi: 'Phụ huynh', en: 'Parent / guardian' },
  student: { vi: 'Học sinh', en: 'Student' },
};

export const ACTION_LABELS: Record<Action, Label> = {
  list: { vi: 'Xem danh sách', en: 'List' },
  show: { vi: 'Xem chi tiết', en: 'View' },
  create: { vi: 'Thêm mới', en: 'Create' },
  edit: { vi: 'Sửa', en: 'Edit' },
  delete: { vi: 'Xoá', en: 'Delete' },
  lock: { vi: 'Khoá sổ', en: 'Lock' },
  unlock: { vi: 'Mở khoá', en: 'Unlock' },
  approve: { vi: 'Phê duyệt', en: 'Approve' },
  sign: { vi: 'Ký số', en: 'Sign' },
  print: { vi: 'In', en: 'Print' },
  export: { vi: 'Xuất dữ liệu', en: 'Export' },
  appoint: { vi: 'Bổ nhiệm Ban giám hiệu', en: 'Appoint the principal and vice principals' },
  reset_password: { vi: 'Đặt lại mật khẩu', en: 'Reset password' },
  link: { vi: 'Liên kết tài khoản', en: 'Link an account' },
};

export const SCOPE_LABELS: Record<Scope, Label> = {
  none: { vi: 'Không có quyền', en: 'None' },
  self: { vi: 'Của bản thân', en: 'Own records' },
  guardian_of: { vi: 'Của con em mình', en: "Own children's records" },
  assignment: { vi: 'Lớp – môn được phân công', en: 'Assigned classes and subjects' },
  homeroom: { vi: 'Lớp chủ nhiệm', en: 'Own homeroom class' },
  department: { vi: 'Tổ chuyên môn', en: 'Department' },
  school: { vi: 'Toàn trường', en: 'Whole school' },
  district: { vi: 'Toàn Phòng GD&ĐT', en: 'Whole district' },
  province: { vi: 'Toàn Sở GD&ĐT', en: 'Whole province' },
};

export const RESOURCE_LABELS: Record<Resource, Label> = {
  dashboard: { vi: 'Trang chủ', en: 'Home' },
  status: { vi: 'Trạng thái hệ thống', en: 'System status' },
  account: { vi: 'Tài khoản', en: 'Account' },
  schools: { vi: 'Trường học', en: 'Schools' },
  school_years: { vi: 'Năm học', en: 'School years' },
  subjects: { vi: 'Môn học', en: 'Subjects' },
  departments: { vi: 'Tổ chuyên môn', en: 'Departments' },
  department_members: { vi: 'Thành viên tổ chuyên môn', en: 'Department members' },
  classes: { vi: 'Lớp học', en: 'Classes' },
  class_subjects: { vi: 'Môn học của lớp', en: 'Class subjects' },
  teaching_assignments: { vi: 'Phân công giảng dạy', en: 'Teaching assignments' },
  students: { vi: 'Học sinh', en: 'Students' },
  student_details: { vi: 'Lý lịch học sinh', en: 'Student details' },
  guardians: { vi: 'Cha mẹ – người giám hộ', en: 'Guardians' },
  enrolments: { vi: 'Xếp lớp', en: 'Enrolments' },
  subject_exemptions: { vi: 'Miễn học', en: 'Subject exemptions' },
  profiles: { vi: 'Hồ sơ người dùng', en: 'User profiles' },
  memberships: { vi: 'Vai trò', en: 'Roles' },
  audit_log: { vi: 'Nhật ký', en: 'Audit log' },
  school_summaries: { vi: 'Tổng hợp theo trường', en: 'School summaries' },
  score_entries: { vi: 'Sổ điểm', en: 'Gradebook' },
  subject_comments: { vi: 'Nhận xét môn học', en: 'Subject comments' },
  conduct_ratings: { vi: 'Kết quả rèn luyện', en: 'Conduct ratings' },
  attendance: { vi: 'Chuyên cần', en: 'Attendance' },
  subject_results: { vi: 'Kết quả môn học', en: 'Subject results' },
  student_results: { vi: 'Tổng hợp kết quả lớp', en: 'Class results summary' },
  lock_decisions: { vi: 'Quyết định khoá sổ', en: 'Lock decisions' },
  gradebook_locks: { vi: 'Khoá sổ điểm', en: 'Gradebook locks' },
  correction_requests: { vi: 'Đề nghị sửa điểm', en: 'Correction requests' },
  result_publications: { vi: 'Duyệt và công bố kết quả', en: 'Approval and publication of results' },
  my_results: { vi: 'Kết quả học tập', en: 'Results' },
  quality_ratings: { vi: 'Phẩm chất, năng lực', en: 'Qualities and competencies' },
  gradebook_progress: { vi: 'Tiến độ nhập điểm', en: 'Entry progress' },
  inspections: { vi: 'Kiểm tra', en: 'Checks' },
  school_deadlines: { vi: 'Thời hạn và lịch kiểm tra', en: 'Deadlines and test dates' },
  documents: { vi: 'In ấn và lưu trữ', en: 'Printing and archive' },
  signing: { vi: 'Ký số', en: 'Digital signatures' },
  health: { vi: 'Y tế trường học', en: 'School health' },
  health_alerts: { vi: 'Cảnh báo sức khỏe', en: 'Health alerts' },
  account_events: { vi: 'Nhật ký tài khoản', en: 'Account records' },
  dossiers: { vi: 'Hồ sơ của tôi', en: 'My dossiers' },
  dossier_reviews: { vi: 'Duyệt hồ sơ', en: 'Dossier review' },
  dossier_compliance: { vi: 'Theo dõi hồ sơ', en: 'Dossier tracking' },
  dossier_catalogue: { vi: 'Danh mục hồ sơ', en: 'Dossier catalogue' },
  dossier_schools: { vi: 'Hồ sơ các trường', en: "Schools' dossiers" },
  office_overview: { vi: 'Tổng quan các trường', en: "Schools' overview" },
  backups: { vi: 'Sao lưu và khôi phục', en: 'Backups and restore' },
  year_cycle: { vi: 'Chuyển năm học', en: 'Year change' },
};

/** `{ principal: 'Hiệu trưởng', … }` for one language: the shape i18n resources want. */
export function labelsIn<K extends string>(labels: Record<K, Label>, language: Language): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(labels) as K[]) out[key] = labels[key][language];
  return out;
}
