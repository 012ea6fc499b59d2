// The look Manage licenses' parts share (ManageLicensesPage, DealLicenseTable, AddDealPlan, TermFields and the
// dialogs).
import { makeStyles, tokens } from "@fluentui/react-components";

export const useDealLicenseStyles = makeStyles({
  quantity: { width: "120px" },
  count: { display: "grid", gap: tokens.spacingVerticalS, alignContent: "start" },
  badges: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, alignItems: "center" },
  serviceId: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2 },
  removed: { color: tokens.colorNeutralForeground3 },
  note: { display: "block", color: tokens.colorNeutralForeground2 },
  reason: { display: "block", color: tokens.colorNeutralForeground2, maxWidth: "220px", overflowWrap: "anywhere" },
  term: { gridColumn: "1 / -1", display: "grid", gap: tokens.spacingVerticalS },
  termDates: {
    display: "grid",
    gridTemplateColumns: "repeat(3, minmax(0, 1fr))",
    gap: tokens.spacingHorizontalL,
    "@media (max-width: 600px)": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
  termHint: { color: tokens.colorNeutralForeground2 },
  refusal: { color: tokens.colorPaletteRedForeground1 },
  grace: { width: "120px" },
  termEditor: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    maxWidth: "720px",
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  rowActions: { display: "flex", flexWrap: "nowrap" },
  dialog: { display: "grid", gap: tokens.spacingVerticalM },
  add: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 2fr) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalL,
    maxWidth: "720px",
    "@media (max-width: 600px)": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
});
