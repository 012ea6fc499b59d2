#include "data/mail.hpp"

namespace seatkeeper::data::mail {

namespace {

using store::Query;

constexpr Query kInsertMail{"mail.insert",
                            "INSERT INTO mails (id, publisher_id, tenant_id, to_address, subject, body, state, "
                            "attempts, created_at, updated_at, secret_body) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)"};
constexpr Query kFindMailToSend{
    "mail.find_to_send",
    "SELECT id, to_address, subject, body, state, created_at, secret_body FROM mails WHERE id = ?"};
constexpr Query kRecordAttempt{"mail.record_attempt",
                               "UPDATE mails SET state = ?, attempts = ?, last_error = COALESCE(?, last_error), "
                               "updated_at = ?, sent_at = ? WHERE id = ? AND state = ?"};
constexpr Query kListMails{"mail.list",
                           "SELECT id, to_address, subject, state, attempts, last_error, created_at, "
                           "sent_at FROM mails WHERE publisher_id = ? AND (? = '' OR state = ?) AND "
                           "(? = 0 OR created_at < ? OR (created_at = ? AND id > ?)) "
                           "ORDER BY created_at DESC, id LIMIT ?"};

}  // namespace

void insert_mail(store::Transaction& tx, const NewMail& mail) {
    tx.execute(kInsertMail, {mail.id, store::optional_text(mail.publisher_id), store::optional_text(mail.tenant_id),
                             mail.to, mail.subject, mail.body, mail.state, mail.created_at, mail.created_at,
                             std::int64_t{mail.secret_body ? 1 : 0}});
}

std::optional<MailToSendRow> find_mail_to_send(store::Transaction& tx, const std::string& mail_id) {
    const auto r = tx.query_one(kFindMailToSend, {mail_id});
    if (!r) return std::nullopt;
    return MailToSendRow{r->text(0), r->text(1), r->text(2), r->text(3), r->text(4), r->integer(5), r->boolean(6)};
}

void record_attempt(store::Transaction& tx, const std::string& mail_id, std::string_view only_in_state,
                    std::string_view state, std::int64_t attempts, const std::optional<std::string>& error,
                    std::optional<Millis> sent_at, Millis now) {
    tx.execute(kRecordAttempt,
               {std::string(state), attempts, store::optional_text(error), now,
                sent_at ? store::Value{*sent_at} : store::null_value(), mail_id, std::string(only_in_state)});
}

std::vector<MailRow> list_mails(store::Transaction& tx, const std::string& publisher_id, const MailListQuery& query) {
    std::vector<MailRow> out;
    for (const auto& r :
         tx.query(kListMails, {publisher_id, query.state, query.state, std::int64_t{query.after_present ? 1 : 0},
                               query.after_created_at, query.after_created_at, query.after_id, query.limit})) {
        out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.integer(4), r.optional_text(5), r.integer(6),
                       r.optional_integer(7)});
    }
    return out;
}

}  // namespace seatkeeper::data::mail
