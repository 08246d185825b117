// Body of the `health-records` edge function and the shapes it reads and answers, shared by the admin,
// the function and the tests (no browser-only or Node-only imports). The Excel files it imports are the
// nurse's lists: one row per student, Vietnamese headers (the template the function gives out), dates
// as dates or DD/MM/YYYY, decimals with a comma or a point.
import { z } from 'zod';

const uuid = (what: string) => z.uuid({ error: `${what} không hợp lệ` });

export const HEALTH_IMPORT_KINDS = ['exam', 'vision', 'spine', 'dental', 'ent', 'mental'] as const;
export type HealthImportKind = (typeof HEALTH_IMPORT_KINDS)[number];

/** At most this many bytes of Excel (base64 in the JSON body is 4/3 of it). */
export const HEALTH_IMPORT_MAX_BYTES = 2 * 1024 * 1024;

export const healthImportSchema = z.strictObject({
  action: z.literal('import'),
  kind: z.enum(HEALTH_IMPORT_KINDS, { error: 'Loại dữ liệu phải là khám đầu cấp (exam) hoặc một loại khám sàng lọc.' }),
  school_id: uuid('Mã trường'),
  school_year_id: uuid('Mã năm học').optional(),
  /** The .xlsx file, base64. */
  file: z.base64({ error: 'Tệp Excel không đọc được (cần .xlsx).' }).max(Math.ceil(HEALTH_IMPORT_MAX_BYTES / 3) * 4, { error: 'Tệp Excel lớn hơn 2 MB.' }),
  /** false: check every row and write nothing; true: write all rows, or none when any has an error. */
  commit: z.boolean().default(false),
});

export const healthTemplateSchema = z.strictObject({
  action: z.literal('template'),
  kind: z.enum(HEALTH_IMPORT_KINDS, { error: 'Loại dữ liệu phải là khám đầu cấp (exam) hoặc một loại khám sàng lọc.' }),
});

export const healthReportRequestSchema = z.strictObject({
  action: z.literal('report'),
  format: z.enum(['json', 'xlsx', 'pdf'], { error: 'Định dạng báo cáo: json, xlsx hoặc pdf.' }),
  school_id: uuid('Mã trường'),
  school_year_id: uuid('Mã năm học').optional(),
  class_id: uuid('Mã lớp').optional(),
});

export const healthRequestSchema = z.discriminatedUnion('action', [healthImportSchema, healthTemplateSchema, healthReportRequestSchema], {
  error: 'Yêu cầu không hợp lệ (import, template hoặc report).',
});
export type HealthRequest = z.infer<typeof healthRequestSchema>;

/** The columns of an import file: header (as the template writes it), the row field, its type. */
export interface ImportColumn { header: string; field: string; type: 'text' | 'date' | 'number' | 'int' | 'result'; required?: boolean }

const COMMON: ImportColumn[] = [
  { header: 'Mã học sinh', field: 'student_code', type: 'text' },
  { header: 'Họ và tên', field: 'full_name', type: 'text' },
  { header: 'Ngày sinh', field: 'birth_date', type: 'date' },
  { header: 'Ngày khám', field: 'date', type: 'date', required: true },
];

export const IMPORT_COLUMNS: Record<'exam' | 'screening', ImportColumn[]> = {
  exam: [
    ...COMMON,
    { header: 'Chiều cao (cm)', field: 'height_cm', type: 'number' },
    { header: 'Cân nặng (kg)', field: 'weight_kg', type: 'number' },
    { header: 'Huyết áp tâm thu', field: 'systolic', type: 'int' },
    { header: 'Huyết áp tâm trương', field: 'diastolic', type: 'int' },
    { header: 'Mạch (lần/phút)', field: 'heart_rate', type: 'int' },
    { header: 'Thị lực mắt trái không kính (/10)', field: 'vision_left', type: 'int' },
    { header: 'Thị lực mắt phải không kính (/10)', field: 'vision_right', type: 'int' },
    { header: 'Thị lực mắt trái có kính (/10)', field: 'vision_left_glasses', type: 'int' },
    { header: 'Thị lực mắt phải có kính (/10)', field: 'vision_right_glasses', type: 'int' },
    { header: 'Ghi chú', field: 'note', type: 'text' },
  ],
  screening: [
    ...COMMON,
    { header: 'Kết quả', field: 'result', type: 'result', required: true },
    { header: 'Ghi chú', field: 'note', type: 'text' },
    { header: 'Người khám', field: 'examiner', type: 'text' },
  ],
};
export const columnsOf = (kind: HealthImportKind) => IMPORT_COLUMNS[kind === 'exam' ? 'exam' : 'screening'];

/** A header as typed: lower case, no diacritics, single spaces (so "NGÀY KHÁM" and "Ngay kham" match). */
export const headerKey = (s: string) =>
  s.normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();

const RESULTS: Record<string, string> = {
  'binh thuong': 'normal', normal: 'normal', 'co van de': 'finding', finding: 'finding', 'theo doi': 'finding',
  'chuyen kham': 'referred', referred: 'referred', 'chuyen kham chuyen khoa': 'referred',
};

/** A cell as the import reads it: a Date, a number, or text. */
export type Cell = string | number | boolean | Date | null | undefined;

const iso = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;

/** One cell read as its column's type; an error sentence when it cannot be. */
export function readCell(col: ImportColumn, value: Cell): { value: string | number | null; error?: string } {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return { value: null };
  if (col.type === 'date') {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return { value: iso(value) };
    const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(String(value).trim()) ?? null;
    const i = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value).trim());
    const d = m ? new Date(Date.UTC(+m[3]!, +m[2]! - 1, +m[1]!)) : i ? new Date(Date.UTC(+i[1]!, +i[2]! - 1, +i[3]!)) : null;
    if (d && !Number.isNaN(d.getTime()) && (m ? d.getUTCDate() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 : true)) return { value: iso(d) };
    return { value: null, error: `${col.header}: "${String(value)}" không phải ngày (DD/MM/YYYY).` };
  }
  if (col.type === 'number' || col.type === 'int') {
    const n = typeof value === 'number' ? value : Number(String(value).trim().replace(/\s/g, '').replace(',', '.'));
    if (!Number.isFinite(n) || (col.type === 'int' && !Number.isInteger(n))) {
      return { value: null, error: `${col.header}: "${String(value)}" không phải ${col.type === 'int' ? 'số nguyên' : 'số'}.` };
    }
    return { value: n };
  }
  if (col.type === 'result') {
    const r = RESULTS[headerKey(String(value))];
    // An unknown word is passed on: the database names the accepted ones.
    return { value: r ?? String(value).trim() };
  }
  return { value: String(value instanceof Date ? iso(value) : value).trim() };
}

/** The import's answer (rpc import_health_rows, with the file's own cell errors merged in). */
export const importAnswerSchema = z.object({
  rows: z.array(z.object({
    row: z.number().nullable(),
    student_id: z.string().nullable(),
    full_name: z.string().nullable(),
    class_name: z.string().nullable(),
    date: z.string().nullable(),
    errors: z.array(z.string()),
  })),
  error_count: z.number(),
  written: z.number(),
  committed: z.boolean(),
});
export type ImportAnswer = z.infer<typeof importAnswerSchema>;

/** A count as rpc health_report gives it: a number, or "< 5" for an officer. */
const count = z.union([z.number(), z.literal('< 5')]);
export const REPORT_COUNTS = ['enrolled', 'examined', 'thin', 'severely_thin', 'stunted', 'overweight', 'obese', 'unclassified',
  'refractive', 'dental', 'spine', 'ent', 'mental', 'clinic_visits', 'informed'] as const;
export type ReportCount = (typeof REPORT_COUNTS)[number];

export const healthReportSchema = z.object({
  school: z.object({ id: z.string(), name: z.string() }),
  school_year: z.object({ id: z.string(), code: z.string() }),
  class: z.object({ id: z.string(), name: z.string() }).nullable(),
  masked: z.boolean(),
  today: z.string(),
  rows: z.array(z.object({ total: z.boolean(), grade: z.number().nullable(), sex: z.enum(['male', 'female']).nullable() })
    .extend(Object.fromEntries(REPORT_COUNTS.map((k) => [k, count])) as Record<ReportCount, typeof count>)),
});
export type HealthReport = z.infer<typeof healthReportSchema>;

/** The report's column headers (the PDF, the Excel file and the admin's table). */
export const REPORT_HEADERS: Record<ReportCount, string> = {
  enrolled: 'Sĩ số', examined: 'Được khám', thin: 'Gầy còm', severely_thin: 'Trong đó gầy còm nặng', stunted: 'Thấp còi',
  overweight: 'Thừa cân', obese: 'Béo phì', unclassified: 'Không phân loại (tuổi)', refractive: 'Tật khúc xạ', dental: 'Bệnh răng miệng',
  spine: 'Cong vẹo cột sống', ent: 'Tai mũi họng', mental: 'Sức khỏe tâm thần', clinic_visits: 'Lượt khám tại phòng y tế',
  informed: 'Gia đình được thông báo',
};

export const SEX_LABEL: Record<string, string> = { male: 'Nam', female: 'Nữ' };

/** The row's label: "Khối 10 – Nam", or "Toàn trường" / "Cả lớp". */
export const reportRowLabel = (r: HealthReport['rows'][number], report: Pick<HealthReport, 'class'>) =>
  r.total ? (report.class ? 'Cả lớp' : 'Toàn trường') : `Khối ${r.grade} – ${SEX_LABEL[r.sex ?? ''] ?? ''}`;

/** A count in Vietnamese format ("1.234"), or "< 5" as given. */
export const formatCount = (v: number | string) => (typeof v === 'number' ? v.toLocaleString('vi-VN') : v);
