import { useTranslate } from '@refinedev/core';
import { Select, Space, Typography } from 'antd';
import type { SchoolYear } from './useSchoolYear.ts';

/** Năm học picker shown at the top of year-scoped screens. */
export function YearSelect({ years, value, onChange }: { years: SchoolYear[]; value: string | undefined; onChange: (id: string) => void }) {
  const t = useTranslate();
  return (
    <Space>
      <Typography.Text>{t('common.school_year')}</Typography.Text>
      <Select
        data-testid="year-select"
        className="year-select"
        value={value}
        onChange={onChange}
        options={years.map((y) => ({ value: y.id, label: y.code }))}
        popupMatchSelectWidth={false}
      />
    </Space>
  );
}
