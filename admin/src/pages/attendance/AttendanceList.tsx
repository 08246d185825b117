import { useCan, useTranslate } from '@refinedev/core';
import { Alert, Flex, Select, Space, Typography, theme } from 'antd';
import { useMemo, useState } from 'react';
import { ClassSelect } from '../../components/ClassSelect.tsx';
import { HomeroomSheet } from '../../components/homeroomSheet/HomeroomSheet.tsx';
import { useAppToday } from '../../components/useAppToday.ts';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useClassSheetRights } from '../../components/useClassSheetRights.ts';
import { useHomeroomClass } from '../../components/useHomeroomClass.ts';
import { useReadsClassResults } from '../../components/useReadsClassResults.ts';
import { AttendanceGrid } from './AttendanceGrid.tsx';
import { defaultMonth, monthDays, yearMonths } from './attendanceGrid.ts';
import { useAttendanceSheet } from './useAttendanceSheet.ts';

/**
 * Chuyên cần: the GVCN records, month by month, the days each student of the class was absent, excused
 * (P, có phép) or not (K, không phép), with the month's and the year's totals; days after today are not
 * offered. Others who read the class see the grid read-only. Saved in one all-or-nothing call
 * (rpc/save_attendance); a refusal's sentence is shown as it is and the clicks are kept.
 */
export function AttendanceList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { years, year, setYearId, classes, cls, setClassId, isHomeroom } = useHomeroomClass();
  const today = useAppToday();
  const [chosenMonth, setMonth] = useState<string>();
  const months = useMemo(() => (year ? yearMonths(year.starts_on, year.ends_on) : []), [year]);
  const month = chosenMonth && months.includes(chosenMonth) ? chosenMonth : (today ? defaultMonth(months, today) : undefined);
  const days = useMemo(
    () => (year && month && today ? monthDays(month, year.starts_on, year.ends_on, year.semester1_ends_on, today) : []),
    [year, month, today],
  );
  const semesters = [...new Set(days.filter((d) => d.inYear).map((d) => d.semester))];
  // A day's cells are editable when the save button can show: the matrix cell on this class, the class
  // the caller's own, and the database's answer for that day's semester (rpc/class_sheet_rights: not
  // locked, results not proposed or published).
  const canEdit = useCan({ resource: 'attendance', action: 'edit', params: cls ? { row: { school_id: cls.school_id, class_id: cls.id } } : undefined }).data?.can ?? false;
  const rights = useClassSheetRights(cls?.id, semesters);
  const editable = canEdit && isHomeroom && rights.anyEditable;
  const sheet = useAttendanceSheet(cls, month, useReadsClassResults(cls));

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
      <HomeroomSheet
        prefix="attendance"
        resource="attendance"
        messages="attendance"
        cls={cls}
        sheet={sheet}
        allowed={isHomeroom && rights.anyEditable}
        editable={editable}
        onReload={rights.reload}
        legend={t('attendance.legend')}
      >
        {() => (
          <AttendanceGrid
            students={sheet.data.students}
            days={days}
            saved={sheet.saved}
            marks={sheet.marks}
            editable={(d) => editable && !sheet.saving && rights.canEdit(d.semester)}
            loading={sheet.loading}
            onCycle={sheet.cycle}
          />
        )}
      </HomeroomSheet>
    </Flex>
  );
}
