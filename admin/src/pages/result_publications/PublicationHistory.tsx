import { useTranslate } from '@refinedev/core';
import { Table } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../../i18n/format.ts';
import type { PublicationEventRow } from './publications.ts';

/** The history of one publication: each step, who took it, the note, and for a revision the correction request. */
export function PublicationHistory({ events, names }: { events: PublicationEventRow[]; names: Map<string, string> }) {
  const t = useTranslate();
  return (
    <Table<PublicationEventRow>
      data-testid="publication-history"
      dataSource={events}
      rowKey="id"
      size="small"
      pagination={false}
      locale={{ emptyText: t('result_publications.history.empty') }}
      title={() => t('result_publications.history.title')}
    >
      <Table.Column<PublicationEventRow> dataIndex="created_at" title={t('result_publications.history.at')} render={(v: string) => formatDateTime(v)} />
      <Table.Column<PublicationEventRow> dataIndex="action" title={t('result_publications.history.action')} render={(v: string) => t(`result_publications.history.actions.${v}`)} />
      <Table.Column<PublicationEventRow>
        key="actor"
        title={t('result_publications.history.actor')}
        render={(_, e) => (e.actor_id ? (names.get(e.actor_id) ?? t('common.empty')) : t('common.empty'))}
      />
      <Table.Column<PublicationEventRow>
        key="note"
        title={t('result_publications.history.note')}
        render={(_, e) => (
          <>
            {e.note}
            {e.correction_request_id && (
              <div>
                <Link to={`/correction_requests/${e.correction_request_id}`} data-testid={`publication-correction-${e.correction_request_id}`}>
                  {t('result_publications.history.correction_link')}
                </Link>
              </div>
            )}
          </>
        )}
      />
    </Table>
  );
}
