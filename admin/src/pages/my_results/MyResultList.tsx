import { useTranslate } from '@refinedev/core';
import { Alert, Empty, Flex, Spin, Typography, theme } from 'antd';
import { PeriodCard } from './PeriodCard.tsx';
import { TranscriptView } from './TranscriptView.tsx';
import { useMyResults } from './useMyResults.ts';

/**
 * Kết quả học tập: what a guardian (for each child) or a student reads once the school has published a
 * period's results — nothing before, nobody else's. Newest period first, unfolded; the older ones folded
 * under their title and levels (a phone's screen is the measure: 360 px wide, nothing scrolls sideways).
 */
export function MyResultList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const state = useMyResults();

  return (
    <Flex vertical gap={token.margin} data-testid="my-results-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('my_results.title')}
      </Typography.Title>
      {state.kind === 'loading' && <Spin />}
      {state.kind === 'failed' && <Alert type="error" showIcon message={t('my_results.load_error')} description={state.message} />}
      {state.kind === 'unexpected' && <Alert type="error" showIcon message={t('my_results.unexpected')} description={state.detail} />}
      {state.kind === 'loaded' && state.children.length === 0 && (
        <Empty data-testid="my-results-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('my_results.empty')} />
      )}
      {state.kind === 'loaded' && state.children.some((c) => c.periods.length > 0) && <Typography.Text type="secondary">{t('my_results.intro')}</Typography.Text>}
      {state.kind === 'loaded' &&
        state.children.map((child) => (
          <Flex key={child.student_id} vertical gap={token.margin} data-testid={`my-results-student-${child.student_code}`}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('my_results.student', { name: child.full_name, code: child.student_code })}
            </Typography.Title>
            {child.periods.length === 0 ? (
              <Empty data-testid="my-results-none" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('my_results.none_yet')} />
            ) : (
              <TranscriptView studentId={child.student_id} />
            )}
            {child.periods.map((p, i) => (
              <PeriodCard key={`${p.school_year_code}-${p.class_name}-${p.semester ?? 'year'}`} period={p} open={i === 0} />
            ))}
          </Flex>
        ))}
    </Flex>
  );
}
