// The class gradebook (sổ theo dõi và đánh giá học sinh theo lớp) through the real stack, as the demo
// people: the clerk asks for 2024–2025 12A1's book (final; no other suite changes its data, locks or
// unlocks it, or prints its book — 2025–2026 11A2 was unlocked and changed meanwhile by freezes.test.ts); the print function answers with a job that prints it part by part (one of its steps
// is left by a dead worker — the stack's runner retries it after its lease); the book is then served from
// the archive, its pages read
// back with pdftotext and compared with what the database computes. Who may preview, print, or read the
// parts is tried too, each refusal with its positive control.
import crypto from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/functions/_shared/database.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, signedIn, superuser } from '../helpers/stack.ts';
import { one } from '../helpers/corrections.ts';
import { pages, print, type Printed } from '../helpers/print.ts';

const at = (who: string) => `${who}@thpt-tandong.edu.vn`;
const ids = { school: '', y2024: '', book: '', c10A1: '', y2024_10A1: '', toan: '', primary4A: '', primaryToan: '' };
let clerk: SupabaseClient<Database>, mathTeacher: SupabaseClient<Database>, homeroom: SupabaseClient<Database>;
let parent: SupabaseClient<Database>, principal: SupabaseClient<Database>;


const vn = (n: number | string | null) => (n === null ? '' : Number(n).toFixed(1).replace('.', ','));
const LEVEL: Record<string, string> = { tot: 'Tốt', kha: 'Khá', dat: 'Đạt', chua_dat: 'Chưa đạt' };
const line = (page: string, name: string) => page.split('\n').find((l) => new RegExp(`\\d+\\s+${name}\\s`).test(l)) ?? '';

beforeAll(async () => {
  const svc = serviceClient();
  clerk = await signedIn(at('vanthu'));
  mathTeacher = await signedIn(at('gv.toan'));
  homeroom = await signedIn(at('gvcn.10a1'));
  parent = await signedIn(at('phuhuynh'));
  principal = await signedIn(at('hieutruong'));
  ids.school = (await one(svc.from('org_units').select('id').eq('code', 'thpt-tandong'))).id as string;
  ids.y2024 = (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', '2024-2025'))).id as string;
  const current = (await one(svc.from('school_years').select('id').eq('school_id', ids.school).eq('code', '2026-2027'))).id as string;
  ids.book = (await one(svc.from('classes').select('id').eq('school_year_id', ids.y2024).eq('name', '12A1'))).id as string;
  ids.c10A1 = (await one(svc.from('classes').select('id').eq('school_year_id', current).eq('name', '10A1'))).id as string;
  ids.y2024_10A1 = (await one(svc.from('classes').select('id').eq('school_year_id', ids.y2024).eq('name', '10A1'))).id as string;
  ids.toan = (await one(svc.from('subjects').select('id').eq('code', 'toan').eq('school_level', 'upper_secondary'))).id as string;
  const primary = (await one(svc.from('org_units').select('id').eq('code', 'th-tandong'))).id as string;
  const primaryYear = (await one(svc.from('school_years').select('id').eq('school_id', primary).eq('code', '2025-2026'))).id as string;
  ids.primary4A = (await one(svc.from('classes').select('id').eq('school_year_id', primaryYear).eq('name', '4A'))).id as string;
  ids.primaryToan = (await one(svc.from('subjects').select('id').eq('code', 'toan').eq('school_level', 'primary'))).id as string;
});

async function waitForJob(id: string, timeoutMs = 150_000, who: SupabaseClient<Database> = clerk) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await who.from('jobs').select('status, total, done, failed').eq('id', id).single();
    if (data && (data.status === 'done' || data.status === 'failed')) return data;
    if (Date.now() > deadline) throw new Error(`job ${id} not finished: ${JSON.stringify(data)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('vanthu@ prints 2024–2025 12A1\'s book', () => {
  let book: Printed;
  let text: string[];
  let stepResults: { seq: number; attempts: number; result: { pages?: number; verification_code?: string } }[];

  it('the first request answers with a job; its parts are printed one after the other — one abandoned by a dying worker is retried — and joined', async () => {
    const first = await print(clerk, { document: 'class_gradebook', class_id: ids.book });
    expect(first.status, first.bytes.toString().slice(0, 200)).toBe(202);
    const job = first.json!.job_id!;
    // Asking again while it runs answers the same job, not a second one.
    expect((await print(clerk, { document: 'class_gradebook', class_id: ids.book })).json!.job_id).toBe(job);

    // A worker that died holding a step: the summary part left "running" under a lease that will have
    // expired by its turn, exactly as claim_job_steps leaves a step it handed out (the stack's runner is
    // claiming the job's steps meanwhile, one at a time: a claim from here would race it).
    const { data: summary } = await serviceClient().from('job_steps').update({ status: 'running', attempts: 1, lease_until: new Date(Date.now() + 2000).toISOString() })
      .eq('job_id', job).contains('params', { part: 'summary' }).eq('status', 'queued').select('seq');
    expect(summary).toHaveLength(1);
    const abandoned = summary![0]!.seq;

    const done = await waitForJob(job);
    const { data: steps } = await clerk.from('job_steps').select('seq, attempts, status, result, params').eq('job_id', job).order('seq');
    expect(done).toEqual({ status: 'done', total: steps!.length, done: steps!.length, failed: 0 });
    stepResults = steps!.map((s) => ({ seq: s.seq, attempts: s.attempts, result: s.result as { pages?: number } }));
    expect(steps!.find((s) => s.seq === abandoned)!.attempts).toBe(2);
    // front, nine months of attendance, every subject of the class, the summaries, and the join
    const { data: subjects } = await serviceClient().from('class_subjects').select('subjects!inner(category)').eq('class_id', ids.book)
      .neq('subjects.category', 'topic');
    expect(steps!.map((s) => (s.params as { part?: string }).part ?? 'join').filter((p) => p.startsWith('subject:'))).toHaveLength(subjects!.length);
    expect(steps!.at(-1)!.params).toMatchObject({ join: true });

    book = await print(clerk, { document: 'class_gradebook', class_id: ids.book });
    expect(book.status).toBe(200);
    expect(book.type).toBe('application/pdf');
    expect(book.headers.get('x-verification-code')).toBe((steps!.at(-1)!.result as { verification_code: string }).verification_code);
    text = pages(book.bytes);
  }, 200_000);

  it('is one book: every part\'s pages, numbered from page 2 on, each with the version\'s verification code', () => {
    const partPages = stepResults.slice(0, -1).reduce((n, s) => n + s.result.pages!, 0);
    expect(text).toHaveLength(partPages);
    const code = book.headers.get('x-verification-code')!.match(/.{4}/g)!.join('-');
    text.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toContain(`Mã xác thực ${code} · Phiên bản 1`);
      if (i > 0) expect(page.split('\n').find((l) => l.trim() !== '')!.trim(), `page ${i + 1}`).toBe(String(i + 1));
    });
    expect(text[0]).toContain('SỔ THEO DÕI VÀ ĐÁNH GIÁ HỌC SINH');
    expect(text.at(-1)).toContain('NHẬN XÉT CỦA HIỆU TRƯỞNG');
  });

  it('prints each student\'s Toán entries and averages, year results and monthly absences as the database computes them', async () => {
    const su = await superuser();
    try {
      const { rows: toan } = await su.query<{ full_name: string; semester: number | null; average: string | null; gk: string | null }>(`
        select s.full_name, r.semester, r.average,
               (select x.score from public.score_entries x where x.student_id = s.id and x.subject_id = r.subject_id
                  and x.school_year_id = $3 and x.semester = r.semester and x.kind = 'gk') as gk
        from public.subject_results r join public.students s on s.id = r.student_id
        where r.class_id = $1 and r.subject_id = $2 and r.average is not null`, [ids.book, ids.toan, ids.y2024]);
      const sem1 = text.find((p) => /MÔN TOÁN – HỌC KÌ I(?!I)/.test(p))!;
      const sem2 = text.find((p) => p.includes('MÔN TOÁN – HỌC KÌ II'))!;
      const entry = (v: string | null) => (v === null ? '' : String(Number(v)).replace('.', ','));
      expect(toan.length).toBeGreaterThan(60);
      for (const r of toan) {
        const of = (semester: number | null) => toan.find((x) => x.full_name === r.full_name && x.semester === semester);
        // semester I: … ĐĐGgk ĐĐGck ĐTBmhk; semester II: … ĐTBmhk ĐTBmcn
        if (r.semester === 1) expect(line(sem1, r.full_name), r.full_name).toMatch(new RegExp(`\\s${entry(r.gk)}\\s+\\S+\\s+${vn(r.average)}(\\s|$)`));
        if (r.semester === null && of(2)) {
          expect(line(sem2, r.full_name), r.full_name).toMatch(new RegExp(`\\s${entry(of(2)!.gk)}\\s+\\S+\\s+${vn(of(2)!.average)}\\s+${vn(r.average)}(\\s|$)`));
        }
      }

      const { rows: results } = await su.query<{ full_name: string; learning_level: string; conduct_level: string; absences: number }>(`
        select s.full_name, x.learning_level, x.conduct_level, x.absences
        from public.student_results x join public.students s on s.id = x.student_id
        where x.class_id = $1 and x.semester is null`, [ids.book]);
      const first = text.findIndex((p) => p.includes('TỔNG HỢP KẾT QUẢ CẢ NĂM HỌC'));
      const yearPages = text.slice(first, text.findIndex((p) => p.includes('THỐNG KÊ CỦA LỚP'))).join('\n');
      expect(results.length).toBeGreaterThan(30);
      for (const r of results) {
        expect(line(yearPages, r.full_name), r.full_name).toMatch(
          new RegExp(`${r.full_name}\\s+${LEVEL[r.conduct_level]}\\s+${LEVEL[r.learning_level]}\\s+${r.absences} \\(P`));
      }

      const { rows: absences } = await su.query<{ full_name: string; month: string; n: number }>(`
        select s.full_name, to_char(a.on_date, 'FMMM/YYYY') as month, count(*)::int as n
        from public.attendance a join public.students s on s.id = a.student_id
        where a.class_id = $1 group by 1, 2`, [ids.book]);
      expect(absences.length).toBeGreaterThan(5);
      for (const a of absences) {
        // The month's pages: its heading's, and those that continue its table (a class of 40 takes two).
        const at = text.findIndex((p) => p.includes(`THEO DÕI CHUYÊN CẦN – THÁNG ${a.month}`));
        let end = at + 1;
        while (end < text.length && !/THEO DÕI CHUYÊN CẦN – THÁNG|MÔN .+ – HỌC KÌ|TỔNG HỢP/.test(text[end]!)) end++;
        const page = text.slice(at, end).join('\n');
        // the row's marks (P/K, one per day absent), then its total
        const row = line(page, a.full_name);
        const marks = row.match(/(?<=\s)[PK](?=\s|$)/g) ?? [];
        expect(marks.length, `${a.full_name} ${a.month}: ${row}`).toBe(a.n);
        expect(row.slice(row.search(/[PK]\s[^PK]*$/) + 1).trim().split(/\s+/).filter((t) => t !== '×')[0], `${a.full_name} ${a.month}`).toBe(String(a.n));
      }
    } finally {
      await su.end();
    }
  });

  it('is archived: the same bytes again, its sha256 recorded, the public verification page names it current', async () => {
    const again = await print(clerk, { document: 'class_gradebook', class_id: ids.book });
    expect(again.status).toBe(200);
    expect(Buffer.compare(again.bytes, book.bytes)).toBe(0);
    const sha = crypto.createHash('sha256').update(book.bytes).digest('hex');
    expect(again.headers.get('x-document-sha256')).toBe(sha);
    const { data: v } = await anonClient().rpc('verify_document', { p_code: book.headers.get('x-verification-code')! });
    expect(v).toMatchObject({ kind: 'class_gradebook', status: 'current', version: 1, sha256: sha });
  });
});

describe('a primary class\'s book (TT27): bqt@th-tandong previews 2025–2026 4A', () => {
  it('Toán prints each pupil\'s levels, test scores and comment at mid and end of each semester as entered', async () => {
    const bqt = await signedIn('bqt@th-tandong.edu.vn');
    const part = await print(bqt, { document: 'class_gradebook', class_id: ids.primary4A, part: `subject:${ids.primaryToan}` });
    expect(part.status, part.bytes.toString().slice(0, 200)).toBe(200);
    // each semester's table runs over two pages (the comments take two lines)
    const all = pages(part.bytes);
    const second = all.findIndex((p) => p.includes('TOÁN – HỌC KÌ II VÀ CẢ NĂM'));
    expect(all[0]).toContain('TOÁN – HỌC KÌ I');
    expect(second).toBeGreaterThan(0);
    const [sem1, sem2] = [all.slice(0, second).join('\n'), all.slice(second).join('\n')];
    const su = await superuser();
    try {
      const { rows } = await su.query<{ full_name: string; semester: number; gk_level: string; gk_score: string | null; ck_level: string; ck_score: string | null }>(`
        select s.full_name, g.semester, g.level as gk_level, g.score as gk_score, c.level as ck_level, c.score as ck_score
        from public.enrolments e join public.students s on s.id = e.student_id
        join public.score_entries g on g.student_id = s.id and g.subject_id = $2 and g.kind = 'gk'
        join public.score_entries c on c.student_id = s.id and c.subject_id = $2 and c.kind = 'ck' and c.semester = g.semester
          and c.school_year_id = g.school_year_id
        join public.classes k on k.id = e.class_id and k.school_year_id = g.school_year_id
        where e.class_id = $1`, [ids.primary4A, ids.primaryToan]);
      expect(rows.length).toBeGreaterThan(40);
      const num = (v: string | null) => (v === null ? '' : String(Number(v)).replace('.', ','));
      for (const r of rows) {
        const row = line(r.semester === 1 ? sem1 : sem2, r.full_name);
        expect(row, `${r.full_name} ${r.semester}`).toMatch(new RegExp(`${r.full_name}\\s+${r.gk_level}\\s+${num(r.gk_score)}\\s*${r.ck_level}\\s+${num(r.ck_score)}`));
      }
    } finally {
      await su.end();
    }
  });

  it('the summary prints the qualities and competencies at the end of the year and each pupil\'s result as primary_results computes it', async () => {
    const bqt = await signedIn('bqt@th-tandong.edu.vn');
    const part = await print(bqt, { document: 'class_gradebook', class_id: ids.primary4A, part: 'summary' });
    expect(part.status).toBe(200);
    const yearPage = pages(part.bytes).find((p) => p.includes('PHẨM CHẤT VÀ NĂNG LỰC – CUỐI NĂM HỌC'))!;
    const RESULT: Record<string, string> = { xuat_sac: 'Hoàn thành xuất sắc', tot: 'Hoàn thành tốt', hoan_thanh: 'Hoàn thành', chua_hoan_thanh: 'Chưa hoàn thành' };
    const { data: results } = await bqt.from('primary_results').select('year_result, students(full_name)').eq('class_id', ids.primary4A);
    expect(results!.length).toBeGreaterThan(20);
    for (const r of results as unknown as { year_result: string; students: { full_name: string } }[]) {
      expect(line(yearPage, r.students.full_name), r.students.full_name).toMatch(new RegExp(`(\\s+[TĐC]){15}\\s+${RESULT[r.year_result]}\\s+(Có|Chưa)\\s*$`));
    }
    // the class's counts agree with the pupils' results
    const totals = pages(part.bytes).find((p) => p.includes('THỐNG KÊ CỦA LỚP'))!;
    for (const [k, label] of Object.entries(RESULT)) {
      const n = (results as unknown as { year_result: string }[]).filter((r) => r.year_result === k).length;
      expect(totals, label).toMatch(new RegExp(`^${label}\\s+${n}\\s*$`, 'm'));
    }
  });

  it('gvcn.3a@ is refused another class\'s book, and previews her own (control)', async () => {
    const gvcn3a = await signedIn('gvcn.3a@th-tandong.edu.vn');
    const other = await print(gvcn3a, { document: 'class_gradebook', class_id: ids.primary4A, part: 'summary' });
    expect(other.status).toBe(403);
    const { data: mine } = await gvcn3a.from('classes').select('id').eq('name', '3A').order('created_at', { ascending: false }).limit(1).single();
    expect((await print(gvcn3a, { document: 'class_gradebook', class_id: mine!.id, part: 'front' })).status).toBe(200);
  });
});

describe('who may preview and print a class\'s book (each refusal with its positive control)', () => {
  it('the GVCN previews a part of her class\'s book for the year in progress, marked as a draft; the whole book is refused with a sentence', async () => {
    const part = await print(homeroom, { document: 'class_gradebook', class_id: ids.c10A1, part: `subject:${ids.toan}` });
    expect(part.status).toBe(200);
    const [sem1] = pages(part.bytes);
    expect(sem1).toContain('Bản nháp – không phải bản chính');
    expect(sem1).toContain('MÔN TOÁN – HỌC KÌ I');
    expect(part.headers.get('x-verification-code')).toBeNull();
    const whole = await print(homeroom, { document: 'class_gradebook', class_id: ids.c10A1 });
    expect(whole.status).toBe(400);
    expect(whole.json!.message).toBe('Năm học 2026-2027 của lớp 10A1 chưa khoá sổ: chỉ xem trước được bản nháp từng phần của sổ.');
  });

  it('the GVCN prints her class\'s book of a finished year (2024–2025 10A1): a job, then the archived book, the same bytes again', async () => {
    const first = await print(homeroom, { document: 'class_gradebook', class_id: ids.y2024_10A1 });
    expect(first.status, first.bytes.toString().slice(0, 200)).toBe(202);
    expect(await waitForJob(first.json!.job_id!, 150_000, homeroom)).toMatchObject({ status: 'done', failed: 0 });
    const book = await print(homeroom, { document: 'class_gradebook', class_id: ids.y2024_10A1 });
    expect(book.status).toBe(200);
    expect(pages(book.bytes)[0]).toContain('Lớp: 10A1');
    // the clerk, who may print it too, is served the same archived version
    const clerks = await print(clerk, { document: 'class_gradebook', class_id: ids.y2024_10A1 });
    expect(clerks.headers.get('x-verification-code')).toBe(book.headers.get('x-verification-code'));
    expect(Buffer.compare(clerks.bytes, book.bytes)).toBe(0);
    // In the archive she reads her class's book and its file, and no other class's (12A1's is printed above)
    const { data: versions } = await homeroom.from('document_versions').select('class_id, storage_path').eq('kind', 'class_gradebook');
    expect(versions!.map((v) => v.class_id)).toEqual([ids.y2024_10A1]);
    expect((await homeroom.storage.from('documents').download(versions![0]!.storage_path)).data?.size).toBe(book.bytes.length);
    const { count } = await clerk.from('document_versions').select('*', { count: 'exact', head: true }).eq('kind', 'class_gradebook').eq('class_id', ids.book);
    expect(count).toBe(1);
  }, 200_000);

  it('gv.toan@, BGH, a parent and another class\'s GVCN are refused with one sentence, the same for a class that does not exist', async () => {
    const sentence = 'Bạn không có quyền in sổ theo dõi và đánh giá học sinh của lớp này.';
    for (const who of [mathTeacher, parent, principal, homeroom]) {
      for (const body of [
        { document: 'class_gradebook', class_id: ids.book },
        { document: 'class_gradebook', class_id: ids.book, part: 'summary' },
        { document: 'class_gradebook', class_id: crypto.randomUUID(), part: 'front' },
      ]) {
        const r = await print(who, body);
        expect(r.status).toBe(403);
        expect(r.json!.message).toBe(sentence);
      }
    }
    // gv.toan@ teaches 10A1 Toán: reading it is not printing it.
    expect((await print(mathTeacher, { document: 'class_gradebook', class_id: ids.c10A1, part: `subject:${ids.toan}` })).status).toBe(403);
    // and the RPC itself refuses him the same way
    const { error } = await mathTeacher.rpc('create_gradebook_job', { p_class_id: ids.book });
    expect(error!.message).toBe(sentence);
  });

  it('a malformed part and a subject the class does not take are refused with sentences', async () => {
    const bad = await print(clerk, { document: 'class_gradebook', class_id: ids.book, part: 'chapter 3' });
    expect(bad.status).toBe(400);
    expect(bad.json!.message).toBe('Phần sổ không hợp lệ');
    const other = await print(clerk, { document: 'class_gradebook', class_id: ids.book, part: `subject:${crypto.randomUUID()}` });
    expect(other.status).toBe(400);
    expect(other.json!.message).toBe('Lớp 12A1 không học môn này: không có phần sổ đó.');
    const month = await print(clerk, { document: 'class_gradebook', class_id: ids.book, part: 'attendance:2027-01' });
    expect(month.json!.message).toBe('Phần sổ "attendance:2027-01" không có trong sổ theo dõi của lớp 12A1.');
  });

  it('the parts bucket (job-files) is read by no user: the clerk and the admin board list and download nothing; the service role does (control)', async () => {
    const svc = serviceClient();
    const name = `test-${crypto.randomUUID()}/1.pdf`;
    expect((await svc.storage.from('job-files').upload(name, Buffer.from('%PDF-1.7\n'), { contentType: 'application/pdf' })).error).toBeNull();
    try {
      for (const who of [clerk, await signedIn(at('bqt'))]) {
        expect((await who.storage.from('job-files').download(name)).data).toBeNull();
        expect((await who.storage.from('job-files').list(name.split('/')[0])).data ?? []).toEqual([]);
        expect((await who.storage.from('job-files').upload(`x-${crypto.randomUUID()}.pdf`, Buffer.from('%PDF'), { contentType: 'application/pdf' })).error).not.toBeNull();
      }
      expect((await svc.storage.from('job-files').download(name)).data).not.toBeNull();
    } finally {
      await svc.storage.from('job-files').remove([name]);
    }
  });
});
