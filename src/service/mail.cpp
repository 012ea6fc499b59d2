#include "service/mail.hpp"

#include "common/crypto.hpp"
#include "common/log.hpp"
#include "data/mail.hpp"
#include "mail/message.hpp"
#include "mail/smtp.hpp"

namespace seatkeeper::service {

namespace {

constexpr std::string_view kPending = "pending";

Result<std::optional<data::MailToSendRow>> load_mail(Services& services, const std::string& mail_id) {
    return store::in_transaction(services.store(), store::TxMode::kRead,
                                 [&](store::Transaction& tx) -> Result<std::optional<data::MailToSendRow>> {
                                     return data::mail::find_mail_to_send(tx, mail_id);
                                 });
}

// Records the outcome of one attempt; only a pending mail changes, so a repeated job cannot undo a result.
Status record_attempt(Services& services, const std::string& mail_id, std::string_view state, std::int64_t attempts,
                      const std::optional<std::string>& error) {
    return store::in_transaction(services.store(), store::TxMode::kWrite, [&](store::Transaction& tx) -> Status {
        const Millis now = now_millis();
        data::mail::record_attempt(tx, mail_id, kPending, state, attempts, error,
                                   state == "sent" ? std::optional<Millis>(now) : std::nullopt, now);
        return Status::Ok();
    });
}

}  // namespace

Status validate_outgoing_mail(const OutgoingMail& mail) {
    SK_RETURN_IF_ERROR(mail::validate_address("to", mail.to));
    SK_RETURN_IF_ERROR(mail::validate_subject("subject", mail.subject));
    SK_RETURN_IF_ERROR(mail::validate_body("body", mail.body));
    return Status::Ok();
}

Result<std::string> enqueue_mail(store::Transaction& tx, const OutgoingMail& mail) {
    SK_RETURN_IF_ERROR(validate_outgoing_mail(mail));
    const std::string id = "mail_" + crypto::random_token(12);
    const Millis now = now_millis();
    data::mail::insert_mail(tx, {id, mail.publisher_id, mail.tenant_id, mail.to, mail.subject, mail.body,
                                 std::string(kPending), mail.secret_body, now});
    enqueue_job(tx, kJobSendMail, mail.publisher_id.value_or(""), "mails/" + id, boost::json::object{{"mail_id", id}},
                now);
    return id;
}

Status run_send_mail_job(Services& services, const Job& job) {
    const auto* id_value = job.payload.if_contains("mail_id");
    if (id_value == nullptr || !id_value->is_string()) return Status::Internal("send_mail job without mail_id");
    const std::string mail_id(id_value->as_string());
    SK_ASSIGN_OR_RETURN(const auto found, load_mail(services, mail_id));
    // Gone or no longer pending: an earlier run of this job got as far as recording the outcome.
    if (!found || found->state != kPending) return Status::Ok();
    const data::MailToSendRow& m = *found;
    const mail::SmtpSettings& smtp = services.settings().smtp;

    if (!smtp.configured()) {
        SK_RETURN_IF_ERROR(record_attempt(services, m.id, "kept", job.attempts, std::nullopt));
        // A developer's way to read mails without an SMTP server, but never a credential (invitation links,
        // sign-up codes, reset links): run a local SMTP sink for those (docs/operations.md, Mail).
        log::info("mail kept", {{"mail_id", m.id},
                                {"to", m.to},
                                {"subject", m.subject},
                                {"body", m.secret_body ? std::string("(withheld: it holds a credential)") : m.body},
                                {"reason", "smtp.url is not set; the mail stays in the outbox unsent"}});
        return Status::Ok();
    }

    const std::string message =
        mail::compose({smtp.from, m.to, m.subject, m.body, mail::message_id(m.id, smtp.from), m.created_at});
    const Status sent = mail::send_smtp(smtp, m.to, message);
    if (sent.ok()) {
        SK_RETURN_IF_ERROR(record_attempt(services, m.id, "sent", job.attempts, std::nullopt));
        log::info("mail sent", {{"mail_id", m.id}, {"attempt", job.attempts}});
        return Status::Ok();
    }

    const bool refused_for_good = sent.code() == StatusCode::kInvalid;
    const bool last_attempt = job.attempts >= services.settings().mail_retry.max_attempts;
    const bool give_up = refused_for_good || last_attempt;
    SK_RETURN_IF_ERROR(record_attempt(services, m.id, give_up ? "failed" : kPending, job.attempts, sent.message()));
    log::warn(give_up ? "mail failed" : "mail not sent yet",
              {{"mail_id", m.id}, {"attempt", job.attempts}, {"error", sent.message()}, {"detail", sent.log_detail()}});
    // A refusal is this job's result, not its failure: there is nothing left to retry.
    if (refused_for_good) return Status::Ok();
    return Status::Unavailable(sent.message(), sent.log_detail());
}

Result<Page<data::MailRow>> list_mails(Services& services, const Principal& principal, const std::string& state,
                                       const PageQuery& page) {
    SK_RETURN_IF_ERROR(require(principal, domain::Permission::kReadMail));
    if (!state.empty() && state != "pending" && state != "sent" && state != "kept" && state != "failed") {
        return Status::Invalid("state", "one_of", "state must be pending, sent, kept or failed");
    }
    SK_ASSIGN_OR_RETURN(const Keyset after, parse_keyset(page.cursor));
    return store::in_transaction(
        services.store(), store::TxMode::kRead, [&](store::Transaction& tx) -> Result<Page<data::MailRow>> {
            Page<data::MailRow> out;
            out.items = data::mail::list_mails(
                tx, principal.publisher_id,
                {state, after.present, after.created_at, after.id, static_cast<std::int64_t>(page.limit + 1)});
            if (out.items.size() > page.limit) {
                out.items.pop_back();
                out.next_cursor = keyset_cursor(out.items.back().created_at, out.items.back().id);
            }
            return out;
        });
}

}  // namespace seatkeeper::service
