import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useCan, useTranslate } from '@refinedev/core';
import { useTable } from '@refinedev/antd';
import { Button, Flex, Input, Table, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
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
  // The matrix cell profiles.create may still be listed as not built; the admin board's right to grant
  // roles (memberships.create) stands for it until then. The function itself checks the caller.
  const canCreate = useCan({ resource: 'profiles', action: 'create' }).data?.can;
  const canGrant = useCan({ resource: 'memberships', action: 'create' }).data?.can;
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
        {(canCreate || canGrant) && (
          <Button type="primary" icon={<PlusOutlined />} data-testid="profile-create" onClick={() => setCreating(true)}>
            {t('profiles.create')}
          </Button>
        )}
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
          render={(_, row) =>
            resettable.has(row.id) && (
              <Button size="small" icon={<KeyOutlined />} data-testid={`profile-reset-${row.email ?? row.id}`} onClick={() => setResetting(row)}>
                {t('profiles.reset_password')}
              </Button>
            )
          }
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
