// The students folder's pages, one chunk loaded when Học sinh is first opened (resources.tsx).
export { StudentEdit } from './StudentEdit.tsx';
// Hồ sơ học sinh for a reader who may not edit: the same page, which shows the record read-only when the
// database says the caller may not edit it (students.can_edit).
export { StudentEdit as StudentShow } from './StudentEdit.tsx';
export { StudentList } from './StudentList.tsx';
