import { PrinterOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Alert, App, Flex, Spin, theme } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ActionButton } from '../../components/ActionButton.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { evidenceDisplayName, hasMinutes, itemKey, minutesDate, minutesDateTime, semesterParam } from './correctionModel.ts';
import { useEvidence, useRequestDetail, type MinutesData, type MinutesWitness } from './useCorrections.ts';
import { functionErrorMessage } from '../../providers/errors.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { saveBlob } from '../../shared/saveBlob.ts';
import '../../components/paperForms.css';

/**
 * Biên bản sửa chữa dữ liệu (FORMS.md, Decree 30/2020 layout) from rpc/correction_minutes: values
 * before and after come from the audit entries of the writes; an entry not written yet shows the
 * recorded and proposed values marked "chưa sửa". "In biên bản" downloads the same minutes as a PDF from
 * the `print` function (the page itself still prints with the browser, A4, app chrome hidden).
 */
export function CorrectionRequestMinutes() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { id } = useParams();
  const { detail, error, loading } = useRequestDetail(id);
  const evidence = useEvidence(id);
  const supabase = useSupabase();
  const { message } = App.useApp();
  const [printing, setPrinting] = useState(false);
  // The PDF of the `print` function (the same wording, Tinos, A4), opened in a new tab to print or save.
  const printPdf = async () => {
    setPrinting(true);
    const { data, error } = await supabase.functions.invoke('print', { body: { document: 'correction_minutes', request_id: id } });
    setPrinting(false);
    if (error) return void message.error(await functionErrorMessage(error));
    saveBlob(data as Blob, `bien-ban-sua-chua-du-lieu-${detail?.minutes.number ?? id}.pdf`);
  };

  if (loading && !detail) return <Spin />;
  if (error || !detail) return <Alert type="error" showIcon message={error ?? t('correction_requests.not_found')} />;
  const m = detail.minutes;

  return (
    <Flex vertical gap={token.margin}>
      <Flex className="minutes-toolbar" justify="space-between" align="center" gap={token.margin}>
        <Link to={`/correction_requests/${m.id}`}>{t('correction_requests.minutes.back')}</Link>
        <ActionButton
          resource="correction_requests"
          action="print"
          row={{ school_id: detail.request.school_id, class_id: detail.request.class_id, subject_id: detail.request.subject_id }}
          type="primary"
          icon={<PrinterOutlined />}
          loading={printing}
          onClick={() => void printPdf()}
          data-testid="minutes-print"
        >
          {t('correction_requests.minutes.print')}
        </ActionButton>
      </Flex>
      {!hasMinutes(m.status) && <Alert className="minutes-toolbar" type="info" showIcon message={t('correction_requests.minutes.not_yet')} />}
      <MinutesPage m={m} files={evidence.files.map((f) => evidenceDisplayName(f.name))} />
    </Flex>
  );
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

const CAPACITY_ORDER: MinutesWitness['capacity'][] = ['bgh', 'admin_board', 'inspector', 'requester', 'homeroom'];

function MinutesPage({ m, files }: { m: MinutesData; files: string[] }) {
  const t = useTranslate() as Translate;
  const semester = t(`correction_requests.semesters.${semesterParam(m.semester)}`);
  const number = m.number !== null ? String(m.number) : '…';
  const byCapacity = (c: MinutesWitness['capacity']) => m.witnesses.filter((w) => w.capacity === c);
  const names = (c: MinutesWitness['capacity']) => byCapacity(c).map((w) => w.full_name);
  const witnesses = [...m.witnesses].sort((a, b) => CAPACITY_ORDER.indexOf(a.capacity) - CAPACITY_ORDER.indexOf(b.capacity));
  const signers: { title: string; names: string[] }[] = [
    { title: t('correction_requests.minutes.chair'), names: names('bgh') },
    { title: t('correction_requests.minutes.secretary'), names: names('admin_board') },
    { title: t('correction_requests.minutes.inspector'), names: names('inspector') },
    { title: t('correction_requests.minutes.requester'), names: names('requester').length ? names('requester') : [m.requested_by] },
    { title: t('correction_requests.minutes.homeroom'), names: names('homeroom') },
  ];

  return (
    <div className="minutes-page" data-testid="correction-minutes">
      <div className="minutes-header">
        <div>
          <div className="minutes-school">{m.school_name}</div>
          <div className="minutes-rule" />
          <div>{m.number !== null ? t('correction_requests.minutes.number', { number: m.number }) : t('correction_requests.minutes.number_none')}</div>
        </div>
        <div>
          <div className="minutes-motto1">{t('correction_requests.minutes.motto1')}</div>
          <div className="minutes-motto2">{t('correction_requests.minutes.motto2')}</div>
          <div className="minutes-rule minutes-rule-wide" />
          <div className="minutes-place-date">{t('correction_requests.minutes.place_date', { date: minutesDate(m.minuted_at ?? m.relocked_at ?? m.unlocked_at) || 'ngày … tháng … năm …' })}</div>
        </div>
      </div>
      <div className="minutes-title">{t('correction_requests.minutes.title')}</div>
      <p className="minutes-subtitle">{t('correction_requests.minutes.subtitle', { subject: m.subject_name, class: m.class_name, semester, year: m.school_year_code })}</p>
      <p>{t('correction_requests.minutes.time', { time: minutesDateTime(m.unlocked_at) || '…' })}</p>
      <p>{t('correction_requests.minutes.place', { place: m.minutes_place || '…' })}</p>
      <p>{t('correction_requests.minutes.attendees')}</p>
      <ol data-testid="minutes-witnesses">
        {witnesses.map((w) => (
          <li key={`${w.capacity}-${w.profile_id}`} data-testid={`minutes-witness-${w.capacity}`}>
            {w.full_name} – {t(`correction_requests.capacities.${w.capacity}`)}
          </li>
        ))}
      </ol>
      <p>{t('correction_requests.minutes.request', { number, name: m.requested_by, at: formatDateTime(m.submitted_at) || '…' })}</p>
      <p>{t('correction_requests.minutes.reason', { reason: m.reason })}</p>
      {m.decided_by && <p>{t('correction_requests.minutes.decision', { name: m.decided_by, at: formatDateTime(m.decided_at) })}</p>}
      {m.decision_note && <p>{t('correction_requests.minutes.decision_note', { note: m.decision_note })}</p>}
      {m.unlocked_at && <p>{t('correction_requests.minutes.unlock', { name: m.unlocked_by, at: formatDateTime(m.unlocked_at), until: formatDateTime(m.unlock_ends_at) })}</p>}
      <p>{t('correction_requests.minutes.table')}</p>
      <table>
        <thead>
          <tr>
            <th>{t('correction_requests.minutes.cols.no')}</th>
            <th>{t('correction_requests.minutes.cols.student')}</th>
            <th>{t('correction_requests.minutes.cols.entry')}</th>
            <th>{t('correction_requests.minutes.cols.recorded')}</th>
            <th>{t('correction_requests.minutes.cols.corrected')}</th>
            <th>{t('correction_requests.minutes.cols.reason')}</th>
            <th>{t('correction_requests.minutes.cols.evidence')}</th>
          </tr>
        </thead>
        <tbody>
          {m.items.map((i, n) => {
            const applied = i.audit_id !== null && i.new_value !== null;
            return (
              <tr key={itemKey(i.student_id, i.kind, i.seq)} data-testid={`minutes-row-${itemKey(i.student_id, i.kind, i.seq)}`} data-applied={applied ? 'true' : 'false'}>
                <td className="minutes-center">{n + 1}</td>
                <td>
                  {i.full_name}
                  <div className="minutes-note">{i.student_code}</div>
                </td>
                <td className="minutes-center">{i.label}</td>
                <td className="minutes-center">{applied ? i.old_value : i.recorded}</td>
                <td className="minutes-center">
                  {applied ? i.new_value : i.proposed}
                  {!applied && <div className="minutes-note">({t('correction_requests.minutes.not_applied')})</div>}
                  {applied && i.changed_at && <div className="minutes-note">{t('correction_requests.minutes.changed', { name: i.changed_by ?? '', at: formatDateTime(i.changed_at) })}</div>}
                </td>
                <td>{m.reason}</td>
                <td>{t('correction_requests.minutes.evidence_cell', { count: files.length })}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {files.length > 0 && <p className="minutes-note">{t('correction_requests.minutes.evidence_list', { files: files.join('; ') })}</p>}
      <p data-testid="minutes-count">
        <strong>{t('correction_requests.minutes.count', { count: m.corrected_count })}</strong>
      </p>
      <p>{m.relocked_at ? t('correction_requests.minutes.closing', { time: minutesDateTime(m.relocked_at) }) : t('correction_requests.minutes.closing_open')}</p>
      <div className="minutes-signatures">
        {signers.map((s) => (
          <div key={s.title}>
            <div className="minutes-sign-title">{s.title}</div>
            <div className="minutes-note">{t('correction_requests.minutes.sign_hint')}</div>
            <div className="minutes-sign-name">{s.names.join(', ') || '…'}</div>
          </div>
        ))}
      </div>
    </div>
  );
}
