// Unit tests of the mocks' runtime (src/runtime/mocks.ts): the Prefer header, which example is sent, overrides,
// the mock's error bodies and mockFetch.
import { describe, expect, it } from "vitest";
import { validator, type Check } from "../../src/runtime/checks.js";
import { MockData, mockFetch, mockHandlers, preferences, type MockTable } from "../../src/runtime/mocks.js";
import type { OperationValidators } from "../../src/runtime/server.js";

/** A check that the value is an object with a string `id`. */
const hasId: Check = (v) => v !== null && typeof v === "object" && typeof (v as { id?: unknown }).id === "string";
const table: MockTable = {
  getThing: {
    status: 200,
    responses: {
      "200": ["application/json", [["wrong", { id: 7 }], ["good", { id: "a" }], ["", { id: "made" }]]],
      "4XX": ["application/json", [["", { error: "example" }]]],
      "204": ["", []],
    },
  },
};
const validators: Record<string, OperationValidators> = {
  getThing: { parseParams: () => ({ ok: true, value: {} }), body: {}, forms: {}, responses: { "200": { "application/json": validator("Thing", hasId) } } },
};
const request = (prefer?: string) => new Request("http://x/things/1", prefer === undefined ? {} : { headers: { prefer } });

describe("mocks runtime", () => {
  it("reads Prefer as Prism does: code and example, in any order, quoted or not", () => {
    expect(preferences(null)).toEqual({});
    expect(preferences("code=404")).toEqual({ code: 404 });
    expect(preferences('example="good", code=200')).toEqual({ code: 200, example: "good" });
    expect(preferences("respond-async; code=abc; wait=5")).toEqual({});
  });

  it("sends the first example the response's validator accepts, a named one on request, 404 for what is not declared", () => {
    const data = new MockData(table, validators);
    expect(data.answer("getThing", undefined, request())).toEqual({ status: 200, body: { id: "a" }, contentType: "application/json" });
    expect(data.answer("getThing", undefined, request("example=wrong"))).toMatchObject({ status: 200, body: { id: 7 } });
    expect(data.answer("getThing", undefined, request("code=404"))).toMatchObject({ status: 404, body: { error: "example" } });
    expect(data.answer("getThing", undefined, request("code=204"))).toEqual({ status: 204 });
    expect(data.answer("getThing", undefined, request("code=500"))).toMatchObject({ status: 404, body: { title: "No such mock response" } });
    expect(data.answer("getThing", undefined, request("example=nope"))).toMatchObject({ status: 404 });
    expect(data.errorBody({ type: "about:blank", title: "Bad", status: 400 }, { operation: "getThing", status: 400, request: request() })).toEqual({ error: "example" });
  });

  it("takes overrides: a handler, a status, a status with a body", async () => {
    const data = new MockData(table, validators);
    const own = mockHandlers(data, { getThing: () => ({ status: 200, body: { id: "mine" } }) });
    expect(await own.getThing!({ request: request() })).toEqual({ status: 200, body: { id: "mine" } });
    const status = mockHandlers(data, { getThing: { status: 404 } });
    expect(status.getThing!({ request: request() })).toMatchObject({ status: 404, body: { error: "example" } });
    const fixed = mockHandlers(data, { getThing: { status: 200, body: { id: "fixed" } } });
    expect(fixed.getThing!({ request: request() })).toEqual({ status: 200, body: { id: "fixed" } });
    // An inherited name is no override.
    expect(mockHandlers(data, Object.create({ getThing: () => "inherited" })).getThing!({ request: request() })).toMatchObject({ body: { id: "a" } });
  });

  it("mockFetch hands requests to the handler, without network", async () => {
    const seen: string[] = [];
    const f = mockFetch(async (r) => {
      seen.push(`${r.method} ${r.url} ${await r.text()}`);
      return new Response("ok");
    });
    expect(await (await f("http://api.test/a?b=1", { method: "POST", body: "x" })).text()).toBe("ok");
    await f(new Request("http://api.test/c"));
    expect(seen).toEqual(["POST http://api.test/a?b=1 x", "GET http://api.test/c "]);
  });
});
