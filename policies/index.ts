export * from './types.ts';
export * from './labels.ts';
export { matrix } from './matrix.ts';
