// The national subject catalogue (CT GDPT 2018) and the place, ethnicity and occupation lists the seed
// and the scale generator draw from. Data, not logic: ../shared/docs/DOMAIN.md §2–3 is the source.

export type SchoolLevel = 'primary' | 'lower_secondary' | 'upper_secondary';
export type AssessmentKind = 'scored' | 'comment';
export type SubjectCategory = 'compulsory' | 'elective' | 'topic' | 'activity';

export interface SubjectDef {
  school_level: SchoolLevel;
  code: string;
  name: string;
  assessment_kind: AssessmentKind;
  category: SubjectCategory;
  default_periods_per_year: number;
  sort_order: number;
}

type Row = [code: string, name: string, kind: AssessmentKind, category: SubjectCategory, periods: number];

// Upper secondary, in the programme's order: compulsory subjects, the electives (four chosen), the
// educational activities and local content, then the learning topics (chuyên đề học tập, three a year).
const UPPER: Row[] = [
  ['ngu_van', 'Ngữ văn', 'scored', 'compulsory', 105],
  ['toan', 'Toán', 'scored', 'compulsory', 105],
  ['ngoai_ngu_1', 'Ngoại ngữ 1', 'scored', 'compulsory', 105],
  ['lich_su', 'Lịch sử', 'scored', 'compulsory', 52],
  ['gdtc', 'Giáo dục thể chất', 'comment', 'compulsory', 70],
  ['gdqp_an', 'Giáo dục quốc phòng và an ninh', 'scored', 'compulsory', 35],
  ['dia_li', 'Địa lí', 'scored', 'elective', 70],
  ['gdktpl', 'Giáo dục kinh tế và pháp luật', 'scored', 'elective', 70],
  ['vat_li', 'Vật lí', 'scored', 'elective', 70],
  ['hoa_hoc', 'Hoá học', 'scored', 'elective', 70],
  ['sinh_hoc', 'Sinh học', 'scored', 'elective', 70],
  ['cong_nghe', 'Công nghệ', 'scored', 'elective', 70],
  ['tin_hoc', 'Tin học', 'scored', 'elective', 70],
  ['am_nhac', 'Âm nhạc', 'comment', 'elective', 70],
  ['mi_thuat', 'Mĩ thuật', 'comment', 'elective', 70],
  ['hdtn_hn', 'Hoạt động trải nghiệm, hướng nghiệp', 'comment', 'activity', 105],
  ['ndgddp', 'Nội dung giáo dục của địa phương', 'comment', 'compulsory', 35],
  ['cd_ngu_van', 'Chuyên đề học tập Ngữ văn', 'scored', 'topic', 35],
  ['cd_toan', 'Chuyên đề học tập Toán', 'scored', 'topic', 35],
  ['cd_lich_su', 'Chuyên đề học tập Lịch sử', 'scored', 'topic', 35],
  ['cd_dia_li', 'Chuyên đề học tập Địa lí', 'scored', 'topic', 35],
  ['cd_gdktpl', 'Chuyên đề học tập Giáo dục kinh tế và pháp luật', 'scored', 'topic', 35],
  ['cd_vat_li', 'Chuyên đề học tập Vật lí', 'scored', 'topic', 35],
  ['cd_hoa_hoc', 'Chuyên đề học tập Hoá học', 'scored', 'topic', 35],
  ['cd_sinh_hoc', 'Chuyên đề học tập Sinh học', 'scored', 'topic', 35],
  ['cd_cong_nghe', 'Chuyên đề học tập Công nghệ', 'scored', 'topic', 35],
  ['cd_tin_hoc', 'Chuyên đề học tập Tin học', 'scored', 'topic', 35],
  ['cd_am_nhac', 'Chuyên đề học tập Âm nhạc', 'comment', 'topic', 35],
  ['cd_mi_thuat', 'Chuyên đề học tập Mĩ thuật', 'comment', 'topic', 35],
];

// Primary (TT27/2020 rates every subject T/H/C; scores of periodic tests come with a later issue).
const PRIMARY: Row[] = [
  ['tieng_viet', 'Tiếng Việt', 'comment', 'compulsory', 245],
  ['toan', 'Toán', 'comment', 'compulsory', 175],
  ['ngoai_ngu_1', 'Ngoại ngữ 1', 'comment', 'compulsory', 140],
  ['dao_duc', 'Đạo đức', 'comment', 'compulsory', 35],
  ['tnxh', 'Tự nhiên và Xã hội', 'comment', 'compulsory', 70],
  ['ls_dl', 'Lịch sử và Địa lí', 'comment', 'compulsory', 70],
  ['khoa_hoc', 'Khoa học', 'comment', 'compulsory', 70],
  ['tin_hoc_cong_nghe', 'Tin học và Công nghệ', 'comment', 'compulsory', 70],
  ['gdtc', 'Giáo dục thể chất', 'comment', 'compulsory', 70],
  ['nghe_thuat', 'Nghệ thuật', 'comment', 'compulsory', 70],
  ['hdtn', 'Hoạt động trải nghiệm', 'comment', 'activity', 105],
];

const toDefs = (level: SchoolLevel, rows: Row[]): SubjectDef[] =>
  rows.map(([code, name, assessment_kind, category, default_periods_per_year], i) => ({
    school_level: level, code, name, assessment_kind, category, default_periods_per_year, sort_order: (i + 1) * 10,
  }));

export const SUBJECTS: SubjectDef[] = [...toDefs('upper_secondary', UPPER), ...toDefs('primary', PRIMARY)];

/** What a class takes: subject code and periods per year. */
export type ClassProgramme = { code: string; periods: number }[];

const UPPER_COMPULSORY = ['ngu_van', 'toan', 'ngoai_ngu_1', 'lich_su', 'gdtc', 'gdqp_an', 'hdtn_hn', 'ndgddp'];

/** Elective combinations (four electives + three learning topics); class sections take them in turn. */
export const ELECTIVE_COMBINATIONS: { name: string; electives: string[]; topics: string[] }[] = [
  { name: 'Khoa học tự nhiên', electives: ['vat_li', 'hoa_hoc', 'sinh_hoc', 'tin_hoc'], topics: ['cd_toan', 'cd_vat_li', 'cd_hoa_hoc'] },
  { name: 'Khoa học xã hội', electives: ['dia_li', 'gdktpl', 'cong_nghe', 'tin_hoc'], topics: ['cd_ngu_van', 'cd_lich_su', 'cd_dia_li'] },
  { name: 'Tự nhiên – công nghệ', electives: ['vat_li', 'hoa_hoc', 'cong_nghe', 'tin_hoc'], topics: ['cd_toan', 'cd_vat_li', 'cd_tin_hoc'] },
  { name: 'Xã hội – nghệ thuật', electives: ['dia_li', 'gdktpl', 'sinh_hoc', 'am_nhac'], topics: ['cd_ngu_van', 'cd_dia_li', 'cd_gdktpl'] },
];

/** class_subjects_periods_per_year_check: between 1 and 400. */
const MAX_PERIODS = 400;

const periodsOf = (level: SchoolLevel, code: string) =>
  SUBJECTS.find((s) => s.school_level === level && s.code === code)!.default_periods_per_year;

/** The subjects of a class: upper secondary by section index (its combination), primary by grade. */
export function classProgramme(level: SchoolLevel, grade: number, sectionIndex: number): ClassProgramme {
  if (level === 'upper_secondary') {
    const combo = ELECTIVE_COMBINATIONS[sectionIndex % ELECTIVE_COMBINATIONS.length]!;
    return [...UPPER_COMPULSORY, ...combo.electives, ...combo.topics]
      .sort((a, b) => periodsOrder(level, a) - periodsOrder(level, b))
      .map((code) => ({ code, periods: periodsOf(level, code) }));
  }
  if (level !== 'primary') throw new Error(`no programme for ${level} yet`);
  const p: ClassProgramme = [
    // Grade 1 has 420 periods of Tiếng Việt; class_subjects allows at most 400 (proposed: 500).
    { code: 'tieng_viet', periods: Math.min(grade === 1 ? 420 : grade === 2 ? 350 : 245, MAX_PERIODS) },
    { code: 'toan', periods: grade === 1 ? 105 : 175 },
  ];
  if (grade >= 3) p.push({ code: 'ngoai_ngu_1', periods: 140 });
  p.push({ code: 'dao_duc', periods: 35 });
  if (grade <= 3) p.push({ code: 'tnxh', periods: 70 });
  if (grade >= 4) p.push({ code: 'ls_dl', periods: 70 }, { code: 'khoa_hoc', periods: 70 });
  if (grade >= 3) p.push({ code: 'tin_hoc_cong_nghe', periods: 70 });
  p.push({ code: 'gdtc', periods: 70 }, { code: 'nghe_thuat', periods: 70 }, { code: 'hdtn', periods: 105 });
  return p;
}

function periodsOrder(level: SchoolLevel, code: string) {
  return SUBJECTS.find((s) => s.school_level === level && s.code === code)!.sort_order;
}

/**
 * Departments (tổ chuyên môn) and the subjects their teachers teach. A learning topic is taught by a
 * teacher of its subject (cd_toan → toan's department and pool).
 */
export const DEPARTMENTS: Record<'upper_secondary' | 'primary', { name: string; subjects: string[] }[]> = {
  upper_secondary: [
    { name: 'Toán – Tin', subjects: ['toan', 'tin_hoc'] },
    { name: 'Ngữ văn', subjects: ['ngu_van'] },
    { name: 'Ngoại ngữ', subjects: ['ngoai_ngu_1'] },
    { name: 'Khoa học tự nhiên', subjects: ['vat_li', 'hoa_hoc', 'sinh_hoc', 'cong_nghe'] },
    { name: 'Khoa học xã hội', subjects: ['lich_su', 'dia_li', 'gdktpl', 'ndgddp', 'hdtn_hn'] },
    { name: 'GDTC – QP – Nghệ thuật', subjects: ['gdtc', 'gdqp_an', 'am_nhac', 'mi_thuat'] },
  ],
  primary: [
    { name: 'Tổ khối 1', subjects: [] },
    { name: 'Tổ khối 2', subjects: [] },
    { name: 'Tổ khối 3', subjects: [] },
    { name: 'Tổ khối 4', subjects: [] },
    { name: 'Tổ khối 5', subjects: [] },
    { name: 'Tổ chuyên biệt', subjects: ['ngoai_ngu_1', 'tin_hoc_cong_nghe', 'gdtc', 'nghe_thuat'] },
  ],
};

/** Primary: subjects the homeroom teacher teaches their own class (the rest go to specialist teachers). */
export const PRIMARY_HOMEROOM_SUBJECTS = new Set(['tieng_viet', 'toan', 'dao_duc', 'tnxh', 'ls_dl', 'khoa_hoc', 'hdtn']);

/** The teaching subject behind a code: a learning topic belongs to its subject. */
export const baseSubject = (code: string) => (code.startsWith('cd_') ? code.slice(3) : code);

// Tây Ninh: mostly Kinh, with Khmer, Hoa, Chăm, Xtiêng (Tà Mun) and Tày communities; Cao Đài and
// Buddhism are the common religions.
export const ETHNICITIES: [string, number][] = [['Kinh', 92], ['Khmer', 3.5], ['Hoa', 2], ['Chăm', 1.2], ['Xtiêng', 0.8], ['Tày', 0.5]];
export const RELIGIONS: [string, number][] = [['', 55], ['Phật giáo', 20], ['Cao Đài', 15], ['Công giáo', 7], ['Hòa Hảo', 3]];
export const BIRTH_PLACES: [string, number][] = [
  ['Tây Ninh', 88], ['TP. Hồ Chí Minh', 5], ['Bình Dương', 2], ['Long An', 2], ['An Giang', 1], ['Đồng Tháp', 1], ['Campuchia', 1],
];
export const HOMETOWNS: [string, number][] = [
  ['xã Tân Đông, tỉnh Tây Ninh', 50], ['xã Tân Châu, tỉnh Tây Ninh', 20], ['xã Tân Hội, tỉnh Tây Ninh', 8],
  ['xã Tân Hà, tỉnh Tây Ninh', 6], ['xã Tân Hòa, tỉnh Tây Ninh', 5], ['tỉnh Long An', 4], ['tỉnh Bến Tre', 3],
  ['tỉnh Nghệ An', 2], ['tỉnh Thanh Hóa', 2],
];
export const RESIDENCES: string[] = [
  'ấp Đông Hà, xã Tân Đông, tỉnh Tây Ninh', 'ấp Đông Tiến, xã Tân Đông, tỉnh Tây Ninh',
  'ấp Đông Hiệp, xã Tân Đông, tỉnh Tây Ninh', 'ấp Đông Lợi, xã Tân Đông, tỉnh Tây Ninh',
  'ấp Con Trăn, xã Tân Đông, tỉnh Tây Ninh', 'ấp Suối Dầm, xã Tân Đông, tỉnh Tây Ninh',
  'khu phố 1, xã Tân Châu, tỉnh Tây Ninh', 'khu phố 3, xã Tân Châu, tỉnh Tây Ninh',
  'ấp Tân Hòa, xã Tân Châu, tỉnh Tây Ninh', 'ấp Thạnh Phú, xã Tân Châu, tỉnh Tây Ninh',
];
export const OCCUPATIONS: Record<'male' | 'female', [string, number][]> = {
  male: [['Làm nông', 35], ['Công nhân', 18], ['Buôn bán', 10], ['Lao động tự do', 12], ['Tài xế', 6], ['Thợ hồ', 6],
    ['Công chức', 4], ['Giáo viên', 3], ['Kinh doanh', 4], ['Bộ đội', 2]],
  female: [['Làm nông', 30], ['Công nhân', 20], ['Buôn bán', 14], ['Nội trợ', 14], ['Thợ may', 6], ['Lao động tự do', 6],
    ['Công chức', 4], ['Giáo viên', 4], ['Kinh doanh', 2]],
};
