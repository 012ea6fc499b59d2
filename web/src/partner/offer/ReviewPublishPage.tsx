// Review and publish: what the review will look at, the button, then the review's progress and outcome.
import { Body1, Button, makeStyles, tokens } from "@fluentui/react-components";
import { CheckmarkCircleRegular, CircleRegular } from "@fluentui/react-icons";
import { useState } from "react";
import { partnerApi } from "../../api/partner";
import { useNotify } from "../../components/feedback";
import { Actions, PageHeader, Section } from "../../components/layout";
import { RouterLink } from "../../components/RouterLink";
import { useOffer } from "./context";
import { PublishStatus } from "./PublishStatus";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalS },
  item: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
  done: { color: tokens.colorPaletteGreenForeground1 },
  todo: { color: tokens.colorNeutralForeground3 },
});

export function ReviewPublishPage() {
  const s = useStyles();
  const { offer, plans, setOffer, reloadPlans } = useOffer();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const base = `/partner/offers/${encodeURIComponent(offer.id)}`;
  const l = offer.listing;
  const checks = [
    {
      done: offer.licensing.license_management || offer.call_to_action !== null,
      text: "Licensing options or a call to action",
      to: `${base}/setup#licensing`,
    },
    { done: Boolean(l.name && l.summary && l.description), text: "Offer listing: name, summary and description", to: `${base}/setup#listing` },
    { done: plans.length > 0, text: "At least one plan", to: `${base}/plans` },
    { done: plans.length > 0 && plans.every((p) => p.description), text: "A Plan description for every plan", to: `${base}/plans` },
    {
      done: Boolean(offer.technical_configuration.package_url || offer.technical_configuration.package_upload),
      text: "CRM package URL or upload",
      to: `${base}/technical`,
    },
  ];
  const canPublish = offer.state === "draft" || offer.state === "needs_attention" || offer.state === "preview";

  const publish = async () => {
    setBusy(true);
    try {
      setOffer(await partnerApi.publish(offer.id));
      reloadPlans();
      notify.success("Submitted for review", "We'll review and verify your offer.");
    } catch (error) {
      notify.failure(error, "Couldn't submit");
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader level="h2" title="Review and publish" />
      <PublishStatus offer={offer} setOffer={setOffer} />
      {canPublish && (
        <Section title="Before you publish">
          <ul className={s.list} aria-label="Checklist">
            {checks.map((c) => (
              <li key={c.text} className={s.item}>
                {c.done ? (
                  <CheckmarkCircleRegular className={s.done} aria-label="done" />
                ) : (
                  <CircleRegular className={s.todo} aria-label="to do" />
                )}
                <RouterLink to={c.to}>{c.text}</RouterLink>
              </li>
            ))}
          </ul>
          <Body1>
            After you publish, Seatkeeper reviews and verifies the listing, the plans and the package: it downloads the
            package and checks that every plan's Service ID is in it. Any issue becomes a notification that links to
            what to fix. A clean review puts the offer in Preview.
          </Body1>
          <Actions>
            <Button appearance="primary" disabled={busy} onClick={() => void publish()}>
              {offer.state === "preview" ? "Review and publish again" : "Review and publish"}
            </Button>
          </Actions>
        </Section>
      )}
    </>
  );
}
