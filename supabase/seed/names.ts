// Deterministic, realistic Vietnamese names (family, middle, given; with diacritics) from a fixed seed,
// shared by the demo seed and the scale generator so every fresh start produces the same people.

/** mulberry32: a small, fast, deterministic PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Rough national frequencies: Nguyễn is about 38 %, then Trần, Lê, Phạm…
const FAMILY: [string, number][] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Huỳnh', 5], ['Hoàng', 3], ['Phan', 4.5],
  ['Vũ', 3.9], ['Võ', 3], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3],
  ['Dương', 1], ['Lý', 0.5], ['Trương', 1], ['Đinh', 0.8], ['Lâm', 0.6], ['Mai', 0.5],
];
const MIDDLE = {
  male: ['Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Thành', 'Công', 'Gia', 'Hoàng', 'Anh', 'Tuấn', 'Quốc', 'Trọng', 'Đình'],
  female: ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Bảo', 'Kim', 'Mỹ', 'Khánh', 'Phương', 'Hoài', 'Minh', 'Thùy', 'Diệu', 'Gia'],
};
const GIVEN = {
  male: ['An', 'Bảo', 'Bình', 'Cường', 'Dũng', 'Duy', 'Đạt', 'Đức', 'Hải', 'Hiếu', 'Hoàng', 'Huy', 'Hùng', 'Khang',
    'Khánh', 'Khoa', 'Kiên', 'Long', 'Lộc', 'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phát', 'Phong', 'Phúc', 'Quân',
    'Sơn', 'Tài', 'Thắng', 'Thành', 'Thịnh', 'Tiến', 'Toàn', 'Trí', 'Trung', 'Tuấn', 'Vinh', 'Việt', 'Vũ'],
  female: ['An', 'Anh', 'Châu', 'Chi', 'Diệp', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hiền', 'Hoa', 'Hương', 'Huyền',
    'Lan', 'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhi', 'Nhung', 'Oanh', 'Phương', 'Quyên',
    'Quỳnh', 'Tâm', 'Thảo', 'Thư', 'Thủy', 'Tiên', 'Trang', 'Trâm', 'Trinh', 'Uyên', 'Vân', 'Vy', 'Xuân', 'Yến'],
};

export type Gender = 'male' | 'female';

export function pickWeighted(r: () => number, items: [string, number][]): string {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return items[items.length - 1]![0];
}

export function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

export interface PersonName {
  family: string;
  middle: string;
  given: string;
  full: string;
  gender: Gender;
}

export function personName(r: () => number, gender: Gender = r() < 0.5 ? 'male' : 'female'): PersonName {
  const family = pickWeighted(r, FAMILY);
  const middle = pick(r, MIDDLE[gender]);
  const given = pick(r, GIVEN[gender]);
  return { family, middle, given, full: `${family} ${middle} ${given}`, gender };
}
