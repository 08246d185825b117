// Vietnamese formats and the official terms of printed documents. Every string that reaches a PDF goes
// through `nfc`: NFD input renders with misplaced diacritics and extracts as NFD (PDF_AND_SIGNING.md).
// Pure: no I/O.
import type { PeriodResult, SubjectRow } from '../contracts/print.ts';

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
