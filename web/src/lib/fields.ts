// Where in Partner Center each field the API names lives, so that a review notification (and any error
// naming a field) can link straight to the input to fix. Inputs carry the API's field name as their id
// (id="listing.name"), and pages focus the element named by the URL's hash.

export interface FieldLink {
  to: string; // path with hash
  page: string; // the page's name in the offer's navigation
}

export function fieldLink(offerId: string, field: string): FieldLink {
  const base = `/partner/offers/${encodeURIComponent(offerId)}`;
  if (field.startsWith("listing.")) return { to: `${base}/setup#${field}`, page: "Offer setup" };
  if (field === "call_to_action" || field.startsWith("licensing.")) {
    return { to: `${base}/setup#${field}`, page: "Offer setup" };
  }
  if (field.startsWith("technical_configuration.")) {
    return { to: `${base}/technical#${field}`, page: "Technical configuration" };
  }
  const plan = /^plans\.([a-z0-9_-]+)\.([a-z_]+)$/.exec(field);
  if (plan) {
    return { to: `${base}/plans/${encodeURIComponent(plan[1] ?? "")}#${plan[2] ?? ""}`, page: `Plan listing: ${plan[1]}` };
  }
  if (field === "plans") return { to: `${base}/plans`, page: "Plan overview" };
  return { to: base, page: "Offer overview" };
}

// The file name a Content-Disposition header gives, or `fallback`.
export function attachmentName(contentDisposition: string | null, fallback: string): string {
  if (!contentDisposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(contentDisposition);
  if (star?.[1]) {
    try {
      return safeFileName(decodeURIComponent(star[1].trim().replace(/^"|"$/g, "")), fallback);
    } catch {
      // a broken escape: try the plain parameter
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(contentDisposition);
  const name = plain ? (plain[2] ?? plain[1] ?? "").trim() : "";
  return safeFileName(name, fallback);
}

function safeFileName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  return base === "" || base === "." || base === ".." ? fallback : base;
}

// "Copy service IDs": one Service ID per line, in the order of the plan overview.
export function serviceIdsText(plans: readonly { service_id: string }[]): string {
  return plans.map((p) => p.service_id).join("\n");
}
