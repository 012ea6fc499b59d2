// Manage licenses (the seed's window): Customer details, then the deal's licenses per plan with their status
// and term: "+ Add a plan" (Plans for this solution, Number of licenses or Site license, Term), change a number,
// a site license or a term, "Update licenses"; a trial's row converts it to paid licenses (Convert to paid); the trash icon removes a plan's licenses after a confirmation (the row stays as history);
// a row's menu renews, suspends or reinstates its licenses. A change that would leave fewer seats than the
// customer has assigned is refused with both numbers; the user may then force it, which unassigns the most
// recently assigned users. The parts: useDealLicenseEditor (the editing state and the calls), DealLicenseTable,
// AddDealPlan, LicenseCountFields, ConvertTrialEditor, TermFields, RemoveDealLicenseDialog, DealLicenseActionDialog, dealLicenseStyles; the rules
// without React in logic.ts and terms.ts.
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Text } from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons";
import { partnerApi } from "../../api/partner";
import { Empty, LoadError, Loading } from "../../components/feedback";
import { useInterval, useLoad } from "../../components/hooks";
import { Actions, Section } from "../../components/layout";
import { AddDealPlan } from "./AddDealPlan";
import { ConvertTrialEditor } from "./ConvertTrialEditor";
import { useDeal } from "./context";
import { CustomerDetails } from "./CustomerDetails";
import { DealLicenseActionDialog } from "./DealLicenseActionDialog";
import { DealLicenseTable } from "./DealLicenseTable";
import { addablePlans, licenseBlock } from "./logic";
import { RemoveDealLicenseDialog } from "./RemoveDealLicenseDialog";
import { TermEditor } from "./TermFields";
import { useDealLicenseEditor } from "./useDealLicenseEditor";

export function ManageLicensesPage() {
  const { deal, plans } = useDeal();
  const licenses = useLoad((signal) => partnerApi.dealLicenses(deal.id, signal), `${deal.id}:${deal.state}:${deal.tenant_id}`);
  const editor = useDealLicenseEditor(deal.id, licenses);
  // While the invitation waits, look again now and then: the customer's acceptance shows without a reload.
  useInterval(licenses.reload, 5000, licenses.data?.relationship === "invited");

  if (licenses.error && !licenses.data) return <LoadError error={licenses.error} retry={licenses.reload} />;
  if (!licenses.data) return <Loading label="Loading licenses…" />;
  const data = licenses.data;
  const blocked = licenseBlock(data);
  const rows = data.items;
  const addable = addablePlans(plans, rows, deal.plan_ids);
  const { adding, forceable, busy } = editor;
  const planLabel = (id: string) => {
    const p = plans.find((x) => x.id === id);
    return p ? `${p.name || p.id}` : id;
  };

  return (
    <>
      <CustomerDetails licenses={data} onChanged={editor.afterChange} />
      <Section title="Licenses">
        {blocked && (
          <MessageBar intent="info" layout="multiline" data-testid="licenses-blocked">
            <MessageBarBody>{blocked}</MessageBarBody>
          </MessageBar>
        )}
        {forceable && forceable.change !== null && (
          <MessageBar intent="warning" layout="multiline" data-testid="below-assigned">
            <MessageBarBody>
              <MessageBarTitle>Fewer licenses than assigned users</MessageBarTitle>
              {forceable.message}
              {forceable.change.site ? (
                <Text block>
                  Making it a site license anyway unassigns the users assigned to {planLabel(forceable.plan_id)} on
                  these licenses' seats; users of the customer's verified domains keep access through the site license,
                  others lose it at once. The customer's admin can choose whom to unassign instead.
                </Text>
              ) : (
                <Text block>
                  Updating anyway unassigns the most recently assigned users of {planLabel(forceable.plan_id)} until the
                  licenses cover them: they lose access at once. The customer's admin can choose whom to unassign
                  instead.
                </Text>
              )}
            </MessageBarBody>
            <MessageBarActions>
              <Button disabled={busy} onClick={() => void editor.update(forceable)}>
                Unassign users and update
              </Button>
              <Button appearance="subtle" onClick={editor.keepAsIs}>
                Keep as is
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {rows.length === 0 && !adding ? (
          <Empty title="No licenses on this deal yet">
            <Text>{blocked ? "" : "Select Add a plan, then enter the number of licenses and Update licenses."}</Text>
          </Empty>
        ) : (
          rows.length > 0 && <DealLicenseTable rows={rows} editor={editor} locked={blocked !== null} />
        )}
        {rows.map((r) => {
          const draft = r.active ? editor.terms[r.plan_id] : undefined;
          return (
            draft && (
              <TermEditor
                key={r.plan_id}
                name={r.plan_name || r.plan_id}
                draft={draft}
                refusals={editor.termRefusals[r.plan_id]}
                onChange={(next) => editor.setTerm(r.plan_id, next)}
                onKeep={() => editor.keepTerm(r.plan_id)}
              />
            )
          );
        })}
        {rows.map((r) => {
          const draft = r.active && r.trial ? editor.conversions[r.plan_id] : undefined;
          return (
            draft && (
              <ConvertTrialEditor
                key={r.plan_id}
                name={r.plan_name || r.plan_id}
                assigned={r.assigned}
                draft={draft}
                refusal={editor.rowErrors[r.plan_id]}
                termRefusals={editor.termRefusals[r.plan_id]}
                onChange={(next) => editor.setConversion(r.plan_id, next)}
                onKeep={() => editor.keepTrial(r.plan_id)}
              />
            )
          );
        })}
        {adding && (
          <AddDealPlan
            adding={adding}
            addable={addable}
            plans={plans}
            planError={editor.rowErrors[adding.plan_id]}
            termRefusals={editor.termRefusals[adding.plan_id]}
            onChange={editor.setAdding}
          />
        )}
        <Actions>
          <Button
            icon={<AddRegular />}
            disabled={blocked !== null || busy || adding !== null || addable.length === 0}
            onClick={editor.startAdding}
          >
            Add a plan
          </Button>
          <Button
            appearance="primary"
            disabled={blocked !== null || busy || editor.pending === 0 || editor.addError !== null || editor.anyTypedError}
            onClick={() => void editor.update()}
          >
            {busy ? "Updating…" : editor.onlyConversions ? "Convert to paid" : "Update licenses"}
          </Button>
          {!blocked && !adding && addable.length === 0 && (
            <Text size={200}>Every plan of the offer has licenses on this deal: change a number or a term to update it.</Text>
          )}
          {editor.edited && (
            <Button appearance="subtle" disabled={busy} onClick={editor.discard}>
              Discard changes
            </Button>
          )}
        </Actions>
      </Section>

      <RemoveDealLicenseDialog editor={editor} customer={data.customer?.name} />
      <DealLicenseActionDialog editor={editor} customer={data.customer?.name} />
    </>
  );
}
