import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../policies/types.ts';
import { resources } from '../resources.tsx';
import { en } from './en.ts';
import { LANGUAGES } from './index.ts';
import { vi } from './vi.ts';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function lookup(messages: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('translations', () => {
  it('have every literal key the admin asks for, in Vietnamese and English', () => {
    const keys = new Set<string>();
    for (const file of sourceFiles(srcDir)) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-z_]+(?:\.[a-z0-9_]+)+)'/g)) keys.add(match[1]!);
    }
    expect(keys.size).toBeGreaterThan(20);
    for (const key of keys) {
      expect(typeof lookup(vi, key), `vi: ${key}`).toBe('string');
      expect(typeof lookup(en, key), `en: ${key}`).toBe('string');
    }
  });

  it('name every menu resource, role and language in both languages', () => {
    const keys = [
      ...resources.map((r) => `menu.${r.name}`),
      ...ROLES.map((role) => `roles.${role}`),
      ...LANGUAGES.map((language) => `language.${language}`),
      ...['province', 'district', 'school'].map((kind) => `org_unit_kinds.${kind}`),
    ];
    for (const key of keys) {
      expect(typeof lookup(vi, key), `vi: ${key}`).toBe('string');
      expect(typeof lookup(en, key), `en: ${key}`).toBe('string');
    }
  });

  it('use the Vietnamese the brief and DEMO.md name', () => {
    expect(vi.app.title).toBe('Sổ điện tử');
    expect(vi.menu.dashboard).toBe('Trang chủ');
    expect(vi.menu.status).toBe('Trạng thái hệ thống');
    expect(vi.roles.principal).toBe('Hiệu trưởng');
    expect(vi.login.errors.invalid_credentials).toBe('Email hoặc mật khẩu không đúng');
    expect(vi.login.errors.too_many_attempts).toBe('Bạn đã nhập sai quá nhiều lần, vui lòng đợi vài phút rồi thử lại');
    expect(vi.account.change_password).toBe('Đổi mật khẩu');
  });
});
