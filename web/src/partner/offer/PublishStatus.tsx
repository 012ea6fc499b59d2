// Where the offer is on its way to the marketplace: review progress, the review's notifications (each
// linking to the field to fix), the preview link and Go live, publishing progress, the Marketplace link.
import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { CopyRegular, OpenRegular } from "@fluentui/react-icons";
import { useState } from "react";
import { partnerApi } from "../../api/partner";
import type { Offer } from "../../api/types";
import { useNotify } from "../../components/feedback";
import { Actions, Section } from "../../components/layout";
import { RouterLink } from "../../components/RouterLink";
import { copyText } from "../../lib/clipboard";
import { fieldLink } from "../../lib/fields";
import { formatDateTime } from "../../lib/format";

const useStyles = makeStyles({
  list: { display: "grid", gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: "none" },
  url: { wordBreak: "break-all" },
});

// A link that leaves the single-page app's routing but stays on this site: the marketplace pages.
function SiteLink({ href, children, testId }: { href: string; children: string; testId: string }) {
  const url = new URL(href, window.location.origin);
  const local = url.origin === window.location.origin ? url.pathname + url.search : href;
  return url.origin === window.location.origin ? (
    <RouterLink to={local} data-testid={testId}>
      {children}
    </RouterLink>
  ) : (
    <Link href={href} data-testid={testId}>
      {children}
    </Link>
  );
}

export function Notifications({ offer }: { offer: Offer }) {
  const s = useStyles();
  if (offer.notifications.length === 0) return null;
  return (
    <ul className={s.list} aria-label="Review notifications">
      {offer.notifications.map((n, i) => {
        const link = fieldLink(offer.id, n.field);
        return (
          <li key={`${n.code}-${i}`}>
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{n.message}</MessageBarTitle>
                <div>
                  {n.location}: {n.fix}.{" "}
                  <RouterLink to={link.to} data-testid="notification-link">
                    Fix it in {link.page}
                  </RouterLink>
                </div>
              </MessageBarBody>
            </MessageBar>
          </li>
        );
      })}
    </ul>
  );
}

export function PublishStatus({ offer, setOffer }: { offer: Offer; setOffer: (o: Offer) => void }) {
  const s = useStyles();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const goLive = async () => {
    setBusy(true);
    try {
      setOffer(await partnerApi.goLive(offer.id));
      notify.success("Going live", "Publishing has started.");
    } catch (error) {
      notify.failure(error, "Couldn't go live");
    } finally {
      setBusy(false);
    }
  };
  const copy = (text: string, what: string) =>
    copyText(text).then(
      () => notify.success(`${what} copied`),
      (e: unknown) => notify.failure(e, "Couldn't copy"),
    );

  switch (offer.state) {
    case "in_review":
      return (
        <Section title="Review in progress">
          <ProgressBar aria-label="Review in progress" />
          <Body1>
            We're reviewing and verifying your submission: the listing, the plans and the CRM package. This page
            updates by itself.
          </Body1>
        </Section>
      );
    case "needs_attention":
      return (
        <Section title="Your offer needs attention">
          <Body1>
            The review found {offer.notifications.length === 1 ? "an issue" : `${offer.notifications.length} issues`}.
            Fix {offer.notifications.length === 1 ? "it" : "them"}, then select Review and publish again.
          </Body1>
          <Notifications offer={offer} />
        </Section>
      );
    case "preview":
    case "publishing":
      return (
        <Section title={offer.state === "preview" ? "Preview" : "Publishing"}>
          {offer.state === "publishing" ? (
            <>
              <ProgressBar aria-label="Publishing" />
              <Body1>Your offer is going live. This page updates by itself when it is live.</Body1>
            </>
          ) : (
            <Body1>
              Your offer passed review (reviewed {formatDateTime(offer.reviewed_at)}). Check it through the preview
              link, then select Go live.
            </Body1>
          )}
          {offer.preview_url && (
            <div>
              <Text weight="semibold">Preview link: </Text>
              <SiteLink href={offer.preview_url} testId="preview-link">
                {offer.preview_url}
              </SiteLink>
            </div>
          )}
          <Actions>
            {offer.preview_url && (
              <Button icon={<CopyRegular />} onClick={() => void copy(offer.preview_url ?? "", "Preview link")}>
                Copy preview link
              </Button>
            )}
            {offer.state === "preview" && (
              <Dialog>
                <DialogTrigger disableButtonEnhancement>
                  <Button appearance="primary" disabled={busy}>
                    Go live
                  </Button>
                </DialogTrigger>
                <DialogSurface>
                  <DialogBody>
                    <DialogTitle>Go live?</DialogTitle>
                    <DialogContent>
                      The offer becomes visible to everyone on the marketplace once publishing finishes. Its
                      licensing, technical configuration and plans can't be changed after that.
                    </DialogContent>
                    <DialogActions>
                      <DialogTrigger disableButtonEnhancement>
                        <Button appearance="secondary">Cancel</Button>
                      </DialogTrigger>
                      <DialogTrigger disableButtonEnhancement>
                        <Button appearance="primary" onClick={() => void goLive()}>
                          Go live
                        </Button>
                      </DialogTrigger>
                    </DialogActions>
                  </DialogBody>
                </DialogSurface>
              </Dialog>
            )}
          </Actions>
        </Section>
      );
    case "live":
      return (
        <Section title="Live">
          <Body1>Your offer is live on the marketplace since {formatDateTime(offer.live_at)}.</Body1>
          {offer.marketplace_url && (
            <div>
              <Text weight="semibold">Marketplace link: </Text>
              <span className={s.url}>
                <SiteLink href={offer.marketplace_url} testId="marketplace-link">
                  {offer.marketplace_url}
                </SiteLink>
              </span>{" "}
              <Button
                size="small"
                appearance="subtle"
                icon={<CopyRegular />}
                aria-label="Copy marketplace link"
                onClick={() => void copy(offer.marketplace_url ?? "", "Marketplace link")}
              />
              <Button
                size="small"
                appearance="subtle"
                as="a"
                href={offer.marketplace_url}
                target="_blank"
                rel="noopener"
                icon={<OpenRegular />}
                aria-label="Open the marketplace page in a new tab"
              />
            </div>
          )}
        </Section>
      );
    default:
      return null;
  }
}
