// UPN lists from a CSV file or pasted text, for the Assign users dialog and group members: parsed in the
// browser so that a bad line is named before anything is sent. Accepted: a CSV whose header names the UPN
// column as the server's import does (`upn`, `user principal name`, `userprincipalname`, any case), or a plain
// list with one UPN per line (or separated by commas or semicolons when pasted). RFC 4180 quoting without line
// breaks inside quotes, a UTF-8 BOM, CRLF and blank lines are accepted.

export interface UpnListError {
  line: number;
  message: string;
}

export interface UpnList {
  upns: string[]; // lowercased, unique, in the order of the file
  errors: UpnListError[];
  duplicates: number;
}

const UPN_HEADERS = new Set(["upn", "user principal name", "userprincipalname"]);
const UPN = /^[^\s@",;<>()]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

export function isUpn(text: string): boolean {
  return UPN.test(text.trim().toLowerCase());
}

export function upnDomain(upn: string): string {
  return upn.slice(upn.lastIndexOf("@") + 1).toLowerCase();
}

// One CSV line into its fields, or null when a quote is not closed.
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = "";
    if (line[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += line[i];
        i += 1;
      }
      while (i < line.length && line[i] !== ",") i += 1; // text after the closing quote is ignored
    } else {
      const comma = line.indexOf(",", i);
      const end = comma === -1 ? line.length : comma;
      field = line.slice(i, end);
      i = end;
    }
    fields.push(field.trim());
    if (i >= line.length) return fields;
    i += 1; // the comma
  }
}

// `domains`: the tenant's domains; a UPN outside them is an error of its line (the server would refuse it).
export function parseUpnList(text: string, domains: readonly string[] = []): UpnList {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const result: UpnList = { upns: [], errors: [], duplicates: 0 };
  const seen = new Set<string>();
  const allowed = new Set(domains.map((d) => d.toLowerCase()));
  let column: number | null = null; // null: not decided yet; -1: a plain list
  const take = (value: string, line: number) => {
    const upn = value.trim().toLowerCase();
    if (!upn) return;
    if (!isUpn(upn)) {
      result.errors.push({ line, message: `"${value.trim()}" is not a user principal name (name@domain)` });
      return;
    }
    if (allowed.size > 0 && !allowed.has(upnDomain(upn))) {
      result.errors.push({ line, message: `${upn} is outside your organization's domains (${[...allowed].join(", ")})` });
      return;
    }
    if (seen.has(upn)) {
      result.duplicates += 1;
      return;
    }
    seen.add(upn);
    result.upns.push(upn);
  };
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    const fields = splitCsvLine(raw);
    if (!fields) {
      result.errors.push({ line, message: "a quote is not closed" });
      return;
    }
    if (column === null) {
      const header = fields.findIndex((f) => UPN_HEADERS.has(f.toLowerCase()));
      if (header >= 0) {
        column = header;
        return;
      }
      if (fields.length > 1 && !fields.some((f) => f.includes("@"))) {
        result.errors.push({ line, message: "the header names no UPN column (upn or user principal name)" });
        column = -2; // nothing more to read
        return;
      }
      column = -1;
    }
    if (column === -2) return;
    if (column === -1) {
      for (const part of raw.split(/[,;\s]+/)) take(part.replace(/^"|"$/g, ""), line);
      return;
    }
    const value = fields[column] ?? "";
    if (!value) {
      result.errors.push({ line, message: "no UPN in the UPN column" });
      return;
    }
    take(value, line);
  });
  return result;
}

// "Line 3: … (and 2 more problems)": one sentence for a message bar.
export function describeErrors(errors: readonly UpnListError[]): string {
  if (errors.length === 0) return "";
  const first = errors[0];
  const more = errors.length - 1;
  return `Line ${first?.line}: ${first?.message}${more > 0 ? ` (and ${more} more ${more === 1 ? "problem" : "problems"})` : ""}`;
}
