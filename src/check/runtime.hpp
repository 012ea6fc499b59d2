// Runtime: the check layer of one node (DESIGN.md "check/"): the SeatIndex, the token signing KeyRing, the
// CredentialCache of resolved API keys, and the poller that keeps them fed from the events table.
//
// `open()` makes sure a signing key exists (sealing keys stored raw, and failing when one does not open with
// the master keys), loads the index and the keys. `catch_up()` reads the events the node has not seen yet
// once, applies them to the index, reloads the keys when one of them is a `signing_key.*` event and empties
// the credential cache on an `api_key.*` one; the Api calls it after every state-changing request it
// acknowledges, the poller started by `start()` every `refresh_ms`, and on PostgreSQL a listener as soon as any
// node commits (LISTEN/NOTIFY, store.hpp "Change notifications"), so that another node's change reaches this
// node's checks in milliseconds; the poll is the fallback that bounds the staleness when notifications are lost.
// `issue_token()` answers a check and signs its outcome. The seat activity the index records
// (check/seat_activity.hpp) is flushed by a thread of its own, started and stopped with the poller (stop() flushes a
// last time).
//
// Thread-safety: everything may be called from any thread once open() has returned; start() and stop() from
// the owning thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "check/credential_cache.hpp"
#include "check/seat_activity.hpp"
#include "check/seat_index.hpp"
#include "check/signing_keys.hpp"
#include "common/clock.hpp"
#include "common/mutex.hpp"

namespace seatkeeper::check {

struct RuntimeOptions {
    Millis refresh_ms = 200;  // how often the poller looks for changes made by other processes
    bool listen = true;  // on PostgreSQL, catch up as soon as any node commits (off: the poll alone, e.g. PgBouncer)
    Millis token_ttl_ms = 300'000;                 // lifetime of a license token
    std::string issuer = "http://localhost:8080";  // the `iss` claim: the server's public URL
    SeatActivityOptions activity;                  // seat activity (issue 15): flush interval, retention
};

// Retired keys stay published this long after the token lifetime: for nodes that learn of a rotation late
// (one refresh later, or after a database hiccup) and for clocks that differ a little.
inline constexpr Millis kRetiredKeyMarginMs = 60'000;

struct TokenRequest {
    std::string publisher_id;  // the caller's
    std::string tenant_id;     // lowercase
    std::string upn;           // lowercase
    std::string service_id;
    std::optional<std::string> nonce;
};

struct IssuedToken {
    std::string token;
    Millis expires_at = 0;
    Answer answer;
};

class Runtime {
public:
    // `master_keys` opens the signing keys; it must outlive the Runtime.
    Runtime(store::Store& store, const crypto::MasterKeys& master_keys, RuntimeOptions options);
    ~Runtime();
    Runtime(const Runtime&) = delete;
    Runtime& operator=(const Runtime&) = delete;

    Status open();
    // Called (on the listener's thread) whenever a commit of any node is noticed, after the index caught up: the
    // app wakes the job worker with it. Set before start().
    void on_change(std::function<void()> callback) { on_change_ = std::move(callback); }
    void start();
    void stop();

    // Applies what changed since the last call; failures are logged and leave the cursor where it was. Calls made
    // at once (the writers of one group commit) collapse: one that began after another asked covers it.
    Status catch_up();

    [[nodiscard]] Answer check(std::string_view publisher_id, std::string_view tenant_id, std::string_view upn,
                               std::string_view service_id) const {
        return index_.check(publisher_id, tenant_id, upn, service_id);
    }
    [[nodiscard]] Result<IssuedToken> issue_token(const TokenRequest& request) const;

    [[nodiscard]] const SeatIndex& index() const { return index_; }
    [[nodiscard]] CredentialCache& credentials() { return credentials_; }
    [[nodiscard]] const KeyRing& keys() const { return keys_; }
    [[nodiscard]] const RuntimeOptions& options() const { return options_; }

    // Seat activity (issue 15): the index records each seat's first licensed answer of the day; this writes what
    // is pending now (tests, and stop), besides the flusher started with start().
    Status flush_activity() { return activity_.flush(); }
    [[nodiscard]] SeatActivity& activity() { return activity_; }

private:
    // How long the listener waits for a notification before it looks whether to stop.
    static constexpr std::int64_t kListenSliceMs = 250;
    void poll();
    // Catches up whenever another node (or this one) commits (store::Store::listen; PostgreSQL only).
    void listen(store::ChangeListener& changes);

    store::Store& store_;
    const crypto::MasterKeys& master_keys_;
    RuntimeOptions options_;
    SeatActivity activity_;  // before index_, which records into it
    SeatIndex index_;
    KeyRing keys_;
    CredentialCache credentials_;
    Mutex catch_up_mutex_;  // one catch-up at a time, so key reloads happen in event order
    // Catch-ups asked for, and how many of those the last successful one covered (Runtime::catch_up).
    std::atomic<std::uint64_t> asked_{0};
    std::uint64_t covered_ SK_GUARDED_BY(catch_up_mutex_) = 0;

    Mutex poller_mutex_;  // guards stopping_
    std::condition_variable poller_wake_;
    bool stopping_ SK_GUARDED_BY(poller_mutex_) = false;
    std::thread poller_;
    std::thread listener_;  // runs listen() when the store has a listener
    std::function<void()> on_change_;
};

}  // namespace seatkeeper::check
