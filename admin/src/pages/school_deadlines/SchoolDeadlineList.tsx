import { useGetIdentity, useTranslate } from '@refinedev/core';
import { Alert, Col, Flex, Row, Typography, theme } from 'antd';
import { YearSelect } from '../../components/YearSelect.tsx';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import type { Identity } from '../../providers/userContext.ts';
import { holdsInYear } from '../inspections/inspections.ts';
import { DeadlinesCard } from './DeadlinesCard.tsx';
import { TestDatesCard } from './TestDatesCard.tsx';
import { useDeadlines, useTestDates } from './useDeadlines.ts';

/**
 * Thời hạn và lịch kiểm tra: the deadlines of the chosen year's school (the admin board edits) and the
 * year's periodic test dates (the admin board and BGH edit). What is due on the progress dashboard
 * follows from both. The buttons follow the caller's roles; Postgres decides.
 */
export function SchoolDeadlineList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { data: identity } = useGetIdentity<Identity>();
  const { years, year, setYearId } = useSchoolYear();
  const deadlines = useDeadlines(year?.school_id);
  const testDates = useTestDates(year?.id);
  const memberships = identity?.memberships ?? [];
  const board = holdsInYear(memberships, year?.code, ['admin_board'], year?.school_id);
  const bgh = holdsInYear(memberships, year?.code, ['principal', 'vice_principal'], year?.school_id);

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
            <DeadlinesCard schoolId={year.school_id} state={deadlines.state} canEdit={board} onSaved={deadlines.refetch} />
          </Col>
          <Col xs={24} lg={12}>
            <TestDatesCard year={year} rows={testDates.rows} loading={testDates.loading} canEdit={board || bgh} onSaved={() => void testDates.refetch()} />
          </Col>
        </Row>
      )}
    </Flex>
  );
}
