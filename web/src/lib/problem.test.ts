import { describe, expect, it } from "vitest";
import { ApiError, errorMessage, mapError, toProblem } from "./problem";

const problemJson = "application/problem+json";

describe("toProblem", () => {
  it("reads problem+json", () => {
    const p = toProblem(
      422,
      problemJson,
      JSON.stringify({ type: "x", title: "Unprocessable Content", status: 422, detail: "Offer ID is required", field: "id", rule: "required" }),
    );
    expect(p).toEqual({ status: 422, type: "x", title: "Unprocessable Content", detail: "Offer ID is required", field: "id", rule: "required" });
  });

  it("treats an empty field as none", () => {
    expect(toProblem(409, problemJson, JSON.stringify({ detail: "d", field: "" })).field).toBeUndefined();
  });

  it("falls back to words for a body that is not JSON (a proxy's HTML page)", () => {
    expect(toProblem(502, "text/html", "<h1>Bad gateway</h1>").detail).toBe("Seatkeeper can't be reached right now.");
    expect(toProblem(418, "text/plain", "").detail).toBe("The server answered 418.");
    expect(toProblem(500, "application/json", "{not json").detail).toBe("The server answered 500.");
  });
});

describe("mapError", () => {
  const error = (field?: string) => new ApiError({ status: 422, detail: "broken", field });

  it("puts a message the form can show beside its field", () => {
    expect(mapError(error("alias"), ["id", "alias"] as const)).toEqual({ fieldErrors: { alias: "broken" }, message: null });
  });

  it("maps nested API field names through aliases", () => {
    const out = mapError(error("technical_configuration.package_url"), ["package_url"] as const, {
      "technical_configuration.package_url": "package_url",
    });
    expect(out.fieldErrors).toEqual({ package_url: "broken" });
  });

  it("leaves a field the form doesn't have for a toast", () => {
    expect(mapError(error("type"), ["id", "alias"] as const)).toEqual({ fieldErrors: {}, message: "broken" });
  });

  it("turns a network failure into words", () => {
    expect(mapError(new TypeError("Failed to fetch"), ["id"] as const).message).toBe(
      "Seatkeeper can't be reached. Check your connection and try again.",
    );
  });
});

it("errorMessage prefers the server's detail", () => {
  expect(errorMessage(new ApiError({ status: 409, detail: "The offer is already live" }))).toBe("The offer is already live");
  expect(errorMessage(new ApiError({ status: 409, title: "Conflict" }))).toBe("Conflict");
  expect(errorMessage("nope")).toBe("Something went wrong.");
});
