// Get it now: a tenant's global or billing admin installs the app into an environment of their organization
// (POST /api/v1/tenant/installations); the install then shows in the Admin Center's Installations. Who may install,
// and what others are told, is TenantActionDialog's.
import { Field, Input, Text } from "@fluentui/react-components";
import { useState } from "react";
import { adminApi } from "../api/admin";
import type { MarketplaceOffer } from "../api/types";
import { Refusal, useNotify } from "../components/feedback";
import { mapError } from "../lib/problem";
import { TenantActionDialog } from "./TenantActionDialog";

export function GetItNowDialog({ product, primary }: { product: MarketplaceOffer; primary: boolean }) {
  const notify = useNotify();
  const [environment, setEnvironment] = useState("Production");
  const [error, setError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);

  const install = async () => {
    if (!environment.trim()) {
      setError("Enter the environment to install into");
      return;
    }
    setError(undefined);
    setMessage(null);
    try {
      const result = await adminApi.install(product.id, environment.trim());
      notify.success(`${product.name} installed`, `In the environment ${result.environment}.`);
      return { title: "Installed", text: `${product.name} is installed in ${result.environment}. See it under` };
    } catch (err) {
      const mapped = mapError(err, ["environment"] as const);
      setError(mapped.fieldErrors.environment);
      setMessage(mapped.message);
    }
  };

  return (
    <TenantActionDialog
      label="Get it now"
      appearance={primary ? "primary" : "secondary"}
      title={`Get ${product.name}`}
      action="install"
      signIn={
        `Sign in with your organization's admin account (a global or billing admin) to install ${product.name}. ` +
        `You come back here afterwards.`
      }
      forCustomers="Get it now is for customers"
      adminDoes="installs apps from the Marketplace"
      adminsCan="install apps"
      preview={
        product.preview
          ? `${product.name} is in preview: it can be installed once it is live in the Marketplace.`
          : null
      }
      adminPage={{ to: "/admin/installations", name: "Installations" }}
      submitLabel="Install"
      busyLabel="Installing…"
      onOpen={() => {
        setError(undefined);
        setMessage(null);
      }}
      onSubmit={install}
    >
      <Text>
        Install {product.name} by {product.publisher_name} for your organization.
        {product.license_management &&
          " People need a license to use it; your licenses and their assignments are in the Admin Center."}
      </Text>
      {message && <Refusal>{message}</Refusal>}
      <Field label="Environment" required hint="The environment of your organization to install into" validationMessage={error}>
        <Input id="environment" value={environment} onChange={(_, d) => setEnvironment(d.value)} maxLength={100} />
      </Field>
    </TenantActionDialog>
  );
}
