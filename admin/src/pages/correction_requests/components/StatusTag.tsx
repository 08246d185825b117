import { useTranslate } from '@refinedev/core';
import { Tag } from 'antd';
import { STATUS_COLORS, type CorrectionStatus } from '../correctionModel.ts';

/** The status of a request with its Vietnamese label (data-status carries the code for tests). */
export function StatusTag({ status }: { status: CorrectionStatus }) {
  const t = useTranslate();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="correction-status" data-status={status}>
      {t(`correction_requests.statuses.${status}`)}
    </Tag>
  );
}
