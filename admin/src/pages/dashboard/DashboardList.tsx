import { useGetIdentity, useTranslate } from '@refinedev/core';
import { Alert, Tag, theme } from 'antd';
import type { CSSProperties } from 'react';
import type { Identity, Membership } from '../../providers/userContext.ts';
import { DossierTasks } from './DossierTasks.tsx';

const keyOf = (m: Membership) => `${m.org_unit_id}/${m.school_year ?? '-'}/${m.role}`;

/**
 * Trang chủ: greets the user and lists their memberships (every school year, latest first). The first
 * screen after sign-in: a plain table styled from the theme tokens, not antd's Table and Card (sorting,
 * paging, filters and tabs this list never uses, about 70 KB gzip on the first screen).
 */
export function DashboardList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { data: identity, isLoading } = useGetIdentity<Identity>();
  const current = new Set(identity?.current ?? []);
  const memberships = identity?.memberships ?? [];

  const cell: CSSProperties = { padding: `${token.paddingSM}px ${token.padding}px`, borderBottom: `1px solid ${token.colorBorderSecondary}`, textAlign: 'start' };
  const head: CSSProperties = { ...cell, background: token.colorFillAlter, fontWeight: token.fontWeightStrong };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: token.marginLG }}>
      <div>
        <h3 data-testid="dashboard-greeting" style={{ margin: 0, marginBottom: token.marginXS, fontSize: token.fontSizeHeading3, fontWeight: token.fontWeightStrong, color: token.colorTextHeading }}>
          {t('dashboard.greeting', { name: identity?.name ?? '' })}
        </h3>
        <span style={{ color: token.colorTextSecondary }}>{t('dashboard.intro')}</span>
      </div>
      {identity?.contextError && <Alert type="warning" showIcon message={t('dashboard.context_error')} description={identity.contextError} />}
      <DossierTasks />
      <section
        aria-labelledby="memberships-title"
        style={{ background: token.colorBgContainer, border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadiusLG }}
      >
        <h4 id="memberships-title" style={{ margin: 0, padding: `${token.padding}px ${token.paddingLG}px`, fontSize: token.fontSizeLG, fontWeight: token.fontWeightStrong, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
          {t('memberships.title')}
        </h4>
        <div style={{ padding: token.paddingLG, overflowX: 'auto' }}>
          <table data-testid="memberships-table" aria-busy={isLoading} style={{ width: '100%', borderCollapse: 'collapse' }}>
            <thead>
              <tr>
                <th style={head}>{t('memberships.fields.org_unit_name')}</th>
                <th style={head}>{t('memberships.fields.org_unit_kind')}</th>
                <th style={head}>{t('memberships.fields.school_year')}</th>
                <th style={head}>{t('memberships.fields.role')}</th>
              </tr>
            </thead>
            <tbody>
              {memberships.map((m) => (
                <tr key={keyOf(m)} data-row-key={keyOf(m)}>
                  <td style={cell}>{m.org_unit_name}</td>
                  <td style={cell}>{t(`org_unit_kinds.${m.org_unit_kind}`)}</td>
                  <td style={cell}>{m.school_year ?? t('common.empty')}</td>
                  <td style={cell}>
                    <Tag color={current.has(m) ? 'blue' : undefined}>{t(`roles.${m.role}`, m.role)}</Tag>
                  </td>
                </tr>
              ))}
              {!isLoading && memberships.length === 0 && (
                <tr>
                  <td colSpan={4} style={{ ...cell, textAlign: 'center', color: token.colorTextTertiary }}>
                    {t('dashboard.no_memberships')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
