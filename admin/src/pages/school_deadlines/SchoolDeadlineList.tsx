import { useTranslate } from '@refinedev/core';
import { Alert, Col, Flex, Row, Typography, theme } from 'antd';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { DeadlinesCard } from './DeadlinesCard.tsx';
import { TestDatesCard } from './TestDatesCard.tsx';
import { useDeadlineRights, useDeadlines, useTestDates } from './useDeadlines.ts';

/**
 * Thời hạn và lịch kiểm tra: the deadlines of the chosen year's school (the admin board edits) and the
 * year's periodic test dates (the admin board and BGH edit). What is due on the progress dashboard
 * follows from both. The save buttons show what rpc/deadline_rights answers (the policies' own test).
 */
export function SchoolDeadlineList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { years, year, setYearId } = useSchoolYear();
  const deadlines = useDeadlines(year?.school_id);
  const testDates = useTestDates(year?.id);
  const rights = useDeadlineRights(year?.id);

  return (
    <Flex vertical gap={token.margin} data-testid="deadlines-page">
      <Flex justify="space-between" align="center" wrap gap={token.margin}>
        <Typography.Title level={3}>{t('school_deadlines.title')}</Typography.Title>
        <YearSelect years={years} value={year?.id} onChange={setYearId} />
      </Flex>
      <Alert type="info" showIcon message={t('school_deadlines.intro')} />
      {year && (
        <Row gutter={[token.margin, token.margin]}>
          <Col xs={24} lg={12}>
            <DeadlinesCard schoolId={year.school_id} state={deadlines.state} canEdit={rights.deadlines} onSaved={deadlines.refetch} />
          </Col>
          <Col xs={24} lg={12}>
            <TestDatesCard year={year} rows={testDates.rows} loading={testDates.loading} canEdit={rights.test_dates} onSaved={() => void testDates.refetch()} />
          </Col>
        </Row>
      )}
    </Flex>
  );
}
