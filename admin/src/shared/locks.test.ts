import { describe, expect, it } from 'vitest';
import { fromDbSemester, lockInsert, toDbSemester, yearSubjects } from './locks.ts';

const year = { id: 'y1', school_id: 'sch1' };

describe('lock events', () => {
  it('stores the period after the year (re-tests, summer training) as semester null', () => {
    expect([toDbSemester('1'), toDbSemester('2'), toDbSemester('after')]).toEqual([1, 2, null]);
    expect([fromDbSemester(1), fromDbSemester(2), fromDbSemester(null)]).toEqual(['1', '2', 'after']);
  });

  it('turns an empty class or subject into null (every class, every subject) and trims the note', () => {
    expect(lockInsert({ semester: '1', class_id: undefined, subject_id: '', action: 'lock', decision_id: 'd1', note: '  ' }, year)).toEqual({
      school_id: 'sch1',
      school_year_id: 'y1',
      semester: 1,
      class_id: null,
      subject_id: null,
      action: 'lock',
      decision_id: 'd1',
      note: null,
    });
  });

  it('keeps a class, a subject and a note when the admin board narrows an unlock', () => {
    const row = lockInsert({ semester: 'after', class_id: 'c1', subject_id: 'm1', action: 'unlock', decision_id: 'd2', note: ' Sửa điểm theo đơn ' }, year);
    expect(row).toMatchObject({ semester: null, class_id: 'c1', subject_id: 'm1', action: 'unlock', note: 'Sửa điểm theo đơn' });
  });

  it('offers each subject of the year once, in programme order, without learning topics', () => {
    const subject = (id: string, sort_order: number, category = 'compulsory') => ({ id, code: id.toUpperCase(), name: id, sort_order, category });
    const rows = [
      { class_id: 'c1', subjects: subject('van', 1) },
      { class_id: 'c1', subjects: subject('toan', 2) },
      { class_id: 'c2', subjects: subject('toan', 2) },
      { class_id: 'c2', subjects: subject('ly', 5, 'elective') },
      { class_id: 'c2', subjects: subject('cd_toan', 9, 'topic') },
      { class_id: 'c3', subjects: null },
    ];
    expect(yearSubjects(rows).map((s) => s.id)).toEqual(['van', 'toan', 'ly']);
    expect(yearSubjects(rows, 'c2').map((s) => s.id)).toEqual(['toan', 'ly']);
  });
});
