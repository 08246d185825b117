import { describe, expect, it } from 'vitest';
import { antdLocale } from './antdLocale.ts';

describe('antdLocale', () => {
  it('is Vietnamese by default: an empty table says "Không có dữ liệu"', () => {
    const locale = antdLocale('vi');
    expect(locale.locale).toBe('vi');
    expect(locale.Empty?.description).toBe('Không có dữ liệu');
    expect(locale.Table?.emptyText).toBe('Không có dữ liệu');
    expect(locale.Modal?.cancelText).toBe('Hủy');
  });
  it('follows the app to English', () => {
    expect(antdLocale('en').Empty?.description).toBe('No data');
  });
});
