// Downloads the open sheet as .xlsx in the template of GRADEBOOK_LABELS (formula-like text escaped).
import { buildGradebookWorkbook, type GradebookSheet } from '../../shared/gradebookSheet.ts';
import { saveBlob } from '../../shared/saveBlob.ts';

export async function downloadGradebook(sheet: GradebookSheet): Promise<void> {
  const bytes = await buildGradebookWorkbook(sheet);
  const blob = new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const period = sheet.semester === null ? 'Kiem-tra-lai' : `HK${sheet.semester}`;
  saveBlob(blob, `So-diem-${sheet.class.name}-${sheet.subject.code}-${period}.xlsx`.replace(/[\\/:*?"<>|\s]+/g, '-'));
}
