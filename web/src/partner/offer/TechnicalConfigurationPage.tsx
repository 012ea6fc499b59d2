// Technical configuration: Base License Model (User, the only model) and the CRM package, by URL or by
// uploading the zip.
import {
  Body1,
  Button,
  Field,
  Input,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowUploadRegular } from "@fluentui/react-icons";
import { useRef, useState, type FormEvent } from "react";
import { partnerApi } from "../../api/partner";
import { useNotify } from "../../components/feedback";
import { useFocusFromHash } from "../../components/hooks";
import { Actions, Section } from "../../components/layout";
import { formatBytes, formatDateTime, isFrozen } from "../../lib/format";
import { mapError } from "../../lib/problem";
import { useOffer } from "./context";
import { FrozenNotice } from "./FrozenNotice";

const useStyles = makeStyles({
  form: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: tokens.spacingVerticalL },
  fields: { display: "grid", gap: tokens.spacingVerticalM, maxWidth: "720px" },
  hiddenInput: { display: "none" },
});

const URL_FIELD = "technical_configuration.package_url";

export function TechnicalConfigurationPage() {
  const s = useStyles();
  const { offer, setOffer } = useOffer();
  const notify = useNotify();
  const [url, setUrl] = useState(offer.technical_configuration.package_url);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  useFocusFromHash(true);
  const readOnly = isFrozen(offer.state) || offer.state === "live";
  const upload = offer.technical_configuration.package_upload;
  const dirty = url !== offer.technical_configuration.package_url;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const updated = await partnerApi.updateOffer(offer.id, { technical_configuration: { package_url: url.trim() } });
      setOffer(updated);
      setUrl(updated.technical_configuration.package_url);
      notify.success("Draft saved", "Technical configuration");
    } catch (err) {
      const mapped = mapError(err, [URL_FIELD] as const);
      setError(mapped.fieldErrors[URL_FIELD]);
      if (mapped.message) notify.failure(mapped.message, "Couldn't save");
    } finally {
      setBusy(false);
    }
  };

  const uploadZip = async (file: File) => {
    setBusy(true);
    try {
      const updated = await partnerApi.uploadPackage(offer.id, file);
      setOffer(updated);
      setUrl(updated.technical_configuration.package_url);
      notify.success("Package uploaded", `${file.name}, ${formatBytes(file.size)}`);
    } catch (err) {
      notify.failure(err, "Couldn't upload the package");
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = "";
    }
  };

  return (
    <form className={s.form} onSubmit={(e) => void save(e)} noValidate aria-label="Technical configuration">
      <FrozenNotice offer={offer} liveText="The offer is live: its technical configuration can't change." />
      <Section title="Base License Model">
        <RadioGroup value="user" aria-label="Base License Model" disabled={readOnly}>
          <Radio value="user" label="User" />
        </RadioGroup>
        <Body1>Licenses are assigned to users of the customer's tenant.</Body1>
      </Section>
      <Section title="CRM Package">
        <div className={s.fields}>
          <Field
            label="CRM Package URL"
            hint="Where your solution package zip lives (http:// or https://). Seatkeeper downloads it when you select Review and publish."
            validationMessage={error}
          >
            <Input
              id={URL_FIELD}
              type="url"
              value={url}
              disabled={readOnly}
              placeholder="https://example.com/packages/solution.zip"
              onChange={(_, d) => setUrl(d.value)}
            />
          </Field>
          <Text>Or upload the package zip instead of giving a URL:</Text>
          <div>
            <input
              ref={fileInput}
              className={s.hiddenInput}
              type="file"
              accept=".zip,application/zip"
              aria-label="Package zip"
              data-testid="package-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void uploadZip(file);
              }}
            />
            <Button icon={<ArrowUploadRegular />} disabled={readOnly || busy} onClick={() => fileInput.current?.click()}>
              Upload a zip
            </Button>
          </div>
          {upload && (
            <Body1>
              Uploaded package: {formatBytes(upload.size)}, {formatDateTime(upload.uploaded_at)} (SHA-256{" "}
              <code>{upload.sha256.slice(0, 12)}…</code>){offer.technical_configuration.package_url ? "" : "."}
            </Body1>
          )}
        </div>
      </Section>
      <Actions>
        <Button type="submit" appearance="primary" disabled={!dirty || busy || readOnly}>
          {busy ? "Saving…" : "Save draft"}
        </Button>
      </Actions>
    </form>
  );
}
