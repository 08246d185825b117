import { ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, Flex, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import type { Resource } from '../../../../policies/types.ts';
import { ActionButton } from '../ActionButton.tsx';
import { useConfirmDiscard, useSaveShortcut, useStickyBar } from '../sheetActions.ts';
import type { HomeroomSheetState } from './useHomeroomSheet.ts';

interface Props {
  /** Test ids: `<prefix>-toolbar`, `-reload`, `-save`, `-save-error`, `-load-error`, `-read-only`, `-invalid`. */
  prefix: string;
  /** The matrix resource of the save button (action edit on the class's row). */
  resource: Resource;
  /** Where the sheet's strings are: `<messages>.reload`, `.save` ({{count}}), `.saved`, `.save_failed`, `.load_failed`, `.read_only`, `.invalid`. */
  messages: string;
  cls: { id: string; school_id: string } | undefined;
  sheet: HomeroomSheetState;
  /** The database's answer for this sheet and period (rpc/class_sheet_rights, the GVCN); false hides Lưu. */
  allowed: boolean;
  /** Whether the cells may be changed here (the matrix, the class's GVCN, the database's answer). */
  editable: boolean;
  /** Also read again on Tải lại (e.g. the sheet's rights). */
  onReload?: () => unknown;
  /** Shown at the start of the toolbar (the sheet's legend). */
  legend?: ReactNode;
  /** The "you can only read" notice (a sheet inside another one leaves it to its host). */
  readOnlyNotice?: boolean;
  /** The toolbar stays at the top of the window while the table scrolls (the main sheet of a page). */
  sticky?: boolean;
  /** The table, given the height of the sticky toolbar (its header sticks just below it). */
  children: (offsetHeader: number) => ReactNode;
}

/**
 * The frame every homeroom sheet shares, below its pickers: the load and save errors (the database's
 * sentence as it is), the read-only and invalid-rows notices, the toolbar with Tải lại (asking before
 * dropping unsaved edits) and Lưu (N), Ctrl+S saving what Lưu would, and the table. Shown for a picked
 * class only.
 */
export function HomeroomSheet({ prefix, resource, messages, cls, sheet, allowed, editable, onReload, legend, readOnlyNotice = true, sticky = true, children }: Props) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const confirmDiscard = useConfirmDiscard();
  const bar = useStickyBar();
  const canSave = !!cls && allowed && editable && !sheet.saving && sheet.count > 0 && sheet.invalid.length === 0;

  const save = async () => {
    const outcome = await sheet.save();
    if (outcome?.ok) message.success(t(`${messages}.saved`, { count: outcome.saved }));
  };
  // Ctrl+S saves what the Lưu button would (nothing while it is disabled or hidden).
  useSaveShortcut(() => void save(), canSave);

  if (!cls) return sheet.loadError ? <Alert data-testid={`${prefix}-load-error`} type="error" showIcon message={t(`${messages}.load_failed`)} description={sheet.loadError} /> : null;
  return (
    <>
      {sheet.loadError && <Alert data-testid={`${prefix}-load-error`} type="error" showIcon message={t(`${messages}.load_failed`)} description={sheet.loadError} />}
      {readOnlyNotice && !editable && <Alert data-testid={`${prefix}-read-only`} type="info" showIcon message={t(`${messages}.read_only`)} />}
      {sheet.saveError && <Alert data-testid={`${prefix}-save-error`} role="alert" type="error" showIcon message={t(`${messages}.save_failed`)} description={sheet.saveError} />}
      {sheet.invalid.length > 0 && <Alert data-testid={`${prefix}-invalid`} type="error" showIcon message={t(`${messages}.invalid`, { count: sheet.invalid.length })} />}
      <Flex justify="space-between" align="center" wrap gap={token.marginXS} ref={sticky ? bar.ref : undefined} style={sticky ? bar.style : undefined} data-testid={`${prefix}-toolbar`}>
        <Typography.Text type="secondary">{legend}</Typography.Text>
        <Flex gap={token.marginXS}>
          <Button icon={<ReloadOutlined />} onClick={() => confirmDiscard(sheet.dirty, () => void Promise.all([sheet.reload(), onReload?.()]))} data-testid={`${prefix}-reload`}>
            {t(`${messages}.reload`)}
          </Button>
          <ActionButton
            resource={resource}
            action="edit"
            row={{ school_id: cls.school_id, class_id: cls.id }}
            allowed={allowed}
            type="primary"
            icon={<SaveOutlined />}
            disabled={sheet.count === 0 || sheet.invalid.length > 0}
            loading={sheet.saving}
            onClick={() => void save()}
            data-testid={`${prefix}-save`}
          >
            {t(`${messages}.save`, { count: sheet.count })}
          </ActionButton>
        </Flex>
      </Flex>
      {children(sticky ? bar.offsetHeader : 0)}
    </>
  );
}
