// Entry of the sheet worker thread. The server runs TypeScript through tsx, but a worker thread does not inherit
// the loader a parent registered in code (npm start) or the test runner's transform (vitest), so the worker loads
// its TypeScript module through tsx itself.
import { tsImport } from 'tsx/esm/api';

const { runInWorker } = await tsImport('./sheetWorker.ts', import.meta.url);
runInWorker();
