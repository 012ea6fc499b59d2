// Manage licenses' "+ Add a plan" fields: one of the offer's plans without licenses on the deal yet, the
// number of licenses or a site license, and the term (sent with the other changes by Update licenses).
import { Dropdown, Field, Option } from "@fluentui/react-components";
import type { Plan } from "../../api/types";
import { useDealLicenseStyles } from "./dealLicenseStyles";
import { LicenseCountFields } from "./LicenseCountFields";
import { TermFields } from "./TermFields";
import type { TermErrors } from "./terms";
import type { AddingPlan } from "./useDealLicenseEditor";

export function AddDealPlan({
  adding,
  addable,
  plans,
  planError,
  termRefusals,
  onChange,
}: {
  adding: AddingPlan;
  addable: readonly Plan[]; // the plans it may be
  plans: readonly Plan[]; // every plan of the offer
  planError: string | undefined; // the server's refusal of this plan
  termRefusals: TermErrors | undefined; // the server's refusal of its term, by field
  onChange: (adding: AddingPlan) => void;
}) {
  const s = useDealLicenseStyles();
  const chosen = plans.find((p) => p.id === adding.plan_id);
  return (
    <div className={s.add} role="group" aria-label="Add a plan">
      <Field label="Plans for this solution" required validationMessage={adding.plan_id === "" ? undefined : planError}>
        <Dropdown
          placeholder="Choose a plan"
          value={adding.plan_id ? `${chosen ? chosen.name || chosen.id : adding.plan_id} (${chosen?.service_id ?? ""})` : ""}
          selectedOptions={adding.plan_id ? [adding.plan_id] : []}
          onOptionSelect={(_, d) => onChange({ ...adding, plan_id: d.optionValue ?? "" })}
        >
          {addable.map((p) => (
            <Option key={p.id} value={p.id} text={`${p.name || p.id} (${p.service_id})`}>
              {p.name || p.id} ({p.service_id})
            </Option>
          ))}
        </Dropdown>
      </Field>
      <LicenseCountFields draft={adding} onChange={onChange} />
      <TermFields draft={adding.term} refusals={termRefusals} onChange={(term) => onChange({ ...adding, term })} />
    </div>
  );
}
