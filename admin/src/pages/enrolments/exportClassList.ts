// Downloads a class list as .xlsx (formula-like text escaped by buildClassListWorkbook).
import { buildClassListWorkbook, type ExportStudent } from '../../shared/classList.ts';
import { saveBlob } from '../../shared/saveBlob.ts';

export async function downloadClassList(className: string, students: ExportStudent[]): Promise<void> {
  const bytes = await buildClassListWorkbook(className, students);
  const blob = new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  saveBlob(blob, `Danh-sach-lop-${className}.xlsx`);
}
