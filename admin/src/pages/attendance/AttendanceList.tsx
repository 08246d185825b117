import { ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useCan, useTranslate } from '@refinedev/core';
import { Alert, App, Button, Flex, Select, Space, Typography, theme } from 'antd';
import { useMemo, useState } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { ClassSelect } from '../../components/ClassSelect.tsx';
import { useAppToday } from '../../components/useAppToday.ts';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useConfirmDiscard, useSaveShortcut, useStickyBar } from '../../components/sheetActions.ts';
import { useClassSheetRights } from '../../components/useClassSheetRights.ts';
import { useHomeroomClass } from '../../components/useHomeroomClass.ts';
import { useReadsClassResults } from '../../components/useReadsClassResults.ts';
import { AttendanceGrid } from './AttendanceGrid.tsx';
import { defaultMonth, monthDays, yearMonths } from './attendanceGrid.ts';
import { useAttendanceSheet } from './useAttendanceSheet.ts';

/**
 * Chuyên cần: the GVCN records, month by month, the days each student of the class was absent, excused
 * (P, có phép) or not (K, không phép), with the month's and the year's totals. Others who read the class
 * see the grid read-only. Saved in one action; a refusal is shown through errorMessage.
 */
export function AttendanceList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const { years, year, setYearId, classes, cls, setClassId, isHomeroom } = useHomeroomClass();
  const today = useAppToday();
  const [chosenMonth, setMonth] = useState<string>();
  const months = useMemo(() => (year ? yearMonths(year.starts_on, year.ends_on) : []), [year]);
  const month = chosenMonth && months.includes(chosenMonth) ? chosenMonth : (today ? defaultMonth(months, today) : undefined);
  const days = useMemo(() => (year && month ? monthDays(month, year.starts_on, year.ends_on, year.semester1_ends_on) : []), [year, month]);
  const semesters = [...new Set(days.filter((d) => d.inYear).map((d) => d.semester))];
  // A day's cells are editable when the save button can show: the matrix cell on this class, the class
  // the caller's own, and the database's answer for that day's semester (rpc/class_sheet_rights: not
  // locked, results not proposed or published).
  const canEdit = useCan({ resource: 'attendance', action: 'edit', params: cls ? { row: { school_id: cls.school_id, class_id: cls.id } } : undefined }).data?.can ?? false;
  const rights = useClassSheetRights(cls?.id, semesters);
  const editable = canEdit && isHomeroom && rights.anyEditable;
  const sheet = useAttendanceSheet(cls, month, useReadsClassResults(cls));

  const save = async () => {
    const outcome = await sheet.save();
    if (outcome?.ok) message.success(t('attendance.saved', { count: outcome.saved }));
    else if (outcome?.kind === 'stale') message.warning(t('attendance.stale'));
  };
  const confirmDiscard = useConfirmDiscard();
  const sticky = useStickyBar();
  // Ctrl+S saves what the Lưu button would (nothing while it is disabled or hidden).
  useSaveShortcut(() => void save(), !!cls && isHomeroom && rights.anyEditable && canEdit && !sheet.saving && sheet.count > 0);

  return (
    <Flex vertical gap={token.margin} data-testid="attendance-page" data-sheet-class={cls?.id} data-sheet-semesters={semesters.join(',')}>
      <Flex justify="space-between" align="center" wrap gap={token.margin}>
        <Typography.Title level={3}>{t('attendance.title')}</Typography.Title>
        <Flex gap={token.margin} wrap align="center">
          <YearSelect years={years} value={year?.id} onChange={setYearId} />
          <ClassSelect classes={classes} value={cls?.id} onChange={setClassId} />
          <Space>
            <Typography.Text>{t('attendance.month')}</Typography.Text>
            <Select
              data-testid="attendance-month-select"
              value={month}
              onChange={setMonth}
              popupMatchSelectWidth={false}
              options={months.map((m) => ({ value: m, label: t('attendance.month_label', { month: Number(m.slice(5)), year: m.slice(0, 4) }) }))}
            />
          </Space>
        </Flex>
      </Flex>
      {!cls && <Alert data-testid="attendance-pick-class" type="info" showIcon message={t('attendance.pick_class')} />}
      {sheet.loadError && <Alert data-testid="attendance-load-error" type="error" showIcon message={t('attendance.load_failed')} description={sheet.loadError} />}
      {cls && !editable && <Alert data-testid="attendance-read-only" type="info" showIcon message={t('attendance.read_only')} />}
      {sheet.saveError && (
        <Alert data-testid="attendance-save-error" role="alert" type="error" showIcon message={t('attendance.save_failed')} description={sheet.saveError} />
      )}
      {cls && (
        <Flex justify="space-between" align="center" wrap gap={token.marginXS} ref={sticky.ref} style={sticky.style} data-testid="attendance-toolbar">
          <Typography.Text type="secondary">{t('attendance.legend')}</Typography.Text>
          <Flex gap={token.marginXS}>
            <Button icon={<ReloadOutlined />} onClick={() => confirmDiscard(sheet.count > 0, () => void Promise.all([sheet.reload(), rights.reload()]))} data-testid="attendance-reload">
              {t('attendance.reload')}
            </Button>
            <ActionButton
              resource="attendance"
              action="edit"
              row={{ school_id: cls.school_id, class_id: cls.id }}
              allowed={isHomeroom && rights.anyEditable}
              type="primary"
              icon={<SaveOutlined />}
              disabled={sheet.count === 0}
              loading={sheet.saving}
              onClick={() => void save()}
              data-testid="attendance-save"
            >
              {t('attendance.save', { count: sheet.count })}
            </ActionButton>
          </Flex>
        </Flex>
      )}
      {cls && (
        <AttendanceGrid
          students={sheet.students}
          days={days}
          saved={sheet.saved}
          marks={sheet.marks}
          editable={(d) => editable && !sheet.saving && rights.canEdit(d.semester)}
          loading={sheet.loading}
          onCycle={sheet.cycle}
        />
      )}
    </Flex>
  );
}
