// The look the consent invitation's parts share (InvitationPage, InvitationAnswer, InvitationSignUp).
import { makeStyles, tokens } from "@fluentui/react-components";

export const useInvitationStyles = makeStyles({
  page: { maxWidth: "720px", margin: "0 auto", padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalL}` },
  card: { display: "grid", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalXL },
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content minmax(0, 1fr)",
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: 0,
    "@media (max-width: 600px)": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
  term: { color: tokens.colorNeutralForeground2 },
  def: { margin: 0, wordBreak: "break-word" },
  plans: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  form: { display: "grid", gap: tokens.spacingVerticalM },
  title: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
});
