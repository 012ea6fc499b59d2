import { describe, expect, it } from "vitest";
import { attachmentName, fieldLink, serviceIdsText } from "./fields";

describe("fieldLink: review notifications link to the field to fix", () => {
  it.each([
    ["listing.name", "/partner/offers/crm/setup#listing.name", "Offer setup"],
    ["listing.description", "/partner/offers/crm/setup#listing.description", "Offer setup"],
    ["call_to_action", "/partner/offers/crm/setup#call_to_action", "Offer setup"],
    ["licensing.allow_install_without_license", "/partner/offers/crm/setup#licensing.allow_install_without_license", "Offer setup"],
    ["technical_configuration.package_url", "/partner/offers/crm/technical#technical_configuration.package_url", "Technical configuration"],
    ["plans", "/partner/offers/crm/plans", "Plan overview"],
    ["plans.basic.description", "/partner/offers/crm/plans/basic#description", "Plan listing: basic"],
    ["", "/partner/offers/crm", "Offer overview"],
    ["something.new", "/partner/offers/crm", "Offer overview"],
  ])("%j → %s", (field, to, page) => {
    expect(fieldLink("crm", field)).toEqual({ to, page });
  });
});

describe("attachmentName: the plan-definition CSV's file name", () => {
  it("reads the quoted filename the server sends", () => {
    expect(attachmentName('attachment; filename="crm-plans.csv"', "x.csv")).toBe("crm-plans.csv");
  });
  it("reads an unquoted filename", () => {
    expect(attachmentName("attachment; filename=crm-plans.csv", "x.csv")).toBe("crm-plans.csv");
  });
  it("prefers filename*", () => {
    expect(attachmentName("attachment; filename=\"a.csv\"; filename*=UTF-8''caf%C3%A9.csv", "x.csv")).toBe("café.csv");
  });
  it("never keeps a directory part", () => {
    expect(attachmentName('attachment; filename="../../etc/passwd"', "x.csv")).toBe("passwd");
    expect(attachmentName('attachment; filename=".."', "x.csv")).toBe("x.csv");
  });
  it("falls back without a header", () => {
    expect(attachmentName(null, "crm-plans.csv")).toBe("crm-plans.csv");
    expect(attachmentName("attachment", "crm-plans.csv")).toBe("crm-plans.csv");
  });
});

it("Copy service IDs copies one per line, in plan order", () => {
  expect(serviceIdsText([{ service_id: "contoso.crm.basic" }, { service_id: "contoso.crm.premium" }])).toBe(
    "contoso.crm.basic\ncontoso.crm.premium",
  );
  expect(serviceIdsText([])).toBe("");
});
