// Downloads a class list as .xlsx (formula-like text escaped by buildClassListWorkbook).
import { buildClassListWorkbook, type ExportStudent } from '../../shared/classList.ts';

export async function downloadClassList(className: string, students: ExportStudent[]): Promise<void> {
  const bytes = await buildClassListWorkbook(className, students);
  const blob = new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `Danh-sach-lop-${className}.xlsx`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
