export * from './types.ts';
export * from './labels.ts';
export { matrix } from './matrix.ts';
export { NOT_BUILT, OUT_OF_BAND, STAFF_ROLES, SCHOOL_ROLES } from './matrix.ts';
export * from './table.ts';
