// The look Manage licenses' parts share (ManageLicensesPage, DealLicenseTable, AddDealPlan, RemoveDealLicenseDialog).
import { makeStyles, tokens } from "@fluentui/react-components";

export const useDealLicenseStyles = makeStyles({
  quantity: { width: "120px" },
  serviceId: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2 },
  removed: { color: tokens.colorNeutralForeground3 },
  add: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 2fr) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalL,
    maxWidth: "720px",
    "@media (max-width: 600px)": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
});
