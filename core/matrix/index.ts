/**
 * The outcome matrix of DESIGN.md §2: every scenario against every flow column, each cell recorded
 * live through the real checks. No expected value lives here; test/flows/matrix.test.ts holds them.
 */
export { computeMatrix, matrixColumns, axisColumns, matrixCell, matrixToMarkdown, cellText, MATRIX_SEED, type Matrix, type MatrixCell, type MatrixColumn, type MatrixRow } from './computeMatrix.js';
