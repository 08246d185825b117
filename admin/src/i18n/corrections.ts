// Strings of the correction procedure (Đề nghị sửa điểm): `correction_requests.*`.
export const correctionsVi = {
  title: 'Đề nghị sửa điểm',
};
type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
export const correctionsEn: Messages<typeof correctionsVi> = {
  title: 'Correction requests',
};
