import { escapeToken } from '../../diagnostics/pointer.js';
import { isObject } from '../schema-positions.js';
import { put, type Json, type Swagger2Context } from './context.js';

/** 2.0 oauth2 `flow` → the 3.x flow's name and the URLs it has. */
const FLOWS: Record<string, { name: string; urls: string[] }> = {
  implicit: { name: 'implicit', urls: ['authorizationUrl'] },
  password: { name: 'password', urls: ['tokenUrl'] },
  application: { name: 'clientCredentials', urls: ['tokenUrl'] },
  accessCode: { name: 'authorizationCode', urls: ['authorizationUrl', 'tokenUrl'] },
};

/** `securityDefinitions` → `components.securitySchemes`: basic → http basic; apiKey as it is; oauth2 → one flow. */
export function convertSecurityDefinitions(cx: Swagger2Context, raw: unknown): Json | undefined {
  if (!isObject(raw)) return undefined;
  const out: Json = {};
  for (const key of Object.keys(raw)) {
    const s = raw[key];
    const from = `/securityDefinitions/${escapeToken(key)}`;
    cx.moved(`/components/securitySchemes/${escapeToken(key)}`, from);
    put(out, key, isObject(s) ? convertScheme(s) : s);
  }
  return out;
}

function convertScheme(s: Json): Json {
  const out: Json = {};
  for (const k of Object.keys(s)) if (k === 'description' || k.startsWith('x-')) put(out, k, s[k]);
  switch (s.type) {
    case 'basic':
      return { type: 'http', scheme: 'basic', ...out };
    case 'apiKey':
      return { type: 'apiKey', name: s.name, in: s.in, ...out };
    case 'oauth2': {
      const flow = typeof s.flow === 'string' ? FLOWS[s.flow] : undefined;
      const flows: Json = {};
      if (flow) {
        const f: Json = {};
        for (const u of flow.urls) f[u] = typeof s[u] === 'string' ? s[u] : '';
        f.scopes = isObject(s.scopes) ? s.scopes : {};
        flows[flow.name] = f;
      }
      return { type: 'oauth2', flows, ...out };
    }
    default:
      return { ...s };
  }
}
