// Leads: the Contact me requests left on the marketplace, and the installs and free trials customers started
// there (without an e-mail address when the customer's account has none), newest first.
import { Dropdown, Field, Link, Option, TableCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useSearchParams } from "react-router";
import { partnerApi } from "../api/partner";
import { DataTable } from "../components/DataTable";
import { Empty, WhenLoaded } from "../components/feedback";
import { useDocumentTitle, useLoad } from "../components/hooks";
import { PageHeader, Section } from "../components/layout";
import { RouterLink } from "../components/RouterLink";
import { formatCount, formatDateTime } from "../lib/format";

const useStyles = makeStyles({
  filter: { maxWidth: "320px" },
  message: { whiteSpace: "pre-wrap", wordBreak: "break-word" },
  count: { color: tokens.colorNeutralForeground2 },
});

export function LeadsPage() {
  const s = useStyles();
  useDocumentTitle("Leads");
  const [params, setParams] = useSearchParams();
  const offerFilter = params.get("offer") ?? "";
  const offers = useLoad((signal) => partnerApi.offers(signal), "offers");
  const leads = useLoad((signal) => partnerApi.leads(signal, offerFilter || undefined), `leads:${offerFilter}`);
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
        <WhenLoaded load={leads} label="Loading leads…">
          {({ items }) =>
            items.length === 0 ? (
              <Empty title="No leads yet">
                <Text>When someone selects Contact me on one of your marketplace pages, the lead shows here.</Text>
              </Empty>
            ) : (
              <>
                <Text className={s.count}>{formatCount(items.length, "lead")}</Text>
                <DataTable label="Leads" minWidth="720px" columns={["Received", "Name", "Company", "Offer", "Message"]}>
                  {items.map((l) => (
                    <TableRow key={l.id}>
                      <TableCell>{formatDateTime(l.created_at)}</TableCell>
                      <TableCell>
                        {l.name}
                        {l.email && (
                          <>
                            <br />
                            <Link href={`mailto:${l.email}`}>{l.email}</Link>
                          </>
                        )}
                      </TableCell>
                      <TableCell>{l.company || "—"}</TableCell>
                      <TableCell>
                        <RouterLink to={`/partner/offers/${encodeURIComponent(l.offer_id)}`}>{aliasOf(l.offer_id)}</RouterLink>
                      </TableCell>
                      <TableCell className={s.message}>{l.message || "—"}</TableCell>
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
