// UPNs typed or pasted (one per line, or separated by commas): parsed as they are typed, the first bad line named.
import { Field, Textarea } from "@fluentui/react-components";
import { formatNumber } from "../lib/format";
import { describeErrors, parseUpnList, type UpnList } from "./csv";

export function parseMembers(text: string, domains: readonly string[]): UpnList {
  return parseUpnList(text, domains);
}

export function MembersField({
  id,
  label,
  value,
  onChange,
  domains,
  serverError,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  domains: readonly string[];
  serverError?: string;
}) {
  const parsed = parseUpnList(value, domains);
  const local = describeErrors(parsed.errors);
  return (
    <Field
      label={label}
      hint={
        parsed.upns.length > 0
          ? `${formatNumber(parsed.upns.length)} ${parsed.upns.length === 1 ? "user" : "users"}`
          : "One user principal name per line, or separated by commas"
      }
      validationMessage={local || serverError}
    >
      <Textarea id={id} value={value} onChange={(_, d) => onChange(d.value)} rows={4} resize="vertical" />
    </Field>
  );
}
