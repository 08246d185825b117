// The fixed wording of the biên bản sửa chữa dữ liệu (Decree 30/2020 minutes model; FORMS.md) and its
// time lines, shared by the admin's page (i18n `correction_requests.minutes.*`, the same Vietnamese in
// both languages, as printed records are) and the PDF of the `print` function. Pure: no I/O.
import { z } from 'zod';

export const MINUTES_TEXT = {
  motto1: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto2: 'Độc lập - Tự do - Hạnh phúc',
  number: 'Số: {{number}}/BB-SCDL',
  number_none: 'Số: …/BB-SCDL',
  place_date: '……, {{date}}',
  title: 'BIÊN BẢN SỬA CHỮA DỮ LIỆU',
  subtitle: 'Sổ điểm môn {{subject}} lớp {{class}}, {{semester}}, năm học {{year}}',
  time: 'Thời gian bắt đầu: {{time}}.',
  place: 'Địa điểm: {{place}}.',
  attendees: 'Thành phần tham dự:',
  request: 'Nội dung: Giải quyết đề nghị sửa điểm số {{number}} của {{name}}, gửi {{at}}.',
  reason: 'Lý do sửa: {{reason}}',
  decision: 'Ý kiến phê duyệt: {{name}} đã duyệt lúc {{at}}.',
  decision_note: 'Ý kiến: {{note}}',
  unlock: 'Ban quản trị ({{name}}) mở khoá lúc {{at}} cho đúng các ô đã duyệt, hạn đến {{until}}.',
  table: 'Các ô điểm đã sửa:',
  cols: {
    no: 'STT',
    student: 'Học sinh',
    entry: 'Cột điểm',
    recorded: 'Giá trị đã ghi',
    corrected: 'Giá trị sau sửa',
    reason: 'Lý do',
    evidence: 'Minh chứng',
  },
  not_applied: 'chưa sửa',
  changed: '{{name}}, {{at}}',
  evidence_cell: 'Kèm đề nghị ({{count}} tệp)',
  evidence_list: 'Minh chứng kèm theo: {{files}}',
  count: 'Số điểm đã sửa: {{count}}',
  closing: 'Sổ điểm được khoá lại lúc {{time}}. Biên bản kết thúc cùng ngày, đã đọc lại cho những người tham dự cùng nghe và thống nhất ký tên.',
  closing_open: 'Sổ điểm chưa được khoá lại.',
  sign_hint: '(Ký, ghi rõ họ tên)',
  chair: 'CHỦ TRÌ',
  secretary: 'THƯ KÝ',
  requester: 'NGƯỜI ĐỀ NGHỊ',
  homeroom: 'GIÁO VIÊN CHỦ NHIỆM',
  inspector: 'BAN THANH TRA NHÂN DÂN',
} as const;

/** The capacities in which the attendees sign (correction_witnesses.capacity). */
export const MINUTES_CAPACITIES = {
  bgh: 'Đại diện Ban giám hiệu',
  admin_board: 'Ban quản trị',
  inspector: 'Ban thanh tra nhân dân',
  requester: 'Người đề nghị',
  homeroom: 'Giáo viên chủ nhiệm',
};

/** The parts of a timestamp in Asia/Ho_Chi_Minh (two digits each, 24-hour clock); null when invalid. */
function vnParts(value: string | null | undefined): Record<string, string> | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((x) => [x.type, x.value]),
  );
}

/** "14 giờ 05 phút, ngày 22 tháng 11 năm 2026" in Asia/Ho_Chi_Minh (the minutes' time lines). */
export function minutesDateTime(value: string | null | undefined): string {
  const p = vnParts(value);
  return p ? `${p.hour} giờ ${p.minute} phút, ngày ${p.day} tháng ${p.month} năm ${p.year}` : '';
}

/** "ngày 23 tháng 11 năm 2026" (the date line of the minutes). */
export function minutesDate(value: string | null | undefined): string {
  const full = minutesDateTime(value);
  return full ? full.slice(full.indexOf('ngày')) : '';
}

/** "23/11/2026 14:05" in Asia/Ho_Chi_Minh (the times inside the minutes); "…" when unknown. */
export function minutesShortDateTime(value: string | null | undefined): string {
  const p = vnParts(value);
  return p ? `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}` : '…';
}

/** The name shown for a stored evidence key: its slug without the time prefix ("bai-kiem-tra-15-phut.jpg"). */
export function evidenceDisplayName(name: string): string {
  const file = name.slice(name.lastIndexOf('/') + 1);
  return file.replace(/^\d{10,}-/, '');
}

/** What rpc correction_minutes answers, as far as the PDF prints it. */
export const minutesDataSchema = z.object({
  id: z.uuid(),
  number: z.number().int().nullable(),
  status: z.string(),
  school_name: z.string(),
  school_year_code: z.string(),
  class_name: z.string(),
  subject_name: z.string(),
  semester: z.number().int().nullable(),
  reason: z.string(),
  requested_by: z.string(),
  submitted_at: z.string().nullable(),
  decided_by: z.string().nullable(),
  decided_at: z.string().nullable(),
  decision_note: z.string().nullable(),
  unlocked_by: z.string().nullable(),
  unlocked_at: z.string().nullable(),
  unlock_ends_at: z.string().nullable(),
  relocked_at: z.string().nullable(),
  minuted_at: z.string().nullable(),
  minutes_place: z.string().nullable(),
  corrected_count: z.number().int(),
  witnesses: z.array(z.object({ capacity: z.enum(['bgh', 'admin_board', 'inspector', 'requester', 'homeroom']), full_name: z.string(), profile_id: z.string() })),
  items: z.array(z.object({
    student_id: z.string(), full_name: z.string(), student_code: z.string().nullable(), label: z.string(), kind: z.string(), seq: z.number().nullable(),
    recorded: z.string().nullable(), proposed: z.string().nullable(), old_value: z.string().nullable(), new_value: z.string().nullable(),
    audit_id: z.union([z.number(), z.string()]).nullable(), changed_by: z.string().nullable(), changed_at: z.string().nullable(),
  })),
});
export type MinutesPdfData = z.infer<typeof minutesDataSchema>;
