import { escapeToken } from '../../diagnostics/pointer.js';
import type { SecurityRequirement, SecurityScheme } from '../types.js';
import { isObject, type BuildContext } from './context.js';

export function buildSecuritySchemes(ctx: BuildContext): SecurityScheme[] {
  const components = ctx.doc.components;
  const raw = isObject(components) && isObject(components.securitySchemes) ? components.securitySchemes : {};
  const out: SecurityScheme[] = [];
  for (const key of Object.keys(raw)) {
    const found = ctx.deref(raw[key], `/components/securitySchemes/${escapeToken(key)}`);
    if (!found) continue;
    const { value: s, pointer } = found;
    const description = typeof s.description === 'string' ? { description: s.description } : {};
    switch (s.type) {
      case 'http':
        out.push({
          kind: 'http', key, scheme: typeof s.scheme === 'string' ? s.scheme.toLowerCase() : 'bearer',
          ...(typeof s.bearerFormat === 'string' ? { bearerFormat: s.bearerFormat } : {}), ...description, pointer,
        });
        break;
      case 'apiKey': {
        const where = s.in === 'query' || s.in === 'cookie' ? s.in : 'header';
        if (typeof s.name !== 'string') ctx.report('SF3002', "an apiKey scheme's 'name' must be a string", pointer + '/name');
        out.push({ kind: 'apiKey', key, in: where, name: typeof s.name === 'string' ? s.name : key, ...description, pointer });
        break;
      }
      case 'oauth2': {
        const scopes = new Set<string>();
        if (isObject(s.flows)) {
          for (const flow of Object.values(s.flows)) {
            if (isObject(flow) && isObject(flow.scopes)) for (const sc of Object.keys(flow.scopes)) scopes.add(sc);
          }
        }
        const cc = isObject(s.flows) && isObject(s.flows.clientCredentials) ? s.flows.clientCredentials : undefined;
        const tokenUrl = cc && typeof cc.tokenUrl === 'string' && cc.tokenUrl !== '' ? { clientCredentialsTokenUrl: cc.tokenUrl } : {};
        out.push({ kind: 'oauth2', key, scopes: [...scopes].sort(), ...tokenUrl, ...description, pointer });
        break;
      }
      case 'openIdConnect':
        out.push({ kind: 'openIdConnect', key, url: typeof s.openIdConnectUrl === 'string' ? s.openIdConnectUrl : '', ...description, pointer });
        break;
      case 'mutualTLS':
        out.push({ kind: 'mutualTLS', key, ...description, pointer });
        break;
      default:
        ctx.report('SF3002', `unknown security scheme type ${JSON.stringify(s.type)}`, pointer + '/type');
    }
  }
  return out;
}

/** A `security` array → requirements; unknown scheme names are reported (SF3008). */
export function buildSecurity(ctx: BuildContext, raw: unknown, at: string, known: ReadonlySet<string>): SecurityRequirement[] {
  if (!Array.isArray(raw)) {
    ctx.report('SF3002', "'security' must be an array", at);
    return [];
  }
  const out: SecurityRequirement[] = [];
  raw.forEach((req, i) => {
    if (!isObject(req)) {
      ctx.report('SF3002', 'a security requirement must be an object', `${at}/${i}`);
      return;
    }
    const schemes: SecurityRequirement['schemes'] = [];
    for (const [scheme, scopes] of Object.entries(req)) {
      if (!known.has(scheme)) {
        ctx.report('SF3008', `security scheme '${scheme}' is not defined in components.securitySchemes`, `${at}/${i}/${escapeToken(scheme)}`);
        continue;
      }
      schemes.push({ scheme, scopes: Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [] });
    }
    out.push({ schemes });
  });
  return out;
}
