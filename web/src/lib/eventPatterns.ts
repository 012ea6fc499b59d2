// A webhook endpoint's `events` as the server matches them — event types (`license.granted`), `prefix.*`
// patterns (`seat.*`) and `*` for every event — and the events picker's view of them: the catalogue of
// GET /api/v1/event-types grouped by family, each family with an "all of it" box that stands for `family.*`
// (so types the server adds later to that family are sent too) and a box per type. Entries the catalogue does
// not know (a pattern set through the API) are kept as they are.
import type { EventTypeInfo } from "../api/types";

export const ALL_EVENTS = "*";

export interface EventFamily {
  family: string;
  types: EventTypeInfo[];
}

export type CheckState = boolean | "mixed";

export function familyPattern(family: string): string {
  return `${family}.*`;
}

export function patternMatches(pattern: string, type: string): boolean {
  if (pattern === ALL_EVENTS) return true;
  if (pattern.endsWith(".*")) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

export function isSelected(patterns: readonly string[], type: string): boolean {
  return patterns.some((p) => patternMatches(p, type));
}

// The catalogue's families in the order it lists them, each with its types in that order.
export function groupByFamily(types: readonly EventTypeInfo[]): EventFamily[] {
  const families = new Map<string, EventTypeInfo[]>();
  for (const t of types) {
    const list = families.get(t.family);
    if (list) list.push(t);
    else families.set(t.family, [t]);
  }
  return [...families].map(([family, list]) => ({ family, types: list }));
}

// A family's box: checked when a pattern covers the whole family, mixed when some of its types are chosen one
// by one (even all of them: that is not the same as the family, which grows with the server).
export function familyState(patterns: readonly string[], family: EventFamily): CheckState {
  if (patterns.includes(ALL_EVENTS) || patterns.includes(familyPattern(family.family))) return true;
  return family.types.some((t) => isSelected(patterns, t.type)) ? "mixed" : false;
}

// The entries in a stable order: `*`, then each family's pattern and types in the catalogue's order, then what
// the catalogue does not know, as it was.
function ordered(patterns: ReadonlySet<string>, families: readonly EventFamily[], before: readonly string[]): string[] {
  const known: string[] = [];
  if (patterns.has(ALL_EVENTS)) known.push(ALL_EVENTS);
  for (const f of families) {
    if (patterns.has(familyPattern(f.family))) known.push(familyPattern(f.family));
    for (const t of f.types) if (patterns.has(t.type)) known.push(t.type);
  }
  const seen = new Set(known);
  for (const p of [...before, ...patterns]) {
    if (patterns.has(p) && !seen.has(p)) {
      seen.add(p);
      known.push(p);
    }
  }
  return known;
}

// "All events": on, every event (nothing else needed); off, none.
export function toggleAll(patterns: readonly string[]): string[] {
  return patterns.includes(ALL_EVENTS) ? [] : [ALL_EVENTS];
}

// A family's box: on, its pattern replaces its types chosen one by one; off, the family and its types go (under
// `*`, every other family stays chosen by its pattern).
export function toggleFamily(patterns: readonly string[], families: readonly EventFamily[], family: string): string[] {
  const f = families.find((x) => x.family === family);
  if (!f) return [...patterns];
  const next = new Set(patterns);
  const own = (p: string) => p === familyPattern(family) || f.types.some((t) => t.type === p);
  if (familyState(patterns, f) === true) {
    if (next.delete(ALL_EVENTS)) for (const other of families) if (other !== f) next.add(familyPattern(other.family));
    for (const p of patterns) if (own(p)) next.delete(p);
  } else {
    for (const p of patterns) if (own(p)) next.delete(p);
    next.add(familyPattern(family));
  }
  return ordered(next, families, patterns);
}

// A type's box: on, the type is added; off, it goes, and a pattern that covered it gives way to the rest of its
// family chosen one by one (and, for `*`, the other families by their patterns).
export function toggleType(patterns: readonly string[], families: readonly EventFamily[], type: string): string[] {
  const next = new Set(patterns);
  if (!isSelected(patterns, type)) {
    next.add(type);
    return ordered(next, families, patterns);
  }
  const f = families.find((x) => x.types.some((t) => t.type === type));
  next.delete(type);
  for (const p of patterns) {
    if (p === type || !patternMatches(p, type)) continue;
    next.delete(p);
    if (p === ALL_EVENTS) for (const other of families) if (other !== f) next.add(familyPattern(other.family));
    // The rest of the family, unless another pattern still covers them.
    for (const t of f?.types ?? []) if (t.type !== type && patternMatches(p, t.type)) next.add(t.type);
  }
  return ordered(next, families, patterns);
}

// One entry for people: "All events", "All seat events", or the type itself.
export function describePattern(pattern: string): string {
  if (pattern === ALL_EVENTS) return "All events";
  if (pattern.endsWith(".*")) return `All ${pattern.slice(0, -2)} events`;
  return pattern;
}

export function eventsError(patterns: readonly string[]): string | null {
  return patterns.length === 0 ? "Choose at least one event" : null;
}
