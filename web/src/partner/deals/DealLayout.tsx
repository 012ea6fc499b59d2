// One deal: the breadcrumb back to Deal Registration, the customer with the deal's status, the deal's pages
// as tabs (Deal overview, Manage licenses, Audit log; each its own bookmarkable URL), and the data they read.
import {
  Badge,
  Breadcrumb,
  BreadcrumbButton,
  BreadcrumbDivider,
  BreadcrumbItem,
  Caption1,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useMemo } from "react";
import { Outlet, useHref, useLinkClickHandler, useLocation, useNavigate, useParams } from "react-router";
import { partnerApi } from "../../api/partner";
import { LoadError, Loading } from "../../components/feedback";
import { useDocumentTitle, useLoad } from "../../components/hooks";
import { NotFoundPage } from "../../components/NotFoundPage";
import { dealStateColor, dealStateLabel } from "../../lib/format";
import { ApiError } from "../../lib/problem";
import { TrialBadge } from "../../components/LicenseStatusBadge";
import type { DealContext } from "./context";
import { dealPath } from "./DealsPage";

const useStyles = makeStyles({
  head: { margin: `${tokens.spacingVerticalM} 0`, display: "grid", gap: tokens.spacingVerticalXS },
  title: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM },
  name: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: 600, margin: 0 },
  tabs: { marginBottom: tokens.spacingVerticalL, overflowX: "auto" },
});

function DealsCrumb() {
  const href = useHref("/partner/referrals/deals");
  const click = useLinkClickHandler<HTMLAnchorElement>("/partner/referrals/deals");
  return (
    <BreadcrumbButton as="a" href={href} onClick={click}>
      Deal Registration
    </BreadcrumbButton>
  );
}

const PAGES = [
  { page: "", label: "Deal overview" },
  { page: "licenses", label: "Manage licenses" },
  { page: "audit", label: "Audit log" },
];

export function DealLayout() {
  const s = useStyles();
  const { dealId = "" } = useParams();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const deal = useLoad((signal) => partnerApi.deal(dealId, signal), dealId);
  const offerId = deal.data?.offer_id ?? "";
  const offer = useLoad((signal) => (offerId ? partnerApi.offer(offerId, signal) : Promise.resolve(undefined)), offerId);
  const plans = useLoad(
    (signal) => (offerId ? partnerApi.plans(offerId, signal) : Promise.resolve({ items: [], next_cursor: null })),
    offerId,
  );
  useDocumentTitle(deal.data ? `Deal: ${deal.data.customer.name}` : "Deal");
  const { setData: setDeal, reload: reloadDeal } = deal;
  const context = useMemo<DealContext | null>(
    () =>
      deal.data ? { deal: deal.data, offer: offer.data, plans: plans.data?.items ?? [], setDeal, reloadDeal } : null,
    [deal.data, offer.data, plans.data, setDeal, reloadDeal],
  );
  const current = PAGES.find((p) => p.page && pathname.endsWith(`/${p.page}`))?.page ?? "";

  if (deal.error instanceof ApiError && deal.error.status === 404) return <NotFoundPage />;
  return (
    <>
      <Breadcrumb aria-label="Breadcrumb" size="small">
        <BreadcrumbItem>
          <DealsCrumb />
        </BreadcrumbItem>
        <BreadcrumbDivider />
        <BreadcrumbItem>
          <BreadcrumbButton current>{deal.data?.customer.name ?? dealId}</BreadcrumbButton>
        </BreadcrumbItem>
      </Breadcrumb>
      {deal.error && !deal.data ? (
        <LoadError error={deal.error} retry={deal.reload} />
      ) : !context ? (
        <Loading label="Loading the deal…" />
      ) : (
        <>
          <div className={s.head}>
            <div className={s.title}>
              <h1 className={s.name}>{context.deal.customer.name}</h1>
              <Badge appearance="tint" color={dealStateColor[context.deal.state]} data-testid="deal-state">
                {dealStateLabel[context.deal.state]}
              </Badge>
              {context.deal.source === "trial" && <TrialBadge />}
            </div>
            <Caption1>
              Deal <code>{context.deal.id}</code> · {context.offer?.alias ?? context.deal.offer_id}
            </Caption1>
          </div>
          <TabList
            className={s.tabs}
            selectedValue={current}
            onTabSelect={(_, d) => navigate(dealPath(dealId, String(d.value)))}
            aria-label="Deal pages"
          >
            {PAGES.map((p) => (
              <Tab key={p.page} value={p.page}>
                {p.label}
              </Tab>
            ))}
          </TabList>
          <Outlet context={context} />
        </>
      )}
    </>
  );
}
