// Manage licenses' term fields: "No end date", or a start date, an end date and grace days. "+ Add a plan"
// shows them with the plan; "Change term" opens them for a row (TermEditor), sent by Update licenses. A mistake
// shows by its field as it is typed, and so does the server's refusal of a field (`term.end_date`, …).
import { Button, Field, Input, Radio, RadioGroup, Text } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import { MAX_GRACE_DAYS, termErrors, type TermDraft, type TermErrors } from "./terms";
import { useDealLicenseStyles } from "./dealLicenseStyles";

export function TermFields({
  draft,
  refusals = {},
  onChange,
  focusOnMount = false,
}: {
  draft: TermDraft;
  refusals?: TermErrors; // the server's, by field; they win over the typed checks
  onChange: (draft: TermDraft) => void;
  focusOnMount?: boolean;
}) {
  const s = useDealLicenseStyles();
  const choice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnMount) choice.current?.querySelector<HTMLInputElement>("input:checked")?.focus();
  }, [focusOnMount]);
  const errors = { ...termErrors(draft), ...refusals };
  const field = (name: keyof TermErrors) => ({
    validationMessage: errors[name],
    validationState: errors[name] ? ("error" as const) : ("none" as const),
  });
  return (
    <div className={s.term}>
      <Field label="Term">
        <RadioGroup
          ref={choice}
          layout="horizontal"
          value={draft.ends ? "dates" : "none"}
          onChange={(_, d) => onChange({ ...draft, ends: d.value === "dates" })}
        >
          <Radio value="none" label="No end date" />
          <Radio value="dates" label="Start and end dates" />
        </RadioGroup>
      </Field>
      {draft.ends ? (
        <div className={s.termDates}>
          <Field label="Start date" required hint="The first day (UTC)." {...field("start_date")}>
            <Input type="date" value={draft.start_date} onChange={(_, d) => onChange({ ...draft, start_date: d.value })} />
          </Field>
          <Field label="End date" required hint="The last day, included." {...field("end_date")}>
            <Input type="date" value={draft.end_date} onChange={(_, d) => onChange({ ...draft, end_date: d.value })} />
          </Field>
          <Field label="Grace days" hint={`Days in force after the end (0–${MAX_GRACE_DAYS}).`} {...field("grace_days")}>
            <Input
              className={s.grace}
              inputMode="numeric"
              value={draft.grace_days}
              onChange={(_, d) => onChange({ ...draft, grace_days: d.value })}
            />
          </Field>
        </div>
      ) : (
        <Text size={200} className={s.termHint}>
          The licenses stay in force until you remove, lower or suspend them.
        </Text>
      )}
    </div>
  );
}

// A row's term fields, opened by "Change term": what Update licenses sends for it, or Keep the term to close them.
export function TermEditor({
  name,
  draft,
  refusals,
  onChange,
  onKeep,
}: {
  name: string; // the plan's
  draft: TermDraft;
  refusals: TermErrors | undefined;
  onChange: (draft: TermDraft) => void;
  onKeep: () => void;
}) {
  const s = useDealLicenseStyles();
  return (
    <div className={s.termEditor} role="group" aria-label={`Term of ${name}`}>
      <Text weight="semibold">Term of {name}</Text>
      <TermFields draft={draft} refusals={refusals} onChange={onChange} focusOnMount />
      <div>
        <Button appearance="subtle" onClick={onKeep}>
          Keep the current term
        </Button>
      </div>
    </div>
  );
}
