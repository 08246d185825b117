import { useTranslate } from '@refinedev/core';
import { Alert, Collapse, Descriptions, Flex, Table, Typography, theme } from 'antd';
import type { HTMLAttributes } from 'react';
import { formatDate, formatNumber } from '../../i18n/format.ts';
import { levelLabel } from '../../shared/classSummary.ts';
import { periodKey, subjectFinal, subjectValue, type MyPeriod, type MySubject } from './results.ts';

/**
 * One published period of one child: subjects, levels, absences, and for the year promotion and award.
 * Made for a phone first: a fold whose head names the period and, folded, still says its learning and
 * conduct levels; `open` unfolds it (the newest period), the others open with a tap. Nothing in it is
 * wider than the screen: the title wraps, the table has two or three narrow columns.
 */
export function PeriodCard({ period: p, open = false }: { period: MyPeriod; open?: boolean }) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const year = p.semester === null;
  const finals = year && p.subjects.some((s) => subjectFinal(s, p.semester, t) !== '');
  const level = (value: MyPeriod['learning_level']) => levelLabel(value, t) || t('student_results.levels.none');
  const key = `${p.school_year_code}-${p.class_name}-${periodKey(p.semester)}`;
  const items = [
    { key: 'learning', label: t('my_results.fields.learning_level'), children: level(p.learning_level) },
    { key: 'conduct', label: t('my_results.fields.conduct_level'), children: level(p.conduct_level) },
    {
      key: 'absences',
      label: t('my_results.fields.absences'),
      children: t('my_results.absences_value', { total: formatNumber(p.absences), excused: formatNumber(p.absences_excused), unexcused: formatNumber(p.absences_unexcused) }),
    },
    ...(year && p.learning_after_retest ? [{ key: 'retest', label: t('my_results.fields.learning_after_retest'), children: level(p.learning_after_retest) }] : []),
    ...(year && p.conduct_after_summer ? [{ key: 'summer', label: t('my_results.fields.conduct_after_summer'), children: level(p.conduct_after_summer) }] : []),
    ...(year
      ? [
          { key: 'promotion', label: t('my_results.fields.promotion'), children: t(`student_results.promotions.${p.promotion ?? 'none'}`) },
          { key: 'award', label: t('my_results.fields.award'), children: p.award ? t(`student_results.awards.${p.award}`) : t('my_results.no_award') },
        ]
      : []),
  ];

  const head = (
    <Flex vertical gap={token.marginXXS} style={{ minWidth: 0 }}>
      <Typography.Text strong data-testid="my-results-period-title">
        {t('my_results.period_title', { period: t(`student_results.periods.${periodKey(p.semester)}`), year: p.school_year_code, class: p.class_name })}
      </Typography.Text>
      <Typography.Text type="secondary" data-testid="my-results-period-summary">
        {t('my_results.summary', { learning: level(p.learning_level), conduct: level(p.conduct_level) })}
      </Typography.Text>
    </Flex>
  );
  const body = (
    <Flex vertical gap={token.marginSM}>
      {p.published_at && <Typography.Text type="secondary">{t('my_results.published_at', { date: formatDate(p.published_at) })}</Typography.Text>}
      {p.revisions > 0 && <Alert type="warning" showIcon data-testid="my-results-revised" message={t('my_results.revised', { count: p.revisions })} />}
      <Table<MySubject>
        dataSource={p.subjects}
        rowKey="name"
        size="small"
        pagination={false}
        onRow={(s) => ({ 'data-testid': `my-results-subject-${s.name}` }) as HTMLAttributes<HTMLElement>}
      >
        <Table.Column<MySubject> dataIndex="name" title={t('my_results.fields.subject')} />
        <Table.Column<MySubject>
          key="value"
          title={t('my_results.fields.result')}
          align="center"
          width="30%"
          render={(_, s) => subjectValue(s.assessment_kind, s.average, s.rating, t) || t('common.empty')}
        />
        {finals && <Table.Column<MySubject> key="final" title={t('my_results.fields.final')} align="center" width="25%" render={(_, s) => subjectFinal(s, p.semester, t)} />}
      </Table>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 3 }} items={items} />
    </Flex>
  );

  return (
    <Collapse
      data-testid="my-results-period"
      data-year={p.school_year_code}
      data-period={periodKey(p.semester)}
      defaultActiveKey={open ? [key] : []}
      style={{ background: token.colorBgContainer }}
      items={[{ key, label: head, children: body }]}
    />
  );
}
