// Human labels of the matrix vocabulary, Vietnamese first. The admin builds its `roles.*`, `actions.*`
// and `scopes.*` translations from these, and the admin board's readable matrix uses them, so a role
// is named the same way everywhere. Official Vietnamese terms are kept (GVCN, GVBM, Phòng/Sở GD&ĐT).
import type { Action, Role, Scope } from './types.ts';

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

/** `{ principal: 'Hiệu trưởng', … }` for one language: the shape i18n resources want. */
export function labelsIn<K extends string>(labels: Record<K, Label>, language: Language): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(labels) as K[]) out[key] = labels[key][language];
  return out;
}
