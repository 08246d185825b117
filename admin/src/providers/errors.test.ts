import { describe, expect, it } from 'vitest';
import { vi as messages } from '../i18n/vi.ts';
import { DbError, NothingChangedError, errorMessage, functionErrorMessage } from './errors.ts';

const e = messages.errors;

describe('errorMessage', () => {
  it('answers an RLS refusal with "not allowed", never the English text naming the table', () => {
    const text = errorMessage({ code: '42501', message: 'new row violates row-level security policy for table "memberships"' });
    expect(text).toBe(e.forbidden);
    expect(text).not.toContain('memberships');
  });

  it('passes a refusal the database wrote for people through, whatever its code', () => {
    expect(errorMessage({ code: 'P0001', message: 'Sổ điểm đã khoá.' })).toBe('Sổ điểm đã khoá.');
    expect(errorMessage({ code: '42501', message: 'Không tìm thấy lớp hoặc bạn không có quyền với lớp này' })).toBe('Không tìm thấy lớp hoặc bạn không có quyền với lớp này');
    expect(errorMessage({ code: '23514', message: 'Lớp không thuộc năm học của lần xếp lớp này' })).toBe('Lớp không thuộc năm học của lần xếp lớp này');
  });

  it('maps each constraint violation to its sentence and hides the constraint name', () => {
    const cases: [string, string, string][] = [
      ['23505', 'duplicate key value violates unique constraint "classes_school_year_id_name_key"', e.duplicate],
      ['23503', 'update or delete on table "students" violates foreign key constraint "enrolments_student_id_fkey"', e.in_use],
      ['23514', 'new row for relation "classes" violates check constraint "classes_name_check"', e.invalid_value],
      ['23502', 'null value in column "full_name" of relation "profiles" violates not-null constraint', e.missing_value],
      ['23P01', 'conflicting key value violates exclusion constraint "enrolments_no_overlap"', e.overlap],
      ['22P02', 'invalid input syntax for type uuid: "Nguyễn"', e.invalid_value],
    ];
    for (const [code, message, sentence] of cases) {
      const text = errorMessage({ code, message });
      expect(text, code).toBe(sentence);
      expect(text).not.toMatch(/constraint|relation|_key|_fkey|_check/);
    }
  });

  it('maps PostgREST codes: no row, expired session, bad request, busy', () => {
    expect(errorMessage({ code: 'PGRST116', message: 'JSON object requested, multiple (or no) rows returned' })).toBe(e.not_found);
    expect(errorMessage({ code: 'PGRST301', message: 'JWT expired' })).toBe(e.session_expired);
    expect(errorMessage({ code: 'PGRST303', message: 'JWT expired' })).toBe(e.session_expired);
    expect(errorMessage({ code: 'PGRST100', message: '"failed to parse filter"' })).toBe(e.bad_request);
    expect(errorMessage({ code: '57014', message: 'canceling statement due to statement timeout' })).toBe(e.busy);
    expect(errorMessage({ code: '40001', message: 'could not serialize access' })).toBe(e.conflict);
  });

  it('says the server cannot be reached when fetch fails', () => {
    expect(errorMessage({ code: '', message: 'TypeError: Failed to fetch' })).toBe(e.network);
    expect(errorMessage(new TypeError('fetch failed'))).toBe(e.network);
  });

  it('never shows an unknown English message', () => {
    expect(errorMessage({ code: 'XX000', message: 'internal error' })).toBe(e.unknown);
    expect(errorMessage(undefined)).toBe(e.unknown);
    expect(errorMessage({ code: 'P0001', message: 'function foo() does not exist' })).toBe(e.unknown);
  });

  it('tells the user a write that changed nothing', () => {
    expect(errorMessage(new NothingChangedError())).toBe(e.nothing_changed);
    expect(new NothingChangedError().message).toBe(e.nothing_changed);
  });

  it('keeps the code and a status for callers of DbError, with the sentence as its message', () => {
    const err = new DbError({ code: '23505', message: 'duplicate key value violates unique constraint "x"' });
    expect(err.code).toBe('23505');
    expect(err.message).toBe(e.duplicate);
    expect(new DbError({ code: '42501', message: 'permission denied for table x' }).statusCode).toBe(403);
  });
});

describe('functionErrorMessage', () => {
  const httpError = (body: unknown, status = 403) => ({ name: 'FunctionsHttpError', message: 'Edge Function returned a non-2xx status code', context: new Response(JSON.stringify(body), { status }) });

  it('shows the function\'s own sentence, and never an English or technical one', async () => {
    expect(await functionErrorMessage(httpError({ code: 'not_allowed', message: 'Bạn không có quyền in học bạ của học sinh này.' })))
      .toBe('Bạn không có quyền in học bạ của học sinh này.');
    expect(await functionErrorMessage(httpError({ message: 'permission denied for table document_versions' }, 500))).toBe(e.unknown);
    expect(await functionErrorMessage(httpError(null, 500))).toBe(e.unknown);
  });
});
