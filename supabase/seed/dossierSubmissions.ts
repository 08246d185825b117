// The demo's electronic dossiers in use (issue 17, item 9), made on the start that loads the demo — after
// the signing certificates — through the product's own path: each person uploads a small PDF into their
// folder, the `dossiers` function finalises it, signs it with their PIN where the item requires it, the
// person submits it (rpc submit_dossier) and the reviewer approves or returns it with a comment. Around the
// pinned today (23/11/2026): THPT Tân Đông has approved, returned, waiting and overdue items — gv.toan@'s
// weekly plans, the Toán – Tin department's, the school's yearly plan (reported to the Sở) and the Công
// đoàn's plan; Tiểu học Tân Đông has gvcn.3a@'s plans waiting and one overdue.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { PDFDocument } from '@cantoo/pdf-lib';
import * as fontkit from 'fontkit';
import fs from 'node:fs';
import type { Database } from '../functions/_shared/database.ts';
import { DEMO_PASSWORD } from './demo.ts';
import { DEMO_SIGNING_PIN } from './certificates.ts';

type Client = SupabaseClient<Database>;

interface Step {
  who: string;
  school: string;
  item: string;
  /** The period's first day. */
  period?: string;
  title: string;
  /** Where the dossier ends: submitted (waiting), approved or returned by `reviewer`. */
  outcome: 'submitted' | 'approved' | 'returned';
  reviewer?: string;
  comment?: string;
}

export const DEMO_DOSSIERS: Step[] = [
  { who: 'gv.toan@thpt-tandong.edu.vn', school: 'thpt-tandong', item: 'ke_hoach_day_hoc_tuan', period: '2026-11-09', title: 'Kế hoạch dạy học tuần 10 — Toán 10A1, 11A1',
    outcome: 'approved', reviewer: 'totruong.toan@thpt-tandong.edu.vn' },
  { who: 'gv.toan@thpt-tandong.edu.vn', school: 'thpt-tandong', item: 'ke_hoach_day_hoc_tuan', period: '2026-11-16', title: 'Kế hoạch dạy học tuần 11 — Toán 10A1, 11A1',
    outcome: 'returned', reviewer: 'totruong.toan@thpt-tandong.edu.vn', comment: 'Bổ sung phần điều chỉnh sau tiết dạy và thời lượng ôn tập chương II.' },
  { who: 'gv.toan@thpt-tandong.edu.vn', school: 'thpt-tandong', item: 'ke_hoach_bai_day', period: '2026-11-16', title: 'Kế hoạch bài dạy tuần 11 — Hàm số bậc hai',
    outcome: 'submitted' },
  { who: 'totruong.toan@thpt-tandong.edu.vn', school: 'thpt-tandong', item: 'ke_hoach_tuan_khoi', period: '2026-11-23', title: 'Kế hoạch dạy học tuần 12 của khối — Tổ Toán – Tin',
    outcome: 'approved', reviewer: 'phohieutruong@thpt-tandong.edu.vn' },
  { who: 'vanthu@thpt-tandong.edu.vn', school: 'thpt-tandong', item: 'ke_hoach_nha_truong', title: 'Kế hoạch giáo dục nhà trường năm học 2026-2027',
    outcome: 'approved', reviewer: 'hieutruong@thpt-tandong.edu.vn' },
  { who: 'congdoan@thpt-tandong.edu.vn', school: 'thpt-tandong', item: 'cong_doan', title: 'Kế hoạch hoạt động Công đoàn năm học 2026-2027',
    outcome: 'returned', reviewer: 'hieutruong@thpt-tandong.edu.vn', comment: 'Bổ sung dự toán kinh phí hoạt động và danh sách Ban chấp hành.' },
  { who: 'gvcn.3a@th-tandong.edu.vn', school: 'th-tandong', item: 'ke_hoach_day_hoc_tuan', period: '2026-11-16', title: 'Kế hoạch dạy học tuần 11 — Lớp 3A',
    outcome: 'submitted' },
];

const fontPath = 'node_modules/@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf';

/** A one-page PDF with the document's title (Tinos, so the Vietnamese prints). */
async function demoPdf(title: string, school: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const font = await doc.embedFont(fs.readFileSync(fontPath), { subset: true });
  const page = doc.addPage([595, 842]);
  page.drawText(school, { x: 56, y: 780, size: 12, font });
  page.drawText(title, { x: 56, y: 740, size: 15, font });
  page.drawText('Tài liệu mẫu của bản trình diễn Sổ điện tử.', { x: 56, y: 710, size: 11, font });
  doc.setTitle(title);
  return await doc.save();
}

export async function seedDemoDossiers(apiUrl: string, anonKey: string, serviceKey: string): Promise<number> {
  const service = createClient<Database>(apiUrl, serviceKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const sessions = new Map<string, Client>();
  const as = async (email: string) => {
    if (!sessions.has(email)) {
      const c = createClient<Database>(apiUrl, anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
      const { error } = await c.auth.signInWithPassword({ email, password: DEMO_PASSWORD });
      if (error) throw new Error(`demo dossiers: sign-in of ${email}: ${error.message}`);
      sessions.set(email, c);
    }
    return sessions.get(email)!;
  };
  const call = async (c: Client, body: unknown) => {
    const token = (await c.auth.getSession()).data.session!.access_token;
    const res = await fetch(`${apiUrl}/functions/v1/dossiers`, {
      method: 'POST', headers: { Authorization: `Bearer ${token}`, apikey: anonKey, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    const json = await res.json() as { version?: { id: string }; error?: { message: string } };
    if (res.status !== 201) throw new Error(`demo dossiers: ${JSON.stringify(body).slice(0, 80)}: ${res.status} ${json.error?.message}`);
    return json.version!;
  };
  let n = 0;
  for (const s of DEMO_DOSSIERS) {
    const c = await as(s.who);
    const { data: unit } = await service.from('org_units').select('id, name').eq('code', s.school).single();
    const profile = (await c.auth.getUser()).data.user!.id;
    // The person's own obligation, as "Hồ sơ của tôi" lists it; only once (a later start leaves it).
    const mine = (await c.rpc('dossier_list', { p_mine: true, p_limit: 2000 })).data ?? [];
    const ob = mine.find((m) => m.school_id === unit!.id && m.item_code === s.item && (!s.period || m.period_start === s.period));
    if (!ob) throw new Error(`demo dossiers: ${s.who} does not submit ${s.item} ${s.period ?? ''}`);
    if (ob.status !== 'missing') continue;
    const path = `incoming/${profile}/${crypto.randomUUID()}.pdf`;
    const up = await c.storage.from('dossiers').upload(path, await demoPdf(s.title, unit!.name), { contentType: 'application/pdf' });
    if (up.error) throw new Error(`demo dossiers: upload: ${up.error.message}`);
    let v = await call(c, { action: 'finalise', obligation_id: ob.id, path, file_name: `${s.title.split(' — ')[0]}.pdf` });
    if (ob.signature_required) {
      v = await call(c, { action: 'sign', version_id: v.id, pin: DEMO_SIGNING_PIN });
    }
    const sub = await c.rpc('submit_dossier', { p_version_id: v.id });
    if (sub.error) throw new Error(`demo dossiers: submit ${s.item}: ${sub.error.message}`);
    if (s.outcome !== 'submitted') {
      const r = await (await as(s.reviewer!)).rpc('review_dossier', {
        p_version_id: v.id, p_decision: s.outcome === 'approved' ? 'approve' : 'return', ...(s.comment ? { p_comment: s.comment } : {}),
      });
      if (r.error) throw new Error(`demo dossiers: review ${s.item}: ${r.error.message}`);
    }
    n++;
  }
  return n;
}
