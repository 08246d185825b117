import { SaveOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Alert, App, Card, Empty, Flex, Input, Spin, Typography, theme } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ActionButton } from '../../components/ActionButton.tsx';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { SheetPickers } from '../../components/SheetPickers.tsx';
import { useSheetOptions, useSheetSelection } from '../../components/useSheetSelection.ts';
import { CorrectionSheet, DraftItemsTable } from './components/CorrectionSheet.tsx';
import { REASON_LENGTH, itemKey } from './correctionModel.ts';
import { useDraft, useDraftItems, useSaveDraft, useSheet, type SheetRef } from './useCorrectionForm.ts';
import '../../components/paperForms.css';

/**
 * Phiếu đề nghị sửa điểm (draft): a new one for the sheet in the URL (?class=&subject=&semester=, or
 * picked from the teacher's assignments), or the draft /:id/edit. The teacher clicks the wrong cells of
 * the sheet, types the values they should hold and the reason, and saves; evidence is attached on the
 * request's page, which the save opens.
 */
export function CorrectionRequestCreate() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id } = useParams();
  const { draft, error: draftError } = useDraft(id);
  const { years, year, setYearId } = useSchoolYear();
  const selection = useSheetSelection();
  const options = useSheetOptions(id ? undefined : year?.id, selection.classId);

  const ref: SheetRef | null = useMemo(() => {
    if (id) return draft ? { classId: draft.request.class_id, subjectId: draft.request.subject_id, semester: draft.request.semester } : null;
    return selection.request;
  }, [id, draft, selection.request?.classId, selection.request?.subjectId, selection.request?.semester]);
  const { sheet, lockedReason, error: sheetError, loading } = useSheet(ref);
  const initialItems = useMemo(() => draft?.items, [draft]);
  const { items, toggle, setValue, remove } = useDraftItems(initialItems);
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (draft) setReason(draft.request.reason);
  }, [draft]);
  const { save, saving } = useSaveDraft();
  const [saveError, setSaveError] = useState<string | null>(null);

  // A link to a sheet of another year shows that year in the picker.
  const sheetYear = sheet?.class.school_year_id;
  useEffect(() => {
    if (!id && sheetYear && years.some((y) => y.id === sheetYear)) setYearId(sheetYear);
  }, [id, sheetYear, years.length, setYearId]);

  const chosen = new Set(items.map((i) => itemKey(i.student_id, i.kind, i.seq)));
  const submit = async () => {
    if (!ref) return;
    if (reason.trim().length < REASON_LENGTH.min) return setSaveError(t('correction_requests.form.reason_required'));
    if (items.length === 0 || items.some((i) => !i.value.trim())) return setSaveError(t('correction_requests.form.value_required'));
    const outcome = await save(id ?? null, ref, reason, items);
    if ('message' in outcome) return setSaveError(outcome.message);
    setSaveError(null);
    message.success(t('correction_requests.form.saved'));
    navigate(`/correction_requests/${outcome.id}`);
  };

  if (id && draftError !== null) return <Alert type="error" showIcon message={draftError || t('correction_requests.not_found')} />;
  if (draft && draft.request.status !== 'draft') {
    return <Alert type="warning" showIcon message={t('correction_requests.form.not_draft')} action={<Link to={`/correction_requests/${draft.request.id}`}>{t('correction_requests.back')}</Link>} />;
  }

  return (
    <Flex vertical gap={token.margin} data-testid="correction-form">
      <Flex justify="space-between" align="center" wrap gap={token.margin}>
        <Typography.Title level={3}>{t(id ? 'correction_requests.form.title_edit' : 'correction_requests.form.title_new')}</Typography.Title>
        <Link to={id ? `/correction_requests/${id}` : '/correction_requests'}>{t('correction_requests.back')}</Link>
      </Flex>
      {!id && (
        <Flex vertical gap={token.marginXS}>
          <Typography.Text type="secondary">{t('correction_requests.form.pick_sheet')}</Typography.Text>
          <SheetPickers
            years={years}
            yearId={year?.id}
            onYear={(y) => {
              setYearId(y);
              selection.select({ class: undefined, subject: undefined });
            }}
            classOptions={options.classOptions}
            subjectOptions={options.subjectOptions}
            classId={selection.classId}
            subjectId={selection.subjectId}
            semester={selection.semester}
            onSelect={selection.select}
          />
        </Flex>
      )}
      {sheetError && <Alert type="error" showIcon message={sheetError} />}
      {loading && <Spin />}
      {!ref && !id && <Empty description={t('correction_requests.form.pick_sheet')} />}
      {sheet && (
        <>
          {lockedReason ? (
            <Alert type="warning" showIcon message={t('correction_requests.form.sheet_locked', { reason: lockedReason })} />
          ) : (
            <Alert type="info" showIcon message={t('correction_requests.form.sheet_open')} />
          )}
          <Typography.Text>{t('correction_requests.form.sheet_hint')}</Typography.Text>
          <CorrectionSheet sheet={sheet} chosen={chosen} onPick={toggle} />
          <Card size="small" title={t('correction_requests.form.items_title')}>
            <DraftItemsTable sheet={sheet} items={items} onValue={setValue} onRemove={remove} />
          </Card>
          <Flex vertical gap={token.marginXS}>
            <Typography.Text strong>{t('correction_requests.fields.reason')}</Typography.Text>
            <Input.TextArea
              rows={3}
              maxLength={REASON_LENGTH.max}
              showCount
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={t('correction_requests.form.reason_placeholder')}
              data-testid="correction-reason"
            />
          </Flex>
          {saveError && <Alert type="error" showIcon message={saveError} data-testid="correction-save-error" />}
          <Flex justify="end">
            <ActionButton
              resource="correction_requests"
              action="create"
              row={{ class_id: ref?.classId, subject_id: ref?.subjectId }}
              type="primary"
              icon={<SaveOutlined />}
              loading={saving}
              onClick={() => void submit()}
              data-testid="correction-save"
            >
              {t('correction_requests.form.save')}
            </ActionButton>
          </Flex>
        </>
      )}
    </Flex>
  );
}
