// Each correction request carries the steps the caller may take now (correction_requests.allowed_actions,
// the checks of rpc/advance_correction): walked through every status as the demo users of the procedure,
// each gets exactly its steps, every step offered is one the matrix gives that user a button for, and
// every step not offered is refused by rpc/advance_correction with nothing changed, while the offered
// one goes through (the positive control). Works on 11A1 Toán, semester II of 2025–2026 (locked; the
// corrections suite uses 10A1), changing one ĐĐGtx that moves no result (tests/helpers/corrections.ts).
// Also: the admin's list of status codes and their labels are the database's.
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CORRECTION_STATUSES,
  EVIDENCE_MAX_BYTES,
  EVIDENCE_TYPES,
  REASON_LENGTH,
  TRANSITION_ACTION,
  UNLOCK_MAX_HOURS,
  offeredTransitions,
  type CorrectionStatus,
} from '../../admin/src/pages/correction_requests/correctionModel.ts';
import { isAllowed } from '../../admin/src/providers/accessControlProvider.ts';
import { correctionsVi } from '../../admin/src/i18n/corrections.ts';
import { isRole, type Role } from '../../policies/types.ts';
import { serviceClient, signedIn, superuser } from '../helpers/stack.ts';
import { TINY_PNG, neutralChange, vn, type NeutralChange, type Sheet, one } from '../helpers/corrections.ts';

const BUCKET = 'correction-evidence';
const SEMESTER = 2;
const USERS = { teacher: 'gv.toan', admin: 'bqt', principal: 'hieutruong', vp: 'phohieutruong', inspector: 'thanhtra' } as const;
type Who = keyof typeof USERS;
const WHO = Object.keys(USERS) as Who[];

const clients = {} as Record<Who, SupabaseClient>;
const roles = {} as Record<Who, Role[]>;
const ids = { cls: '', toan: '', year: '', vp: '', inspector: '' };
let sheet: Sheet;
const used = new Set<string>();

const status = async (id: string) => (await one(serviceClient().from('correction_requests').select('status').eq('id', id))).status as CorrectionStatus;

/** The request as `who` reads it: its allowed_actions, or null when the row is not readable. */
async function allowedFor(who: Who, id: string): Promise<string[] | null> {
  const { data, error } = await clients[who].from('correction_requests').select('id, allowed_actions').eq('id', id);
  expect(error).toBeNull();
  return data!.length ? ((data![0] as { allowed_actions: string[] }).allowed_actions) : null;
}

const advance = (who: Who, id: string, to: string, extra: Record<string, unknown> = {}) =>
  clients[who].rpc('advance_correction', { p_request_id: id, p_to: to, ...extra });

/**
 * At the request's current status: each user reads exactly `expected` (null: cannot read the row),
 * the matrix gives them a button for each, and every other status is refused to them, nothing changed.
 */
async function checkState(id: string, expected: Record<Who, string[] | null>) {
  const at = await status(id);
  for (const who of WHO) {
    expect(await allowedFor(who, id), `${who} at ${at}`).toEqual(expected[who]);
    for (const step of offeredTransitions(expected[who])) {
      expect(isAllowed(roles[who], 'correction_requests', TRANSITION_ACTION[step]), `${who}: button ${step}`).toBe(true);
    }
    for (const to of CORRECTION_STATUSES.filter((s) => !(expected[who] ?? []).includes(s))) {
      const { error } = await advance(who, id, to, { p_note: 'Thử một bước không được mời', p_until: new Date(Date.now() + 30 * 60_000).toISOString(), p_witnesses: witnesses() });
      expect(['42501', 'PT409'], `${who} ${at} → ${to}: ${error?.message}`).toContain(error?.code);
    }
    expect(await status(id), `after ${who}'s refused steps`).toBe(at);
  }
}

const none = (extra: Partial<Record<Who, string[] | null>> = {}): Record<Who, string[] | null> =>
  ({ teacher: [], admin: [], principal: [], vp: [], inspector: [], ...extra });
const witnesses = () => [{ profile_id: ids.vp, capacity: 'bgh' }, { profile_id: ids.inspector, capacity: 'inspector' }];

async function draft(): Promise<{ id: string; change: NeutralChange }> {
  const change = neutralChange(sheet, used);
  used.add(change.student.student_id);
  const { data, error } = await clients.teacher.rpc('save_correction_request', {
    p_id: null, p_class_id: ids.cls, p_subject_id: ids.toan, p_semester: SEMESTER, p_reason: 'Nhập nhầm điểm so với bài kiểm tra',
    p_items: [{ student_id: change.student.student_id, kind: 'tx', seq: change.seq, value: vn(change.to) }],
  });
  expect(error).toBeNull();
  const id = data as string;
  expect((await clients.teacher.storage.from(BUCKET).upload(`${id}/bai-kiem-tra.png`, TINY_PNG, { contentType: 'image/png' })).error).toBeNull();
  return { id, change };
}

async function take(who: Who, id: string, to: string, extra: Record<string, unknown> = {}) {
  const { error } = await advance(who, id, to, extra);
  expect(error, `${who} → ${to}`).toBeNull();
  expect(await status(id)).toBe(to);
}

beforeAll(async () => {
  for (const who of WHO) clients[who] = await signedIn(`${USERS[who]}@thpt-tandong.edu.vn`);
  for (const who of WHO) {
    const { data } = await clients[who].rpc('current_user_context');
    roles[who] = (data as { memberships: { role: string; current: boolean }[] }).memberships.filter((m) => m.current).map((m) => m.role).filter(isRole);
  }
  ids.vp = (await clients.vp.auth.getUser()).data.user!.id;
  ids.inspector = (await clients.inspector.auth.getUser()).data.user!.id;
  const svc = serviceClient();
  const school = (await one(svc.from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string;
  ids.year = (await one(svc.from('school_years').select('id').eq('school_id', school).eq('code', '2025-2026'))).id as string;
  ids.cls = (await one(svc.from('classes').select('id').eq('school_year_id', ids.year).eq('name', '11A1'))).id as string;
  ids.toan = (await one(svc.from('subjects').select('id').eq('school_level', 'upper_secondary').eq('code', 'toan'))).id as string;
  const { data, error } = await clients.teacher.rpc('gradebook_sheet', { p_class_id: ids.cls, p_subject_id: ids.toan, p_semester: SEMESTER });
  if (error) throw new Error(error.message);
  sheet = data as Sheet;
}, 60_000);

describe('correction_requests.allowed_actions: each role gets exactly its steps, and nothing else goes through', () => {
  it('the sheet is a locked one of last year', () => {
    expect(sheet.locked).toBe(true);
  });

  it('draft → submitted → forwarded → approved → unlocked → edited → relocked → minuted, each step by the one user offered it', async () => {
    const { id, change } = await draft();
    // A draft is the requester's alone: nobody else reads it.
    await checkState(id, { teacher: ['submitted', 'withdrawn'], admin: null, principal: null, vp: null, inspector: null });
    await take('teacher', id, 'submitted');
    await checkState(id, none({ teacher: ['withdrawn'], admin: ['forwarded'] }));
    // Every reader sees the requester by name (the inbox's embed), never only an id.
    const name = (await one(serviceClient().from('profiles').select('full_name').eq('email', 'gv.toan@thpt-tandong.edu.vn'))).full_name;
    for (const who of WHO) {
      const { data, error } = await clients[who].from('correction_requests').select('requester:profiles!correction_requests_requested_by_fkey(full_name)').eq('id', id);
      expect(error, who).toBeNull();
      expect(data, who).toEqual([{ requester: { full_name: name } }]);
    }
    await take('admin', id, 'forwarded');
    await checkState(id, none({ principal: ['approved', 'rejected'], vp: ['approved', 'rejected'] }));
    await take('principal', id, 'approved', { p_note: 'Đồng ý' });
    await checkState(id, none({ admin: ['unlocked'] }));
    await take('admin', id, 'unlocked', { p_until: new Date(Date.now() + 30 * 60_000).toISOString(), p_witnesses: witnesses() });
    // "edited" is nobody's button: the requester reaches it by writing the approved value.
    await checkState(id, none({ admin: ['relocked'] }));
    const entry = await one(serviceClient().from('score_entries').select('version').eq('student_id', change.student.student_id)
      .eq('subject_id', ids.toan).eq('school_year_id', ids.year).eq('semester', SEMESTER).eq('kind', 'tx').eq('seq', change.seq));
    const saved = await clients.teacher.rpc('save_score_entries', { p_class_id: ids.cls, p_subject_id: ids.toan, p_semester: SEMESTER,
      p_changes: [{ student_id: change.student.student_id, kind: 'tx', seq: change.seq, value: vn(change.to), version: entry.version }] });
    expect(saved.error).toBeNull();
    expect(await status(id)).toBe('edited');
    await checkState(id, none({ admin: ['relocked'] }));
    await take('admin', id, 'relocked');
    await checkState(id, none({ admin: ['minuted'] }));
    await take('admin', id, 'minuted', { p_note: 'Phòng họp Ban giám hiệu' });
    await checkState(id, none());
  });

  it('the requester withdraws a draft and a submitted request; the vice principal rejects a forwarded one; nothing is offered after', async () => {
    const a = await draft();
    await take('teacher', a.id, 'withdrawn');
    await checkState(a.id, none());
    const b = await draft();
    await take('teacher', b.id, 'submitted');
    await take('teacher', b.id, 'withdrawn');
    await checkState(b.id, none());
    const c = await draft();
    await take('teacher', c.id, 'submitted');
    await take('admin', c.id, 'forwarded');
    await take('vp', c.id, 'rejected', { p_note: 'Minh chứng chưa rõ' });
    await checkState(c.id, none());
  });
});

describe('the admin\'s status codes and labels are the database\'s', () => {
  it('CORRECTION_STATUSES is public.correction_status, in order, and each Vietnamese label is private.status_label', async () => {
    const su = await superuser();
    try {
      const rows = (await su.query(`select s::text as code, private.status_label(s) as label from unnest(enum_range(null::public.correction_status)) s`)).rows as { code: string; label: string }[];
      expect([...CORRECTION_STATUSES]).toEqual(rows.map((r) => r.code));
      for (const r of rows) expect(correctionsVi.statuses[r.code as CorrectionStatus], r.code).toBe(r.label);
    } finally {
      await su.end();
    }
  });

  it('the quick checks the form keeps for responsiveness are the database\'s: evidence types and size, the reason\'s length, the unlock\'s longest time', async () => {
    const su = await superuser();
    try {
      const bucket = (await su.query(`select file_size_limit, allowed_mime_types from storage.buckets where id = 'correction-evidence'`)).rows[0] as { file_size_limit: string | number; allowed_mime_types: string[] };
      expect(Number(bucket.file_size_limit)).toBe(EVIDENCE_MAX_BYTES);
      expect([...bucket.allowed_mime_types].sort()).toEqual(Object.keys(EVIDENCE_TYPES).sort());
      const reason = (await su.query(`select pg_get_constraintdef(c.oid) as def from pg_constraint c
        where c.conrelid = 'public.correction_requests'::regclass and c.contype = 'c' and pg_get_constraintdef(c.oid) like '%reason%'`)).rows.map((r) => r.def as string);
      // Postgres prints `between 10 and 2000` as `>= 10 AND … <= 2000`.
      expect(reason.join(' ')).toMatch(new RegExp(`>= ${REASON_LENGTH.min}\\).*<= ${REASON_LENGTH.max}\\)`));
      const advance = (await su.query(`select pg_get_functiondef('public.advance_correction(uuid, public.correction_status, text, timestamptz, jsonb)'::regprocedure) as def`)).rows[0].def as string;
      expect(advance).toContain(`p_until > clock_timestamp() + interval '${UNLOCK_MAX_HOURS} hours'`);
    } finally {
      await su.end();
    }
  });
});
