import { describe, expect, it } from "vitest";
import { can } from "./roles";

describe("can", () => {
  it("follows the tenant roles", () => {
    expect(can("global_admin", "manage_seats")).toBe(true);
    expect(can("global_admin", "consent")).toBe(true);
    expect(can("billing_admin", "consent")).toBe(true);
    expect(can("billing_admin", "install")).toBe(true);
    expect(can("billing_admin", "manage_seats")).toBe(false);
    expect(can("global_admin", "start_trial")).toBe(true);
    expect(can("billing_admin", "start_trial")).toBe(true);
    expect(can("license_admin", "start_trial")).toBe(false);
    expect(can("user", "start_trial")).toBe(false);
    expect(can("license_admin", "manage_seats")).toBe(true);
    expect(can("license_admin", "consent")).toBe(false);
    expect(can("user", "read")).toBe(false);
    expect(can("global_admin", "manage_access")).toBe(true);
    expect(can("billing_admin", "manage_access")).toBe(false);
    expect(can("license_admin", "manage_access")).toBe(false);
    expect(can("global_admin", "manage_webhooks")).toBe(true);
    expect(can("billing_admin", "manage_webhooks")).toBe(false);
    expect(can("license_admin", "manage_webhooks")).toBe(false);
    expect(can(undefined, "read")).toBe(false);
    expect(can("developer", "read")).toBe(false);
  });
});
