import { describe, expect, it } from 'vitest';
import { personName, rng } from './names.ts';

describe('demo names', () => {
  it('the same seed gives the same people on every run', () => {
    const a = rng(2025), b = rng(2025);
    const first = Array.from({ length: 50 }, () => personName(a).full);
    const second = Array.from({ length: 50 }, () => personName(b).full);
    expect(second).toEqual(first);
  });

  it('names have a family, a middle and a given name, with Vietnamese diacritics somewhere', () => {
    const r = rng(7);
    const names = Array.from({ length: 200 }, () => personName(r));
    for (const n of names) expect(n.full.split(' ')).toHaveLength(3);
    expect(names.some((n) => /[ăâđêôơưàảãáạ]/i.test(n.full))).toBe(true);
    expect(names.filter((n) => n.gender === 'female').every((n) => n.middle !== 'Văn')).toBe(true);
  });
});

describe('the demo seed refuses a database that is not local', () => {
  it('accepts only loopback hosts answered on loopback', async () => {
    const { isLocalDatabase } = await import('./demo.ts');
    expect(isLocalDatabase('127.0.0.1', '127.0.0.1')).toBe(true);
    expect(isLocalDatabase('localhost', '::1')).toBe(true);
    expect(isLocalDatabase('db.abcd.supabase.co', '10.0.0.5')).toBe(false);
    expect(isLocalDatabase('127.0.0.1', '10.0.0.5')).toBe(false); // a tunnel to a remote server
    expect(isLocalDatabase('192.168.1.20', null)).toBe(false);
  });
});

describe('the README names the demo guardian\'s child', () => {
  it('is the student the seed links to phuhuynh@ and hocsinh@', async () => {
    const fs = await import('node:fs');
    const { demoStudent } = await import('./demo.ts');
    const { projectRoot } = await import('../local/config.ts');
    const readme = fs.readFileSync(`${projectRoot}/README.md`, 'utf8');
    const student = demoStudent();
    expect(student.class_name).toBe('10A1');
    expect(readme).toContain(`**${student.full_name}**`);
    expect(readme).toContain(student.student_code);
    expect(readme).toContain(student.guardian);
  });
});
