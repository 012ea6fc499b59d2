import { Body1, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { useDocumentTitle } from "./hooks";
import { RouterLink } from "./RouterLink";

const useStyles = makeStyles({
  page: { maxWidth: "640px", margin: "0 auto", padding: tokens.spacingVerticalXXL, display: "grid", gap: "12px" },
});

export function NotFoundPage() {
  const s = useStyles();
  useDocumentTitle("Page not found");
  return (
    <main className={s.page}>
      <Title2 as="h1">Page not found</Title2>
      <Body1>There is no page at this address.</Body1>
      <Body1>
        Go to <RouterLink to="/partner">Partner Center</RouterLink> or the{" "}
        <RouterLink to="/marketplace">Marketplace</RouterLink>.
      </Body1>
    </main>
  );
}
