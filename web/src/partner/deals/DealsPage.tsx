// Referrals → Deal Registration: the publisher's deals by state (the seed's Submitted filter and In Progress
// tab), searchable, each linking to its overview; a deal a customer's free trial opened is marked Trial. The tab is in the URL (?state=in_progress), so it can be
// bookmarked.
import { Badge, Input, Tab, TabList, TableCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { TrialBadge } from "../../components/LicenseStatusBadge";
import { AddRegular, SearchRegular } from "@fluentui/react-icons";
import { useSearchParams } from "react-router";
import { partnerApi } from "../../api/partner";
import { usePublisherUser } from "../../auth/auth";
import { DataTable } from "../../components/DataTable";
import { Empty, WhenLoaded } from "../../components/feedback";
import { useDocumentTitle, useLoad } from "../../components/hooks";
import { PageHeader, Section } from "../../components/layout";
import { RouterButton, RouterLink } from "../../components/RouterLink";
import { dealStateColor, dealStateLabel, formatCount, formatDate, formatMoney, formatNumber } from "../../lib/format";
import { DEAL_TABS, mayManageLicensing, parseDealState } from "./logic";
import type { Deal } from "../../api/types";

const useStyles = makeStyles({
  tabs: { overflowX: "auto" },
  search: { maxWidth: "360px", width: "100%" },
  muted: { color: tokens.colorNeutralForeground3 },
  count: { color: tokens.colorNeutralForeground2 },
  badges: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, alignItems: "center" },
});

export function dealPath(id: string, page = ""): string {
  return `/partner/referrals/deals/${encodeURIComponent(id)}${page ? `/${page}` : ""}`;
}

function matches(deal: Deal, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === "") return true;
  return [deal.customer.name, deal.customer.domain, deal.customer.contact_email, deal.offer_id, deal.id].some((t) =>
    t.toLowerCase().includes(q),
  );
}

export function DealsPage() {
  const s = useStyles();
  useDocumentTitle("Deal Registration");
  const user = usePublisherUser();
  const [params, setParams] = useSearchParams();
  const state = parseDealState(params.get("state"));
  const query = params.get("q") ?? "";
  const may = mayManageLicensing(user.role);
  const deals = useLoad(
    (signal) => (may ? partnerApi.deals(state, signal) : Promise.resolve({ items: [], next_cursor: null })),
    `deals:${state ?? ""}`,
  );
  const offers = useLoad((signal) => partnerApi.offers(signal), "offers");
  const aliasOf = (id: string) => offers.data?.items.find((o) => o.id === id)?.alias ?? id;
  const setParam = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key === "q" },
    );
  const shown = (deals.data?.items ?? []).filter((d) => matches(d, query));
  const tabLabel = DEAL_TABS.find((t) => t.state === state)?.label ?? "All deals";

  if (!may) {
    return (
      <>
        <PageHeader title="Deal Registration" />
        <Section>
          <Empty title="Deals are managed by account admins">
            <Text>
              Only a global admin or an account admin of your publisher account registers deals, invites customers and
              manages their licenses. Ask one of them for access.
            </Text>
          </Empty>
        </Section>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Deal Registration">
        <RouterButton to="/partner/referrals/deals/new" appearance="primary" icon={<AddRegular />}>
          New deal
        </RouterButton>
      </PageHeader>
      <Section>
        <TabList
          className={s.tabs}
          selectedValue={state ?? "all"}
          onTabSelect={(_, d) => setParam("state", d.value === "all" ? null : String(d.value))}
          aria-label="Deal state"
        >
          {DEAL_TABS.map((t) => (
            <Tab key={t.label} value={t.state ?? "all"}>
              {t.label}
            </Tab>
          ))}
        </TabList>
        <Input
          className={s.search}
          contentBefore={<SearchRegular />}
          placeholder="Filter by customer, domain or offer"
          aria-label="Filter deals"
          value={query}
          onChange={(_, d) => setParam("q", d.value || null)}
        />
        <WhenLoaded load={deals} label="Loading deals…">
          {({ items }) =>
            items.length === 0 ? (
              <Empty title={state ? `No ${tabLabel} deals` : "No deals yet"}>
                <Text>
                  Register each sale before you invite the customer and grant licenses: select <b>New deal</b>.
                </Text>
              </Empty>
            ) : shown.length === 0 ? (
              <Empty title="No deal matches the filter" />
            ) : (
              <>
                <Text className={s.count} aria-live="polite">
                  {formatCount(shown.length, "deal")}
                  {state ? ` · ${tabLabel}` : ""}
                </Text>
                <DataTable
                  label="Deals"
                  minWidth="820px"
                  columns={["Customer", "Offer", "Status", "Seats", "Deal value", "Close date"]}
                >
                  {shown.map((d) => (
                    <TableRow key={d.id}>
                      <TableCell>
                        <RouterLink to={dealPath(d.id)}>{d.customer.name}</RouterLink>
                        <br />
                        <Text size={200} className={s.muted}>
                          {d.customer.domain}
                        </Text>
                      </TableCell>
                      <TableCell>
                        {aliasOf(d.offer_id)}
                        <br />
                        <Text size={200} className={s.muted}>
                          {d.plan_ids.join(", ")}
                        </Text>
                      </TableCell>
                      <TableCell>
                        <div className={s.badges}>
                          <Badge appearance="tint" color={dealStateColor[d.state]}>
                            {dealStateLabel[d.state]}
                          </Badge>
                          {d.source === "trial" && <TrialBadge />}
                        </div>
                      </TableCell>
                      <TableCell>{formatNumber(d.seats)}</TableCell>
                      <TableCell>{formatMoney(d.value, d.currency)}</TableCell>
                      <TableCell>{formatDate(d.close_date)}</TableCell>
                    </TableRow>
                  ))}
                </DataTable>
              </>
            )
          }
        </WhenLoaded>
      </Section>
    </>
  );
}
