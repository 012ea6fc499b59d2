import {
  Body1,
  Button,
  Field,
  Input,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { partnerApi } from "../api/partner";
import { usePublisherUser } from "../auth/auth";
import { useNotify } from "../components/feedback";
import { useDocumentTitle } from "../components/hooks";
import { Actions, PageHeader, Section } from "../components/layout";
import { RouterButton } from "../components/RouterLink";
import { MAX_PUBLISHER_PLUS_OFFER, offerAliasError, offerIdError } from "../lib/ids";
import { mapError } from "../lib/problem";
import { OFFER_TYPES } from "./offerTypes";

const useStyles = makeStyles({
  form: { display: "grid", gap: tokens.spacingVerticalL, maxWidth: "640px" },
  points: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: "grid", gap: tokens.spacingVerticalXS },
  url: { wordBreak: "break-all" },
});

type Fields = "id" | "alias";

export function NewOfferPage() {
  const s = useStyles();
  const user = usePublisherUser();
  const navigate = useNavigate();
  const notify = useNotify();
  const [params] = useSearchParams();
  const type = OFFER_TYPES.find((t) => t.id === params.get("type"));
  const [id, setId] = useState("");
  const [alias, setAlias] = useState("");
  const [touched, setTouched] = useState<Record<Fields, boolean>>({ id: false, alias: false });
  const [serverErrors, setServerErrors] = useState<Partial<Record<Fields, string>>>({});
  const [busy, setBusy] = useState(false);
  useDocumentTitle("New offer");

  if (!type) {
    return (
      <>
        <PageHeader title="New offer" />
        <Section title="Choose the offer type">
          {OFFER_TYPES.map((t) => (
            <div key={t.id}>
              <RouterButton to={`/partner/offers/new?type=${t.id}`} appearance="primary">
                {t.label}
              </RouterButton>
            </div>
          ))}
        </Section>
      </>
    );
  }

  const localErrors: Partial<Record<Fields, string>> = {
    id: offerIdError(user.publisher_id, id) ?? undefined,
    alias: offerAliasError(alias) ?? undefined,
  };
  const shown = (f: Fields) => serverErrors[f] ?? (touched[f] ? localErrors[f] : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched({ id: true, alias: true });
    if (localErrors.id || localErrors.alias) {
      document.getElementById(localErrors.id ? "id" : "alias")?.focus();
      return;
    }
    setBusy(true);
    try {
      const offer = await partnerApi.createOffer({ id, alias, type: type.id });
      notify.success("Offer created", `${offer.alias} (${offer.id})`);
      navigate(`/partner/offers/${encodeURIComponent(offer.id)}/setup`);
    } catch (error) {
      const mapped = mapError(error, ["id", "alias"] as const);
      setServerErrors(mapped.fieldErrors);
      if (mapped.message) notify.failure(mapped.message, "Couldn't create the offer");
      setBusy(false);
    }
  };

  const example = `${window.location.origin}/marketplace/product/${user.publisher_id}.${id || "<offer ID>"}`;
  return (
    <>
      <PageHeader title={`New offer: ${type.label}`} />
      <Section>
        <form className={s.form} onSubmit={(e) => void submit(e)} noValidate>
          <div>
            <Text weight="semibold" as="h2" size={400}>
              Offer ID
            </Text>
            <ul className={s.points}>
              <li>
                This ID is visible to customers in the web address for the marketplace offer:{" "}
                <code className={s.url}>{example}</code>
              </li>
              <li>
                The Offer ID combined with the Publisher ID (<code>{user.publisher_id}</code>) must be under{" "}
                {MAX_PUBLISHER_PLUS_OFFER} characters in length.
              </li>
              <li>Use only lowercase letters and numbers. It can include hyphens and underscores, but no spaces.</li>
              <li>This ID can't be changed after you select Create.</li>
            </ul>
          </div>
          <Field label="Offer ID" required validationMessage={shown("id")} validationState={shown("id") ? "error" : "none"}>
            <Input
              id="id"
              value={id}
              autoComplete="off"
              spellCheck={false}
              onChange={(_, d) => {
                setId(d.value);
                setTouched((t) => ({ ...t, id: true }));
                setServerErrors((e) => ({ ...e, id: undefined }));
              }}
            />
          </Field>
          <Field
            label="Offer alias"
            required
            hint="The name used for the offer in Partner Center. It isn't used in the marketplace, and can't be changed after you select Create."
            validationMessage={shown("alias")}
            validationState={shown("alias") ? "error" : "none"}
          >
            <Input
              id="alias"
              value={alias}
              onChange={(_, d) => {
                setAlias(d.value);
                setServerErrors((e) => ({ ...e, alias: undefined }));
              }}
              onBlur={() => setTouched((t) => ({ ...t, alias: true }))}
            />
          </Field>
          <Body1>Offer type: {type.label}</Body1>
          <Actions>
            <Button type="submit" appearance="primary" disabled={busy}>
              {busy ? "Creating…" : "Create"}
            </Button>
            <Button onClick={() => navigate("/partner")}>Cancel</Button>
          </Actions>
        </form>
      </Section>
    </>
  );
}
