// A license's status (docs/openapi.yaml LicenseStatus) as a badge: its word and its colour, never the colour
// alone; and the badges of what kind of licenses they are: a free trial, a site license. Partner Center's
// Manage licenses and deals and the Admin Center's Licenses show the same.
import { Badge } from "@fluentui/react-components";
import type { LicenseStatus } from "../api/types";
import { licenseStatusColor, licenseStatusLabel } from "../lib/licenseTerms";

export function LicenseStatusBadge({ status }: { status: LicenseStatus }) {
  return (
    <Badge appearance="tint" color={licenseStatusColor[status]} data-testid="license-status">
      {licenseStatusLabel[status]}
    </Badge>
  );
}

// A free trial's licenses, or a deal a trial opened.
export function TrialBadge() {
  return (
    <Badge appearance="outline" color="informative" data-testid="trial-badge">
      Trial
    </Badge>
  );
}

// Licenses for every user of the customer's verified domains, with no number.
export function SiteLicenseBadge() {
  return (
    <Badge appearance="tint" color="brand" data-testid="site-license">
      Site license
    </Badge>
  );
}
