import { useTranslate } from '@refinedev/core';
import { Collapse, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS } from '../../../policies/labels.ts';
import { permissionTable, type TableRow } from '../../../policies/table.ts';
import { ROLES } from '../../../policies/types.ts';
import { isLanguage } from '../i18n/index.ts';

/**
 * "Ai được làm gì": the permission matrix as a readable table, straight from policies/ (the same data
 * that drives the menus and the generated tests; Postgres enforces it). Collapsed by default.
 */
export function PermissionTable() {
  const t = useTranslate();
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'vi';
  const rows = permissionTable(language);
  return (
    <Collapse
      data-testid="permission-table"
      items={[
        {
          key: 'matrix',
          label: t('memberships.matrix_title'),
          children: (
            <Table<TableRow> dataSource={rows} rowKey="key" size="small" pagination={false} scroll={{ x: 'max-content', y: 560 }}>
              <Table.Column<TableRow>
                key="label"
                fixed="left"
                title={t('memberships.matrix_action')}
                render={(_, r) => (
                  <>
                    {r.label} {r.note ? <Tag>{r.note}</Tag> : null}
                  </>
                )}
              />
              {ROLES.map((role) => (
                <Table.Column<TableRow> key={role} title={ROLE_LABELS[role][language]} render={(_, r) => r.cells[role]} />
              ))}
            </Table>
          ),
        },
      ]}
    />
  );
}
