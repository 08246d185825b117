/** @jsxRuntime automatic */
/** @jsxImportSource react */
// The three pages of a primary school year in the TT27 transcript (học bạ tiểu học, FORMS.md): (1) the
// subjects and educational activities — class, height, weight, absences; Mức đạt được T/H/C, the
// end-of-year test score, the comment; (2) the qualities and competencies with T/Đ/C and the GVCN's
// comments; (3) the year's result (Đánh giá kết quả giáo dục), award, programme completion, the
// principal's confirmation and the GVCN's signature. Pure rendering of the year's data and the layout.
import { Text, View } from '@react-pdf/renderer';
import type { TranscriptData, TranscriptYear, Tt27Year } from '../contracts/print.ts';
import { Field, Signature, slotName, styles, Table, type Column } from './components.tsx';
import { completionLine, decimal, nfc, placeAndDate, QUALITY_LEVEL, TT27_AWARD, TT27_QUALITIES, TT27_RESULT } from './format.ts';
import { fill, orderSubjects, type Layout } from './layout.ts';

/** "Họ và tên … Lớp … Năm học …" at the top of every year page. */
export function YearHeader({ data, year }: { data: TranscriptData; year: TranscriptYear }) {
  return (
    <View style={[styles.row, { marginBottom: 6 }]}>
      <Field label="Họ và tên" value={data.student.full_name} width="55%" />
      <Field label="Lớp" value={year.class_name} width="15%" />
      <Field label="Năm học" value={year.code.replace('-', ' - ')} width="30%" />
    </View>
  );
}

function Tt27SubjectsPage({ data, year, t, layout }: { data: TranscriptData; year: TranscriptYear; t: Tt27Year; layout: Layout }) {
  const L = layout.labels;
  const columns: Column[] = [
    { title: L.tt27_subject_column, width: '30%', align: 'left' },
    { title: L.tt27_level_column, width: '13%' },
    { title: L.tt27_test_column, width: '12%' },
    { title: L.tt27_comment_column, width: '45%', align: 'left' },
  ];
  const subjects = orderSubjects(t.subjects, layout.subjectOrder);
  const rows = subjects.map((s) => s.exempt
    ? [s.name, 'Miễn', '', '']
    : [s.name, s.level ?? '', s.tested && s.score != null ? String(s.score) : '', s.comment ?? '']);
  const corrected = subjects.filter((s) => s.corrected > 0);
  const count = corrected.reduce((n, s) => n + s.corrected, 0);
  return (
    <View>
      <YearHeader data={data} year={year} />
      <View style={[styles.row, { marginBottom: 6 }]}>
        <Field label="Chiều cao" value={t.height_cm != null ? `${decimal(t.height_cm)} cm` : ''} width="30%" />
        <Field label="Cân nặng" value={t.weight_kg != null ? `${decimal(t.weight_kg)} kg` : ''} width="25%" />
        <Field label="Số ngày nghỉ có phép / không phép" value={`${t.absences_excused} / ${t.absences_unexcused}`} width="45%" />
      </View>
      <Table columns={columns} rows={rows} rowSlots={subjects.map((s) => slotName(year, 'subject', s.subject_id))} />
      <Text style={{ marginTop: 6, fontSize: 10 }}>
        {nfc(fill(L.corrections_footer, { count, subjects: corrected.map((s) => s.name).join(', ') || '…' }))}
      </Text>
    </View>
  );
}

function Tt27QualitiesPage({ data, year, t, layout }: { data: TranscriptData; year: TranscriptYear; t: Tt27Year; layout: Layout }) {
  const L = layout.labels;
  const columns: Column[] = [
    { title: L.tt27_quality_column, width: '70%', align: 'left' },
    { title: L.tt27_level_column, width: '30%' },
  ];
  const level = new Map(t.qualities.map((q) => [q.code, q]));
  const groups = [
    { key: 'qualities', title: L.tt27_qualities_group },
    { key: 'general', title: L.tt27_general_group },
    { key: 'specific', title: L.tt27_specific_group },
  ] as const;
  const rows = groups.flatMap((g) => [
    [g.title, ''],
    ...TT27_QUALITIES.filter((q) => q.group === g.key).map((q) => [`    ${q.name}`, QUALITY_LEVEL[level.get(q.code)?.level ?? ''] ?? '']),
  ]);
  const comments = (group: 'qualities' | 'competencies') => TT27_QUALITIES
    .filter((q) => (group === 'qualities') === (q.group === 'qualities'))
    .map((q) => level.get(q.code)?.comment)
    .filter(Boolean)
    .join(' ');
  return (
    <View>
      <YearHeader data={data} year={year} />
      <Text style={styles.title}>{nfc(L.tt27_qualities_title)}</Text>
      <Table columns={columns} rows={rows} />
      <View style={{ marginTop: 8, gap: 4 }}>
        <Field label={L.tt27_qualities_comment} value={comments('qualities')} />
        <Field label={L.tt27_competencies_comment} value={comments('competencies')} />
      </View>
    </View>
  );
}

function Tt27ResultPage({ data, year, t, layout, issuedOn }: { data: TranscriptData; year: TranscriptYear; t: Tt27Year; layout: Layout; issuedOn: string }) {
  const L = layout.labels;
  return (
    <View>
      <YearHeader data={data} year={year} />
      <Text style={styles.title}>{nfc(L.tt27_result_title)}</Text>
      <View style={{ gap: 4 }}>
        <Field label="Kết quả giáo dục" value={t.year_result ? TT27_RESULT[t.year_result] : ''} />
        <Field label={L.awards} value={t.year_result ? TT27_AWARD[t.year_result] ?? '' : ''} />
        <Field label={L.tt27_completion} value={completionLine(t, year.grade)} />
      </View>
      <View style={[styles.row, { marginTop: 16 }]}>
        <Signature dateLine={placeAndDate(layout.place, year.official ? year.ends_on : issuedOn)} title={L.tt27_principal_confirm} hint={L.sign_seal_hint} name={year.principal} slot={slotName(year, 'principal')} />
        <View style={{ width: '50%', alignItems: 'center' }}>
          <Text> </Text>
          <Signature title={L.tt27_homeroom} hint={L.sign_hint} name={year.homeroom_teacher} width="100%" slot={slotName(year, 'homeroom')} />
        </View>
      </View>
    </View>
  );
}

/** The three pages' contents of a primary year (each goes into its own page frame). */
export function tt27Pages(data: TranscriptData, year: TranscriptYear, t: Tt27Year, layout: Layout, issuedOn: string) {
  return [
    <Tt27SubjectsPage key="subjects" data={data} year={year} t={t} layout={layout} />,
    <Tt27QualitiesPage key="qualities" data={data} year={year} t={t} layout={layout} />,
    <Tt27ResultPage key="result" data={data} year={year} t={t} layout={layout} issuedOn={issuedOn} />,
  ];
}
