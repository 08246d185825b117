// health-records: the health module's files (issue 16). Everything is read and written AS THE CALLER
// (RLS and the RPCs decide; the function holds no service key use):
//   - import: an Excel list of the start-of-level examination (kind `exam`: measurements) or of one
//     screening's results → rpc import_health_rows. Every row's errors (the file's own: unreadable
//     dates and numbers; the database's: unknown or ambiguous students, impossible values, duplicates)
//     are answered before anything is written; with `commit`, all rows are written in one transaction
//     or none;
//   - template: the empty Excel list of a kind, with its Vietnamese headers;
//   - report: rpc health_report (the school's yearly report, or one class's summary) as JSON, Excel or
//     PDF (the printing pipeline's renderer). Officers get their masked counts ("< 5").
import { HttpError, corsHeaders, handle, json } from '../_shared/http.ts';
import { beginAuthentication } from '../_shared/auth.ts';
import { firstIssue } from '../_shared/contracts/print.ts';
import {
  columnsOf, formatCount, headerKey, healthReportSchema, healthRequestSchema, importAnswerSchema, readCell, REPORT_COUNTS, REPORT_HEADERS,
  reportRowLabel, type Cell, type HealthImportKind, type HealthReport, type ImportAnswer,
} from '../_shared/contracts/health.ts';
import { renderHealthReport } from '../_shared/pdf/render.ts';
import { readXlsx, writeXlsx, type XlsxCell } from '../_shared/xlsx.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_ROWS = 2000;

function fileResponse(bytes: Uint8Array, type: string, name: string): Response {
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: { ...corsHeaders, 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name}"` },
  });
}

/** An RPC's refusal as the function answers it: 403 for "not allowed" (42501), else 400, with its sentence. */
function refused(error: { code?: string; message: string }): HttpError {
  return error.code === '42501' ? new HttpError(403, 'not_allowed', error.message) : new HttpError(400, 'refused', error.message);
}

interface ParsedRow { row: number; fields: Record<string, string | number | null>; errors: string[] }

/** The first sheet's rows under its header row (the first row naming "Ngày khám"). */
function readWorkbook(base64: string, kind: HealthImportKind): ParsedRow[] {
  let sheet: Map<number, XlsxCell[]>;
  try {
    sheet = readXlsx(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
  } catch {
    throw new HttpError(400, 'bad_file', 'Tệp không phải tệp Excel (.xlsx) đọc được.');
  }
  const columns = columnsOf(kind);
  const numbers = [...sheet.keys()].sort((a, b) => a - b);
  const headerRow = numbers.find((n) => sheet.get(n)!.some((v) => v !== null && v !== undefined && headerKey(String(v)) === headerKey('Ngày khám')));
  if (headerRow === undefined) throw new HttpError(400, 'no_header', 'Không tìm thấy dòng tiêu đề (cần có cột "Ngày khám"): hãy dùng tệp mẫu.');
  const keys = Array.from(sheet.get(headerRow)!, (v) => (v === null || v === undefined ? '' : headerKey(String(v))));
  const at = new Map<string, number>();
  for (const col of columns) {
    const i = keys.indexOf(headerKey(col.header));
    if (i > 0) at.set(col.field, i);
  }
  const missing = columns.filter((c) => c.required && !at.has(c.field)).map((c) => c.header);
  if (!at.has('student_code') && !(at.has('full_name') && at.has('birth_date'))) missing.push('Mã học sinh (hoặc Họ và tên và Ngày sinh)');
  if (missing.length) throw new HttpError(400, 'missing_columns', `Tệp thiếu cột: ${missing.join(', ')}.`);

  const rows: ParsedRow[] = [];
  for (const n of numbers) {
    if (n <= headerRow) continue;
    const values = sheet.get(n)!;
    const fields: Record<string, string | number | null> = {};
    const errors: string[] = [];
    let any = false;
    for (const col of columns) {
      const i = at.get(col.field);
      if (!i) continue;
      const read = readCell(col, values[i] as Cell);
      if (read.value !== null) any = true;
      if (read.error) errors.push(read.error);
      fields[col.field] = read.value;
    }
    if (any) rows.push({ row: n, fields, errors });
  }
  if (rows.length === 0) throw new HttpError(400, 'empty', 'Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.');
  if (rows.length > MAX_ROWS) throw new HttpError(400, 'too_many_rows', `Mỗi lần nhập tối đa ${MAX_ROWS} dòng (tệp có ${rows.length}).`);
  return rows;
}

function template(kind: HealthImportKind): Response {
  const columns = columnsOf(kind);
  const rows: (string | null)[][] = [columns.map((c) => c.header)];
  if (kind !== 'exam') rows.push([], ['Kết quả: Bình thường / Có vấn đề / Chuyển khám']);
  return fileResponse(writeXlsx(kind === 'exam' ? 'Khám đầu cấp' : 'Khám sàng lọc', rows, { bold: [0], widths: columns.map(() => 18) }), XLSX, `mau-nhap-${kind}.xlsx`);
}

function reportXlsx(report: HealthReport): Uint8Array {
  const rows: (string | number | null)[][] = [
    [report.school.name],
    [report.class ? `Tổng hợp sức khỏe lớp ${report.class.name} – năm học ${report.school_year.code}` : `Báo cáo công tác y tế trường học – năm học ${report.school_year.code}`],
    ...(report.masked ? [['Số liệu dưới 5 học sinh được ghi "< 5".']] : []),
    ['Khối / giới', ...REPORT_COUNTS.map((k) => REPORT_HEADERS[k])],
    // Numbers stay numbers (the sheet sums them); "< 5" stays text.
    ...report.rows.map((r) => [reportRowLabel(r, report), ...REPORT_COUNTS.map((k) => r[k])]),
  ];
  const head = report.masked ? 3 : 2;
  return writeXlsx('Báo cáo y tế', rows, { bold: [1, head], widths: [18, ...REPORT_COUNTS.map(() => 12)] });
}

Deno.serve(
  handle(async (req) => {
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Chỉ chấp nhận POST.');
    const auth = beginAuthentication(req);
    const parsed = healthRequestSchema.safeParse(await req.json().catch(() => null));
    const caller = await auth.caller;
    if (caller.role !== 'authenticated') throw new HttpError(403, 'not_allowed', 'Bạn cần đăng nhập.');
    if (!parsed.success) throw new HttpError(400, 'validation_failed', firstIssue(parsed.error));
    const body = parsed.data;

    if (body.action === 'template') return template(body.kind);

    if (body.action === 'report') {
      const { data, error } = await caller.client.rpc('health_report', {
        p_school_id: body.school_id, ...(body.school_year_id ? { p_school_year_id: body.school_year_id } : {}),
        ...(body.class_id ? { p_class_id: body.class_id } : {}),
      });
      if (error) throw refused(error);
      const report = healthReportSchema.parse(data);
      const name = `bao-cao-y-te-${report.class ? `lop-${report.class.name}-` : ''}${report.school_year.code}`;
      if (body.format === 'json') return json(200, { ...report, headers: REPORT_HEADERS, formatted: report.rows.map((r) => ({ label: reportRowLabel(r, report), ...Object.fromEntries(REPORT_COUNTS.map((k) => [k, formatCount(r[k])])) })) });
      if (body.format === 'xlsx') return fileResponse(reportXlsx(report), XLSX, `${name}.xlsx`);
      return fileResponse(await renderHealthReport(report), 'application/pdf', `${name}.pdf`);
    }

    // import: the file's own errors first; then the database checks every row (as the caller).
    const rows = readWorkbook(body.file, body.kind);
    const fileErrors = rows.some((r) => r.errors.length > 0);
    const { data, error } = await caller.client.rpc('import_health_rows', {
      p_school_id: body.school_id, p_kind: body.kind, p_commit: body.commit && !fileErrors,
      p_rows: rows.map((r) => ({ row: r.row, ...r.fields })),
      ...(body.school_year_id ? { p_school_year_id: body.school_year_id } : {}),
    });
    if (error) throw refused(error);
    const answer = importAnswerSchema.parse(data);
    const merged: ImportAnswer = {
      ...answer,
      rows: answer.rows.map((r, i) => ({ ...r, errors: [...rows[i]!.errors, ...r.errors] })),
    };
    merged.error_count = merged.rows.filter((r) => r.errors.length > 0).length;
    return json(200, merged);
  }),
);
