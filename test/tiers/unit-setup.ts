import { vi } from 'vitest';

// The fast tier runs src/ without a build: the validation worker is the bundle validation-worker.ts made.
vi.mock(import('../../src/paths.js'), async (importOriginal) => {
  const { inject } = await import('vitest');
  return { ...(await importOriginal()), VALIDATION_WORKER: inject('validationWorker') };
});
