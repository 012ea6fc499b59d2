// Add an endpoint, or edit one: its URL, a description and the events it receives (EventPicker). Adding answers
// with the signing secret, which the dialog then shows once (SecretShown) until Done.
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
  Text,
  makeStyles,
  tokens,
  type ButtonProps,
} from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import type { WebhooksApi } from "../../api/webhooks";
import type { Webhook, WebhookWithSecret } from "../../api/types";
import { eventsError } from "../../lib/eventPatterns";
import { mapError, type FieldErrors } from "../../lib/problem";
import { webhookUrlError } from "../../lib/webhooks";
import { LoadError, Loading, Refusal, useNotify } from "../feedback";
import { useLoad } from "../hooks";
import { EventPicker } from "./EventPicker";
import { SecretShown } from "./SecretShown";

const useStyles = makeStyles({
  content: { display: "grid", gap: tokens.spacingVerticalM },
  url: { fontFamily: tokens.fontFamilyMonospace },
});

type FieldName = "url" | "description" | "events";
const FIELDS: readonly FieldName[] = ["url", "description", "events"];

export function EndpointDialog({
  api,
  endpoint,
  onSaved,
  label,
  icon,
  appearance,
}: {
  api: WebhooksApi;
  endpoint?: Webhook; // absent: a new endpoint
  onSaved: (endpoint: Webhook) => void;
  label: string;
  icon?: ButtonProps["icon"];
  appearance?: ButtonProps["appearance"];
}) {
  const s = useStyles();
  const notify = useNotify();
  const catalogue = useLoad((signal) => api.eventTypes(signal), "event-types");
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors<FieldName>>({});
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<WebhookWithSecret | null>(null);

  const reset = () => {
    setUrl(endpoint?.url ?? "");
    setDescription(endpoint?.description ?? "");
    setEvents(endpoint?.events ?? []);
    setErrors({});
    setRefused(null);
    setCreated(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: FieldErrors<FieldName> = {};
    const urlProblem = webhookUrlError(url);
    const eventsProblem = eventsError(events);
    if (urlProblem) local.url = urlProblem;
    if (eventsProblem) local.events = eventsProblem;
    setErrors(local);
    setRefused(null);
    if (urlProblem || eventsProblem) return;
    setBusy(true);
    try {
      if (endpoint) {
        const saved = await api.update(endpoint.id, { url: url.trim(), description: description.trim(), events });
        notify.success("Endpoint saved");
        onSaved(saved);
        setOpen(false);
      } else {
        const saved = await api.create({ url: url.trim(), description: description.trim(), events });
        setCreated(saved);
        onSaved(saved);
      }
    } catch (error) {
      const mapped = mapError(error, FIELDS);
      setErrors(mapped.fieldErrors);
      setRefused(mapped.message);
    } finally {
      setBusy(false);
    }
  };

  const fieldState = (name: FieldName) => ({
    validationMessage: errors[name],
    validationState: errors[name] ? ("error" as const) : ("none" as const),
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(_, d) => {
        setOpen(d.open);
        if (d.open) reset();
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button appearance={appearance} icon={icon}>
          {label}
        </Button>
      </DialogTrigger>
      <DialogSurface aria-describedby={undefined}>
        {created ? (
          <DialogBody>
            <DialogTitle>Endpoint added</DialogTitle>
            <DialogContent className={s.content}>
              <Text>
                Events are sent to <span className={s.url}>{created.url}</span>.
              </Text>
              {created.secret ? (
                <SecretShown secret={created.secret} title="Signing secret" />
              ) : (
                <Text>
                  Its secret was shown when it was first added; if nobody kept it, rotate the secret on the
                  endpoint's page.
                </Text>
              )}
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="primary">Done</Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        ) : (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <DialogBody>
              <DialogTitle>{endpoint ? "Edit endpoint" : "Add endpoint"}</DialogTitle>
              <DialogContent className={s.content}>
                {refused && <Refusal title={endpoint ? "Couldn't save the endpoint" : "Couldn't add the endpoint"}>{refused}</Refusal>}
                <Field
                  label="Endpoint URL"
                  required
                  hint="Seatkeeper POSTs each event here as JSON, signed with the endpoint's secret."
                  {...fieldState("url")}
                >
                  <Input
                    type="url"
                    value={url}
                    placeholder="https://example.com/seatkeeper/events"
                    onChange={(_, d) => {
                      setUrl(d.value);
                      setErrors((x) => ({ ...x, url: undefined }));
                    }}
                  />
                </Field>
                <Field label="Description" hint="What receives the events, for the people who read this list." {...fieldState("description")}>
                  <Input value={description} onChange={(_, d) => setDescription(d.value)} />
                </Field>
                {catalogue.error ? (
                  <LoadError error={catalogue.error} retry={catalogue.reload} />
                ) : !catalogue.data ? (
                  <Loading label="Loading the event types…" />
                ) : (
                  <EventPicker
                    catalogue={catalogue.data.items}
                    value={events}
                    onChange={(next) => {
                      setEvents(next);
                      setErrors((x) => ({ ...x, events: undefined }));
                    }}
                    error={errors.events}
                  />
                )}
              </DialogContent>
              <DialogActions>
                <DialogTrigger disableButtonEnhancement>
                  <Button appearance="secondary" disabled={busy}>
                    Cancel
                  </Button>
                </DialogTrigger>
                <Button type="submit" appearance="primary" disabled={busy || !catalogue.data}>
                  {busy ? "Saving…" : endpoint ? "Save" : "Add endpoint"}
                </Button>
              </DialogActions>
            </DialogBody>
          </form>
        )}
      </DialogSurface>
    </Dialog>
  );
}
