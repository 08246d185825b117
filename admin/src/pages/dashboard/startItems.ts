// The answer of rpc/my_start_page and how each item is worded: the database gives data ({kind, tone, link,
// …values}), this module formats the values the Vietnamese way (8,5; 23/11/2026) and picks the sentence of
// the kind (start.items.*) in the UI language.
import { z } from 'zod';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/format.ts';

const itemSchema = z.object({ kind: z.string(), tone: z.enum(['danger', 'warning', 'info', 'success']), link: z.string() }).catchall(z.unknown());
const sectionSchema = z.object({
  role: z.string(),
  school_id: z.string().nullable(),
  school_name: z.string().nullable(),
  year_code: z.string().nullable(),
  items: z.array(itemSchema),
});
export const startPageSchema = z.object({ today: z.string(), sections: z.array(sectionSchema) });
export type StartPage = z.infer<typeof startPageSchema>;
export type StartSection = z.infer<typeof sectionSchema>;
export type StartItem = z.infer<typeof itemSchema>;

type T = (key: string, options?: Record<string, unknown>) => string;

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const num = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : text(v));
const semester = (t: T, v: unknown) => t(`start.semester.${v === null || v === undefined ? 'year' : String(v)}`);

/** The sentence of one item, its values formatted. */
export function itemText(item: StartItem, t: T): string {
  const v: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) v[key] = typeof value === 'number' ? formatNumber(value) : value;
  v.semester = semester(t, item.semester);
  switch (item.kind) {
    case 'sheets_due':
    case 'dossier_due':
    case 'dossier_overdue':
      v.deadline = formatDate(text(item.deadline));
      v.due_on = formatDate(text(item.due_on));
      break;
    case 'qualities_missing':
      v.period = t(`start.period.${text(item.period)}`);
      break;
    case 'correction': {
      const actions = Array.isArray(item.actions) ? (item.actions as string[]) : [];
      v.action = actions.map((a) => t(`start.correction_action.${a}`)).filter((a, i, all) => all.indexOf(a) === i).join(', ');
      break;
    }
    case 'signatures_pending':
      v.subject = item.subject_name ? ` — ${text(item.subject_name)}` : '';
      v.closes_on = formatDate(text(item.closes_on));
      break;
    case 'copies_to_issue':
      v.since = formatDate(text(item.since));
      break;
    case 'visit_open':
      v.arrived_at = formatDateTime(text(item.arrived_at));
      break;
    case 'integrity_intact':
    case 'integrity_broken':
    case 'integrity_failed':
    case 'integrity_running':
      v.finished_at = formatDateTime(text(item.finished_at));
      v.started_at = formatDateTime(text(item.started_at));
      break;
    case 'backup_download_approved':
      v.approved_until = formatDateTime(text(item.approved_until));
      break;
    case 'office_school':
      v.share_done = item.share_done === null || item.share_done === undefined ? '—' : `${num(item.share_done)}%`;
      v.sheets_overdue = text(item.sheets_overdue);
      break;
    case 'results_published': {
      const periods = Array.isArray(item.periods) ? item.periods : [];
      v.periods = periods.map((p) => semester(t, p)).join(', ');
      break;
    }
    case 'health_notice':
      v.sent_at = formatDate(text(item.sent_at));
      break;
  }
  return t(`start.items.${item.kind}`, v);
}

/** A section's title: the role, its school and year; or "My dossiers" / "Account". */
export function sectionTitle(section: StartSection, t: T): string {
  const role = section.role === 'dossiers' || section.role === 'account' ? t(`start.sections.${section.role}`) : t(`roles.${section.role}`);
  const where = [section.school_name, section.year_code].filter(Boolean).join(', ');
  return where ? `${role} — ${where}` : role;
}
