import { describe, expect, it } from "vitest";
import { endpointState, eventIdError, expectingAttempt, lastAnswer, webhookUrlError } from "./webhooks";

describe("lastAnswer: what the endpoint last said", () => {
  it.each([
    [{ last_status_code: 500, last_error: null }, "HTTP 500"],
    [{ last_status_code: 410, last_error: "Gone for good" }, "HTTP 410: Gone for good"],
    [{ last_status_code: 500, last_error: "HTTP 500 from 127.0.0.1" }, "HTTP 500 from 127.0.0.1"], // said once
    [{ last_status_code: null, last_error: "connection refused" }, "connection refused"],
    [{ last_status_code: null, last_error: null }, "—"],
    [{ last_status_code: 204, last_error: "" }, "HTTP 204"],
  ])("%j → %s", (delivery, text) => {
    expect(lastAnswer(delivery)).toBe(text);
  });
});

describe("endpointState", () => {
  it("says why the server disabled an endpoint", () => {
    expect(
      endpointState({ enabled: false, disabled_reason: "Disabled after 20 failed deliveries", consecutive_failures: 20 }),
    ).toEqual({ label: "Disabled", color: "danger", detail: "Disabled after 20 failed deliveries" });
  });
  it("names an admin when no reason is given", () => {
    expect(endpointState({ enabled: false, disabled_reason: null, consecutive_failures: 0 }).detail).toBe(
      "Disabled by an admin.",
    );
  });
  it("warns while deliveries fail, counting them", () => {
    expect(endpointState({ enabled: true, disabled_reason: null, consecutive_failures: 1 })).toEqual({
      label: "Failing",
      color: "warning",
      detail: "The last delivery failed.",
    });
    expect(endpointState({ enabled: true, disabled_reason: null, consecutive_failures: 3 }).detail).toBe(
      "The last 3 deliveries failed.",
    );
  });
  it("is enabled otherwise", () => {
    expect(endpointState({ enabled: true, disabled_reason: null, consecutive_failures: 0 }).label).toBe("Enabled");
  });
});

describe("webhookUrlError", () => {
  it.each([
    ["https://hooks.example/seatkeeper", null],
    ["  http://127.0.0.1:9000/hook  ", null],
    ["", "Endpoint URL is required"],
    ["hooks.example/seatkeeper", "Enter the whole URL, starting with https://"],
    ["ftp://hooks.example/", "Use an https:// (or http://) URL"],
    ["https://me:secret@hooks.example/", "Don't put a user name or password in the URL"],
    ["https://hooks.example/#x", "A webhook URL can't have a #fragment"],
  ])("%j → %j", (url, error) => {
    expect(webhookUrlError(url)).toBe(error);
  });
});

describe("expectingAttempt: whether the deliveries page follows itself", () => {
  const now = Date.parse("2027-03-15T12:00:00Z");
  it.each([
    [[{ status: "pending", next_attempt_at: null }], true],
    [[{ status: "failed", next_attempt_at: "2027-03-15T12:00:30Z" }], true], // the retry is due in 30 s
    [[{ status: "failed", next_attempt_at: "2027-03-15T11:59:00Z" }], true], // overdue: any moment now
    [[{ status: "failed", next_attempt_at: "2027-03-15T14:00:00Z" }], false], // hours away
    [[{ status: "succeeded", next_attempt_at: null }, { status: "dead", next_attempt_at: null }], false],
    [[], false],
  ] as const)("%j → %s", (deliveries, expected) => {
    expect(expectingAttempt(deliveries, now)).toBe(expected);
  });
});

describe("eventIdError: where a replay starts", () => {
  it.each([
    ["42", null],
    [" 0 ", null],
    ["", "Enter an event ID"],
    ["evt_42", "An event ID is a number, as a delivery shows it (0 replays every event)"],
    ["-1", "An event ID is a number, as a delivery shows it (0 replays every event)"],
  ])("%j → %j", (text, error) => {
    expect(eventIdError(text)).toBe(error);
  });
});
