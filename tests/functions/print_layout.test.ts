// The printed forms' text layout against reviewed snapshots (docs/forms/<form>.txt: `pdftotext -layout`
// of each page, poppler's reading, independent of the renderer): a change of layout, labels, order or
// formats shows up as a diff to review. Also: the same inputs give the same bytes, and the Vietnamese
// formats of the pure helpers. No stack needed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { date, placeAndDate, promotionLine, score, subjectCells } from '../../supabase/functions/_shared/pdf/format.ts';
import { FORMS } from '../fixtures/forms.ts';
import { gradebookPartSchema, transcriptDataSchema } from '../../supabase/functions/_shared/contracts/print.ts';
import { renderGradebookPart, renderTranscript } from '../../supabase/functions/_shared/pdf/render.ts';

function layoutText(pdf: Uint8Array): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'form-')), 'f.pdf');
  fs.writeFileSync(file, pdf);
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

describe('printed forms', () => {
  for (const form of FORMS) {
    it(`${form.name}: the text layout is the reviewed one (docs/forms/${form.name}.txt)`, async () => {
      await expect(layoutText(await form.render())).toMatchFileSnapshot(`../../docs/forms/${form.name}.txt`);
    });
  }

  it('the same data, layout and options render the same bytes', async () => {
    const [a, b] = [await FORMS[1]!.render(), await FORMS[1]!.render()];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe('one document does not spoil the next (fonts are the render\'s own)', () => {
  it('after a transcript whose name and comment carry combining marks, the gradebook cover still reads "SỔ THEO DÕI … (Theo lớp học)"', async () => {
    const data = transcriptDataSchema.parse(JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/transcript-thpt.json'), 'utf8')));
    const gradebook = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/gradebook.json'), 'utf8')) as Record<string, unknown>;
    const front = gradebookPartSchema.parse(gradebook.front);
    const cover = async () => layoutText(await renderGradebookPart(front, {})).replace(/\s+/g, ' ');
    expect(await cover()).toContain('SỔ THEO DÕI VÀ ĐÁNH GIÁ HỌC SINH (Theo lớp học)');
    // A pasted name: "e" and "o" with marks that do not compose, "E" struck through.
    const odd = 'Ée\u0323\u0301 Eo\u0328\u0304 THEO\u0336';
    const spoilt = { ...data, student: { ...data.student, full_name: odd }, years: data.years.map((y) => ({ ...y, homeroom_comment: odd })) };
    await renderTranscript(spoilt, { issuedOn: data.today }, true);
    expect(await cover()).toContain('SỔ THEO DÕI VÀ ĐÁNH GIÁ HỌC SINH (Theo lớp học)');
  });
});

describe('Vietnamese formats of printed documents', () => {
  it('scores with one decimal and a comma, dates dd/mm/yyyy, Decree 30 date lines', () => {
    expect([score(8.5), score(8), score(10), score(null)]).toEqual(['8,5', '8,0', '10,0', '']);
    expect(date('2009-12-07')).toBe('07/12/2009');
    // Days below 10 and months 1–2 take a leading zero (Decree 30, Annex I).
    expect(placeAndDate('Tân Đông', '2026-01-05')).toBe('Tân Đông, ngày 05 tháng 01 năm 2026');
    expect(placeAndDate('Tân Đông', '2026-11-23')).toBe('Tân Đông, ngày 23 tháng 11 năm 2026');
  });

  it('comment-only subjects print Đ / CĐ per semester and Đạt / Chưa đạt for the year; exempt subjects print Miễn', () => {
    const base = { subject_id: crypto.randomUUID(), code: 'gdtc', name: 'Giáo dục thể chất', category: 'compulsory', sort_order: 1, sem1: null, sem2: null, year: null, retest_score: null, comment: null, teacher: null, corrected: 0, exempt: false };
    expect(subjectCells({ ...base, assessment_kind: 'comment', sem1_rating: true, sem2_rating: false, year_rating: false, retest_rating: true }))
      .toEqual(['Đ', 'CĐ', 'Chưa đạt', 'Đạt']);
    expect(subjectCells({ ...base, assessment_kind: 'scored', sem1_rating: null, sem2_rating: null, year_rating: null, retest_rating: null, exempt: true }))
      .toEqual(['Miễn', 'Miễn', 'Miễn', '']);
  });

  it('promotion lines follow the year result, the re-test and the summer training', () => {
    const r = { learning_level: 'dat', conduct_level: 'tot', absences: 0, absences_excused: 0, absences_unexcused: 0, learning_after_retest: null, conduct_after_summer: null, award: null } as const;
    expect(promotionLine({ ...r, promotion: 'promoted' }, 10, 12)).toBe('Được lên lớp');
    expect(promotionLine({ ...r, promotion: 'promoted', learning_after_retest: 'dat' }, 10, 12)).toBe('Được lên lớp sau đánh giá lại các môn học');
    expect(promotionLine({ ...r, promotion: 'promoted', conduct_after_summer: 'dat' }, 11, 12)).toBe('Được lên lớp sau rèn luyện trong kì nghỉ hè');
    expect(promotionLine({ ...r, promotion: 'not_promoted' }, 10, 12)).toBe('Không được lên lớp');
    expect(promotionLine({ ...r, promotion: 'retest' }, 10, 12)).toBe('Đánh giá lại các môn học trong kì nghỉ hè');
    expect(promotionLine({ ...r, promotion: 'promoted' }, 12, 12)).toBe('Hoàn thành chương trình');
  });
});
