import { describe, expect, it } from "vitest";
import { formatBytes, formatCount, formatDate, formatDateTime, formatMoney, isFrozen, parseProductId, safeNext } from "./format";

describe("safeNext: where sign-in sends the user back", () => {
  it.each([
    ["/partner/offers/crm", "/partner/offers/crm"],
    ["/marketplace/product/contoso.crm?preview=abc", "/marketplace/product/contoso.crm?preview=abc"],
    [null, "/partner"],
    ["", "/partner"],
    ["https://evil.example/", "/partner"],
    ["//evil.example/", "/partner"],
    ["/\\evil.example", "/partner"],
    ["/signin?next=/partner", "/partner"],
    ["javascript:alert(1)", "/partner"],
  ])("%j → %s", (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe("parseProductId", () => {
  it("splits publisher.offer", () => {
    expect(parseProductId("contoso.field-service")).toEqual({ publisher: "contoso", offer: "field-service" });
  });
  it.each(["contoso", "contoso.crm.basic", "Contoso.crm", "../x", ""])("refuses %j", (id) => {
    expect(parseProductId(id)).toBeNull();
  });
});

describe("formatting", () => {
  it("shows a dash for no date and keeps an unreadable one", () => {
    expect(formatDateTime(null)).toBe("—");
    expect(formatDateTime("not a date")).toBe("not a date");
    expect(formatDateTime("2026-01-31T12:00:00.000Z")).toMatch(/2026/);
  });
  it("sizes bytes", () => {
    expect(formatBytes(512)).toBe("512 bytes");
    expect(formatBytes(2048)).toBe("2 KB");
    expect(formatBytes(1.5 * 1024 * 1024)).toBe("1.5 MB");
  });
  it("knows which states refuse changes", () => {
    expect(isFrozen("in_review")).toBe(true);
    expect(isFrozen("publishing")).toBe(true);
    expect(isFrozen("preview")).toBe(false);
  });
});

describe("deal amounts and dates", () => {
  it("formats money in its currency, and an unknown code after the number", () => {
    expect(formatMoney(12500.5, "USD")).toBe(new Intl.NumberFormat(undefined, { style: "currency", currency: "USD" }).format(12500.5));
    expect(formatMoney(10, "ZZ1")).toMatch(/^10 ZZ1$/);
  });
  it("formats a calendar date without shifting it by the time zone", () => {
    const expected = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" }).format(
      new Date(Date.UTC(2026, 11, 31)),
    );
    expect(formatDate("2026-12-31")).toBe(expected);
    expect(formatDate("soon")).toBe("soon");
    expect(formatDate(null)).toBe("—");
  });
});

describe("formatCount", () => {
  it.each([
    [0, "0 users"],
    [1, "1 user"],
    [12, "12 users"],
  ])("%d → %s", (n, expected) => {
    expect(formatCount(n, "user")).toBe(expected);
  });
  it("takes an irregular plural", () => {
    expect(formatCount(2, "member needs", "members need")).toBe("2 members need");
  });
});
