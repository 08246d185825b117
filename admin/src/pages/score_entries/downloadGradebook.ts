// Downloads the open sheet as .xlsx in the template of GRADEBOOK_LABELS (formula-like text escaped); a
// primary (TT27) sheet with its levels, tests and comments (primaryExcel.ts).
import { buildGradebookWorkbook, type GradebookSheet } from '../../shared/gradebookSheet.ts';
import { saveBlob } from '../../shared/saveBlob.ts';
import { buildPrimaryWorkbook } from './primaryExcel.ts';
import { isPrimary } from './primaryModel.ts';

export async function downloadGradebook(sheet: GradebookSheet): Promise<void> {
  const bytes = await (isPrimary(sheet) ? buildPrimaryWorkbook(sheet) : buildGradebookWorkbook(sheet));
  const blob = new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const period = sheet.semester === null ? 'Kiem-tra-lai' : `HK${sheet.semester}`;
  saveBlob(blob, `So-diem-${sheet.class.name}-${sheet.subject.code}-${period}.xlsx`.replace(/[\\/:*?"<>|\s]+/g, '-'));
}
