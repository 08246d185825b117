import { useTranslate } from '@refinedev/core';
import { Flex, Select, theme } from 'antd';
import { YearSelect } from './YearSelect.tsx';
import type { SchoolYear } from './useSchoolYear.ts';
import { SEMESTERS, type Option, type SemesterParam } from './useSheetSelection.ts';

interface Props {
  years: SchoolYear[];
  yearId: string | undefined;
  onYear: (id: string) => void;
  classOptions: Option[];
  subjectOptions: Option[];
  classId: string | undefined;
  subjectId: string | undefined;
  semester: SemesterParam;
  onSelect: (change: { class?: string; subject?: string; semester?: SemesterParam }) => void;
}

/** Năm học, lớp, môn, học kì: the four choices that name a sheet. */
export function SheetPickers({ years, yearId, onYear, classOptions, subjectOptions, classId, subjectId, semester, onSelect }: Props) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const width = { minWidth: token.controlHeight * 5 };
  return (
    <Flex gap={token.margin} wrap align="center">
      <YearSelect years={years} value={yearId} onChange={onYear} />
      <Select
        data-testid="score-class-select"
        aria-label={t('score_entries.fields.class')}
        showSearch
        optionFilterProp="label"
        placeholder={t('common.pick_class')}
        style={width}
        value={classOptions.some((o) => o.value === classId) ? classId : undefined}
        onChange={(value: string) => onSelect({ class: value })}
        options={classOptions}
      />
      <Select
        data-testid="score-subject-select"
        aria-label={t('score_entries.fields.subject')}
        showSearch
        optionFilterProp="label"
        placeholder={t('score_entries.pick_subject')}
        style={width}
        disabled={!classId}
        value={subjectOptions.some((o) => o.value === subjectId) ? subjectId : undefined}
        onChange={(value: string) => onSelect({ subject: value })}
        options={subjectOptions}
      />
      <Select
        data-testid="score-semester-select"
        aria-label={t('score_entries.fields.semester')}
        style={width}
        value={semester}
        onChange={(value: SemesterParam) => onSelect({ semester: value })}
        options={SEMESTERS.map((s) => ({ value: s, label: t(`score_entries.semesters.${s}`) }))}
      />
    </Flex>
  );
}
