#include "check/runtime.hpp"

#include <algorithm>

#include "common/crypto.hpp"
#include "common/log.hpp"

namespace seatkeeper::check {

Runtime::Runtime(store::Store& store, const crypto::MasterKeys& master_keys, RuntimeOptions options)
    : store_(store),
      master_keys_(master_keys),
      options_(std::move(options)),
      activity_(store, options_.activity),
      index_(store, now_millis, &activity_),
      keys_(store, master_keys, options_.token_ttl_ms + kRetiredKeyMarginMs) {}

Runtime::~Runtime() { stop(); }

Status Runtime::open() {
    SK_RETURN_IF_ERROR(ensure_signing_key(store_, master_keys_));
    SK_RETURN_IF_ERROR(index_.load());
    SK_RETURN_IF_ERROR(keys_.reload());
    const IndexStats stats = index_.stats();
    log::info("check index loaded", {{"cursor", stats.cursor},
                                     {"service_ids", stats.services},
                                     {"tenants", stats.tenants},
                                     {"seats", stats.seats},
                                     {"signing_key", keys_.active_kid()}});
    return Status::Ok();
}

void Runtime::start() {
    {
        const MutexLock lock(poller_mutex_);
        stopping_ = false;
    }
    if (!poller_.joinable()) poller_ = std::thread([this] { poll(); });
    if (options_.listen && !listener_.joinable()) {
        if (auto changes = store_.listen()) {
            listener_ = std::thread([this, changes = std::move(changes)] { listen(*changes); });
        }
    }
    activity_.start();
}

void Runtime::stop() {
    {
        const MutexLock lock(poller_mutex_);
        stopping_ = true;
    }
    poller_wake_.notify_all();
    if (poller_.joinable()) poller_.join();
    if (listener_.joinable()) listener_.join();
    activity_.stop();
}

void Runtime::listen(store::ChangeListener& changes) {
    while (true) {
        {
            const MutexLock lock(poller_mutex_);
            if (stopping_) return;
        }
        // A commit of any node wakes this at once; the poller stays, for the notifications a broken listening
        // connection misses (and for SQLite, which has none).
        if (changes.wait(kListenSliceMs)) {
            (void)catch_up();
            if (on_change_) on_change_();
        }
    }
}

Status Runtime::catch_up() {
    // Catch-ups asked for at once collapse into one: a caller is covered by any catch-up that began after it
    // asked, since everything the caller committed before asking is then in that one's read.
    const std::uint64_t ticket = asked_.fetch_add(1, std::memory_order_acq_rel) + 1;
    const MutexLock serial(catch_up_mutex_);
    if (covered_ >= ticket) return Status::Ok();
    const std::uint64_t covering = asked_.load(std::memory_order_acquire);
    bool keys_changed = false;
    bool credentials_changed = false;
    // A type this build does not know might be either: refresh both rather than miss a revocation.
    auto read = index_.catch_up([&](std::optional<domain::EventType> type) {
        if (!type) {
            keys_changed = true;
            credentials_changed = true;
            return;
        }
        const domain::EventFamily family = domain::family_of(*type);
        keys_changed = keys_changed || family == domain::EventFamily::kSigningKey;
        credentials_changed = credentials_changed || family == domain::EventFamily::kApiKey;
    });
    if (!read.ok()) return read.status();
    if (credentials_changed) credentials_.clear();
    if (keys_changed) SK_RETURN_IF_ERROR(keys_.reload());
    covered_ = covering;
    return Status::Ok();
}

void Runtime::poll() {
    bool failing = false;
    MutexLock lock(poller_mutex_);
    while (true) {
        const auto next = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.refresh_ms);
        while (!stopping_ && std::chrono::steady_clock::now() < next) lock.wait_until(poller_wake_, next);
        if (stopping_) break;
        lock.unlock();
        const Status s = catch_up();
        // One line when the feed stops and one when it is back, not one every refresh.
        if (!s.ok() && !failing) {
            log::warn("check index cannot catch up; answers may be stale",
                      {{"cursor", index_.cursor()}, {"detail", s.log_detail().empty() ? s.message() : s.log_detail()}});
        } else if (s.ok() && failing) {
            log::info("check index caught up again", {{"cursor", index_.cursor()}});
        }
        failing = !s.ok();
        lock.lock();
    }
}

Result<IssuedToken> Runtime::issue_token(const TokenRequest& request) const {
    const Answer answer = index_.check(request.publisher_id, request.tenant_id, request.upn, request.service_id);
    // A signed "denied" for a service ID that isn't the caller's would still be a statement made in our name
    // about another publisher's plan: refuse instead (the check itself answers unknown_service_id).
    if (answer.reason == Reason::kUnknownServiceId) {
        return Status::Invalid("service_id", "unknown",
                               "service_id names no plan of your publisher; tokens are issued only for your own plans");
    }
    const Millis now = now_millis();
    const std::int64_t issued_at = now / 1000;
    std::int64_t expires = issued_at + options_.token_ttl_ms / 1000;
    // Never past the licenses' term and grace (issue 14); at least a second, so that the token is well formed.
    if (answer.valid_until != 0) expires = std::max(issued_at + 1, std::min(expires, answer.valid_until / 1000));
    boost::json::object claims{
        {"iss", options_.issuer},
        {"pub", request.publisher_id},
        {"aud", request.service_id},
        {"sub", request.upn},
        {"tid", request.tenant_id},
        {"plan", answer.plan_id.empty() ? boost::json::value(nullptr) : boost::json::value(answer.plan_id.view())},
        {"result", to_string(answer.result)},
        {"reason", to_string(answer.reason)},
        {"iat", issued_at},
        {"exp", expires},
        {"jti", crypto::random_token(16)},
    };
    if (request.nonce) claims["nonce"] = *request.nonce;
    SK_ASSIGN_OR_RETURN(std::string token, keys_.sign(claims));
    return IssuedToken{std::move(token), expires * 1000, answer};
}

}  // namespace seatkeeper::check
