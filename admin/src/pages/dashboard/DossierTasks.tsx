import { useTranslate } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { theme } from 'antd';
import { useSupabase } from '../../providers/supabase.tsx';

interface Tasks { due_soon: number; overdue: number; returned: number; to_review: number; reopen_requests: number }

/** Where each count leads. */
const LINKS: [keyof Tasks, string][] = [
  ['overdue', '#/dossiers'],
  ['returned', '#/dossiers'],
  ['due_soon', '#/dossiers'],
  ['to_review', '#/dossier_reviews'],
  ['reopen_requests', '#/dossier_compliance'],
];

/**
 * The start page's dossier tasks (issue 17): one call, rpc my_dossier_tasks — the caller's own dossiers due
 * within a week, overdue or returned, what they review and the reopen requests they decide — each count a
 * link to its screen. Nothing is shown to someone with nothing waiting (a family, an office).
 */
export function DossierTasks() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const supabase = useSupabase();
  const tasks = useQuery({
    queryKey: ['my_dossier_tasks'],
    queryFn: async () => {
      const { data, error } = await supabase.rpc('my_dossier_tasks');
      if (error) throw error;
      return data as unknown as Tasks;
    },
  });
  const waiting = LINKS.filter(([k]) => (tasks.data?.[k] ?? 0) > 0);
  if (waiting.length === 0) return null;
  return (
    <section data-testid="dossier-tasks" aria-labelledby="dossier-tasks-title"
      style={{ background: token.colorBgContainer, border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadiusLG, padding: `${token.padding}px ${token.paddingLG}px` }}>
      <h4 id="dossier-tasks-title" style={{ margin: 0, marginBottom: token.marginXS, fontSize: token.fontSizeLG, fontWeight: token.fontWeightStrong }}>
        {t('dossiers.tasks.title')}
      </h4>
      <ul style={{ margin: 0, paddingInlineStart: token.paddingLG }}>
        {waiting.map(([k, href]) => (
          <li key={k} data-task={k}>
            <a href={href} style={{ color: k === 'overdue' || k === 'returned' ? token.colorError : token.colorLink }}>
              {t(`dossiers.tasks.${k}`, { count: tasks.data![k] })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
