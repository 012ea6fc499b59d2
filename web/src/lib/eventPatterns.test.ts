import { describe, expect, it } from "vitest";
import type { EventTypeInfo } from "../api/types";
import {
  describePattern,
  eventsError,
  familyState,
  groupByFamily,
  isSelected,
  patternMatches,
  toggleAll,
  toggleFamily,
  toggleType,
} from "./eventPatterns";

const type = (t: string): EventTypeInfo => ({
  type: t as EventTypeInfo["type"],
  family: t.slice(0, t.indexOf(".")),
  payload_schema_name: "Snapshot",
  payload_schema: {},
});
const catalogue = ["license.granted", "license.changed", "license.removed", "seat.assigned", "seat.unassigned", "webhook.ping"].map(type);
const families = groupByFamily(catalogue);
const seat = families.find((f) => f.family === "seat")!;
const license = families.find((f) => f.family === "license")!;

describe("patternMatches: as the server matches an endpoint's events", () => {
  it.each([
    ["*", "license.granted", true],
    ["license.*", "license.granted", true],
    ["license.*", "licenses.granted", false],
    ["license.*", "license", false],
    ["license.granted", "license.granted", true],
    ["license.granted", "license.changed", false],
    ["seat", "seat.assigned", false],
  ])("%s against %s → %s", (pattern, t, expected) => {
    expect(patternMatches(pattern, t)).toBe(expected);
  });
  it("takes any of the endpoint's entries", () => {
    expect(isSelected(["seat.*", "license.granted"], "license.granted")).toBe(true);
    expect(isSelected(["seat.*", "license.granted"], "license.removed")).toBe(false);
    expect(isSelected([], "seat.assigned")).toBe(false);
  });
});

describe("groupByFamily", () => {
  it("keeps the catalogue's order of families and of their types", () => {
    expect(families.map((f) => [f.family, f.types.map((t) => t.type)])).toEqual([
      ["license", ["license.granted", "license.changed", "license.removed"]],
      ["seat", ["seat.assigned", "seat.unassigned"]],
      ["webhook", ["webhook.ping"]],
    ]);
  });
});

describe("familyState: the family's box", () => {
  it.each([
    [["*"], true],
    [["seat.*"], true],
    [["seat.assigned"], "mixed"],
    [["seat.assigned", "seat.unassigned"], "mixed"], // every type today is not the family (it grows)
    [["license.*"], false],
    [[], false],
  ])("%j → %s", (patterns, expected) => {
    expect(familyState(patterns, seat)).toBe(expected);
  });
});

describe("toggleFamily", () => {
  it("on: the family's pattern replaces its types chosen one by one", () => {
    expect(toggleFamily(["license.granted", "seat.assigned"], families, "seat")).toEqual(["license.granted", "seat.*"]);
  });
  it("off: the family and its types go", () => {
    expect(toggleFamily(["seat.*", "license.removed"], families, "seat")).toEqual(["license.removed"]);
  });
  it("off under All events: every other family stays chosen", () => {
    expect(toggleFamily(["*"], families, "seat")).toEqual(["license.*", "webhook.*"]);
  });
  it("keeps what the catalogue doesn't know, after the rest", () => {
    expect(toggleFamily(["tenant.domain_added", "seat.assigned"], families, "license")).toEqual([
      "license.*",
      "seat.assigned",
      "tenant.domain_added",
    ]);
  });
  it("does nothing for a family the catalogue doesn't have", () => {
    expect(toggleFamily(["seat.*"], families, "offer")).toEqual(["seat.*"]);
  });
});

describe("toggleType", () => {
  it("on: adds the type in the catalogue's order", () => {
    expect(toggleType(["seat.assigned", "license.removed"], families, "license.granted")).toEqual([
      "license.granted",
      "license.removed",
      "seat.assigned",
    ]);
  });
  it("off: removes a type chosen by itself", () => {
    expect(toggleType(["seat.assigned", "seat.unassigned"], families, "seat.assigned")).toEqual(["seat.unassigned"]);
  });
  it("off under the family's pattern: the rest of the family stays, one by one", () => {
    expect(toggleType(["license.*", "seat.assigned"], families, "license.changed")).toEqual([
      "license.granted",
      "license.removed",
      "seat.assigned",
    ]);
  });
  it("off under All events: the other families by their patterns, the rest of its own one by one", () => {
    expect(toggleType(["*"], families, "seat.assigned")).toEqual(["license.*", "seat.unassigned", "webhook.*"]);
  });
  it("toggled twice is chosen again", () => {
    const off = toggleType(["seat.*"], families, "seat.unassigned");
    expect(off).toEqual(["seat.assigned"]);
    expect(familyState(off, seat)).toBe("mixed");
    expect(familyState(toggleType(off, families, "seat.unassigned"), seat)).toBe("mixed");
    expect(familyState(toggleFamily(off, families, "seat"), seat)).toBe(true);
    expect(familyState(off, license)).toBe(false);
  });
});

describe("toggleAll", () => {
  it("on: all events and nothing else; off: none", () => {
    expect(toggleAll(["seat.*", "license.granted"])).toEqual(["*"]);
    expect(toggleAll(["*"])).toEqual([]);
  });
});

describe("describing an endpoint's events", () => {
  it.each([
    ["*", "All events"],
    ["seat.*", "All seat events"],
    ["license.granted", "license.granted"],
  ])("%s → %s", (pattern, text) => {
    expect(describePattern(pattern)).toBe(text);
  });
  it("asks for at least one", () => {
    expect(eventsError([])).toBe("Choose at least one event");
    expect(eventsError(["*"])).toBeNull();
  });
});
