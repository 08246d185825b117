// Vietnamese formats and the official terms of printed documents. Every string that reaches a PDF goes
// through `nfc`: NFD input renders with misplaced diacritics and extracts as NFD (PDF_AND_SIGNING.md).
// Pure: no I/O.
import type { PeriodResult, SubjectRow, Tt27Year } from '../contracts/print.ts';

export const nfc = (s: string | null | undefined): string => (s ?? '').normalize('NFC');

/** 8.5 → "8,5"; one decimal always, as TT22 prints averages. */
export function score(v: number | null | undefined): string {
  return v == null ? '' : v.toFixed(1).replace('.', ',');
}

/** "2026-11-23" → "23/11/2026" (a calendar date, no time zone involved). */
export function date(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** "Tân Đông, ngày 23 tháng 11 năm 2026", written as Decree 30 (Annex I) asks. */
export function placeAndDate(place: string, iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return place;
  const day = m[3]!;
  const month = m[2]!;
  // Decree 30 Annex I: days 1–9 and months 1–2 are written with a leading 0.
  const d = Number(day) < 10 ? day : String(Number(day));
  const mo = Number(month) <= 2 ? month : String(Number(month));
  return `${place}, ngày ${d} tháng ${mo} năm ${m[1]}`;
}

export const LEVEL: Record<string, string> = { tot: 'Tốt', kha: 'Khá', dat: 'Đạt', chua_dat: 'Chưa đạt' };
export const level = (v: string | null | undefined) => (v ? LEVEL[v] ?? v : '');

export const GENDER: Record<string, string> = { male: 'Nam', female: 'Nữ' };
export const RELATIONSHIP: Record<string, string> = { father: 'Cha', mother: 'Mẹ', guardian: 'Người giám hộ' };

/** A comment-only subject: semesters Đ / CĐ, the year Đạt / Chưa đạt. */
export const rating = (v: boolean | null | undefined, year = false) =>
  v == null ? '' : year ? (v ? 'Đạt' : 'Chưa đạt') : v ? 'Đ' : 'CĐ';

/** The cells of one subject row: semester I, semester II, year, re-assessment. */
export function subjectCells(s: SubjectRow): [string, string, string, string] {
  if (s.exempt) return ['Miễn', 'Miễn', 'Miễn', ''];
  if (s.assessment_kind === 'scored') return [score(s.sem1), score(s.sem2), score(s.year), score(s.retest_score)];
  return [rating(s.sem1_rating), rating(s.sem2_rating), rating(s.year_rating, true), rating(s.retest_rating, true)];
}

/** The promotion line of the summary page (TT22 Điều 12–14), from the year's result. */
export function promotionLine(r: PeriodResult | undefined, grade: number, finalGrade: number): string {
  if (!r?.promotion) return '';
  if (r.promotion === 'retest') return 'Đánh giá lại các môn học trong kì nghỉ hè';
  if (r.promotion === 'summer_training') return 'Rèn luyện trong kì nghỉ hè';
  if (r.promotion === 'not_promoted') return grade === finalGrade ? 'Chưa hoàn thành chương trình' : 'Không được lên lớp';
  if (grade === finalGrade) return r.learning_after_retest || r.conduct_after_summer ? 'Hoàn thành chương trình sau đánh giá lại' : 'Hoàn thành chương trình';
  if (r.learning_after_retest) return 'Được lên lớp sau đánh giá lại các môn học';
  if (r.conduct_after_summer) return 'Được lên lớp sau rèn luyện trong kì nghỉ hè';
  return 'Được lên lớp';
}

export const AWARD: Record<string, string> = { xuat_sac: 'Học sinh Xuất sắc', gioi: 'Học sinh Giỏi' };

/** The last grade of each school level: its year ends with completing the programme, not promotion. */
export const FINAL_GRADE: Record<string, number> = { upper_secondary: 12, lower_secondary: 9, primary: 5 };

/** 128.5 → "128,5": a Vietnamese decimal, as many decimals as the value has. */
export function decimal(v: number | null | undefined): string {
  return v == null ? '' : String(v).replace('.', ',');
}

// TT27 (primary): the qualities and competencies in form order, with their groups; the levels as printed.
export const TT27_QUALITIES: { code: string; name: string; group: 'qualities' | 'general' | 'specific' }[] = [
  { code: 'yeu_nuoc', name: 'Yêu nước', group: 'qualities' },
  { code: 'nhan_ai', name: 'Nhân ái', group: 'qualities' },
  { code: 'cham_chi', name: 'Chăm chỉ', group: 'qualities' },
  { code: 'trung_thuc', name: 'Trung thực', group: 'qualities' },
  { code: 'trach_nhiem', name: 'Trách nhiệm', group: 'qualities' },
  { code: 'tu_chu_tu_hoc', name: 'Tự chủ và tự học', group: 'general' },
  { code: 'giao_tiep_hop_tac', name: 'Giao tiếp và hợp tác', group: 'general' },
  { code: 'gqvd_sang_tao', name: 'Giải quyết vấn đề và sáng tạo', group: 'general' },
  { code: 'ngon_ngu', name: 'Ngôn ngữ', group: 'specific' },
  { code: 'tinh_toan', name: 'Tính toán', group: 'specific' },
  { code: 'khoa_hoc', name: 'Khoa học', group: 'specific' },
  { code: 'cong_nghe', name: 'Công nghệ', group: 'specific' },
  { code: 'tin_hoc', name: 'Tin học', group: 'specific' },
  { code: 'tham_mi', name: 'Thẩm mĩ', group: 'specific' },
  { code: 'the_chat', name: 'Thể chất', group: 'specific' },
];
/** Qualities and competencies print T / Đ / C (Tốt, Đạt, Cần cố gắng). */
export const QUALITY_LEVEL: Record<string, string> = { tot: 'T', dat: 'Đ', ccg: 'C' };
export const TT27_RESULT: Record<string, string> = {
  xuat_sac: 'Hoàn thành xuất sắc', tot: 'Hoàn thành tốt', hoan_thanh: 'Hoàn thành', chua_hoan_thanh: 'Chưa hoàn thành',
};
/** TT27 Điều 15: the title a school awards for Hoàn thành xuất sắc (others are the school's decision). */
export const TT27_AWARD: Record<string, string> = { xuat_sac: 'Học sinh Xuất sắc' };

/** "Hoàn thành chương trình lớp 4" / "… tiểu học" / "Chưa hoàn thành chương trình lớp 4". */
export function completionLine(t: Pick<Tt27Year, 'completion'>, grade: number): string {
  if (t.completion === 'tieu_hoc') return 'Hoàn thành chương trình tiểu học';
  if (t.completion === 'lop_hoc') return `Hoàn thành chương trình lớp ${grade}`;
  if (t.completion === 'chua') return `Chưa hoàn thành chương trình lớp ${grade}`;
  return '';
}
