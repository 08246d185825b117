import { useTranslate } from '@refinedev/core';
import { Card, Descriptions, Flex, Table, type TableColumnsType, theme } from 'antd';
import type { HTMLAttributes } from 'react';
import { countWithShare } from '../../shared/classSummary.ts';
import { COMPLETIONS, SUBJECT_LEVELS, YEAR_RESULTS, type PrimaryTotals as Totals } from './primarySummary.ts';

type SubjectRow = Totals['subjects'][number];

/**
 * A primary class's totals under its summary: per subject the pupils at each level (with the share of
 * those rated), and for the year the education results and programme completion. Test ids:
 * `total-<subject id>-<T|H|C|none>`, `total-result-<result>`, `total-completion-<completion>`.
 */
export function PrimaryTotals({ totals, year }: { totals: Totals; year: boolean }) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const columns: TableColumnsType<SubjectRow> = [
    { key: 'subject', dataIndex: 'name', title: t('student_results.tt27.totals.subject') },
    ...[...SUBJECT_LEVELS, 'none' as const].map((level) => ({
      key: level,
      title: t(`student_results.tt27.levels.${level}`),
      align: 'center' as const,
      onCell: (row: SubjectRow) => ({ 'data-testid': `total-${row.id}-${level}` }) as HTMLAttributes<HTMLElement>,
      render: (_: unknown, row: SubjectRow) => countWithShare(row.counts[level], row.rated),
    })),
  ];

  return (
    <Card size="small" title={t('student_results.totals.title', { count: totals.students })} data-testid="student-results-totals">
      <Flex vertical gap={token.margin}>
        <Table<SubjectRow> dataSource={totals.subjects} columns={columns} rowKey="id" size="small" bordered pagination={false} scroll={{ x: 'max-content' }} />
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          {year && (
            <Descriptions.Item label={t('student_results.tt27.totals.year_result')}>
              {[...YEAR_RESULTS, 'none' as const].map((r) => (
                <div key={r} data-testid={`total-result-${r}`}>
                  {t(`student_results.tt27.results.${r}`)}: {countWithShare(totals.results[r], totals.students)}
                </div>
              ))}
            </Descriptions.Item>
          )}
          {year && (
            <Descriptions.Item label={t('student_results.tt27.totals.completion')}>
              {[...COMPLETIONS, 'none' as const].map((c) => (
                <div key={c} data-testid={`total-completion-${c}`}>
                  {t(`student_results.tt27.completions.${c}`)}: {countWithShare(totals.completion[c], totals.students)}
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
