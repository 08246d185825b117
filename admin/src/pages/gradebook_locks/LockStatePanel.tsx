import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Alert, Card, Col, Flex, Row, Select, Statistic, Typography, theme } from 'antd';
import { useState } from 'react';
import type { ClassRow } from '../../components/useYearData.ts';
import { LOCK_SEMESTERS, type SubjectOption } from '../../shared/locks.ts';
import { useLockState } from '../../components/useGradebookLocks.ts';

/**
 * The current state per semester (I, II, after the year), for every class and subject or for the class
 * and subject picked here: what a teacher saving a score into that cell would meet.
 */
export function LockStatePanel({ yearId, classes, subjects, version }: { yearId: string | undefined; classes: ClassRow[]; subjects: (classId: string | null) => SubjectOption[]; version: number }) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const [classId, setClassId] = useState<string | null>(null);
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const state = useLockState(yearId, classId, subjectId, version);
  const offered = subjects(classId);

  return (
    <Card size="small" title={t('gradebook_locks.state_title')} data-testid="lock-state">
      <Flex vertical gap={token.margin}>
        <Flex gap={token.marginSM} align="center" wrap>
          <Typography.Text>{t('gradebook_locks.state_of')}</Typography.Text>
          <Select
            data-testid="lock-state-class"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('gradebook_locks.all_classes')}
            popupMatchSelectWidth={false}
            value={classId}
            onChange={(v?: string) => (setClassId(v ?? null), setSubjectId(null))}
            options={classes.map((c) => ({ value: c.id, label: c.name }))}
          />
          <Select
            data-testid="lock-state-subject"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('gradebook_locks.all_subjects')}
            popupMatchSelectWidth={false}
            value={subjectId}
            onChange={(v?: string) => setSubjectId(v ?? null)}
            options={offered.map((s) => ({ value: s.id, label: s.name }))}
          />
        </Flex>
        <Typography.Text type="secondary">{t('gradebook_locks.state_help')}</Typography.Text>
        {state.kind === 'failed' && <Alert type="error" showIcon message={t('gradebook_locks.state_error')} description={state.message} />}
        <Row gutter={token.margin}>
          {LOCK_SEMESTERS.map((s) => {
            const locked = state.kind === 'loaded' ? state.locked[s] : null;
            return (
              <Col key={s} xs={24} md={8}>
                <Statistic
                  data-testid={`lock-state-${s}`}
                  data-locked={locked === null ? undefined : String(locked)}
                  loading={state.kind === 'loading'}
                  title={t(`gradebook_locks.semesters.${s}`)}
                  value={locked === null ? t('common.empty') : t(locked ? 'gradebook_locks.locked' : 'gradebook_locks.open')}
                  prefix={locked === null ? undefined : locked ? <LockOutlined /> : <UnlockOutlined />}
                  valueStyle={locked === null ? undefined : { color: locked ? token.colorError : token.colorSuccess }}
                />
              </Col>
            );
          })}
        </Row>
      </Flex>
    </Card>
  );
}
