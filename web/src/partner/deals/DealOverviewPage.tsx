// Deal overview: the deal's status with the moves the server allows from it (final ones asked first; a move
// the server refuses shows its words), the deal's details (a deal a free trial opened says so), and Edit
// (PATCH) while the deal is open.
import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Table,
  TableBody,
  TableCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { type FormEvent, useState } from "react";
import { partnerApi } from "../../api/partner";
import { useNotify } from "../../components/feedback";
import { Actions, Section } from "../../components/layout";
import { RouterButton, RouterLink } from "../../components/RouterLink";
import { dealStateLabel, formatDate, formatDateTime, formatMoney, formatNumber } from "../../lib/format";
import { errorMessage } from "../../lib/problem";
import { useDeal } from "./context";
import { ContactEmailField, DealTermsFields } from "./DealFields";
import { dealPath } from "./DealsPage";
import { canEdit, dealFieldOf, dealToForm, toDealPatch, transitions, type Transition } from "./logic";
import { useDealForm } from "./useDealForm";

const useStyles = makeStyles({
  key: { width: "35%", color: tokens.colorNeutralForeground2 },
  form: { display: "grid", gap: tokens.spacingVerticalL, maxWidth: "720px" },
  mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: "break-all" },
});

export function DealOverviewPage() {
  const s = useStyles();
  const { deal, offer, plans, setDeal, reloadDeal } = useDeal();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [asking, setAsking] = useState<Transition | null>(null);
  const [editing, setEditing] = useState(false);
  const moves = transitions(deal.state);
  const planName = (id: string) => {
    const p = plans.find((x) => x.id === id);
    return p ? `${p.name || p.id} (${p.service_id})` : id;
  };

  const move = async (t: Transition) => {
    setAsking(null);
    setBusy(true);
    setRefusal(null);
    try {
      const updated = await partnerApi.updateDeal(deal.id, { state: t.to });
      setDeal(updated);
      notify.success(`Deal is ${dealStateLabel[updated.state]}`);
    } catch (error) {
      // Refused (409): say why where the buttons are, and show the deal as it is now.
      setRefusal(errorMessage(error));
      reloadDeal();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Section title="Status">
        <Body1>
          This deal is <b>{dealStateLabel[deal.state]}</b>.{" "}
          {moves.length === 0
            ? "That is final: its status can't change any more."
            : deal.state === "submitted"
              ? "Move it to In Progress once you work on it; licenses can be granted from then on."
              : "Mark it as won or lost when the sale closes."}
        </Body1>
        {refusal && (
          <MessageBar intent="error" layout="multiline" data-testid="transition-refused">
            <MessageBarBody>
              <MessageBarTitle>The status didn't change</MessageBarTitle>
              {refusal}
            </MessageBarBody>
          </MessageBar>
        )}
        <Actions>
          {moves.map((t) => (
            <Button
              key={t.to}
              appearance={t.appearance}
              disabled={busy}
              onClick={() => (t.confirm ? setAsking(t) : void move(t))}
            >
              {t.label}
            </Button>
          ))}
          <RouterButton to={dealPath(deal.id, "licenses")}>Manage licenses</RouterButton>
        </Actions>
      </Section>

      {editing ? (
        <EditDeal onDone={() => setEditing(false)} />
      ) : (
        <Section title="Deal details">
          <Table aria-label="Deal details" size="small">
            <TableBody>
              <TableRow>
                <TableCell className={s.key}>Customer</TableCell>
                <TableCell>
                  {deal.customer.name} · {deal.customer.domain}
                </TableCell>
              </TableRow>
              <TableRow>
                <TableCell className={s.key}>Contact e-mail</TableCell>
                <TableCell>{deal.customer.contact_email}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell className={s.key}>Customer consent</TableCell>
                <TableCell>
                  {deal.tenant_id ? (
                    <>
                      Consented (tenant <span className={s.mono}>{deal.tenant_id}</span>)
                    </>
                  ) : (
                    <>
                      Not yet: <RouterLink to={dealPath(deal.id, "licenses")}>invite the customer to consent</RouterLink>
                    </>
                  )}
                </TableCell>
              </TableRow>
              <TableRow>
                <TableCell className={s.key}>Offer</TableCell>
                <TableCell>
                  <RouterLink to={`/partner/offers/${encodeURIComponent(deal.offer_id)}`}>
                    {offer?.alias ?? deal.offer_id}
                  </RouterLink>
                </TableCell>
              </TableRow>
              <TableRow>
                <TableCell className={s.key}>Plans</TableCell>
                <TableCell>{deal.plan_ids.map(planName).join(", ")}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell className={s.key}>Expected seats</TableCell>
                <TableCell>{formatNumber(deal.seats)}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell className={s.key}>Deal value</TableCell>
                <TableCell>{formatMoney(deal.value, deal.currency)}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell className={s.key}>Expected close date</TableCell>
                <TableCell>{formatDate(deal.close_date)}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell className={s.key}>{deal.source === "trial" ? "Opened" : "Registered"}</TableCell>
                <TableCell>
                  {formatDateTime(deal.created_at)}
                  {deal.source === "trial" && " by the customer's free trial from the Marketplace"}
                </TableCell>
              </TableRow>
              <TableRow>
                <TableCell className={s.key}>Last changed</TableCell>
                <TableCell>{formatDateTime(deal.updated_at)}</TableCell>
              </TableRow>
            </TableBody>
          </Table>
          {canEdit(deal.state) ? (
            <div>
              <Button onClick={() => setEditing(true)}>Edit deal</Button>
            </div>
          ) : (
            <Body1>A {dealStateLabel[deal.state].toLowerCase()} deal's details can't change.</Body1>
          )}
        </Section>
      )}

      <Dialog open={asking !== null} onOpenChange={(_, d) => !d.open && setAsking(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{asking?.label}?</DialogTitle>
            <DialogContent>{asking?.confirm}</DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => asking && void move(asking)}>
                {asking?.label}
              </Button>
              <Button onClick={() => setAsking(null)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}

function EditDeal({ onDone }: { onDone: () => void }) {
  const s = useStyles();
  const { deal, plans, setDeal } = useDeal();
  const notify = useNotify();
  const form = useDealForm(dealToForm(deal), "edit");
  const [busy, setBusy] = useState(false);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!form.check()) return;
    const patch = toDealPatch(deal, form.values);
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    setBusy(true);
    try {
      setDeal(await partnerApi.updateDeal(deal.id, patch));
      notify.success("Deal saved");
      onDone();
    } catch (error) {
      const field = dealFieldOf(error);
      if (field) form.showServerError(field, errorMessage(error));
      else notify.failure(error, "Couldn't save the deal");
      setBusy(false);
    }
  };

  return (
    <Section title="Edit deal">
      <form className={s.form} onSubmit={(e) => void save(e)} noValidate aria-label="Edit deal">
        <Body1>
          The customer's name and domain are fixed once registered ({deal.customer.name} · {deal.customer.domain}).
        </Body1>
        <ContactEmailField state={form.state} />
        <DealTermsFields state={form.state} plans={plans} plansLoading={false} />
        <Actions>
          <Button type="submit" appearance="primary" disabled={busy}>
            {busy ? "Saving…" : "Save"}
          </Button>
          <Button onClick={onDone} disabled={busy}>
            Cancel
          </Button>
        </Actions>
      </form>
    </Section>
  );
}
