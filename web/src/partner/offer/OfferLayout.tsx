// One offer: its navigation (the seed's page names), its header with the state badge, and the data every
// page of the offer reads. While the offer is in review or publishing it is polled, so progress shows
// without a reload.
import {
  Badge,
  Breadcrumb,
  BreadcrumbButton,
  BreadcrumbDivider,
  BreadcrumbItem,
  Caption1,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useMemo } from "react";
import { Outlet, useHref, useLinkClickHandler, useParams } from "react-router";
import { partnerApi } from "../../api/partner";
import type { Offer } from "../../api/types";
import { LoadError, Loading } from "../../components/feedback";
import { useDocumentTitle, useInterval, useLoad } from "../../components/hooks";
import { SideNav, WithSideNav } from "../../components/layout";
import { ApiError } from "../../lib/problem";
import { isFrozen, offerStateColor, offerStateLabel } from "../../lib/format";
import { NotFoundPage } from "../../components/NotFoundPage";
import type { OfferContext } from "./context";

const useStyles = makeStyles({
  head: { marginBottom: tokens.spacingVerticalL, display: "grid", gap: tokens.spacingVerticalXS },
  title: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
  alias: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: 600, margin: 0 },
});

function OverviewCrumb() {
  const href = useHref("/partner");
  const click = useLinkClickHandler<HTMLAnchorElement>("/partner");
  return (
    <BreadcrumbButton as="a" href={href} onClick={click}>
      Overview
    </BreadcrumbButton>
  );
}

export function OfferLayout() {
  const s = useStyles();
  const { offerId = "" } = useParams();
  const offer = useLoad((signal) => partnerApi.offer(offerId, signal), offerId);
  const plans = useLoad((signal) => partnerApi.plans(offerId, signal), offerId);
  useDocumentTitle(offer.data?.alias ?? offerId);
  const { reload: reloadOffer, setData: setOfferData } = offer;
  const { reload: reloadPlans } = plans;
  const state = offer.data?.state;
  const refresh = useCallback(() => {
    partnerApi.offer(offerId).then((o) => {
      setOfferData(o);
      // A finished review or go-live changes the plans' states too (submitted → draft or published).
      if (o.state !== state) reloadPlans();
    }, () => undefined);
  }, [offerId, setOfferData, reloadPlans, state]);
  useInterval(refresh, 1000, state ? isFrozen(state) : false);

  const base = `/partner/offers/${encodeURIComponent(offerId)}`;
  const context = useMemo<OfferContext | null>(
    () =>
      offer.data
        ? {
            offer: offer.data,
            plans: plans.data?.items ?? [],
            setOffer: (o: Offer) => setOfferData(o),
            reloadPlans,
            reloadOffer,
          }
        : null,
    [offer.data, plans.data, reloadPlans, reloadOffer, setOfferData],
  );

  const nav = (
    <SideNav
      label="Offer"
      heading={offer.data?.alias ?? offerId}
      items={[
        { to: base, label: "Offer overview", end: true },
        { to: `${base}/setup`, label: "Offer setup" },
        { to: `${base}/plans`, label: "Plan overview" },
        { to: `${base}/technical`, label: "Technical configuration" },
        { to: `${base}/review`, label: "Review and publish" },
        { to: `${base}/audit`, label: "Audit log" },
      ]}
    />
  );
  if (offer.error instanceof ApiError && offer.error.status === 404) return <NotFoundPage />;
  return (
    <WithSideNav nav={nav}>
      <Breadcrumb aria-label="Breadcrumb" size="small">
        <BreadcrumbItem>
          <OverviewCrumb />
        </BreadcrumbItem>
        <BreadcrumbDivider />
        <BreadcrumbItem>
          <BreadcrumbButton current>{offer.data?.alias ?? offerId}</BreadcrumbButton>
        </BreadcrumbItem>
      </Breadcrumb>
      {offer.error && !offer.data ? (
        <LoadError error={offer.error} retry={offer.reload} />
      ) : !context ? (
        <Loading label="Loading the offer…" />
      ) : (
        <>
          <div className={s.head}>
            <div className={s.title}>
              <h1 className={s.alias}>{context.offer.alias}</h1>
              <Badge appearance="tint" color={offerStateColor[context.offer.state]} data-testid="offer-state">
                {offerStateLabel[context.offer.state]}
              </Badge>
            </div>
            <Caption1>
              Offer ID <code>{context.offer.id}</code> · Dynamics 365 for Customer Engagement &amp; PowerApps
            </Caption1>
          </div>
          <Outlet context={context} />
        </>
      )}
    </WithSideNav>
  );
}
