// Audit log of one deal: the deal, its invitations and its licenses (GET /api/v1/events?subject=deals/<id>).
import { AuditLog } from "../../components/AuditLog";
import { Section } from "../../components/layout";
import { useDeal } from "./context";

export function DealAuditPage() {
  const { deal } = useDeal();
  return (
    <Section title="Audit log">
      <AuditLog subject={`deals/${deal.id}`} />
    </Section>
  );
}
