// A license's status (docs/openapi.yaml LicenseStatus) as a badge: its word and its colour, never the colour
// alone. Partner Center's Manage licenses and the Admin Center's Licenses show the same.
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
