// Audit log of one offer: every change to it, its plans and its leads (GET /api/v1/events?subject=offers/<id>).
import { AuditLog } from "../../components/AuditLog";
import { PageHeader, Section } from "../../components/layout";
import { useOffer } from "./context";

export function AuditLogPage() {
  const { offer } = useOffer();
  return (
    <>
      <PageHeader level="h2" title="Audit log" />
      <Section>
        <AuditLog subject={`offers/${offer.id}`} />
      </Section>
    </>
  );
}
