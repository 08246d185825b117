// Strings of the approval and publication of results (`result_publications.*`) and of the family's view
// of published results (`my_results.*`).
export const publicationsVi = {
  title: 'Duyệt và công bố kết quả',
};
export const myResultsVi = {
  title: 'Kết quả học tập',
};
type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
export const publicationsEn: Messages<typeof publicationsVi> = {
  title: 'Approval and publication of results',
};
export const myResultsEn: Messages<typeof myResultsVi> = {
  title: 'Results',
};
