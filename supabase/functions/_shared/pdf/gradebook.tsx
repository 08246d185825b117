/** @jsxRuntime automatic */
/** @jsxImportSource react */
// The class gradebook (sổ theo dõi và đánh giá học sinh, theo lớp học; FORMS.md), one PART at a time —
// the book is printed in parts (migration 20261204000000_class_gradebook.sql) and joined by the jobs
// worker: front (cover, instructions, inner cover with class size and each subject's teacher, student
// profiles), attendance (a month, days 1–31, P/K), a subject (a page per semester: ĐĐGtx,
// ĐĐGgk, ĐĐGck, ĐTBmhk, in semester II ĐTBmcn and re-assessment, notes, the corrected-entries count and
// the subject teacher's signature), summary (semester I, II and the year per student, class totals, the
// principal's review page). A primary class (TT27) prints its subjects as levels T/H/C, test scores and
// comments at mid and end of each semester, and its summary as the qualities and competencies at the end
// of each semester with the year's result and completion. A function of its data, layout and options
// only: the same inputs give the same bytes. A year that is not final prints every page marked as a draft.
import { Text, View } from '@react-pdf/renderer';
import type {
  GradebookAttendance, GradebookFront, GradebookPart, GradebookSubject, GradebookSummary,
} from '../contracts/print.ts';
import { Field, OfficialDocument, PageFrame, Signature, slotName, styles, Table, type Column, type Verification } from './components.tsx';
import {
  AWARD, completionLine, date, decimal, FINAL_GRADE, GENDER, level, nfc, placeAndDate, promotionLine, QUALITY_LEVEL, rating, RELATIONSHIP, score,
  TT27_AWARD, TT27_QUALITIES, TT27_RESULT,
} from './format.ts';
import { fill, resolveLayout, type Layout } from './layout.ts';

export interface GradebookOptions {
  /** The verification line and QR code of the archived book, on every page of every part. */
  footer?: Verification | null;
  /** Pages of the parts before this one (page numbers continue through the book). */
  pageOffset?: number;
  /** The book's issue date (the PDF's creation date): the job's, so every part carries the same; a preview: its data's day. */
  issuedOn?: string;
}

const LEVEL_KEYS = ['tot', 'kha', 'dat', 'chua_dat'] as const;
const YEAR_END = new Set(['year_end', 'graduated']);
const LEFT: Record<string, string> = { transfer_out: 'Chuyển trường', dropout: 'Thôi học' };

type Frame = { mark: string | null; footer: Verification | null; pageOffset: number };

function ClassLine({ data }: { data: GradebookPart }) {
  return (
    <View style={[styles.row, { marginBottom: 4 }]}>
      <Field label="Trường" value={data.school.name} width="45%" />
      <Field label="Lớp" value={data.class.name} width="20%" />
      <Field label="Năm học" value={data.class.year_code.replace('-', ' - ')} width="35%" />
    </View>
  );
}

function FrontPages({ data, layout, frame }: { data: GradebookFront; layout: Layout; frame: Frame }) {
  const L = layout.labels;
  const boys = data.profiles.filter((p) => p.gender === 'male').length;
  // Leaving at the end of the year (year_end, graduated) is not a note; leaving during it is.
  const leftEarly = (p: GradebookFront['profiles'][number]) => p.end_reason != null && !YEAR_END.has(p.end_reason);
  const left = data.profiles.filter(leftEarly).length;
  const note = (p: GradebookFront['profiles'][number]) =>
    [p.transferred_from ? `Chuyển đến từ ${p.transferred_from} (${date(p.started_on)})` : '',
     p.start_reason === 'repeating' ? 'Lưu ban' : '',
     leftEarly(p) ? `${LEFT[p.end_reason!] ?? 'Rời lớp'} ${date(p.ended_on)}` : ''].filter(Boolean).join('; ');
  const profileColumns: Column[] = [
    { title: 'STT', width: '4%' },
    { title: 'Họ và tên', width: '15%', align: 'left' },
    { title: 'Mã học sinh', width: '9%' },
    { title: 'Ngày sinh', width: '8%' },
    { title: 'Giới tính', width: '6%' },
    { title: 'Dân tộc', width: '6%' },
    { title: 'Nơi sinh', width: '12%', align: 'left' },
    { title: 'Chỗ ở hiện tại', width: '15%', align: 'left' },
    { title: 'Cha, mẹ hoặc người giám hộ (nghề nghiệp)', width: '17%', align: 'left' },
    { title: 'Ghi chú', width: '8%', align: 'left' },
  ];
  return (
    <>
      <PageFrame {...frame}>
        <View style={{ alignItems: 'center', marginTop: 30 }}>
          <Text>{nfc(layout.parentBody)}</Text>
          <Text style={styles.bold}>{nfc(data.school.name.toLocaleUpperCase('vi'))}</Text>
          <View style={[styles.rule, { width: 80 }]} />
          <Text style={{ fontSize: 18, lineHeight: '24pt', fontWeight: 700, marginTop: 150, textAlign: 'center' }}>{nfc(L.gradebook_title)}</Text>
          <Text style={[styles.italic, { fontSize: 13 }]}>{nfc(L.gradebook_subtitle)}</Text>
          <View style={{ marginTop: 100, alignItems: 'flex-start', width: '70%', gap: 4 }}>
            <Field label="Lớp" value={data.class.name} />
            <Field label="Giáo viên chủ nhiệm" value={data.class.homeroom_teacher} />
            <Field label="Năm học" value={data.class.year_code.replace('-', ' - ')} />
            <Field label="Xã/Phường" value={layout.commune} />
            <Field label="Tỉnh/Thành phố" value={layout.province} />
          </View>
        </View>
      </PageFrame>
      <PageFrame {...frame}>
        <Text style={styles.title}>{nfc(L.gradebook_instructions_title)}</Text>
        <Text style={{ textAlign: 'justify' }}>{nfc(L.gradebook_instructions)}</Text>
        <Text style={[styles.title, { marginTop: 24 }]}>{nfc(`LỚP ${data.class.name}`)}</Text>
        <View style={{ gap: 3, marginBottom: 8 }}>
          <Field label="Giáo viên chủ nhiệm" value={data.class.homeroom_teacher} />
          <Field label="Sĩ số" value={`${data.profiles.length} (nam ${boys}, nữ ${data.profiles.length - boys}${left ? `; đã rời lớp ${left}` : ''})`} />
        </View>
        <Table
          columns={[{ title: 'STT', width: '8%' }, { title: 'Môn học/Hoạt động giáo dục', width: '47%', align: 'left' }, { title: 'Giáo viên giảng dạy', width: '45%', align: 'left' }]}
          rows={data.subjects.map((s, i) => [String(i + 1), s.name, s.teachers.filter(Boolean).join(', ')])}
        />
      </PageFrame>
      <PageFrame {...frame} orientation="landscape">
        <Text style={styles.title}>{nfc(L.gradebook_profiles_title)}</Text>
        <ClassLine data={data} />
        <Table
          fontSize={8}
          top
          dense
          columns={profileColumns}
          rows={data.profiles.map((p) => [
            String(p.no), p.full_name, p.student_code ?? '', date(p.birth_date), GENDER[p.gender ?? ''] ?? '', p.ethnicity ?? '',
            p.birth_place ?? '', p.residence ?? '',
            p.guardians.map((g) => `${RELATIONSHIP[g.relationship] ?? g.relationship}: ${g.full_name}${g.occupation ? ` (${g.occupation})` : ''}`).join('; '),
            note(p),
          ])}
        />
      </PageFrame>
    </>
  );
}

/** The months of the school year: [year, month] from its first day's month to its last's. */
function monthsOf(startsOn: string, endsOn: string): [number, number][] {
  const [y0, m0] = startsOn.split('-').map(Number) as [number, number];
  const [y1, m1] = endsOn.split('-').map(Number) as [number, number];
  const out: [number, number][] = [];
  for (let y = y0, m = m0; y < y1 || (y === y1 && m <= m1); m === 12 ? (y++, m = 1) : m++) out.push([y, m]);
  return out;
}

function AttendancePage({ data, layout, frame }: { data: GradebookAttendance; layout: Layout; frame: Frame }) {
  const L = layout.labels;
  const marks = new Map(data.absences.map((a) => [`${a.student_id}|${a.on_date}`, a.excused ? 'P' : 'K']));
  const [y, m] = data.month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const columns: Column[] = [
    { title: 'STT', width: '3%' },
    { title: 'Họ và tên', width: '16%', align: 'left' },
    ...Array.from({ length: 31 }, (_, i) => ({ title: String(i + 1), width: '2.35%' })),
    { title: 'Tổng', width: '3.5%' },
    { title: 'P', width: '2.6%' },
    { title: 'K', width: '2.05%' },
  ];
  const rows = data.students.map((s) => {
    const cells = Array.from({ length: 31 }, (_, i) => (i < days ? marks.get(`${s.id}|${data.month}-${String(i + 1).padStart(2, '0')}`) ?? '' : '×'));
    const p = cells.filter((c) => c === 'P').length;
    const k = cells.filter((c) => c === 'K').length;
    return [String(s.no), s.full_name, ...cells, p + k ? String(p + k) : '', p ? String(p) : '', k ? String(k) : ''];
  });
  return (
    <PageFrame {...frame} orientation="landscape">
      <Text style={styles.title}>{nfc(`${L.gradebook_attendance_title} – THÁNG ${m}/${y}`)}</Text>
      <ClassLine data={data} />
      <Table fontSize={7} dense columns={columns} rows={rows} />
      <Text style={[styles.italic, { fontSize: 9, marginTop: 4 }]}>{nfc(L.gradebook_attendance_hint)}</Text>
    </PageFrame>
  );
}

/** Exempt from the subject in that semester (an exemption without a semester covers the year). */
const isExempt = (data: GradebookSubject, student: string, semester: number) =>
  data.exemptions.some((x) => x.student_id === student && (x.semester === null || x.semester === semester));

/** One semester's page of a subject: the table, a legend, the corrected-entries count, the teacher's signature. */
function SubjectSheet({ data, layout, frame, semester, title, columns, rows, corrected, legend }: {
  data: GradebookSubject; layout: Layout; frame: Frame; semester: number; title: string; columns: Column[]; rows: string[][]; corrected: number; legend?: string;
}) {
  // The subject's teacher signs the subject's part digitally once, on its last sheet (semester II).
  const slot = semester === 2 ? slotName(data.class, 'subject', data.subject.id) : undefined;
  const L = layout.labels;
  const teachers = data.teachers.find((t) => t.semester === semester)?.names.filter(Boolean).join(', ') ?? '';
  return (
    <PageFrame {...frame}>
      <Text style={styles.title}>{nfc(title)}</Text>
      <ClassLine data={data} />
      <Table fontSize={8.5} dense top={!!legend} columns={columns} rows={rows} />
      {legend ? <Text style={[styles.italic, { fontSize: 9, marginTop: 4 }]}>{nfc(legend)}</Text> : null}
      <Text style={{ marginTop: legend ? 4 : 6, fontSize: 10 }}>{nfc(fill(L.gradebook_corrections, { count: corrected }))}</Text>
      <View style={[styles.row, { marginTop: 6, justifyContent: 'flex-end' }]}>
        <Signature title={L.gradebook_subject_teacher} hint={L.sign_hint} name={teachers} slot={slot} />
      </View>
    </PageFrame>
  );
}

function SubjectPages({ data, layout, frame }: { data: GradebookSubject; layout: Layout; frame: Frame }) {
  const L = layout.labels;
  const scored = data.subject.assessment_kind === 'scored';
  const value = (v: { score: number | null; rating: boolean | null }) => (scored ? decimal(v.score) : rating(v.rating));
  const regularCount = Math.max(data.required_regular, ...data.entries.filter((e) => e.kind === 'tx').map((e) => e.seq), 1);
  const entry = (student: string, semester: number | null, kind: string, seq = 1) =>
    data.entries.find((e) => e.student_id === student && e.semester === semester && e.kind === kind && e.seq === seq);
  const result = (student: string, semester: number | null) => data.results.find((r) => r.student_id === student && r.semester === semester);
  const exempt = (student: string, semester: number) => isExempt(data, student, semester);
  const average = (r: ReturnType<typeof result>, year = false) => (r ? (scored ? score(r.average) : rating(r.rating, year)) : '');
  return (
    <>
      {[1, 2].map((semester) => {
        const second = semester === 2;
        const nameWidth = 22;
        const notesWidth = 12;
        const cellWidth = (100 - 5 - nameWidth - notesWidth) / (regularCount + 3 + (second ? 2 : 0));
        const columns: Column[] = [
          { title: 'STT', width: '5%' },
          { title: 'Họ và tên', width: `${nameWidth}%`, align: 'left' },
          ...Array.from({ length: regularCount }, (_, i) => ({ title: `${L.gradebook_regular} ${i + 1}`, width: `${cellWidth}%` })),
          { title: L.gradebook_midterm, width: `${cellWidth}%` },
          { title: L.gradebook_final, width: `${cellWidth}%` },
          { title: L.gradebook_semester_average, width: `${cellWidth}%` },
          ...(second ? [{ title: L.gradebook_year_average, width: `${cellWidth}%` }, { title: L.gradebook_retest, width: `${cellWidth}%` }] : []),
          { title: L.gradebook_notes, width: `${notesWidth}%`, align: 'left' as const },
        ];
        let corrected = 0;
        const rows = data.students.map((s) => {
          const mine = data.entries.filter((e) => e.student_id === s.id && e.semester === semester);
          corrected += mine.filter((e) => e.corrected).length;
          if (exempt(s.id, semester)) {
            return [String(s.no), s.full_name, ...Array<string>(columns.length - 3).fill(''), 'Miễn học'];
          }
          const cell = (kind: string, seq = 1) => {
            const e = entry(s.id, semester, kind, seq);
            return e ? value(e) : '';
          };
          const year = result(s.id, null);
          const retest = year ? (scored ? score(year.retest_score) : rating(year.retest_rating, true)) : '';
          const makeup = mine.some((e) => e.is_makeup) ? 'Có kiểm tra bù' : '';
          return [
            String(s.no), s.full_name,
            ...Array.from({ length: regularCount }, (_, i) => cell('tx', i + 1)),
            cell('gk'), cell('ck'), average(result(s.id, semester)),
            ...(second ? [average(year, true), retest] : []),
            makeup,
          ];
        });
        return (
          <SubjectSheet key={semester} data={data} layout={layout} frame={frame} semester={semester} columns={columns} rows={rows} corrected={corrected}
            title={`MÔN ${data.subject.name.toLocaleUpperCase('vi')} – ${semester === 1 ? 'HỌC KÌ I' : 'HỌC KÌ II'}`} />
        );
      })}
    </>
  );
}

/** TT27 (primary): a page per semester — mức đạt được and the periodic test score at mid and end of the
 *  semester, and the teacher's comment (the end-of-semester one, else the mid-semester one). */
function PrimarySubjectPages({ data, layout, frame }: { data: GradebookSubject; layout: Layout; frame: Frame }) {
  const L = layout.labels;
  const entry = (student: string, semester: number, kind: 'gk' | 'ck') =>
    data.entries.find((e) => e.student_id === student && e.semester === semester && e.kind === kind);
  const exempt = (student: string, semester: number) => isExempt(data, student, semester);
  const columns: Column[] = [
    { title: 'STT', width: '5%' },
    { title: 'Họ và tên', width: '21%', align: 'left' },
    { title: `Giữa kì: ${L.tt27_level_column}`, width: '9%' },
    { title: `Giữa kì: ${L.tt27_test_column}`, width: '8%' },
    { title: `Cuối kì: ${L.tt27_level_column}`, width: '9%' },
    { title: `Cuối kì: ${L.tt27_test_column}`, width: '8%' },
    { title: L.tt27_comment_column, width: '40%', align: 'left' },
  ];
  return (
    <>
      {[1, 2].map((semester) => {
        let corrected = 0;
        const rows = data.students.map((s) => {
          if (exempt(s.id, semester)) return [String(s.no), s.full_name, '', '', '', '', 'Miễn học'];
          const gk = entry(s.id, semester, 'gk');
          const ck = entry(s.id, semester, 'ck');
          corrected += [gk, ck].filter((e) => e?.corrected).length;
          return [String(s.no), s.full_name, gk?.level ?? '', decimal(gk?.score), ck?.level ?? '', decimal(ck?.score), ck?.comment ?? gk?.comment ?? ''];
        });
        return (
          <SubjectSheet key={semester} data={data} layout={layout} frame={frame} semester={semester} columns={columns} rows={rows} corrected={corrected}
            title={`${data.subject.name.toLocaleUpperCase('vi')} – ${semester === 1 ? 'HỌC KÌ I' : 'HỌC KÌ II VÀ CẢ NĂM'}`}
            legend="T: Hoàn thành tốt; H: Hoàn thành; C: Chưa hoàn thành" />
        );
      })}
    </>
  );
}

/** TT27 (primary): the qualities and competencies at the end of each semester, the year's result and
 *  completion, the class's counts, the signatures and the principal's review page. */
function PrimarySummaryPages({ data, layout, frame }: { data: GradebookSummary; layout: Layout; frame: Frame }) {
  const L = layout.labels;
  const levelOf = (student: string, semester: number, code: string) =>
    data.qualities.find((q) => q.student_id === student && q.semester === semester && q.code === code)?.level;
  const resultOf = (student: string) => data.primary.find((r) => r.student_id === student);
  const qualityColumns: Column[] = [
    { title: 'STT', width: '3%' },
    { title: 'Họ và tên', width: '12%', align: 'left' },
    ...TT27_QUALITIES.map((q) => ({ title: q.name, width: '4.6%' })),
    { title: 'Kết quả giáo dục', width: '9%' },
    { title: 'Hoàn thành chương trình', width: '7%' },
  ];
  const results = data.students.map((s) => resultOf(s.id));
  const count = (v: string) => results.filter((r) => r?.year_result === v).length;
  return (
    <>
      {[1, 2].map((semester) => (
        <PageFrame key={semester} {...frame} orientation="landscape">
          <Text style={styles.title}>{nfc(`${L.tt27_qualities_title} – ${semester === 1 ? 'CUỐI HỌC KÌ I' : 'CUỐI NĂM HỌC'}`)}</Text>
          <ClassLine data={data} />
          <Table
            fontSize={7.5}
            dense
            columns={qualityColumns}
            rows={data.students.map((s, i) => {
              const r = results[i];
              return [
                String(s.no), s.full_name,
                ...TT27_QUALITIES.map((q) => QUALITY_LEVEL[levelOf(s.id, semester, q.code) ?? ''] ?? ''),
                semester === 2 && r?.year_result ? TT27_RESULT[r.year_result] ?? '' : '',
                semester === 2 && r?.completion ? (r.completion === 'chua' ? 'Chưa' : 'Có') : '',
              ];
            })}
          />
          <Text style={[styles.italic, { fontSize: 9, marginTop: 4 }]}>{nfc('T: Tốt; Đ: Đạt; C: Cần cố gắng')}</Text>
        </PageFrame>
      ))}
      <PageFrame {...frame}>
        <Text style={styles.title}>{nfc(L.gradebook_totals_title)}</Text>
        <ClassLine data={data} />
        <Table
          columns={[{ title: L.tt27_result_title, width: '60%', align: 'left' }, { title: 'Số học sinh', width: '40%' }]}
          rows={Object.entries(TT27_RESULT).map(([k, label]) => [label, String(count(k))])}
        />
        <View style={{ marginTop: 8, gap: 3 }}>
          <Field label="Sĩ số cuối năm" value={String(data.students.length)} />
          <Field label={completionLine({ completion: data.class.grade === 5 ? 'tieu_hoc' : 'lop_hoc' }, data.class.grade)}
            value={String(results.filter((r) => r?.completion === 'lop_hoc' || r?.completion === 'tieu_hoc').length)} />
          <Field label={TT27_AWARD.xuat_sac!} value={String(count('xuat_sac'))} />
        </View>
        <View style={[styles.row, { marginTop: 12 }]}>
          <Signature title="GIÁO VIÊN CHỦ NHIỆM" hint={L.sign_hint} name={data.class.homeroom_teacher} slot={slotName(data.class, 'homeroom')} />
          <Signature dateLine={placeAndDate(layout.place, data.class.ends_on)} title="HIỆU TRƯỞNG" hint={L.sign_seal_hint} name={data.class.principal} slot={slotName(data.class, 'principal')} />
        </View>
      </PageFrame>
      <ReviewPage data={data} layout={layout} frame={frame} />
    </>
  );
}

/** The principal's monthly review of the book: a row per month of the school year, filled by hand. */
function ReviewPage({ data, layout, frame }: { data: GradebookSummary; layout: Layout; frame: Frame }) {
  return (
    <PageFrame {...frame}>
      <Text style={styles.title}>{nfc(layout.labels.gradebook_review_title)}</Text>
      <ClassLine data={data} />
      <Table
        columns={[{ title: 'Tháng', width: '15%' }, { title: 'Nhận xét, đánh giá việc ghi sổ', width: '60%' }, { title: 'Ký tên', width: '25%' }]}
        rows={monthsOf(data.class.starts_on, data.class.ends_on).map(([y, m]) => [`${m}/${y}`, '\n\n', ''])}
      />
    </PageFrame>
  );
}

function SummaryPages({ data, layout, frame }: { data: GradebookSummary; layout: Layout; frame: Frame }) {
  const L = layout.labels;
  const finalGrade = FINAL_GRADE[data.school.school_level] ?? 12;
  const of = (student: string, semester: number | null) => data.results.find((r) => r.student_id === student && r.semester === semester);
  const absences = (r: ReturnType<typeof of>) => (r ? `${r.absences} (P ${r.absences_excused}, K ${r.absences_unexcused})` : '');
  const semesterColumns: Column[] = [
    { title: 'STT', width: '6%' },
    { title: 'Họ và tên', width: '34%', align: 'left' },
    { title: L.conduct_result, width: '18%' },
    { title: L.learning_result, width: '18%' },
    { title: L.absences, width: '24%' },
  ];
  const yearColumns: Column[] = [
    { title: 'STT', width: '4%' },
    { title: 'Họ và tên', width: '18%', align: 'left' },
    { title: 'Rèn luyện', width: '8%' },
    { title: 'Học tập', width: '8%' },
    { title: 'Nghỉ học', width: '12%' },
    { title: 'Rèn luyện sau hè', width: '9%' },
    { title: 'Học tập sau đánh giá lại', width: '9%' },
    { title: 'Lên lớp / hoàn thành chương trình', width: '19%', align: 'left' },
    { title: L.awards, width: '13%', align: 'left' },
  ];
  const year = data.students.map((s) => of(s.id, null));
  const count = (pick: (r: NonNullable<ReturnType<typeof of>>) => unknown, value: unknown) => year.filter((r) => r && pick(r) === value).length;
  const totals: string[][] = [
    ...LEVEL_KEYS.map((k) => [level(k), String(count((r) => r.conduct_after_summer ?? r.conduct_level, k)), String(count((r) => r.learning_after_retest ?? r.learning_level, k))]),
  ];
  const promoted = year.filter((r) => r && promotionLine(r, data.class.grade, finalGrade).startsWith(data.class.grade === finalGrade ? 'Hoàn thành' : 'Được lên lớp')).length;
  return (
    <>
      {[1, 2].map((semester) => (
        <PageFrame key={semester} {...frame}>
          <Text style={styles.title}>{nfc(`${L.gradebook_summary_title} – ${semester === 1 ? 'HỌC KÌ I' : 'HỌC KÌ II'}`)}</Text>
          <ClassLine data={data} />
          <Table
            fontSize={9}
            dense
            columns={semesterColumns}
            rows={data.students.map((s) => {
              const r = of(s.id, semester);
              return [String(s.no), s.full_name, level(r?.conduct_level), level(r?.learning_level), absences(r)];
            })}
          />
        </PageFrame>
      ))}
      <PageFrame {...frame} orientation="landscape">
        <Text style={styles.title}>{nfc(L.gradebook_year_title)}</Text>
        <ClassLine data={data} />
        <Table
          fontSize={8}
          dense
          columns={yearColumns}
          rows={data.students.map((s, i) => {
            const r = year[i];
            return [
              String(s.no), s.full_name, level(r?.conduct_level), level(r?.learning_level), absences(r),
              level(r?.conduct_after_summer), level(r?.learning_after_retest),
              promotionLine(r ?? undefined, data.class.grade, finalGrade), r?.award ? AWARD[r.award] ?? r.award : '',
            ];
          })}
        />
      </PageFrame>
      <PageFrame {...frame}>
        <Text style={styles.title}>{nfc(L.gradebook_totals_title)}</Text>
        <ClassLine data={data} />
        <Table
          columns={[{ title: 'Mức', width: '40%', align: 'left' }, { title: L.conduct_result, width: '30%' }, { title: L.learning_result, width: '30%' }]}
          rows={totals}
        />
        <View style={{ marginTop: 8, gap: 3 }}>
          <Field label="Sĩ số cuối năm" value={String(data.students.length)} />
          <Field label={data.class.grade === finalGrade ? 'Hoàn thành chương trình' : 'Được lên lớp'} value={String(promoted)} />
          <Field label="Đánh giá lại, rèn luyện trong hè" value={String(count((r) => r.promotion, 'retest') + count((r) => r.promotion, 'summer_training'))} />
          <Field label="Học sinh Xuất sắc" value={String(count((r) => r.award, 'xuat_sac'))} />
          <Field label="Học sinh Giỏi" value={String(count((r) => r.award, 'gioi'))} />
        </View>
        <View style={[styles.row, { marginTop: 12 }]}>
          <Signature title="GIÁO VIÊN CHỦ NHIỆM" hint={L.sign_hint} name={data.class.homeroom_teacher} slot={slotName(data.class, 'homeroom')} />
          <Signature dateLine={placeAndDate(layout.place, data.class.ends_on)} title="HIỆU TRƯỞNG" hint={L.sign_seal_hint} name={data.class.principal} slot={slotName(data.class, 'principal')} />
        </View>
      </PageFrame>
      <ReviewPage data={data} layout={layout} frame={frame} />
    </>
  );
}

/** A part's title for the PDF's metadata. */
function partTitle(data: GradebookPart): string {
  if (data.part === 'front') return 'Bìa, danh sách học sinh';
  if (data.part.startsWith('attendance:')) return `Chuyên cần tháng ${(data as GradebookAttendance).month}`;
  if (data.part === 'summary') return 'Tổng hợp kết quả';
  return `Môn ${(data as GradebookSubject).subject.name}`;
}

export function GradebookPartDocument({ data, options }: { data: GradebookPart; options: GradebookOptions }) {
  const layout = resolveLayout(data.layout, data.school);
  const frame: Frame = { mark: data.class.official ? null : layout.labels.draft, footer: options.footer ?? null, pageOffset: options.pageOffset ?? 0 };
  const issued = new Date(`${options.issuedOn ?? data.today}T00:00:00+07:00`);
  const primary = data.school.school_level === 'primary';
  return (
    <OfficialDocument title={`${layout.labels.gradebook_title} – lớp ${data.class.name} – ${data.class.year_code} – ${partTitle(data)}`} author={data.school.name} issued={issued}>
      {data.part === 'front' ? <FrontPages data={data as GradebookFront} layout={layout} frame={frame} />
        : data.part.startsWith('attendance:') ? <AttendancePage data={data as GradebookAttendance} layout={layout} frame={frame} />
        : data.part === 'summary'
          ? (primary ? <PrimarySummaryPages data={data as GradebookSummary} layout={layout} frame={frame} /> : <SummaryPages data={data as GradebookSummary} layout={layout} frame={frame} />)
          : primary ? <PrimarySubjectPages data={data as GradebookSubject} layout={layout} frame={frame} />
            : <SubjectPages data={data as GradebookSubject} layout={layout} frame={frame} />}
    </OfficialDocument>
  );
}
