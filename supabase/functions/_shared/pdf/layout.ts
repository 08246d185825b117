// The print layout as data (FORMS.md's "(check)" items): labels, subject order, place-name lines. The
// national defaults live here; a school's `print_layouts` record (the newest version) overrides any of
// them, and the document names the version it was rendered with. Pure: no I/O, no React.
import { z } from 'zod';

export const LAYOUT_LABELS = {
  motto_1: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto_2: 'Độc lập - Tự do - Hạnh phúc',
  transcript_title_upper_secondary: 'HỌC BẠ TRUNG HỌC PHỔ THÔNG',
  transcript_title_lower_secondary: 'HỌC BẠ TRUNG HỌC CƠ SỞ',
  transcript_title_primary: 'HỌC BẠ TIỂU HỌC',
  register_suffix_upper_secondary: '/THPT',
  register_suffix_lower_secondary: '/THCS',
  register_suffix_primary: '/TH',
  register_label: 'Số sổ đăng bộ PCGD',
  study_history: 'QUÁ TRÌNH HỌC TẬP',
  subject_column: 'Môn học/Hoạt động giáo dục',
  semester_1: 'Học kì I',
  semester_2: 'Học kì II',
  whole_year: 'Cả năm',
  retest_column: 'Điểm KTĐG lại hoặc mức đánh giá lại',
  comment_column: 'Nhận xét của giáo viên môn học (ghi rõ họ tên)',
  corrections_footer: 'Trong trang này có sửa chữa ở {count} chỗ, thuộc môn học, hoạt động giáo dục: {subjects}',
  homeroom_confirm: 'Xác nhận của giáo viên chủ nhiệm',
  principal_confirm: 'Xác nhận của Hiệu trưởng',
  conduct_result: 'Kết quả rèn luyện',
  learning_result: 'Kết quả học tập',
  absences: 'Tổng số buổi nghỉ học',
  after_summer: 'Kết quả rèn luyện sau rèn luyện trong kì nghỉ hè',
  after_retest: 'Kết quả học tập sau đánh giá lại các môn học',
  homeroom_comment: 'NHẬN XÉT CỦA GIÁO VIÊN CHỦ NHIỆM',
  principal_approval: 'PHÊ DUYỆT CỦA HIỆU TRƯỞNG',
  awards: 'Khen thưởng',
  tt27_subject_column: 'Môn học và hoạt động giáo dục',
  tt27_level_column: 'Mức đạt được',
  tt27_test_column: 'Điểm KTĐK',
  tt27_comment_column: 'Nhận xét',
  tt27_qualities_title: 'PHẨM CHẤT VÀ NĂNG LỰC',
  tt27_quality_column: 'Phẩm chất, năng lực',
  tt27_qualities_group: 'Những phẩm chất chủ yếu',
  tt27_general_group: 'Những năng lực chung',
  tt27_specific_group: 'Những năng lực đặc thù',
  tt27_qualities_comment: 'Nhận xét về phẩm chất',
  tt27_competencies_comment: 'Nhận xét về năng lực',
  tt27_result_title: 'ĐÁNH GIÁ KẾT QUẢ GIÁO DỤC',
  tt27_completion: 'Hoàn thành chương trình lớp học/chương trình tiểu học',
  tt27_homeroom: 'Giáo viên chủ nhiệm',
  tt27_principal_confirm: 'XÁC NHẬN CỦA HIỆU TRƯỞNG',
  gradebook_title: 'SỔ THEO DÕI VÀ ĐÁNH GIÁ HỌC SINH',
  gradebook_subtitle: '(Theo lớp học)',
  gradebook_instructions_title: 'HƯỚNG DẪN SỬ DỤNG SỔ',
  gradebook_instructions: 'Sổ được in từ cơ sở dữ liệu của nhà trường sau khi khoá sổ. Mỗi môn học có một trang cho từng học kì; giáo viên môn học ký xác nhận cuối trang. Điểm số ghi một chữ số thập phân; môn đánh giá bằng nhận xét ghi Đ (Đạt) hoặc CĐ (Chưa đạt). Chỗ sửa chữa theo biên bản được đếm ở cuối trang của môn học.',
  gradebook_profiles_title: 'SƠ YẾU LÝ LỊCH HỌC SINH',
  gradebook_attendance_title: 'THEO DÕI CHUYÊN CẦN',
  gradebook_attendance_hint: 'P: nghỉ có phép; K: nghỉ không phép',
  gradebook_regular: 'ĐĐGtx',
  gradebook_midterm: 'ĐĐGgk',
  gradebook_final: 'ĐĐGck',
  gradebook_semester_average: 'ĐTBmhk',
  gradebook_year_average: 'ĐTBmcn',
  gradebook_retest: 'Đánh giá lại',
  gradebook_notes: 'Ghi chú',
  gradebook_subject_teacher: 'Giáo viên môn học',
  gradebook_corrections: 'Trong trang này có sửa chữa ở {count} chỗ.',
  gradebook_summary_title: 'TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ',
  gradebook_year_title: 'TỔNG HỢP KẾT QUẢ CẢ NĂM HỌC',
  gradebook_totals_title: 'THỐNG KÊ CỦA LỚP',
  gradebook_review_title: 'NHẬN XÉT CỦA HIỆU TRƯỞNG',
  draft: 'Bản nháp – không phải bản chính',
  copy_mark: 'BẢN SAO – cấp lại lần thứ {count}',
  copy_title: 'SAO Y BẢN CHÍNH',
  copy_signer: 'HIỆU TRƯỞNG',
  family_view: 'Bản xem – không phải bản chính',
  sign_hint: '(Ký và ghi rõ họ tên)',
  sign_seal_hint: '(Ký, ghi rõ họ tên và đóng dấu)',
} as const;
export type LabelKey = keyof typeof LAYOUT_LABELS;

/** What a school may override; unknown keys are refused so a typo is not silently ignored. */
export const layoutSettingsSchema = z.strictObject({
  labels: z.partialRecord(z.enum(Object.keys(LAYOUT_LABELS) as [LabelKey, ...LabelKey[]]), z.string().min(1)).optional(),
  /** Subject codes in print order; subjects not listed follow in the national order. */
  subject_order: z.array(z.string()).optional(),
  /** The issuing body above the school (Decree 30: parent body first), e.g. "SỞ GD&ĐT TÂY NINH". */
  parent_body: z.string().optional(),
  /** Place-name lines of the cover (since July 2025: commune/ward and province, no district). */
  commune: z.string().optional(),
  province: z.string().optional(),
  /** The place in the date line: "<place>, ngày … tháng … năm …". */
  place: z.string().optional(),
});
export type LayoutSettings = z.infer<typeof layoutSettingsSchema>;

export interface Layout {
  version: number;
  labels: Record<LabelKey, string>;
  subjectOrder: string[];
  parentBody: string;
  commune: string;
  province: string;
  place: string;
}

/** The school's parent body as printed: "Sở GD&ĐT Tây Ninh" → "SỞ GD&ĐT TÂY NINH". */
function defaultParentBody(parentName: string | null): string {
  return (parentName ?? '').toLocaleUpperCase('vi');
}

/** "Trường THPT Tân Đông" → "Tân Đông": the place of a school named after its commune. */
function defaultPlace(schoolName: string): string {
  return schoolName.replace(/^Trường\s+(THPT|THCS|Tiểu học|TH)\s+/i, '').trim();
}

/** "Sở GD&ĐT Tây Ninh" → "Tây Ninh". */
function defaultProvince(names: (string | null)[]): string {
  const so = names.find((n) => n && /^Sở\s/.test(n));
  return so ? so.replace(/^Sở\s+(GD&ĐT|Giáo dục và Đào tạo)\s+/i, '').trim() : '';
}

export function resolveLayout(
  record: { version: number; settings: unknown },
  school: { name: string; parent_name: string | null; grandparent_name: string | null },
): Layout {
  const parsed = layoutSettingsSchema.safeParse(record.settings ?? {});
  // A stored record that no longer parses prints with the national defaults rather than not at all;
  // its version is still named, so the document can be traced.
  const s: LayoutSettings = parsed.success ? parsed.data : {};
  const place = s.place ?? defaultPlace(school.name);
  return {
    version: record.version,
    labels: { ...LAYOUT_LABELS, ...(s.labels ?? {}) } as Record<LabelKey, string>,
    subjectOrder: s.subject_order ?? [],
    parentBody: s.parent_body ?? defaultParentBody(school.parent_name),
    commune: s.commune ?? (place ? `Xã ${place}` : ''),
    province: s.province ?? (defaultProvince([school.parent_name, school.grandparent_name]) ? `Tỉnh ${defaultProvince([school.parent_name, school.grandparent_name])}` : ''),
    place,
  };
}

/** `{count}`-style placeholders filled in. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}

/** Subjects in the layout's order, then the national order (sort_order, name). */
export function orderSubjects<T extends { code: string; sort_order: number; name: string }>(rows: T[], order: string[]): T[] {
  const rank = (r: T) => {
    const i = order.indexOf(r.code);
    return i < 0 ? order.length : i;
  };
  return [...rows].sort((a, b) => rank(a) - rank(b) || a.sort_order - b.sort_order || a.name.localeCompare(b.name, 'vi'));
}
