/**
 * OAuth2's client credentials grant (RFC 6749 §4.4) as a credential function: it fetches a token from the scheme's
 * `tokenUrl`, keeps it until it expires, and fetches another when the API answers 401. A module of its own, so
 * that an app that does not use it bundles none of it. Written once into the output folder (`runtime/oauth2.ts`).
 */
import type { CredentialContext } from "./client.js";

export interface ClientCredentialsOptions {
  clientId: string;
  clientSecret: string;
  /** The scopes to ask for (none: the server's default). */
  scopes?: readonly string[] | undefined;
  /** The token endpoint; default: the scheme's `clientCredentials.tokenUrl`, resolved against the base URL. */
  tokenUrl?: string | undefined;
  /**
   * How the client authenticates to the token endpoint: HTTP Basic (`"header"`, the default, which every server
   * must accept, RFC 6749 §2.3.1) or `client_id` and `client_secret` in the form body (`"body"`).
   */
  sendCredentials?: "header" | "body" | undefined;
  /** Seconds before its expiry at which a token is fetched again (default 30). */
  earlySeconds?: number | undefined;
}

/** The token endpoint answered with an error (`error`, `error_description` in `body`), or with no `access_token`. */
export class TokenError extends Error {
  override readonly name = "TokenError";
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    const o = body !== null && typeof body === "object" ? (body as { error?: unknown; error_description?: unknown }) : {};
    super(`token request failed with HTTP ${status}${typeof o.error === "string" ? `: ${o.error}` : ""}${typeof o.error_description === "string" ? ` (${o.error_description})` : ""}`);
    this.status = status;
    this.body = body;
  }
}

/** `application/x-www-form-urlencoded` of a client id or secret, as HTTP Basic for OAuth2 wants it (RFC 6749 §2.3.1). */
const formEncoded = (s: string): string => encodeURIComponent(s).replace(/%20/g, "+");

/**
 * A credential for an OAuth2 scheme with a client credentials flow:
 * `createCore({ auth: { oauth2: clientCredentials({ clientId, clientSecret, scopes: ["read"] }) } })`. One token is
 * fetched for every request that needs it at once, reused until `expires_in` (less `earlySeconds`), and fetched
 * again after a 401 (the request is then sent once more).
 */
export function clientCredentials(options: ClientCredentialsOptions): (context: CredentialContext) => Promise<string> {
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const fetchToken = async (context: CredentialContext): Promise<string> => {
    const scheme = context.scheme;
    const where = options.tokenUrl ?? (scheme.type === "bearer" ? scheme.tokenUrl : undefined);
    if (where === undefined) throw new TypeError("clientCredentials: the scheme declares no client credentials tokenUrl; pass tokenUrl");
    const body = new URLSearchParams({ grant_type: "client_credentials" });
    if (options.scopes !== undefined && options.scopes.length > 0) body.set("scope", options.scopes.join(" "));
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
    if (options.sendCredentials === "body") {
      body.set("client_id", options.clientId);
      body.set("client_secret", options.clientSecret);
    } else {
      const pair = new TextEncoder().encode(`${formEncoded(options.clientId)}:${formEncoded(options.clientSecret)}`);
      let s = "";
      for (const b of pair) s += String.fromCharCode(b);
      headers["authorization"] = "Basic " + btoa(s);
    }
    const res = await context.fetch(new URL(where, context.baseUrl + "/").href, { method: "POST", headers, body });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    const token = json !== null && typeof json === "object" ? (json as { access_token?: unknown; expires_in?: unknown }) : {};
    if (!res.ok || typeof token.access_token !== "string") throw new TokenError(res.status, json);
    const expiresIn = Number(token.expires_in);
    const early = options.earlySeconds ?? 30;
    // Without expires_in, the token is kept until the API refuses it.
    cached = { token: token.access_token, expiresAt: Number.isFinite(expiresIn) ? Date.now() + Math.max(0, expiresIn - early) * 1000 : Infinity };
    return token.access_token;
  };
  return (context) => {
    if (context.renew || (cached !== undefined && Date.now() >= cached.expiresAt)) cached = undefined;
    if (cached !== undefined) return Promise.resolve(cached.token);
    pending ??= fetchToken(context).finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
