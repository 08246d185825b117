import { useTranslate } from '@refinedev/core';
import { Flex, Tag, theme } from 'antd';
import type { Role } from '../../../policies/types.ts';

/** The user's roles in words ("Hiệu trưởng", "Giáo viên bộ môn"), or "no role yet". */
export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const t = useTranslate();
  const { token } = theme.useToken();
  return (
    <Flex data-testid="header-roles" wrap gap={token.marginXXS}>
      {roles.length === 0 ? (
        <Tag>{t('header.no_roles')}</Tag>
      ) : (
        roles.map((role) => (
          <Tag key={role} color="blue" data-role={role}>
            {t(`roles.${role}`)}
          </Tag>
        ))
      )}
    </Flex>
  );
}
