/** @jsxRuntime automatic */
/** @jsxImportSource react */
// The biên bản sửa chữa dữ liệu as a PDF (FORMS.md: Decree 30's minutes model): header (school and
// number | national motto, place and date), title, the sheet, time and place, attendees, the request,
// approval and unlock, the table of corrected entries (recorded and corrected values from the audit
// log, "chưa sửa" for an approved entry not written yet), the count, the closing and the signatures
// of chair, secretary, inspector, requester and homeroom teacher. Pure rendering of rpc
// correction_minutes's answer and the evidence file names; the wording is shared with the admin's page.
import { Text, View } from '@react-pdf/renderer';
import { MINUTES_CAPACITIES, MINUTES_TEXT as T, minutesDate, minutesDateTime, minutesShortDateTime, type MinutesPdfData } from '../contracts/minutes.ts';
import { OfficialDocument, PageFrame, Signature, styles, Table, type Column } from './components.tsx';
import { nfc } from './format.ts';

const fill = (template: string, values: Record<string, string | number | null | undefined>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? '…'));

const ORDER = ['bgh', 'admin_board', 'inspector', 'requester', 'homeroom'] as const;
const SEMESTER: Record<string, string> = { '1': 'học kỳ I', '2': 'học kỳ II', null: 'sau năm học' };

export function MinutesDocument({ m, files, issuedAt }: { m: MinutesPdfData; files: string[]; issuedAt: string }) {
  const names = (c: (typeof ORDER)[number]) => m.witnesses.filter((w) => w.capacity === c).map((w) => w.full_name);
  const witnesses = [...m.witnesses].sort((a, b) => ORDER.indexOf(a.capacity) - ORDER.indexOf(b.capacity));
  const columns: Column[] = [
    { title: T.cols.no, width: '6%' },
    { title: T.cols.student, width: '22%', align: 'left' },
    { title: T.cols.entry, width: '10%' },
    { title: T.cols.recorded, width: '12%' },
    { title: T.cols.corrected, width: '16%' },
    { title: T.cols.reason, width: '20%', align: 'left' },
    { title: T.cols.evidence, width: '14%', align: 'left' },
  ];
  const rows = m.items.map((i, n) => {
    const applied = i.audit_id !== null && i.new_value !== null;
    return [
      String(n + 1),
      `${i.full_name}${i.student_code ? `\n${i.student_code}` : ''}`,
      i.label,
      (applied ? i.old_value : i.recorded) ?? '',
      applied ? `${i.new_value}${i.changed_at ? `\n${fill(T.changed, { name: i.changed_by ?? '', at: minutesShortDateTime(i.changed_at) })}` : ''}` : `${i.proposed ?? ''}\n(${T.not_applied})`,
      m.reason,
      fill(T.evidence_cell, { count: files.length }),
    ];
  });
  const signers = [
    { title: T.chair, names: names('bgh') },
    { title: T.secretary, names: names('admin_board') },
    { title: T.inspector, names: names('inspector') },
    { title: T.requester, names: names('requester').length ? names('requester') : [m.requested_by] },
    { title: T.homeroom, names: names('homeroom') },
  ];
  const issued = new Date(issuedAt);
  return (
    <OfficialDocument title={`${T.title} – ${m.subject_name} ${m.class_name}`} author={m.school_name} issued={issued}>
      <PageFrame>
        <View style={[styles.row, { marginBottom: 10 }]}>
          <View style={{ width: '42%', alignItems: 'center' }}>
            <Text style={styles.bold}>{nfc(m.school_name.toLocaleUpperCase('vi'))}</Text>
            <View style={[styles.rule, { width: 60 }]} />
            <Text>{nfc(m.number !== null ? fill(T.number, { number: m.number }) : T.number_none)}</Text>
          </View>
          <View style={{ width: '58%', alignItems: 'center' }}>
            <Text style={styles.bold}>{nfc(T.motto1)}</Text>
            <Text style={[styles.bold, { fontSize: 12 }]}>{nfc(T.motto2)}</Text>
            <View style={[styles.rule, { width: 150 }]} />
            <Text style={styles.italic}>{nfc(fill(T.place_date, { date: minutesDate(m.minuted_at ?? m.relocked_at ?? m.unlocked_at) || 'ngày … tháng … năm …' }))}</Text>
          </View>
        </View>
        <Text style={styles.title}>{nfc(T.title)}</Text>
        <Text style={[styles.center, { marginBottom: 8 }]}>
          {nfc(fill(T.subtitle, { subject: m.subject_name, class: m.class_name, semester: SEMESTER[String(m.semester)], year: m.school_year_code }))}
        </Text>
        <View style={{ gap: 3 }}>
          <Text>{nfc(fill(T.time, { time: minutesDateTime(m.unlocked_at) || '…' }))}</Text>
          <Text>{nfc(fill(T.place, { place: m.minutes_place || '…' }))}</Text>
          <Text>{nfc(T.attendees)}</Text>
          {witnesses.map((w, n) => <Text key={n}>{nfc(`${n + 1}. ${w.full_name} – ${MINUTES_CAPACITIES[w.capacity]}`)}</Text>)}
          <Text>{nfc(fill(T.request, { number: m.number ?? '…', name: m.requested_by, at: minutesShortDateTime(m.submitted_at) }))}</Text>
          <Text>{nfc(fill(T.reason, { reason: m.reason }))}</Text>
          {m.decided_by ? <Text>{nfc(fill(T.decision, { name: m.decided_by, at: minutesShortDateTime(m.decided_at) }))}</Text> : null}
          {m.decision_note ? <Text>{nfc(fill(T.decision_note, { note: m.decision_note }))}</Text> : null}
          {m.unlocked_at ? <Text>{nfc(fill(T.unlock, { name: m.unlocked_by, at: minutesShortDateTime(m.unlocked_at), until: minutesShortDateTime(m.unlock_ends_at) }))}</Text> : null}
          <Text>{nfc(T.table)}</Text>
        </View>
        <Table columns={columns} rows={rows} fontSize={9} top />
        {files.length > 0 ? <Text style={{ fontSize: 9, marginTop: 4 }}>{nfc(fill(T.evidence_list, { files: files.join('; ') }))}</Text> : null}
        <Text style={[styles.bold, { marginTop: 6 }]}>{nfc(fill(T.count, { count: m.corrected_count }))}</Text>
        <Text style={{ marginTop: 4 }}>{nfc(m.relocked_at ? fill(T.closing, { time: minutesDateTime(m.relocked_at) }) : T.closing_open)}</Text>
        <View style={[styles.row, { flexWrap: 'wrap', marginTop: 12, rowGap: 8 }]}>
          {signers.map((s) => <Signature key={s.title} title={s.title} hint={T.sign_hint} name={s.names.join(', ') || '…'} width="50%" />)}
        </View>
      </PageFrame>
    </OfficialDocument>
  );
}
