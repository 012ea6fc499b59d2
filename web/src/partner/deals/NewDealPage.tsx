// Referrals → Deal Registration → New deal: the customer (company, domain, contact), the offer sold and its
// plans, expected seats, value and close date (POST /api/v1/deals). Only offers with app license management
// can have deals.
import { Dropdown, Field, Option, Text, Button, makeStyles, tokens } from "@fluentui/react-components";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { partnerApi } from "../../api/partner";
import { useNotify } from "../../components/feedback";
import { useDocumentTitle, useLoad } from "../../components/hooks";
import { Actions, PageHeader, Section } from "../../components/layout";
import { errorMessage } from "../../lib/problem";
import { ContactEmailField, DealTermsFields, DealTextField } from "./DealFields";
import { dealPath } from "./DealsPage";
import { EMPTY_DEAL_FORM, dealFieldOf, toDealCreate } from "./logic";
import { useDealForm } from "./useDealForm";

const useStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalL, maxWidth: "720px" },
  row: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(240px, 1fr))",
    gap: tokens.spacingHorizontalL,
    alignItems: "start",
  },
  heading: { margin: 0 },
});

export function NewDealPage() {
  const s = useStyles();
  useDocumentTitle("New deal");
  const navigate = useNavigate();
  const notify = useNotify();
  const form = useDealForm(EMPTY_DEAL_FORM, "new");
  const { state, values } = form;
  const [busy, setBusy] = useState(false);
  const offers = useLoad((signal) => partnerApi.offers(signal), "offers");
  const licensed = (offers.data?.items ?? []).filter((o) => o.licensing.license_management);
  const plans = useLoad(
    (signal) => (values.offer_id ? partnerApi.plans(values.offer_id, signal) : Promise.resolve({ items: [], next_cursor: null })),
    `plans:${values.offer_id}`,
  );
  const offerMessage =
    state.errors.offer_id ??
    (offers.error ? errorMessage(offers.error) : undefined) ??
    (offers.data && licensed.length === 0 ? "None of your offers uses app license management yet." : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!form.check()) return;
    setBusy(true);
    try {
      const deal = await partnerApi.registerDeal(toDealCreate(values));
      notify.success("Deal registered", `${deal.customer.name}: next, invite the customer to consent.`);
      navigate(dealPath(deal.id));
    } catch (error) {
      const field = dealFieldOf(error);
      if (field) form.showServerError(field, errorMessage(error));
      else notify.failure(error, "Couldn't register the deal");
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title="New deal" />
      <Section>
        <form className={s.form} onSubmit={(e) => void submit(e)} noValidate aria-label="New deal">
          <Text as="h2" weight="semibold" size={400} className={s.heading}>
            Customer details
          </Text>
          <div className={s.row}>
            <DealTextField state={state} field="name" label="Company name" />
            <DealTextField
              state={state}
              field="domain"
              label="Domain"
              hint="The domain the customer's tenant owns, such as fabrikam.example"
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          <ContactEmailField state={state} />
          <Text as="h2" weight="semibold" size={400} className={s.heading}>
            Solution
          </Text>
          <Field label="Offer" required hint="Offers with app license management" {...msg(offerMessage)}>
            <Dropdown
              id="offer_id"
              placeholder={offers.data ? "Choose an offer" : "Loading offers…"}
              value={licensed.find((o) => o.id === values.offer_id)?.alias ?? ""}
              selectedOptions={values.offer_id ? [values.offer_id] : []}
              onOptionSelect={(_, d) => {
                form.setValues((v) => ({ ...v, offer_id: d.optionValue ?? "", plan_ids: [] }));
                state.touch("offer_id");
              }}
            >
              {licensed.map((o) => (
                <Option key={o.id} value={o.id} text={o.alias}>
                  {o.alias} ({o.id})
                </Option>
              ))}
            </Dropdown>
          </Field>
          <DealTermsFields state={state} plans={plans.data?.items ?? []} plansLoading={plans.loading} />
          <Actions>
            <Button type="submit" appearance="primary" disabled={busy}>
              {busy ? "Registering…" : "Register deal"}
            </Button>
            <Button onClick={() => navigate("/partner/referrals/deals")}>Cancel</Button>
          </Actions>
          <Text size={200}>
            Next, on the deal's <b>Manage licenses</b> page, invite the customer to consent; licenses follow once they
            accept.
          </Text>
        </form>
      </Section>
    </>
  );
}

function msg(m: string | undefined) {
  return { validationMessage: m, validationState: m ? ("error" as const) : ("none" as const) };
}
