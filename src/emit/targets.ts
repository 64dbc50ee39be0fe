import type { Target, TargetName } from './target.js';
import { typesTarget } from './types/index.js';
import { validatorsTarget } from './validators/index.js';

/** The targets that exist so far, by name. */
export const TARGETS: Partial<Record<TargetName, Target>> = {
  types: typesTarget,
  validators: validatorsTarget,
};
