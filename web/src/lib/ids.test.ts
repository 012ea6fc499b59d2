import { describe, expect, it } from "vitest";
import { offerAliasError, offerIdError, planIdError, serviceId } from "./ids";

describe("offerIdError (the server's rules, src/domain/ids.cpp)", () => {
  it.each(["crm", "crm-suite", "crm_suite", "crm2", "2crm", "a-b_c-9"])("accepts %s", (id) => {
    expect(offerIdError("contoso", id)).toBeNull();
  });

  it.each([
    ["", "Offer ID is required"],
    ["crm suite", "Offer ID can't contain spaces"],
    ["CRM", "Offer ID must use lowercase letters only"],
    ["crm.suite", "Offer ID may contain only lowercase letters, digits, hyphens (-) and underscores (_)"],
    ["crm/suite", "Offer ID may contain only lowercase letters, digits, hyphens (-) and underscores (_)"],
    ["crmé", "Offer ID may contain only lowercase letters, digits, hyphens (-) and underscores (_)"],
  ])("refuses %j", (id, message) => {
    expect(offerIdError("contoso", id)).toBe(message);
  });

  it("checks spaces before case, like the server", () => {
    expect(offerIdError("contoso", "Crm Suite")).toBe("Offer ID can't contain spaces");
  });

  it("keeps publisher ID + offer ID under 40 characters", () => {
    const publisher = "contoso"; // 7
    expect(offerIdError(publisher, "a".repeat(32))).toBeNull(); // 39
    expect(offerIdError(publisher, "a".repeat(33))).toBe(
      "Offer ID combined with the publisher ID must be under 40 characters: 'contoso' has 7, so the Offer ID may have at most 32 (it has 33)",
    );
  });
});

describe("planIdError", () => {
  it("shares the character rules", () => {
    expect(planIdError("basic")).toBeNull();
    expect(planIdError("Basic")).toBe("Plan ID must use lowercase letters only");
    expect(planIdError("")).toBe("Plan ID is required");
  });
  it("allows at most 50 characters", () => {
    expect(planIdError("p".repeat(50))).toBeNull();
    expect(planIdError("p".repeat(51))).toBe("Plan ID must be at most 50 characters");
  });
});

describe("offerAliasError", () => {
  it("requires a non-blank alias", () => {
    expect(offerAliasError("  ")).toBe("Offer alias is required");
    expect(offerAliasError("Contoso CRM (FY27)")).toBeNull();
  });
  it("counts characters, not UTF-16 units or bytes", () => {
    expect(offerAliasError("é".repeat(100))).toBeNull();
    expect(offerAliasError("😀".repeat(100))).toBeNull();
    expect(offerAliasError("é".repeat(101))).toBe("Offer alias must be at most 100 characters");
  });
  it("refuses control characters", () => {
    expect(offerAliasError("a\tb")).toBe("Offer alias can't contain control characters");
  });
});

it("builds Service IDs as <publisher>.<offer>.<plan>", () => {
  expect(serviceId("contoso", "crm", "basic")).toBe("contoso.crm.basic");
});
