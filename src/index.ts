/**
 * specforge as a library. Nothing here prints or exits: results and diagnostics are returned.
 */
export { generate, buildIr, emitTargets, type GenerateResult } from './generate.js';
export { createGenerateCache, type GenerateCache } from './cache.js';
export type { GenerateOptions } from './config/options.js';
export { defineConfig, type SpecforgeConfig, type ConfigEntry } from './config/define.js';
export { eject, type EjectOptions, type EjectResult } from './eject.js';
export type { DriftReport } from './write/output.js';
export { ALL_TARGETS, DEFAULT_TARGETS } from './config/options.js';
export { loadSpec, type LoadedSpec, type LoadOptions, type RefPolicy } from './parse/index.js';
export { buildIrFromDocument, PASSES } from './ir/index.js';
export type * from './ir/types.js';
export { IR_VERSION } from './ir/types.js';
export type { Diagnostic, Severity } from './diagnostics/diagnostic.js';
export { CODES, type Code } from './diagnostics/codes.js';
export { formatHuman, formatJson } from './diagnostics/format.js';
export type { GeneratedFile, TargetName } from './emit/target.js';
// The data each template receives (public API: docs/templates.md; pinned by test/templates/view-models.d.ts.txt).
export type { TypesFileView, DeclarationView, EnumMemberView } from './emit/types/view-model.js';
export type { ValidatorsFileView, SchemaValidatorView, OperationValidatorsView } from './emit/validators/view-model.js';
export type { ClientFileView, ClientOperationView, ClientFunctionView, ClientMethodView } from './emit/client/view-model.js';
export type { ServerFileView, ServerOperationView, ServerNodeFileView, ScaffoldFileView } from './emit/server/view-model.js';
export type { MocksFileView, MocksMswFileView } from './emit/mocks/view-model.js';
export type { QueryFileView, QueryFactoryView } from './emit/query/view-model.js';
export type { BannerView } from './emit/shared.js';
// Example data from the IR (what the mocks answer with): docs/examples.md.
export { ExampleGenerator, type ExampleOptions, type Direction as ExampleDirection } from './emit/mocks/examples.js';
export type { TypeExpr, Direction } from './emit/printers/type-expr.js';
export type { Helper } from './emit/engine/engine.js';
