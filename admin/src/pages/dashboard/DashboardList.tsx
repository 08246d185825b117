import { useGetIdentity, useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Tag, theme } from 'antd';
import { useState, type CSSProperties } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../i18n/format.ts';
import type { Identity, Membership } from '../../providers/userContext.ts';
import { useSupabase } from '../../providers/supabase.tsx';
import { itemText, sectionTitle, startPageSchema, type StartItem, type StartSection } from './startItems.ts';

const keyOf = (m: Membership) => `${m.org_unit_id}/${m.school_year ?? '-'}/${m.role}`;
/** Items a section shows before "Xem tất cả". */
const FIRST = 8;

/**
 * Trang chủ: what waits for this person now, one section per role they hold (rpc my_start_page, one call),
 * each line a link to the screen where it is done; then their roles. Plain elements styled from the theme
 * tokens (no antd Table or Card on the first screen), laid out in columns that fold to one on a phone.
 */
export function DashboardList() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const supabase = useSupabase();
  const { data: identity, isLoading } = useGetIdentity<Identity>();
  const current = new Set(identity?.current ?? []);
  const memberships = identity?.memberships ?? [];
  const start = useQuery({
    queryKey: ['my_start_page', identity?.id],
    enabled: !!identity,
    queryFn: async () => {
      const { data, error } = await supabase.rpc('my_start_page');
      if (error) throw error;
      return startPageSchema.parse(data);
    },
  });

  const box: CSSProperties = { background: token.colorBgContainer, border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadiusLG, minWidth: 0 };
  const heading: CSSProperties = { margin: 0, padding: `${token.paddingSM}px ${token.padding}px`, fontSize: token.fontSize, fontWeight: token.fontWeightStrong, borderBottom: `1px solid ${token.colorBorderSecondary}` };
  const cell: CSSProperties = { padding: `${token.paddingXS}px ${token.paddingSM}px`, borderBottom: `1px solid ${token.colorBorderSecondary}`, textAlign: 'start' };
  const head: CSSProperties = { ...cell, background: token.colorFillAlter, fontWeight: token.fontWeightStrong };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: token.marginLG, minWidth: 0 }}>
      <div>
        <h3 data-testid="dashboard-greeting" style={{ margin: 0, marginBottom: token.marginXS, fontSize: token.fontSizeHeading3, fontWeight: token.fontWeightStrong, color: token.colorTextHeading }}>
          {t('dashboard.greeting', { name: identity?.name ?? '' })}
        </h3>
        <span style={{ color: token.colorTextSecondary }}>{t('dashboard.intro', { today: start.data ? formatDate(start.data.today) : '' })}</span>
      </div>
      {identity?.contextError && <Alert type="warning" showIcon message={t('dashboard.context_error')} description={identity.contextError} />}
      {start.isError && <Alert type="error" showIcon message={t('start.error', { message: (start.error as Error).message })} />}
      <div data-testid="start-page" aria-busy={start.isLoading}
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 340px), 1fr))', gap: token.margin, alignItems: 'start' }}>
        {start.isLoading && <span style={{ color: token.colorTextTertiary }}>{t('start.loading')}</span>}
        {start.data?.sections.map((s) => <Section key={`${s.role}/${s.school_id ?? '-'}`} section={s} style={box} heading={heading} />)}
        {start.data && start.data.sections.length === 0 && <span style={{ color: token.colorTextTertiary }}>{t('start.none')}</span>}
      </div>
      <details style={box}>
        <summary id="memberships-title" style={{ ...heading, cursor: 'pointer', borderBottom: 'none' }}>{t('start.memberships')}</summary>
        <div style={{ padding: token.padding, overflowX: 'auto' }}>
          <table data-testid="memberships-table" aria-busy={isLoading} style={{ width: '100%', borderCollapse: 'collapse' }}>
            <thead>
              <tr>
                <th style={head}>{t('memberships.fields.org_unit_name')}</th>
                <th style={head}>{t('memberships.fields.school_year')}</th>
                <th style={head}>{t('memberships.fields.role')}</th>
              </tr>
            </thead>
            <tbody>
              {memberships.map((m) => (
                <tr key={keyOf(m)} data-row-key={keyOf(m)}>
                  <td style={cell}>{m.org_unit_name}</td>
                  <td style={cell}>{m.school_year ?? t('common.empty')}</td>
                  <td style={cell}>
                    <Tag color={current.has(m) ? 'blue' : undefined}>{t(`roles.${m.role}`, m.role)}</Tag>
                  </td>
                </tr>
              ))}
              {!isLoading && memberships.length === 0 && (
                <tr>
                  <td colSpan={3} style={{ ...cell, textAlign: 'center', color: token.colorTextTertiary }}>
                    {t('dashboard.no_memberships')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}

function Section({ section, style, heading }: { section: StartSection; style: CSSProperties; heading: CSSProperties }) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const [all, setAll] = useState(false);
  const shown = all ? section.items : section.items.slice(0, FIRST);
  const colour: Record<StartItem['tone'], string> = { danger: token.colorError, warning: token.colorWarning, info: token.colorInfo, success: token.colorSuccess };
  return (
    <section data-testid="start-section" data-role={section.role} style={style}>
      <h4 style={heading}>{sectionTitle(section, t)}</h4>
      {section.items.length === 0 ? (
        <p style={{ margin: 0, padding: token.padding, color: token.colorTextTertiary }}>{t('start.empty')}</p>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: `${token.paddingXS}px 0` }}>
          {shown.map((item, i) => (
            <li key={i} data-kind={item.kind} data-tone={item.tone}
              style={{ display: 'flex', gap: token.marginXS, padding: `${token.paddingXXS}px ${token.padding}px`, overflowWrap: 'anywhere' }}>
              <span aria-hidden style={{ flex: 'none', width: 8, height: 8, marginTop: 7, borderRadius: 4, background: colour[item.tone] }} />
              <Link to={item.link}>{itemText(item, t)}</Link>
            </li>
          ))}
          {!all && section.items.length > FIRST && (
            <li style={{ padding: `${token.paddingXXS}px ${token.padding}px` }}>
              <a role="button" onClick={() => setAll(true)}>{t('start.more', { count: section.items.length - FIRST })} — {t('start.show_all')}</a>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
