// The students folder's pages, one chunk loaded when Học sinh is first opened (resources.tsx).
export { StudentEdit } from './StudentEdit.tsx';
export { StudentList } from './StudentList.tsx';
