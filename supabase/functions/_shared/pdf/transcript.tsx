/** @jsxRuntime automatic */
/** @jsxImportSource react */
// The transcript (học bạ) as a react-pdf document: cover, identity page with QUÁ TRÌNH HỌC TẬP, then per
// school year the TT22 pages (THCS / THPT: subjects; summary) or the TT27 pages (tiểu học: three, in
// transcript-primary.tsx). A function of its data, layout and the
// options below only — no clock, no randomness — so the same inputs give the same bytes (the archive and
// the signatures of the next issue rely on it). A year that is not final prints as a draft, marked on
// every page of that year.
import { Text, View } from '@react-pdf/renderer';
import type { TranscriptData, TranscriptYear } from '../contracts/print.ts';
import { Field, OfficialDocument, OfficialHeader, PageFrame, Signature, slotName, styles, Table, type Column, type Verification } from './components.tsx';
import { AWARD, date, FINAL_GRADE, GENDER, level, nfc, placeAndDate, promotionLine, RELATIONSHIP, subjectCells } from './format.ts';
import { fill, orderSubjects, resolveLayout, type Layout } from './layout.ts';
import { tt27Pages, YearHeader } from './transcript-primary.tsx';

export interface TranscriptOptions {
  /** The date the document is issued (the date line, the PDF's creation date): a calendar date. */
  issuedOn: string;
  /** Only a family's view of published results: every page marked "Bản xem". */
  familyView?: boolean;
  /** A copy (bản sao): every page marked with the reissue count, the Decree 30 copy block at the end. */
  copy?: { number: number; numberYear: number; reissueCount: number } | null;
  /** The verification line and QR code at the bottom of each page, when archived. */
  footer?: Verification | null;
}


export function transcriptTitle(data: TranscriptData, layout: Layout): string {
  return data.school.school_level === 'lower_secondary'
    ? layout.labels.transcript_title_lower_secondary
    : data.school.school_level === 'primary'
      ? layout.labels.transcript_title_primary
      : layout.labels.transcript_title_upper_secondary;
}

function Cover({ data, layout }: { data: TranscriptData; layout: Layout }) {
  const suffix = data.school.school_level === 'lower_secondary'
    ? layout.labels.register_suffix_lower_secondary
    : data.school.school_level === 'primary'
      ? layout.labels.register_suffix_primary
      : layout.labels.register_suffix_upper_secondary;
  return (
    <View style={{ alignItems: 'center', marginTop: 40 }}>
      <Text style={styles.bold}>{nfc(layout.labels.motto_1)}</Text>
      <Text style={styles.bold}>{nfc(layout.labels.motto_2)}</Text>
      <View style={[styles.rule, { width: 150 }]} />
      <Text style={{ fontSize: 26, fontWeight: 700, marginTop: 140 }}>{nfc(transcriptTitle(data, layout))}</Text>
      <Text style={{ marginTop: 60 }}>Họ và tên học sinh</Text>
      <Text style={{ fontSize: 18, fontWeight: 700, marginTop: 6 }}>{nfc(data.student.full_name).toLocaleUpperCase('vi')}</Text>
      <View style={{ marginTop: 120, alignItems: 'flex-start', width: '80%' }}>
        <Field label="Trường" value={data.school.name} />
        <Field label="Xã/Phường" value={layout.commune} />
        <Field label="Tỉnh/Thành phố" value={layout.province} />
        <Field label={layout.labels.register_label} value={`${data.student.student_code ?? '…'}${suffix}`} />
      </View>
    </View>
  );
}

function Identity({ data, layout, issuedOn }: { data: TranscriptData; layout: Layout; issuedOn: string }) {
  const s = data.student;
  const history: Column[] = [
    { title: 'Năm học', width: '18%' },
    { title: 'Lớp', width: '12%' },
    { title: 'Tên trường', width: '34%' },
    { title: 'Số đăng bộ', width: '16%' },
    { title: 'Ngày nhập học/chuyển đến', width: '20%' },
  ];
  const first = data.years[0];
  return (
    <View>
      <Text style={styles.title}>{nfc(transcriptTitle(data, layout))}</Text>
      <View style={{ gap: 3 }}>
        <View style={styles.row}>
          <Field label="Họ và tên" value={s.full_name} width="70%" />
          <Field label="Giới tính" value={GENDER[s.gender ?? ''] ?? ''} width="30%" />
        </View>
        <View style={styles.row}>
          <Field label="Ngày sinh" value={date(s.birth_date)} width="40%" />
          <Field label="Dân tộc" value={s.ethnicity} width="30%" />
          <Field label="Quốc tịch" value={s.nationality} width="30%" />
        </View>
        <Field label="Nơi sinh" value={s.birth_place} />
        <Field label="Quê quán" value={s.hometown} />
        {data.school.school_level === 'primary' ? null : <Field label="Đối tượng" value={s.priority_group || 'Không'} />}
        <Field label="Chỗ ở hiện tại" value={s.residence} />
        {data.guardians.map((g, i) => (
          <View key={i} style={styles.row}>
            <Field label={`Họ và tên ${(RELATIONSHIP[g.relationship] ?? g.relationship).toLocaleLowerCase('vi')}`} value={g.full_name} width="60%" />
            <Field label="Nghề nghiệp" value={g.occupation} width="40%" />
          </View>
        ))}
      </View>
      <View style={[styles.row, { marginTop: 10, justifyContent: 'space-between' }]}>
        <View style={{ width: 3 * 28.35, height: 4 * 28.35, borderWidth: 0.75, alignItems: 'center', justifyContent: 'center' }}>
          <Text style={{ fontSize: 9 }}>Ảnh 3×4</Text>
        </View>
        <Signature dateLine={placeAndDate(layout.place, first?.started_on ?? issuedOn)} title="HIỆU TRƯỞNG" hint={layout.labels.sign_seal_hint} name={first?.principal} width="60%" />
      </View>
      <Text style={[styles.title, { marginTop: 14 }]}>{nfc(layout.labels.study_history)}</Text>
      <Table
        columns={history}
        rows={data.years.map((y) => [y.code.replace('-', ' - '), y.class_name, data.school.name, s.student_code ?? '', date(y.started_on)])}
      />
    </View>
  );
}

function SubjectsPage({ data, year, layout }: { data: TranscriptData; year: TranscriptYear; layout: Layout }) {
  const L = layout.labels;
  const columns: Column[] = [
    { title: L.subject_column, width: '24%', align: 'left' },
    { title: L.semester_1, width: '9%' },
    { title: L.semester_2, width: '9%' },
    { title: L.whole_year, width: '9%' },
    { title: L.retest_column, width: '13%' },
    { title: L.comment_column, width: '36%', align: 'left' },
  ];
  const subjects = orderSubjects(year.subjects, layout.subjectOrder);
  const rows = subjects.map((s) => [s.name, ...subjectCells(s), [s.comment, s.teacher].filter(Boolean).join(' — ')]);
  const corrected = subjects.filter((s) => s.corrected > 0);
  const count = corrected.reduce((n, s) => n + s.corrected, 0);
  return (
    <View>
      <YearHeader data={data} year={year} />
      <Table columns={columns} rows={rows} rowSlots={subjects.map((s) => slotName(year, 'subject', s.subject_id))} />
      <Text style={{ marginTop: 6, fontSize: 10 }}>
        {nfc(fill(L.corrections_footer, { count, subjects: corrected.map((s) => s.name).join(', ') || '…' }))}
      </Text>
      <View style={[styles.row, { marginTop: 8 }]}>
        <Signature title={L.homeroom_confirm} hint={L.sign_hint} name={year.homeroom_teacher} />
        <Signature title={L.principal_confirm} hint={L.sign_seal_hint} name={year.principal} />
      </View>
    </View>
  );
}

function SummaryPage({ data, year, layout, issuedOn }: { data: TranscriptData; year: TranscriptYear; layout: Layout; issuedOn: string }) {
  const L = layout.labels;
  const r = year.results;
  const columns: Column[] = [
    { title: '', width: '19%', align: 'left' },
    { title: L.conduct_result, width: '17%' },
    { title: L.learning_result, width: '17%' },
    { title: L.absences, width: '15%' },
    { title: L.after_summer, width: '16%' },
    { title: L.after_retest, width: '16%' },
  ];
  const line = (label: string, p: typeof r.year, year = false) => [
    label,
    level(p?.conduct_level),
    level(p?.learning_level),
    p ? String(p.absences) : '',
    year ? level(p?.conduct_after_summer) : '',
    year ? level(p?.learning_after_retest) : '',
  ];
  const finalGrade = FINAL_GRADE[data.school.school_level] ?? 12;
  const award = r.year?.award ? AWARD[r.year.award] ?? r.year.award : '';
  return (
    <View>
      <YearHeader data={data} year={year} />
      <Table columns={columns} rows={[line(L.semester_1, r['1']), line(L.semester_2, r['2']), line(L.whole_year, r.year, true)]} />
      <View style={{ marginTop: 8, gap: 3 }}>
        <Field label="Số buổi nghỉ học cả năm (có phép / không phép)" value={r.year ? `${r.year.absences} (${r.year.absences_excused} / ${r.year.absences_unexcused})` : ''} />
        <Field label="Kết quả cả năm" value={promotionLine(r.year, year.grade, finalGrade)} />
        <Field label={L.awards} value={award} />
      </View>
      <Text style={[styles.bold, styles.center, { marginTop: 10 }]}>{nfc(L.homeroom_comment)}</Text>
      <Text style={{ minHeight: 60, marginTop: 4 }}>{nfc(year.homeroom_comment ?? '')}</Text>
      <View style={[styles.row, { marginTop: 8 }]}>
        <Signature title="Giáo viên chủ nhiệm" hint={L.sign_hint} name={year.homeroom_teacher} slot={slotName(year, 'homeroom')} />
        <Signature dateLine={placeAndDate(layout.place, year.official ? year.ends_on : issuedOn)} title={L.principal_approval} hint={L.sign_seal_hint} name={year.principal} slot={slotName(year, 'principal')} />
      </View>
    </View>
  );
}

/** Decree 30's copy block below a full-width rule: the copying school and Số: n/SY; place, date, signer. */
function CopyBlock({ data, layout, copy, issuedOn }: { data: TranscriptData; layout: Layout; copy: NonNullable<TranscriptOptions['copy']>; issuedOn: string }) {
  const principal = data.years.at(-1)?.principal ?? null;
  return (
    <View wrap={false} style={{ marginTop: 14, borderTopWidth: 0.75, borderColor: '#000000', paddingTop: 6 }}>
      <View style={styles.row}>
        <View style={{ width: '45%', alignItems: 'center' }}>
          <Text style={styles.bold}>{nfc(data.school.name.toLocaleUpperCase('vi'))}</Text>
          <Text>{nfc(`Số: ${copy.number}/SY`)}</Text>
        </View>
        <View style={{ width: '55%', alignItems: 'center' }}>
          <Text style={styles.bold}>{nfc(layout.labels.copy_title)}</Text>
          <Text style={styles.italic}>{nfc(placeAndDate(layout.place, issuedOn))}</Text>
          <Signature title={layout.labels.copy_signer} hint={layout.labels.sign_seal_hint} name={principal} width="100%" />
        </View>
      </View>
    </View>
  );
}

/** The transcript: whole (cover, identity, every year) when `whole`, else only the years' pages. */
export function TranscriptDocument({ data, options, whole }: { data: TranscriptData; options: TranscriptOptions; whole: boolean }) {
  const layout = resolveLayout(data.layout, data.school);
  const L = layout.labels;
  const copy = options.copy ?? null;
  const markOf = (y: TranscriptYear | null) =>
    copy ? fill(L.copy_mark, { count: copy.reissueCount }) : options.familyView ? L.family_view : y && !y.official ? L.draft : null;
  const last = data.years.length - 1;
  const issued = new Date(`${options.issuedOn}T00:00:00+07:00`);
  // The mark is a line at the top of every page, not a diagonal watermark: large rotated letters break
  // the text extraction (pdftotext, screen readers) of the rows under them.
  const frame = (y: TranscriptYear | null) => ({ mark: markOf(y), footer: options.footer ?? null });
  return (
    <OfficialDocument title={`${transcriptTitle(data, layout)} – ${data.student.full_name}`} author={data.school.name} issued={issued}>
      {whole ? (
        <PageFrame {...frame(null)}>
          <Cover data={data} layout={layout} />
        </PageFrame>
      ) : null}
      {whole ? (
        <PageFrame {...frame(null)}>
          <OfficialHeader layout={layout} school={data.school.name} />
          <Identity data={data} layout={layout} issuedOn={options.issuedOn} />
        </PageFrame>
      ) : null}
      {data.years.flatMap((y, i) => {
        // TT22: subjects page and summary page; TT27 (a primary year): three pages. The copy block
        // follows the last page of the last year.
        const pages = y.tt27
          ? tt27Pages(data, y, y.tt27, layout, options.issuedOn)
          : [<SubjectsPage key="subjects" data={data} year={y} layout={layout} />, <SummaryPage key="summary" data={data} year={y} layout={layout} issuedOn={options.issuedOn} />];
        return pages.map((content, p) => (
          <PageFrame key={`${y.school_year_id}-${p}`} {...frame(y)}>
            {content}
            {copy && i === last && p === pages.length - 1 ? <CopyBlock data={data} layout={layout} copy={copy} issuedOn={options.issuedOn} /> : null}
          </PageFrame>
        ));
      })}
    </OfficialDocument>
  );
}
