import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, parseFilter } from "./order-list.ts";
import { newReference, newToken } from "./orders.ts";

describe("cursors", () => {
  it("round-trip any position", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (createdAt, reference) => {
        expect(decodeCursor(encodeCursor({ createdAt, reference }))).toEqual({
          createdAt,
          reference,
        });
      }),
    );
  });

  it("refuse anything else", () => {
    for (const text of ["", "abc", btoa("[1,2]"), btoa("{}")]) {
      expect(() => decodeCursor(text)).toThrow(/cursor/);
    }
  });
});

describe("filters", () => {
  it("turns days into a half-open UTC range", () => {
    expect(parseFilter({ from: "2026-02-01", to: "2026-02-28", status: "paid,refused" })).toEqual({
      statuses: ["paid", "refused"],
      from: "2026-02-01T00:00:00.000Z",
      to: "2026-03-01T00:00:00.000Z",
    });
  });
});

describe("references and tokens", () => {
  it("are bank-valid and do not repeat", () => {
    const references = new Set(Array.from({ length: 2000 }, newReference));
    expect(references.size).toBe(2000);
    for (const reference of references) expect(reference).toMatch(/^[A-Z0-9]{12}$/);
    const tokens = new Set(Array.from({ length: 2000 }, newToken));
    expect(tokens.size).toBe(2000);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
