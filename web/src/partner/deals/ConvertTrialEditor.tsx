// Convert to paid, opened on a trial row: the paid licenses' number (or a site license) and their term, sent by
// the page's button (then labelled Convert to paid). The trial then ends, and every user assigned during it
// keeps their seat; without an end date the paid licenses don't end.
import { Button, Text } from "@fluentui/react-components";
import { formatNumber } from "../../lib/format";
import { LicenseCountFields } from "./LicenseCountFields";
import type { ConversionDraft } from "./logic";
import { TermFields } from "./TermFields";
import type { TermErrors } from "./terms";
import { useDealLicenseStyles } from "./dealLicenseStyles";

function keptText(assigned: number): string {
  const ends = "The trial ends and these licenses take its place";
  if (assigned === 0) return `${ends}.`;
  if (assigned === 1) return `${ends}; the user assigned during the trial keeps their seat.`;
  return `${ends}; all ${formatNumber(assigned)} users assigned during the trial keep their seats.`;
}

export function ConvertTrialEditor({
  name,
  assigned,
  draft,
  refusal,
  termRefusals,
  onChange,
  onKeep,
}: {
  name: string; // the plan's
  assigned: number; // seats the customer assigned during the trial
  draft: ConversionDraft;
  refusal: string | undefined; // the server's refusal of the number
  termRefusals: TermErrors | undefined;
  onChange: (draft: ConversionDraft) => void;
  onKeep: () => void;
}) {
  const s = useDealLicenseStyles();
  const label = `Convert the trial of ${name} to paid licenses`;
  return (
    <div className={s.termEditor} role="group" aria-label={label}>
      <Text weight="semibold">{label}</Text>
      <Text size={200} className={s.termHint}>
        {keptText(assigned)}
      </Text>
      <LicenseCountFields draft={draft} onChange={onChange} />
      {refusal && (
        <Text role="alert" className={s.refusal}>
          {refusal}
        </Text>
      )}
      <TermFields draft={draft.term} refusals={termRefusals} onChange={(term) => onChange({ ...draft, term })} />
      <div>
        <Button appearance="subtle" onClick={onKeep}>
          Keep the trial
        </Button>
      </div>
    </div>
  );
}
