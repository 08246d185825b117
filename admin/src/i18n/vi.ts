// Vietnamese, the default language. Keys follow STYLE.md: `<resource>.fields.<column>`, `menu.<resource>`,
// `roles.<role code>`. Role, action and scope names come from policies/labels.ts (one source).
import { ACTION_LABELS, ROLE_LABELS, SCOPE_LABELS, labelsIn } from '../../../policies/labels.ts';

export const vi = {
  app: {
    title: 'Sổ điện tử',
    tagline: 'Sổ điểm điện tử, học bạ số và hồ sơ điện tử',
  },
  menu: {
    dashboard: 'Trang chủ',
    status: 'Trạng thái hệ thống',
  },
  language: {
    label: 'Ngôn ngữ',
    vi: 'Tiếng Việt',
    en: 'English',
  },
  login: {
    title: 'Đăng nhập',
    subtitle: 'Đăng nhập bằng tài khoản do nhà trường cấp',
    submit: 'Đăng nhập',
    fields: {
      email: 'Email',
      password: 'Mật khẩu',
    },
    validation: {
      email_required: 'Vui lòng nhập email',
      email_invalid: 'Email không hợp lệ',
      password_required: 'Vui lòng nhập mật khẩu',
    },
    errors: {
      title: 'Đăng nhập không thành công',
      invalid_credentials: 'Email hoặc mật khẩu không đúng',
      too_many_attempts: 'Bạn đã nhập sai quá nhiều lần, vui lòng thử lại sau 15 phút',
      network: 'Không kết nối được máy chủ, vui lòng kiểm tra mạng và thử lại',
      unknown: 'Không đăng nhập được: {{message}}',
    },
  },
  header: {
    sign_out: 'Đăng xuất',
    no_roles: 'Chưa có vai trò',
  },
  session: {
    expired: 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại',
  },
  roles: labelsIn(ROLE_LABELS, 'vi'),
  actions: labelsIn(ACTION_LABELS, 'vi'),
  scopes: labelsIn(SCOPE_LABELS, 'vi'),
  org_unit_kinds: {
    province: 'Sở GD&ĐT',
    district: 'Phòng GD&ĐT',
    school: 'Trường',
  },
  dashboard: {
    greeting: 'Xin chào, {{name}}',
    intro: 'Đây là các vai trò của bạn trong Sổ điện tử.',
    context_error: 'Không tải được thông tin vai trò. Một số chức năng có thể bị ẩn.',
    no_memberships: 'Tài khoản chưa được gán vai trò nào',
  },
  memberships: {
    title: 'Vai trò của bạn',
    fields: {
      org_unit_name: 'Đơn vị',
      org_unit_kind: 'Cấp',
      school_year: 'Năm học',
      role: 'Vai trò',
    },
  },
  status: {
    title: 'Trạng thái hệ thống',
    reload: 'Tải lại',
    error: 'Không lấy được trạng thái hệ thống',
    server: 'Máy chủ',
    caller: 'Người gọi',
    no_migrations: 'Chưa áp dụng migration nào',
    fields: {
      postgres_version: 'Phiên bản PostgreSQL',
      postgrest_version: 'Phiên bản PostgREST',
      migrations: 'Migration đã áp dụng',
      version: 'Phiên bản',
      name: 'Tên',
      id: 'Mã người dùng',
      email: 'Email',
      role: 'Vai trò cơ sở dữ liệu',
      roles: 'Vai trò',
    },
  },
  access: {
    denied: 'Bạn không có quyền truy cập trang này',
    not_found: 'Không tìm thấy trang',
    back_home: 'Về trang chủ',
  },
  config: {
    error_title: 'Chưa cấu hình máy chủ',
    error_description:
      'Không đọc được config.json và bản dựng không có VITE_SUPABASE_URL / VITE_SUPABASE_ANON_KEY.',
  },
  common: {
    empty: '—',
    loading: 'Đang tải…',
  },
  // Keys Refine itself asks for (buttons, notifications, unsaved-changes prompt).
  buttons: {
    logout: 'Đăng xuất',
    refresh: 'Tải lại',
  },
  notifications: {
    error: 'Lỗi (mã trạng thái: {{statusCode}})',
    success: 'Thành công',
  },
  warnWhenUnsavedChanges: 'Bạn có chắc muốn rời trang? Các thay đổi chưa được lưu.',
};

/** The shape every language must have: the same keys, any strings. */
type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
export type AppMessages = Messages<typeof vi>;
