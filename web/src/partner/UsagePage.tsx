// Usage (Partner Center): provisioned, assigned and active seats of the publisher's customers over time, by
// customer and plan (UsageReport, shared with the Admin Center); for global and account admins, as deals are.
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { partnerApi } from "../api/partner";
import { usePublisherUser } from "../auth/auth";
import { publisherUsage } from "../api/usage";
import { useDocumentTitle, useLoad } from "../components/hooks";
import { PageHeader, Section } from "../components/layout";
import { UsageReport, type FilterChoice } from "../components/usage/UsageReport";
import { mayManageLicensing } from "./deals/logic";

const useStyles = makeStyles({ muted: { color: tokens.colorNeutralForeground2 } });

// Every plan of every offer, by Service ID.
async function planChoices(signal: AbortSignal): Promise<FilterChoice[]> {
  const offers = (await partnerApi.offers(signal)).items;
  const plans = await Promise.all(offers.map((o) => partnerApi.plans(o.id, signal)));
  return offers.flatMap((o, i) =>
    (plans[i]?.items ?? []).map((p) => ({ value: p.service_id, label: `${o.listing.name || o.alias} · ${p.name}` })),
  );
}

export function UsagePage() {
  const s = useStyles();
  useDocumentTitle("Usage");
  const user = usePublisherUser();
  const may = mayManageLicensing(user.role);
  const customers = useLoad(
    (signal) => (may ? partnerApi.customers(signal) : Promise.resolve({ items: [], next_cursor: null })),
    "customers",
  );
  const plans = useLoad(planChoices, "usage-plans");
  if (!may) {
    return (
      <>
        <PageHeader title="Usage" />
        <Section>
          <Text className={s.muted}>
            Your customers' usage is for global and account admins, who manage their licenses. Ask one of them.
          </Text>
        </Section>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Usage" />
      <Section>
        <Text className={s.muted}>
          How many licenses your customers hold, how many seats they assigned and how many of those the app checked,
          for any past period: computed from the history of every change.
        </Text>
      </Section>
      <UsageReport
        api={publisherUsage}
        customers={(customers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        plans={plans.data ?? []}
      />
    </>
  );
}
