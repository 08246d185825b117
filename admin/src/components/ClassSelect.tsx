import { useTranslate } from '@refinedev/core';
import { Select } from 'antd';
import type { ClassRow } from './useYearData.ts';

/** A class of the chosen year. */
export function ClassSelect({ classes, value, onChange, testId = 'class-select' }: { classes: ClassRow[]; value: string | undefined; onChange: (id: string) => void; testId?: string }) {
  const t = useTranslate();
  return (
    <Select
      data-testid={testId}
      showSearch
      optionFilterProp="label"
      placeholder={t('common.pick_class')}
      style={{ minWidth: 160 }}
      value={value}
      onChange={onChange}
      options={classes.map((c) => ({ value: c.id, label: c.name }))}
    />
  );
}
