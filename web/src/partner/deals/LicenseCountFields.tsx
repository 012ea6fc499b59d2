// "Number of licenses", or "Site license" (every user of the customer's verified domains, no number): the
// choice "+ Add a plan" and Convert to paid make. Checking Site license hides the number.
import { Checkbox, Field, Input } from "@fluentui/react-components";
import { SITE_LICENSE_TEXT } from "../../lib/trials";
import { useDealLicenseStyles } from "./dealLicenseStyles";
import { quantityError, type CountDraft } from "./logic";

export function LicenseCountFields<D extends CountDraft>({
  draft,
  onChange,
}: {
  draft: D;
  onChange: (draft: D) => void;
}) {
  const s = useDealLicenseStyles();
  const problem = !draft.site && draft.quantity !== "" ? quantityError(draft.quantity) : null;
  return (
    <div className={s.count}>
      <Field hint={`${SITE_LICENSE_TEXT}, with no number of licenses.`}>
        <Checkbox
          label="Site license"
          checked={draft.site}
          onChange={(_, d) => onChange({ ...draft, site: d.checked === true })}
        />
      </Field>
      {!draft.site && (
        <Field
          label="Number of licenses"
          required
          validationMessage={problem ?? undefined}
          validationState={problem ? "error" : "none"}
        >
          <Input inputMode="numeric" value={draft.quantity} onChange={(_, d) => onChange({ ...draft, quantity: d.value })} />
        </Field>
      )}
    </div>
  );
}
