// A product page: /marketplace/product/<publisher>.<offer> (with ?preview=<token> through a preview link).
// The buttons are the offer's `actions`: Contact me leaves a lead; Get it now and Free trial install the app
// for a tenant admin, which needs the Admin Center's install API (not built yet), so they show but wait.
import {
  Body1,
  Button,
  Caption1,
  Card,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle1,
  Text,
  Title1,
  Title3,
  Tooltip,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useParams, useSearchParams } from "react-router";
import { api } from "../api/client";
import { LoadError, Loading } from "../components/feedback";
import { useDocumentTitle, useLoad } from "../components/hooks";
import { NotFoundPage } from "../components/NotFoundPage";
import { RouterLink } from "../components/RouterLink";
import { marketplaceActionLabel, parseProductId } from "../lib/format";
import { ApiError } from "../lib/problem";
import { ContactMeDialog } from "./ContactMeDialog";

const useStyles = makeStyles({
  page: { maxWidth: "1100px", margin: "0 auto", padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalL}` },
  head: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
    marginBottom: tokens.spacingVerticalL,
  },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
  columns: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 2fr) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalXL,
    "@media (max-width: 760px)": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
  description: { whiteSpace: "pre-wrap" },
  summary: { margin: 0 },
  plans: { display: "grid", gap: tokens.spacingVerticalM, marginTop: tokens.spacingVerticalM },
  side: { display: "grid", gap: tokens.spacingVerticalS, alignContent: "start" },
  block: { display: "grid", gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalXL },
});

export function ProductPage() {
  const s = useStyles();
  const { product = "" } = useParams();
  const [params] = useSearchParams();
  const preview = params.get("preview");
  const valid = parseProductId(product) !== null;
  const offer = useLoad(
    (signal) => (valid ? api.product(product, preview, signal) : Promise.reject(new Error("not a product"))),
    `${product}?${preview ?? ""}`,
  );
  useDocumentTitle(offer.data?.name ?? "Marketplace");

  if (!valid || (offer.error instanceof ApiError && offer.error.status === 404)) return <NotFoundPage />;
  if (offer.error) {
    return (
      <main className={s.page}>
        <LoadError error={offer.error} retry={offer.reload} />
      </main>
    );
  }
  if (!offer.data) return <Loading label="Loading the app…" />;
  const p = offer.data;
  return (
    <main className={s.page}>
      {p.preview && (
        <MessageBar intent="warning" style={{ marginBottom: tokens.spacingVerticalL }}>
          <MessageBarBody>
            <MessageBarTitle>Preview</MessageBarTitle>
            This offer is not live yet. Only people with the preview link can see this page.
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={s.head}>
        <Caption1>
          <RouterLink to="/marketplace">Marketplace</RouterLink> › {p.publisher_name}
        </Caption1>
        <Title1 as="h1">{p.name}</Title1>
        <Subtitle1 as="p" className={s.summary}>
          {p.summary}
        </Subtitle1>
        <Caption1>by {p.publisher_name}</Caption1>
        <div className={s.actions}>
          {p.actions.includes("contact_me") && <ContactMeDialog product={p} preview={preview} />}
          {p.actions
            .filter((a) => a !== "contact_me")
            .map((a) => (
              <Tooltip key={a} relationship="description" content="Installing from the marketplace comes with the Admin Center.">
                <Button appearance={p.actions.includes("contact_me") ? "secondary" : "primary"} disabledFocusable>
                  {marketplaceActionLabel[a]}
                </Button>
              </Tooltip>
            ))}
        </div>
      </div>
      <div className={s.columns}>
        <div>
          <section className={s.block} aria-labelledby="overview-heading">
            <Title3 as="h2" id="overview-heading">
              Overview
            </Title3>
            <Body1 className={s.description}>{p.description}</Body1>
          </section>
          <section className={s.block} aria-labelledby="plans-heading">
            <Title3 as="h2" id="plans-heading">
              Plans
            </Title3>
            {p.plans.length === 0 ? (
              <Body1>No plans are published yet.</Body1>
            ) : (
              <div className={s.plans}>
                {p.plans.map((plan) => (
                  <Card key={plan.id}>
                    <Text weight="semibold">{plan.name}</Text>
                    <Body1>{plan.description}</Body1>
                  </Card>
                ))}
              </div>
            )}
          </section>
        </div>
        <aside className={s.side} aria-label="Details">
          <Text weight="semibold">Publisher</Text>
          <Body1>{p.publisher_name}</Body1>
          {p.license_management && (
            <>
              <Text weight="semibold">Licensing</Text>
              <Body1>Licensed per user. Contact the publisher to buy licenses for your organization.</Body1>
            </>
          )}
          {(p.support_url || p.privacy_policy_url) && <Text weight="semibold">Links</Text>}
          {p.support_url && (
            <Link href={p.support_url} target="_blank" rel="noopener noreferrer">
              Support
            </Link>
          )}
          {p.privacy_policy_url && (
            <Link href={p.privacy_policy_url} target="_blank" rel="noopener noreferrer">
              Privacy policy
            </Link>
          )}
        </aside>
      </div>
    </main>
  );
}
