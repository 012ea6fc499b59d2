// A product page: /marketplace/product/<publisher>.<offer> (with ?preview=<token> through a preview link).
// The buttons are the offer's `actions`: Contact me leaves a lead; Get it now installs the app for a tenant
// admin (also offered, for a license-managed app, to a tenant that holds licenses of it); Free trial starts a
// plan's trial licenses for a tenant admin when a plan of a license-managed app offers one (without license
// management the publisher arranges trials, which the server can't start). Each plan says its trial.
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
import { can } from "../admin/roles";
import { adminApi } from "../api/admin";
import { marketplaceApi } from "../api/marketplace";
import { useAuth } from "../auth/auth";
import { LoadError, Loading } from "../components/feedback";
import { useDocumentTitle, useLoad } from "../components/hooks";
import { NotFoundPage } from "../components/NotFoundPage";
import { RouterLink } from "../components/RouterLink";
import { marketplaceActionLabel, parseProductId } from "../lib/format";
import { offersTrial, trialOfferText } from "../lib/trials";
import { ApiError } from "../lib/problem";
import { ContactMeDialog } from "./ContactMeDialog";
import { FreeTrialDialog } from "./FreeTrialDialog";
import { GetItNowDialog } from "./GetItNowDialog";

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
    (signal) => (valid ? marketplaceApi.offer(product, preview, signal) : Promise.reject(new Error("not a product"))),
    `${product}?${preview ?? ""}`,
  );
  useDocumentTitle(offer.data?.name ?? "Marketplace");
  // A tenant that holds licenses of a license-managed app may install it (Get it now) even when the listing
  // shows only Contact me.
  const { state } = useAuth();
  const reader = state.status === "signed_in" && state.user.kind === "tenant" && can(state.user.role, "read");
  const held = useLoad(
    (signal) => (reader ? adminApi.licenses(signal) : Promise.resolve(null)),
    reader && state.status === "signed_in" ? `licenses:${state.user.id}` : "none",
  );

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
  const licensed =
    p.license_management &&
    (held.data?.items ?? []).some((l) => `${l.publisher_id}.${l.offer_id}` === p.id && l.quantity > 0);
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
          {(p.actions.includes("get_it_now") || licensed) && (
            <GetItNowDialog product={p} primary={!p.actions.includes("contact_me") || licensed} />
          )}
          {p.actions.includes("free_trial") && p.license_management && (
            <FreeTrialDialog product={p} onStarted={held.reload} />
          )}
          {p.actions.includes("free_trial") && !p.license_management && (
            <Tooltip
              relationship="description"
              content={`${p.publisher_name} arranges free trials: ask through the support link.`}
            >
              <Button appearance="primary" disabledFocusable>
                {marketplaceActionLabel.free_trial}
              </Button>
            </Tooltip>
          )}
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
                    {p.license_management && offersTrial(plan) && (
                      <Caption1 data-testid="plan-trial">Free trial: {trialOfferText(plan)}</Caption1>
                    )}
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
              <Body1>
                {licensed
                  ? "Licensed per user. Your organization holds licenses of this app: assign them in the Admin Center."
                  : p.actions.includes("free_trial")
                    ? "Licensed per user. Start a free trial, or contact the publisher to buy licenses for your organization."
                    : "Licensed per user. Contact the publisher to buy licenses for your organization."}
              </Body1>
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
