// The durable mail outbox: every mail Seatkeeper sends is a row in `mails`, sent by a `send_mail` job.
//
// A use case that wants a mail (a consent invitation, …) calls enqueue_mail inside its own transaction: the
// mail row and its job commit with the change or not at all, so a mail exists exactly when the change does,
// and a rolled-back change leaves neither. The worker then sends it through SMTP (mail/smtp.hpp):
//
//   pending ─sent→ sent
//      ├─ a failure worth retrying → pending again, after settings.mail_retry's back-off
//      ├─ the last allowed attempt failed, or the server refused the mail for good (5xx) → failed
//      └─ no SMTP configured (smtp.url empty) → kept: stays in the outbox, logged with its body (unless the
//         body is secret), never sent
//
// The row is the truth about the mail; the job only drives it. Sending is at least once: a worker that dies
// after the server accepted the mail but before `sent` is written sends it again when the job's lease
// expires (with the same Message-ID, so a receiver can tell).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "data/mail.hpp"
#include "service/job_queue.hpp"
#include "service/page.hpp"

namespace seatkeeper::service {

struct OutgoingMail {
    std::string to;                           // one plain addr-spec, e.g. "ada@fabrikam.example"
    std::string subject;                      // UTF-8, one line
    std::string body;                         // text/plain, UTF-8
    std::optional<std::string> publisher_id;  // whose outbox shows it (GET /api/v1/mails)
    std::optional<std::string> tenant_id;
    bool secret_body = false;  // the body is a credential (a password reset link): never logged
};

// Refuses, with Invalid naming the field ("to", "subject", "body"), an address that is not a plain addr-spec,
// a subject with a line break or other control character, text that is not UTF-8, or an oversized mail
// (mail/message.hpp has the rules). Use cases may call it before opening their transaction.
Status validate_outgoing_mail(const OutgoingMail& mail);

// Validates `mail`, then writes it (state pending) and its send_mail job in `tx`. Returns the mail's id
// ("mail_…"). A refused mail writes nothing; the caller returns the Status, which rolls its change back.
[[nodiscard]] Result<std::string> enqueue_mail(store::Transaction& tx, const OutgoingMail& mail);

// The send_mail job (jobs/worker.cpp): one sending attempt of the mail in job.payload["mail_id"]. Ok when
// the mail reached a final state (sent, kept, failed); Unavailable when the attempt failed and another may
// work, so that the worker schedules it with settings.mail_retry.
Status run_send_mail_job(Services& services, const Job& job);

// The newest 1000 mails of the principal's publisher, newest first, optionally only those in `state`.
// Global admins only. Bodies are left out: they may carry invitation links, which are credentials.
Result<Page<data::MailRow>> list_mails(Services& services, const Principal& principal, const std::string& state,
                                       const PageQuery& page);

}  // namespace seatkeeper::service
