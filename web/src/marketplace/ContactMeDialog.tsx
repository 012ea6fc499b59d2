// Contact me: leaves a lead for the publisher (POST …/leads); the publisher sees it under Leads.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { marketplaceApi } from "../api/marketplace";
import type { LeadCreate, MarketplaceOffer } from "../api/types";
import { Refusal, useNotify } from "../components/feedback";
import { mapError } from "../lib/problem";

const useStyles = makeStyles({ form: { display: "grid", gap: tokens.spacingVerticalM } });

const FIELDS = ["name", "email", "company", "message"] as const;
type FieldName = (typeof FIELDS)[number];

const EMPTY: Required<LeadCreate> = { name: "", email: "", company: "", message: "" };

export function ContactMeDialog({ product, preview }: { product: MarketplaceOffer; preview: string | null }) {
  const s = useStyles();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [lead, setLead] = useState<Required<LeadCreate>>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Partial<Record<FieldName, string>> = {};
    if (!lead.name.trim()) local.name = "Enter your name";
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(lead.email.trim())) local.email = "Enter an e-mail address";
    setErrors(local);
    setMessage(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      await marketplaceApi.contactMe(product.id, preview, { ...lead, name: lead.name.trim(), email: lead.email.trim() });
      setSent(true);
      notify.success("Request sent", `${product.publisher_name} will contact you.`);
    } catch (error) {
      const mapped = mapError(error, FIELDS);
      setErrors(mapped.fieldErrors);
      setMessage(mapped.message);
    } finally {
      setBusy(false);
    }
  };

  const set = (key: FieldName) => (_: unknown, d: { value: string }) => setLead((l) => ({ ...l, [key]: d.value }));
  return (
    <Dialog
      open={open}
      onOpenChange={(_, d) => {
        setOpen(d.open);
        if (d.open) {
          setSent(false);
          setErrors({});
          setMessage(null);
        }
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="primary">Contact me</Button>
      </DialogTrigger>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogBody>
            <DialogTitle>Contact me</DialogTitle>
            <DialogContent className={s.form}>
              {sent ? (
                <MessageBar intent="success">
                  <MessageBarBody>
                    Thank you. {product.publisher_name} has your details and will contact you about {product.name}.
                  </MessageBarBody>
                </MessageBar>
              ) : (
                <>
                  <span>
                    {product.publisher_name} gets your details to contact you about {product.name}.
                  </span>
                  {message && <Refusal>{message}</Refusal>}
                  <Field label="Name" required validationMessage={errors.name}>
                    <Input id="lead-name" value={lead.name} onChange={set("name")} autoComplete="name" />
                  </Field>
                  <Field label="E-mail address" required validationMessage={errors.email}>
                    <Input id="lead-email" type="email" value={lead.email} onChange={set("email")} autoComplete="email" />
                  </Field>
                  <Field label="Company" validationMessage={errors.company}>
                    <Input id="lead-company" value={lead.company} onChange={set("company")} autoComplete="organization" />
                  </Field>
                  <Field label="Message" validationMessage={errors.message}>
                    <Textarea id="lead-message" value={lead.message} onChange={set("message")} rows={4} />
                  </Field>
                </>
              )}
            </DialogContent>
            <DialogActions>
              {sent ? (
                <DialogTrigger disableButtonEnhancement>
                  <Button appearance="primary" onClick={() => setLead(EMPTY)}>
                    Close
                  </Button>
                </DialogTrigger>
              ) : (
                <>
                  <DialogTrigger disableButtonEnhancement>
                    <Button appearance="secondary">Cancel</Button>
                  </DialogTrigger>
                  <Button type="submit" appearance="primary" disabled={busy}>
                    {busy ? "Sending…" : "Send"}
                  </Button>
                </>
              )}
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
