import { isObject } from '../schema-positions.js';
import { put, type Json, type Swagger2Context } from './context.js';

/**
 * `host`, `basePath` and `schemes` → servers: one per scheme, in the order given (`https://host/base`); without
 * `schemes`, one protocol-relative URL (`//host/base`: the scheme the document was fetched with, as 2.0 says);
 * without `host`, the base path alone (relative to where the document is). A trailing slash of the base path is
 * dropped (operation paths start with one). AutoRest's `x-ms-parameterized-host` (`hostTemplate` with
 * `{variables}`, its `parameters` as the variables) takes the place of `host`.
 */
export function serversFor(cx: Swagger2Context, schemesRaw: unknown): Json[] {
  const doc = cx.doc;
  const basePath = typeof doc.basePath === 'string' ? doc.basePath.replace(/\/+$/, '') : '';
  const schemes = Array.isArray(schemesRaw) ? [...new Set(schemesRaw.filter((s): s is string => typeof s === 'string' && s !== ''))] : [];
  const parameterized = isObject(doc['x-ms-parameterized-host']) && typeof doc['x-ms-parameterized-host'].hostTemplate === 'string' ? doc['x-ms-parameterized-host'] : undefined;
  if (parameterized) {
    const prefix = parameterized.useSchemePrefix === false ? '' : `${schemes[0] ?? 'https'}://`;
    const server: Json = { url: `${prefix}${String(parameterized.hostTemplate)}${basePath}` };
    const variables: Json = {};
    if (Array.isArray(parameterized.parameters)) {
      parameterized.parameters.forEach((raw, i) => {
        const found = cx.resolve(raw, `/x-ms-parameterized-host/parameters/${i}`);
        if (!found || typeof found.value.name !== 'string') return;
        const p = found.value;
        const values = Array.isArray(p.enum) ? p.enum.map(String) : undefined;
        const variable: Json = { default: p.default !== undefined ? String(p.default) : (values?.[0] ?? '') };
        if (values) variable.enum = values;
        if (typeof p.description === 'string') variable.description = p.description;
        put(variables, p.name as string, variable);
      });
    }
    if (Object.keys(variables).length > 0) server.variables = variables;
    return [server];
  }
  if (typeof doc.host !== 'string' || doc.host === '') return basePath === '' ? [] : [{ url: basePath }];
  if (schemes.length === 0) return [{ url: `//${doc.host}${basePath}` }];
  return schemes.map((s) => ({ url: `${s}://${doc.host}${basePath}` }));
}
