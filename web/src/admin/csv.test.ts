import { describe, expect, it } from "vitest";
import { describeErrors, isUpn, parseUpnList, splitCsvLine } from "./csv";

describe("splitCsvLine", () => {
  it("splits plain and quoted fields", () => {
    expect(splitCsvLine('a@x.example,"Bo, Jr.",3')).toEqual(["a@x.example", "Bo, Jr.", "3"]);
    expect(splitCsvLine('"say ""hi""",x')).toEqual(['say "hi"', "x"]);
    expect(splitCsvLine("a,,b,")).toEqual(["a", "", "b", ""]);
  });
  it("refuses an unclosed quote", () => {
    expect(splitCsvLine('"a@x.example,b')).toBeNull();
  });
});

describe("isUpn", () => {
  it("accepts name@domain and refuses the rest", () => {
    expect(isUpn("Alex.Wilber@Fabrikam.example")).toBe(true);
    expect(isUpn("alex")).toBe(false);
    expect(isUpn("alex@localhost")).toBe(false);
    expect(isUpn("a b@x.example")).toBe(false);
  });
});

describe("parseUpnList", () => {
  it("reads the UPN column named by the header, in any order and case, with a BOM and CRLF", () => {
    const r = parseUpnList('\uFEFFDisplay Name,UPN\r\n"Wilber, Alex",Alex@Fabrikam.example\r\n\r\nBo,bo@fabrikam.example\r\n');
    expect(r).toEqual({ upns: ["alex@fabrikam.example", "bo@fabrikam.example"], errors: [], duplicates: 0 });
  });
  it("accepts the server's other header names", () => {
    expect(parseUpnList("User Principal Name\na@x.example").upns).toEqual(["a@x.example"]);
    expect(parseUpnList("name,userprincipalname\nA,a@x.example").upns).toEqual(["a@x.example"]);
  });
  it("reads a plain list without header, pasted with commas, semicolons or spaces", () => {
    const r = parseUpnList("a@x.example\nb@x.example; c@x.example, a@x.example");
    expect(r.upns).toEqual(["a@x.example", "b@x.example", "c@x.example"]);
    expect(r.duplicates).toBe(1);
  });
  it("names the line of a malformed UPN", () => {
    const r = parseUpnList("upn\na@x.example\nnot-an-address\nb@x.example");
    expect(r.upns).toEqual(["a@x.example", "b@x.example"]);
    expect(r.errors).toEqual([{ line: 3, message: '"not-an-address" is not a user principal name (name@domain)' }]);
    expect(describeErrors(r.errors)).toBe('Line 3: "not-an-address" is not a user principal name (name@domain)');
  });
  it("names the line of an empty UPN cell and of an unclosed quote", () => {
    const r = parseUpnList('upn,name\n,Alex\n"b@x.example,Bo');
    expect(r.errors).toEqual([
      { line: 2, message: "no UPN in the UPN column" },
      { line: 3, message: "a quote is not closed" },
    ]);
    expect(describeErrors(r.errors)).toBe("Line 2: no UPN in the UPN column (and 1 more problem)");
  });
  it("refuses a header without a UPN column", () => {
    const r = parseUpnList("name,email\nAlex,alex@x.example");
    expect(r.upns).toEqual([]);
    expect(r.errors).toEqual([{ line: 1, message: "the header names no UPN column (upn or user principal name)" }]);
  });
  it("flags UPNs outside the tenant's domains", () => {
    const r = parseUpnList("a@fabrikam.example\nb@contoso.example", ["Fabrikam.example"]);
    expect(r.upns).toEqual(["a@fabrikam.example"]);
    expect(r.errors[0]?.line).toBe(2);
    expect(r.errors[0]?.message).toMatch(/outside your organization's domains \(fabrikam\.example\)/);
  });
  it("gives nothing for empty text", () => {
    expect(parseUpnList("")).toEqual({ upns: [], errors: [], duplicates: 0 });
    expect(describeErrors([])).toBe("");
  });
});
