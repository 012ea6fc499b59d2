// Offer setup: the licensing options (Enable app license management, the one-time setting; Allow customers
// to install my app even if licenses are not assigned), the call to action when license management is off,
// and the marketplace listing.
import {
  Body1,
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { LockClosedRegular } from "@fluentui/react-icons";
import { useState, type FormEvent } from "react";
import { partnerApi } from "../../api/partner";
import type { CallToAction, Listing, OfferPatch } from "../../api/types";
import { useNotify } from "../../components/feedback";
import { useFocusFromHash } from "../../components/hooks";
import { Actions, Section } from "../../components/layout";
import { callToActionLabel, isFrozen } from "../../lib/format";
import { mapError } from "../../lib/problem";
import { useOffer } from "./context";
import { FrozenNotice } from "./FrozenNotice";

const useStyles = makeStyles({
  form: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: tokens.spacingVerticalL },
  explain: { color: tokens.colorNeutralForeground2, marginLeft: "32px", marginTop: "-8px" },
  fields: { display: "grid", gap: tokens.spacingVerticalM, maxWidth: "720px" },
});

const FIELDS = [
  "licensing.license_management",
  "licensing.allow_install_without_license",
  "call_to_action",
  "listing.name",
  "listing.summary",
  "listing.description",
  "listing.privacy_policy_url",
  "listing.support_url",
] as const;
type FieldName = (typeof FIELDS)[number];

const LISTING_FIELDS: { key: keyof Listing; label: string; multiline?: boolean; hint?: string }[] = [
  { key: "name", label: "Name", hint: "The offer's name on the marketplace." },
  { key: "summary", label: "Search results summary" },
  { key: "description", label: "Description", multiline: true },
  { key: "privacy_policy_url", label: "Privacy policy link" },
  { key: "support_url", label: "Support link" },
];

export function OfferSetupPage() {
  const s = useStyles();
  const { offer, setOffer } = useOffer();
  const notify = useNotify();
  const [licenseManagement, setLicenseManagement] = useState(offer.licensing.license_management);
  const [allowInstall, setAllowInstall] = useState(offer.licensing.allow_install_without_license);
  const [cta, setCta] = useState<CallToAction | null>(offer.call_to_action);
  const [listing, setListing] = useState<Listing>(offer.listing);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [busy, setBusy] = useState(false);
  useFocusFromHash(true);

  const frozen = isFrozen(offer.state);
  const locked = offer.licensing.locked;
  const live = offer.state === "live";

  const patch: OfferPatch = {};
  if (licenseManagement !== offer.licensing.license_management || allowInstall !== offer.licensing.allow_install_without_license) {
    patch.licensing = { license_management: licenseManagement, allow_install_without_license: licenseManagement && allowInstall };
  }
  const ctaToSend = licenseManagement ? null : cta;
  if (ctaToSend !== offer.call_to_action) patch.call_to_action = ctaToSend;
  const listingChanges: Partial<Listing> = {};
  for (const f of LISTING_FIELDS) {
    if (listing[f.key] !== offer.listing[f.key]) listingChanges[f.key] = listing[f.key];
  }
  if (Object.keys(listingChanges).length > 0) patch.listing = listingChanges;
  const dirty = Object.keys(patch).length > 0;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!dirty) return;
    setBusy(true);
    setErrors({});
    try {
      const updated = await partnerApi.updateOffer(offer.id, patch);
      setOffer(updated);
      setListing(updated.listing);
      notify.success("Draft saved");
    } catch (error) {
      const mapped = mapError(error, FIELDS);
      setErrors(mapped.fieldErrors);
      if (mapped.message) notify.failure(mapped.message, "Couldn't save");
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={s.form} onSubmit={(e) => void save(e)} noValidate aria-label="Offer setup">
      <FrozenNotice
        offer={offer}
        liveText="The offer is live: only its listing can change. Licensing options and the call to action are fixed."
      />
      <Section title="Licensing options" id="licensing">
        {locked && (
          <MessageBar intent="info" icon={<LockClosedRegular />}>
            <MessageBarBody>
              App license management is locked: it is a one-time setting, and it can't change once the offer has been
              published.
            </MessageBarBody>
          </MessageBar>
        )}
        <Field validationMessage={errors["licensing.license_management"]}>
          <Checkbox
            id="licensing.license_management"
            label="Enable app license management"
            checked={licenseManagement}
            disabled={locked || frozen || live}
            onChange={(_, d) => {
              setLicenseManagement(d.checked === true);
              if (d.checked !== true) setAllowInstall(false);
            }}
          />
        </Field>
        <Body1 className={s.explain}>
          Customers get licenses from you and assign them to their users; your app checks them at run time. This is a
          one-time setting, and you can't change it once your offer is published.
        </Body1>
        <Field validationMessage={errors["licensing.allow_install_without_license"]}>
          <Checkbox
            id="licensing.allow_install_without_license"
            label="Allow customers to install my app even if licenses are not assigned"
            checked={allowInstall}
            disabled={!licenseManagement || locked || frozen || live}
            onChange={(_, d) => setAllowInstall(d.checked === true)}
          />
        </Field>
        <Body1 className={s.explain}>
          Customers can run your app's base functionality without a license, and run premium features once they've
          purchased a license. Admins then see Get it now besides Contact me.
        </Body1>
        {!licenseManagement && (
          <Field
            label="Call to action"
            hint="Without license management, choose what customers can do on your marketplace page."
            validationMessage={errors.call_to_action}
          >
            <RadioGroup
              id="call_to_action"
              value={cta ?? ""}
              disabled={frozen || live}
              onChange={(_, d) => setCta(d.value as CallToAction)}
            >
              {(["get_it_now", "free_trial", "contact_me"] as const).map((v) => (
                <Radio key={v} value={v} label={callToActionLabel[v]} />
              ))}
            </RadioGroup>
          </Field>
        )}
        {licenseManagement && (
          <Body1>
            With license management, the marketplace shows <strong>Contact me</strong>
            {allowInstall ? " and Get it now" : ""}, and <strong>Free trial</strong> once a plan offers one (set on the
            plan's page).
          </Body1>
        )}
      </Section>
      <Section title="Offer listing" id="listing">
        <div className={s.fields}>
          {LISTING_FIELDS.map((f) => {
            const name = `listing.${f.key}` as FieldName;
            const common = {
              id: name,
              value: listing[f.key],
              disabled: frozen,
              onChange: (_: unknown, d: { value: string }) => setListing((l) => ({ ...l, [f.key]: d.value })),
            };
            return (
              <Field key={f.key} label={f.label} hint={f.hint} validationMessage={errors[name]}>
                {f.multiline ? <Textarea {...common} rows={6} resize="vertical" /> : <Input {...common} />}
              </Field>
            );
          })}
        </div>
      </Section>
      <Actions>
        <Button type="submit" appearance="primary" disabled={!dirty || busy || frozen}>
          {busy ? "Saving…" : "Save draft"}
        </Button>
      </Actions>
    </form>
  );
}
