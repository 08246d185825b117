import { useTranslate } from '@refinedev/core';
import { Card, Descriptions, Flex, Table, type TableColumnsType, theme } from 'antd';
import type { HTMLAttributes } from 'react';
import { AWARDS, LEVELS, PROMOTIONS, countWithShare, type ClassTotals as Totals, type Period } from '../../shared/classSummary.ts';

type LevelRow = { key: (typeof LEVELS)[number] | 'none' };
type CountField = 'learning' | 'conduct' | 'learningAfterRetest' | 'conductAfterSummer';
const FIELD_LABELS: Record<CountField, string> = {
  learning: 'learning_level',
  conduct: 'conduct_level',
  learningAfterRetest: 'learning_after_retest',
  conductAfterSummer: 'conduct_after_summer',
};

/**
 * Class totals under the summary: students per learning and conduct level (with the share of the
 * class), and for the year the promotion proposals and awards. Test ids: `total-<field>-<level>`.
 */
export function ClassTotals({ totals, period }: { totals: Totals; period: Period }) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const year = period === 'year';
  const fields: CountField[] = year ? ['learning', 'conduct', 'learningAfterRetest', 'conductAfterSummer'] : ['learning', 'conduct'];
  const columns: TableColumnsType<LevelRow> = [
    { key: 'level', title: t('student_results.totals.level'), render: (_, row) => t(`student_results.levels.${row.key}`) },
    ...fields.map((field) => ({
      key: field,
      title: t(`student_results.fields.${FIELD_LABELS[field]}`),
      align: 'center' as const,
      onCell: (row: LevelRow) => ({ 'data-testid': `total-${field}-${row.key}` }) as HTMLAttributes<HTMLElement>,
      render: (_: unknown, row: LevelRow) => countWithShare(totals[field][row.key], totals.students),
    })),
  ];
  const rows: LevelRow[] = [...LEVELS, 'none' as const].map((key) => ({ key }));

  return (
    <Card size="small" title={t('student_results.totals.title', { count: totals.students })} data-testid="student-results-totals">
      <Flex vertical gap={token.margin}>
        <Table<LevelRow> dataSource={rows} columns={columns} rowKey="key" size="small" bordered pagination={false} />
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          {year && (
            <Descriptions.Item label={t('student_results.totals.promotion')}>
              {[...PROMOTIONS, 'none' as const].map((p) => (
                <div key={p} data-testid={`total-promotion-${p}`}>
                  {t(`student_results.promotions.${p}`)}: {countWithShare(totals.promotion[p], totals.students)}
                </div>
              ))}
            </Descriptions.Item>
          )}
          {year && (
            <Descriptions.Item label={t('student_results.totals.award')}>
              {AWARDS.map((a) => (
                <div key={a} data-testid={`total-award-${a}`}>
                  {t(`student_results.awards.${a}`)}: {countWithShare(totals.award[a], totals.students)}
                </div>
              ))}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('student_results.totals.absences')}>
            <span data-testid="total-absences">
              {t('student_results.totals.absences_value', { excused: totals.absencesExcused, unexcused: totals.absencesUnexcused })}
            </span>
          </Descriptions.Item>
        </Descriptions>
      </Flex>
    </Card>
  );
}
