// Leads: the Contact me requests left on the marketplace, newest first.
import {
  Dropdown,
  Field,
  Link,
  Option,
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
import { useSearchParams } from "react-router";
import { api } from "../api/client";
import { Empty, LoadError, Loading } from "../components/feedback";
import { useDocumentTitle, useLoad } from "../components/hooks";
import { PageHeader, Section } from "../components/layout";
import { RouterLink } from "../components/RouterLink";
import { formatDateTime, formatNumber } from "../lib/format";

const useStyles = makeStyles({
  scroll: { overflowX: "auto" },
  table: { minWidth: "720px" },
  filter: { maxWidth: "320px" },
  message: { whiteSpace: "pre-wrap", wordBreak: "break-word" },
  count: { color: tokens.colorNeutralForeground2 },
});

export function LeadsPage() {
  const s = useStyles();
  useDocumentTitle("Leads");
  const [params, setParams] = useSearchParams();
  const offerFilter = params.get("offer") ?? "";
  const offers = useLoad((signal) => api.offers(signal), "offers");
  const leads = useLoad((signal) => api.leads(signal, offerFilter || undefined), `leads:${offerFilter}`);
  const aliasOf = (id: string) => offers.data?.items.find((o) => o.id === id)?.alias ?? id;
  return (
    <>
      <PageHeader title="Leads" />
      <Section>
        <Field label="Offer" className={s.filter}>
          <Dropdown
            value={offerFilter ? aliasOf(offerFilter) : "All offers"}
            selectedOptions={[offerFilter]}
            onOptionSelect={(_, d) => setParams(d.optionValue ? { offer: d.optionValue } : {})}
          >
            <Option value="">All offers</Option>
            {(offers.data?.items ?? []).map((o) => (
              <Option key={o.id} value={o.id}>
                {o.alias}
              </Option>
            ))}
          </Dropdown>
        </Field>
        {leads.error ? (
          <LoadError error={leads.error} retry={leads.reload} />
        ) : leads.loading && !leads.data ? (
          <Loading label="Loading leads…" />
        ) : !leads.data || leads.data.items.length === 0 ? (
          <Empty title="No leads yet">
            <Text>When someone selects Contact me on one of your marketplace pages, the lead shows here.</Text>
          </Empty>
        ) : (
          <>
            <Text className={s.count}>{formatNumber(leads.data.items.length)} {leads.data.items.length === 1 ? "lead" : "leads"}</Text>
            <div className={s.scroll}>
              <Table className={s.table} aria-label="Leads">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Received</TableHeaderCell>
                    <TableHeaderCell>Name</TableHeaderCell>
                    <TableHeaderCell>Company</TableHeaderCell>
                    <TableHeaderCell>Offer</TableHeaderCell>
                    <TableHeaderCell>Message</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {leads.data.items.map((l) => (
                    <TableRow key={l.id}>
                      <TableCell>{formatDateTime(l.created_at)}</TableCell>
                      <TableCell>
                        {l.name}
                        <br />
                        <Link href={`mailto:${l.email}`}>{l.email}</Link>
                      </TableCell>
                      <TableCell>{l.company || "—"}</TableCell>
                      <TableCell>
                        <RouterLink to={`/partner/offers/${encodeURIComponent(l.offer_id)}`}>{aliasOf(l.offer_id)}</RouterLink>
                      </TableCell>
                      <TableCell className={s.message}>{l.message || "—"}</TableCell>
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
