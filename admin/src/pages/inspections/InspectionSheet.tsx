import { PrinterOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Button, Modal } from 'antd';
import { ActionButton } from '../../components/ActionButton.tsx';
import { formatDate } from '../../i18n/format.ts';
import '../../components/paperForms.css';
import './inspections.css';
import { dateParts, type InspectionRow } from '../../shared/inspections.ts';

interface Props {
  inspection: InspectionRow | null;
  schoolName: string;
  yearCode: string;
  onClose: () => void;
}

/**
 * One check as a printable record (biên bản, Decree 30/2020 layout shared with the correction
 * minutes): the school, the date, who checked whom, the scope, the findings, the follow-up and the two
 * signatures. Printed with the browser's print dialog; everything else on the page is hidden then.
 */
export function InspectionSheet({ inspection: i, schoolName, yearCode, onClose }: Props) {
  const t = useTranslate();
  const empty = t('common.empty');
  const scope = i ? [i.subjects?.name, i.classes?.name, i.semester ? t(`inspections.semesters.${i.semester}`) : null].filter(Boolean).join(' – ') : '';

  return (
    <Modal
      open={!!i}
      onCancel={onClose}
      width="fit-content"
      wrapClassName="inspection-print-wrap"
      footer={[
        <Button key="close" onClick={onClose}>
          {t('common.close')}
        </Button>,
        <ActionButton key="print" resource="inspections" action="print" row={{ school_id: i?.school_id, class_id: i?.class_id, subject_id: i?.subject_id, user_id: i?.teacher_id }}
          type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="inspection-print">
          {t('inspections.print')}
        </ActionButton>,
      ]}
      destroyOnHidden
    >
      {i && (
        <div className="minutes-page" data-testid="inspection-sheet">
          <div className="minutes-header">
            <div>
              <div className="minutes-school">{schoolName}</div>
              <div className="minutes-rule" />
            </div>
            <div>
              <div className="minutes-motto1">{t('inspections.sheet.motto1')}</div>
              <div className="minutes-motto2">{t('inspections.sheet.motto2')}</div>
              <div className="minutes-rule minutes-rule-wide" />
              <div className="minutes-place-date">{t('inspections.sheet.place_date', dateParts(i.checked_on))}</div>
            </div>
          </div>
          <div className="minutes-title">{t('inspections.sheet.title')}</div>
          <p className="minutes-subtitle">{t('inspections.sheet.subtitle', { year: yearCode })}</p>
          <p>{t('inspections.sheet.time', { date: formatDate(i.checked_on), kind: t(`inspections.kinds.${i.kind}`).toLowerCase() })}</p>
          <p>{t('inspections.sheet.checker', { name: i.checker?.full_name ?? empty })}</p>
          <p>{t('inspections.sheet.teacher', { name: i.teacher?.full_name ?? empty })}</p>
          <p>{t('inspections.sheet.scope', { scope: scope || t('inspections.sheet.all_scope') })}</p>
          <p>
            <b>{t('inspections.sheet.findings')}</b>
          </p>
          <p className="inspection-findings">{i.findings}</p>
          <p>
            <b>{t('inspections.sheet.follow_up')}</b>
          </p>
          <p className="inspection-findings">{i.follow_up || t('inspections.sheet.none')}</p>
          {i.follow_up_by && <p>{t('inspections.sheet.follow_up_by', { date: formatDate(i.follow_up_by) })}</p>}
          <div className="minutes-signatures">
            <div>
              <div className="minutes-sign-title">{t('inspections.sheet.sign_teacher')}</div>
              <div className="minutes-note">{t('inspections.sheet.sign_hint')}</div>
              <div className="minutes-sign-name">{i.teacher?.full_name ?? '…'}</div>
            </div>
            <div>
              <div className="minutes-sign-title">{t('inspections.sheet.sign_checker')}</div>
              <div className="minutes-note">{t('inspections.sheet.sign_hint')}</div>
              <div className="minutes-sign-name">{i.checker?.full_name ?? '…'}</div>
            </div>
          </div>
        </div>
      )}
    </Modal>
  );
}
