// The events an endpoint receives, chosen from the catalogue (GET /api/v1/event-types): "All events", then each
// family with a box for all of it (its `family.*` pattern, so types added to it later come too) and, behind a
// disclosure, a box per type with what it means. The logic is lib/eventPatterns.ts.
import { Button, Caption1, Checkbox, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { ChevronDownRegular, ChevronRightRegular } from "@fluentui/react-icons";
import { useId, useState } from "react";
import type { EventTypeInfo } from "../../api/types";
import {
  ALL_EVENTS,
  familyState,
  groupByFamily,
  isSelected,
  toggleAll,
  type EventFamily,
  toggleFamily,
  toggleType,
} from "../../lib/eventPatterns";

const useStyles = makeStyles({
  fieldset: { border: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalS, minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold },
  family: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    margin: 0,
    padding: `0 ${tokens.spacingHorizontalS} ${tokens.spacingVerticalXS}`,
    minWidth: 0,
    display: "grid",
    justifyItems: "start",
  },
  familyLegend: { padding: 0 },
  closed: { display: "none" },
  types: {
    justifySelf: "stretch",
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(240px, 1fr))",
    paddingLeft: tokens.spacingHorizontalXL,
    "@media (max-width: 600px)": { paddingLeft: tokens.spacingHorizontalS },
  },
  type: { display: "grid", minWidth: 0 },
  code: { fontFamily: tokens.fontFamilyMonospace, wordBreak: "break-all" },
  description: { color: tokens.colorNeutralForeground3, paddingLeft: "36px" },
  error: { color: tokens.colorPaletteRedForeground1 },
});

function TypeBox({
  info,
  checked,
  onToggle,
}: {
  info: EventTypeInfo;
  checked: boolean;
  onToggle: () => void;
}) {
  const s = useStyles();
  const descriptionId = useId();
  return (
    <div className={s.type}>
      <Checkbox
        checked={checked}
        onChange={onToggle}
        label={<span className={s.code}>{info.type}</span>}
        aria-describedby={descriptionId}
      />
      <Caption1 id={descriptionId} className={s.description}>
        payload: {info.payload_schema_name}
      </Caption1>
    </div>
  );
}

// A family: its box, and its types' boxes behind a disclosure (open at first when some are chosen one by one).
function FamilyBoxes({
  family,
  families,
  value,
  onChange,
}: {
  family: EventFamily;
  families: readonly EventFamily[];
  value: readonly string[];
  onChange: (events: string[]) => void;
}) {
  const s = useStyles();
  const typesId = useId();
  const state = familyState(value, family);
  const [open, setOpen] = useState(state === "mixed");
  const n = family.types.length;
  return (
    <fieldset className={s.family}>
      <legend className={s.familyLegend}>
        <Checkbox
          checked={state}
          onChange={() => onChange(toggleFamily(value, families, family.family))}
          label={`All ${family.family} events (${family.family}.*)`}
        />
      </legend>
      <Button
        appearance="subtle"
        size="small"
        icon={open ? <ChevronDownRegular /> : <ChevronRightRegular />}
        aria-expanded={open}
        aria-controls={typesId}
        onClick={() => setOpen((o) => !o)}
      >
        {n === 1
          ? `${open ? "Hide" : "Show"} the ${family.family} type`
          : `${open ? "Hide" : "Choose among"} the ${n} ${family.family} types`}
      </Button>
      <div id={typesId} className={mergeClasses(s.types, !open && s.closed)}>
        {family.types.map((t) => (
          <TypeBox
            key={t.type}
            info={t}
            checked={isSelected(value, t.type)}
            onToggle={() => onChange(toggleType(value, families, t.type))}
          />
        ))}
      </div>
    </fieldset>
  );
}

export function EventPicker({
  catalogue,
  value,
  onChange,
  error,
}: {
  catalogue: readonly EventTypeInfo[];
  value: readonly string[];
  onChange: (events: string[]) => void;
  error?: string;
}) {
  const s = useStyles();
  const errorId = useId();
  const families = groupByFamily(catalogue);
  const known = new Set([ALL_EVENTS, ...families.flatMap((f) => [`${f.family}.*`, ...f.types.map((t) => t.type)])]);
  const unknown = value.filter((p) => !known.has(p));
  const all = value.includes(ALL_EVENTS);
  return (
    <fieldset className={s.fieldset} aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
      <legend className={s.legend}>Events</legend>
      <Checkbox
        checked={all}
        onChange={() => onChange(toggleAll(value))}
        label="All events, including types added later"
      />
      {families.map((f) => (
        <FamilyBoxes key={f.family} family={f} families={families} value={value} onChange={onChange} />
      ))}
      {unknown.length > 0 && (
        <Text>
          Also receives <span className={s.code}>{unknown.join(", ")}</span> (set through the API).
        </Text>
      )}
      {error && (
        <Text id={errorId} className={s.error} role="alert">
          {error}
        </Text>
      )}
    </fieldset>
  );
}
