// Installations: every install of the publisher's offers by a customer tenant, newest first
// (GET /api/v1/installations).
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { api } from "../../api/client";
import { Empty, LoadError, Loading } from "../../components/feedback";
import { useDocumentTitle, useLoad } from "../../components/hooks";
import { PageHeader, Section } from "../../components/layout";
import { RouterLink } from "../../components/RouterLink";
import { describeActor } from "../../lib/audit";
import { formatDateTime, formatNumber } from "../../lib/format";
import { dealsApi } from "./api";

const useStyles = makeStyles({
  scroll: { overflowX: "auto" },
  table: { minWidth: "680px" },
  muted: { color: tokens.colorNeutralForeground3, fontFamily: tokens.fontFamilyMonospace },
  count: { color: tokens.colorNeutralForeground2 },
});

export function InstallationsPage() {
  const s = useStyles();
  useDocumentTitle("Installations");
  const installs = useLoad((signal) => dealsApi.installations(signal), "installations");
  const offers = useLoad((signal) => api.offers(signal), "offers");
  const aliasOf = (id: string) => offers.data?.items.find((o) => o.id === id)?.alias ?? id;
  const items = installs.data?.items ?? [];
  return (
    <>
      <PageHeader title="Installations" />
      <Section>
        {installs.error ? (
          <LoadError error={installs.error} retry={installs.reload} />
        ) : !installs.data ? (
          <Loading label="Loading installations…" />
        ) : items.length === 0 ? (
          <Empty title="No installations yet">
            <Text>When a customer's admin installs one of your offers, it shows here.</Text>
          </Empty>
        ) : (
          <>
            <Text className={s.count}>
              {formatNumber(items.length)} {items.length === 1 ? "installation" : "installations"}
            </Text>
            <div className={s.scroll}>
              <Table className={s.table} aria-label="Installations">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Installed</TableHeaderCell>
                    <TableHeaderCell>Customer</TableHeaderCell>
                    <TableHeaderCell>Offer</TableHeaderCell>
                    <TableHeaderCell>Environment</TableHeaderCell>
                    <TableHeaderCell>Installed by</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {items.map((i) => (
                    <TableRow key={i.id}>
                      <TableCell>{formatDateTime(i.created_at)}</TableCell>
                      <TableCell>
                        {i.tenant_name}
                        <br />
                        <Text size={200} className={s.muted}>
                          {i.tenant_id}
                        </Text>
                      </TableCell>
                      <TableCell>
                        <RouterLink to={`/partner/offers/${encodeURIComponent(i.offer_id)}`}>{aliasOf(i.offer_id)}</RouterLink>
                        <br />
                        <Text size={200} className={s.muted}>
                          {i.offer}
                        </Text>
                      </TableCell>
                      <TableCell>{i.environment}</TableCell>
                      <TableCell>{describeActor(i.installed_by)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          </>
        )}
      </Section>
    </>
  );
}
