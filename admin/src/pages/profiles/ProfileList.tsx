import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { useTable } from '@refinedev/antd';
import { Flex, Input, Table, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { ActionButton } from '../../components/ActionButton.tsx';
import { useSchoolYear } from '../../components/useSchoolYear.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { ProfileCreateModal } from './ProfileCreateModal.tsx';
import { ProfileResetPasswordModal } from './ProfileResetPasswordModal.tsx';
import type { Tables } from '../../../../supabase/functions/_shared/database.ts';

type ProfileRow = Pick<Tables<'profiles'>, 'id' | 'full_name' | 'email'>;

/** Tài khoản cán bộ: the people of the school (RLS), account creation and password reset. */
export function ProfileList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { year } = useSchoolYear();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<ProfileRow | null>(null);
  const { tableProps, setFilters } = useTable<ProfileRow>({
    resource: 'profiles',
    syncWithLocation: false,
    sorters: { initial: [{ field: 'full_name', order: 'asc' }] },
    meta: { select: 'id, full_name, email' },
  });
  const resettable = useResettable((tableProps.dataSource ?? []).map((p) => p.id));

  return (
    <Flex vertical gap={token.margin} data-testid="profiles-page">
      <Flex justify="space-between" align="center">
        <Typography.Title level={3}>{t('profiles.title')}</Typography.Title>
        {/* profiles.create: a matrix cell the staff-accounts function enforces (OUT_OF_BAND): the function checks the caller. */}
        <ActionButton resource="profiles" action="create" row={{ school_id: year?.school_id }} type="primary" icon={<PlusOutlined />} data-testid="profile-create" onClick={() => setCreating(true)}>
          {t('profiles.create')}
        </ActionButton>
      </Flex>
      <Input.Search
        allowClear
        placeholder={t('profiles.search')}
        onSearch={(q) => setFilters([{ field: 'full_name', operator: 'contains', value: q || undefined }], 'replace')}
      />
      <Table {...tableProps} rowKey="id" size="middle">
        <Table.Column dataIndex="full_name" title={t('profiles.fields.full_name')} sorter />
        <Table.Column dataIndex="email" title={t('profiles.fields.email')} />
        <Table.Column<ProfileRow>
          key="actions"
          title={t('common.actions')}
          render={(_, row) => (
            <ActionButton
              resource="profiles"
              action="reset_password"
              row={{ user_id: row.id }}
              allowed={resettable.has(row.id)}
              size="small"
              icon={<KeyOutlined />}
              data-testid={`profile-reset-${row.email ?? row.id}`}
              onClick={() => setResetting(row)}
            >
              {t('profiles.reset_password')}
            </ActionButton>
          )}
        />
      </Table>
      <ProfileCreateModal open={creating} year={year} onClose={() => setCreating(false)} />
      <ProfileResetPasswordModal person={resetting} onClose={() => setResetting(null)} />
    </Flex>
  );
}

/**
 * The accounts of the page whose password the caller may reset (rpc resettable_accounts: the rule the
 * server applies — the board its school's non-BGH people, the Phòng/Sở the BGH of schools under it).
 */
function useResettable(ids: string[]): Set<string> {
  const supabase = useSupabase();
  const [allowed, setAllowed] = useState<Set<string>>(new Set());
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    if (ids.length === 0) {
      setAllowed(new Set());
      return;
    }
    void supabase.rpc('resettable_accounts', { p_profile_ids: ids }).then(({ data }) => {
      if (live) setAllowed(new Set((data as string[] | null) ?? []));
    });
    return () => {
      live = false;
    };
    // Keyed on the ids' content, not the array's identity (a new array every render).
  }, [supabase, key]);
  return allowed;
}
