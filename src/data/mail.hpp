// The mail repository: the outbox (`mails`), one row per mail Seatkeeper sends (service/mail.hpp). See
// data/seats.hpp for what a repository is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "store/store.hpp"

namespace seatkeeper::data {

struct NewMail {
    std::string id;
    std::optional<std::string> publisher_id;
    std::optional<std::string> tenant_id;
    std::string to;
    std::string subject;
    std::string body;
    std::string state;
    bool secret_body = false;
    Millis created_at = 0;
};

// What sending a mail reads.
struct MailToSendRow {
    std::string id;
    std::string to;
    std::string subject;
    std::string body;
    std::string state;
    Millis created_at = 0;
    bool secret_body = false;
};

// A mail as the outbox lists it: without its body, which may carry a credential.
struct MailRow {
    std::string id;
    std::string to;
    std::string subject;
    std::string state;  // pending, sent, kept, failed
    std::int64_t attempts = 0;
    std::optional<std::string> last_error;
    Millis created_at = 0;
    std::optional<Millis> sent_at;
};

// One page of a publisher's outbox, newest first by (created_at DESC, id).
struct MailListQuery {
    std::string state;  // only mails in this state; empty: all
    // The (created_at, id) of the previous page's last mail, when there is a previous page.
    bool after_present = false;
    Millis after_created_at = 0;
    std::string after_id;
    std::int64_t limit = 0;
};

namespace mail {

void insert_mail(store::Transaction& tx, const NewMail& mail);
std::optional<MailToSendRow> find_mail_to_send(store::Transaction& tx, const std::string& mail_id);
// Records an attempt's outcome if the mail is still in `only_in_state`: its new state and attempts, the error
// (nullopt keeps the last one) and, when `sent_at` is set, when it was sent.
void record_attempt(store::Transaction& tx, const std::string& mail_id, std::string_view only_in_state,
                    std::string_view state, std::int64_t attempts, const std::optional<std::string>& error,
                    std::optional<Millis> sent_at, Millis now);
std::vector<MailRow> list_mails(store::Transaction& tx, const std::string& publisher_id, const MailListQuery& query);

}  // namespace mail
}  // namespace seatkeeper::data
