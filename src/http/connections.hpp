// Connections: the server's open connections, counted in total and per client address, so that neither one
// client nor many can take every file descriptor (issue 11, finding 4; docs/operations.md "Connections").
//
// A new connection is admitted while there is room; past `max_total`, the idle connections (waiting for a
// request, oldest first) are closed to make room, and only when none is idle is the new one refused. Past
// `max_per_address` connections from one address the new one is refused (trusted reverse proxies are not
// counted per address: every client behind them shares their address). When accept() runs out of
// descriptors (EMFILE/ENFILE), the server closes idle connections through close_idle() and backs off.
//
// Each admitted connection holds a Ticket; the session marks it idle while it waits for a request and busy
// while it reads, handles and answers one; dropping the Ticket forgets the connection. Closing is asked of the
// connection's own closer, which must hand the close to the connection's I/O thread (it is called on the
// thread that admits or backs off).
//
// Thread-safety: every member may be called from any thread. Admission and release take a mutex; marking a
// connection idle or busy, done for every request, touches only the connection's own atomics.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "common/mutex.hpp"

namespace seatkeeper::http {

class Connections {
public:
    using Closer = std::function<void()>;

    struct Limits {
        std::size_t max_total = 0;        // 0: no cap
        std::size_t max_per_address = 0;  // 0: no cap
    };

    enum class Refusal { kNone, kTooManyFromAddress, kFull };

    struct Entry;

    class Ticket {
    public:
        Ticket() = default;
        ~Ticket();
        Ticket(Ticket&& other) noexcept = default;
        Ticket& operator=(Ticket&& other) noexcept;
        Ticket(const Ticket&) = delete;
        Ticket& operator=(const Ticket&) = delete;

        // Idle: waiting for the first byte of a request (a new or kept-alive connection), so closable.
        void set_idle(bool idle) const;
        [[nodiscard]] explicit operator bool() const { return entry_ != nullptr; }

    private:
        friend class Connections;
        Ticket(Connections* owner, std::shared_ptr<Entry> entry) : owner_(owner), entry_(std::move(entry)) {}
        Connections* owner_ = nullptr;
        std::shared_ptr<Entry> entry_;
    };

    struct Admission {
        Ticket ticket;  // empty when refused
        Refusal refusal = Refusal::kNone;
    };

    explicit Connections(Limits limits) : limits_(limits) {}
    Connections(const Connections&) = delete;
    Connections& operator=(const Connections&) = delete;

    // `counted_per_address` is false for trusted proxies. The new connection starts idle.
    Admission admit(const std::string& address, bool counted_per_address, Closer close);
    // Asks up to `n` idle connections, oldest first, to close; returns how many were asked.
    std::size_t close_idle(std::size_t n);
    [[nodiscard]] std::size_t size() const;
    [[nodiscard]] std::size_t from(const std::string& address) const;
    // Connections idle and not yet asked to close.
    [[nodiscard]] std::size_t idle() const;
    [[nodiscard]] const Limits& limits() const { return limits_; }

private:
    void release(const Entry& entry);
    std::size_t close_idle_locked(std::size_t n) SK_REQUIRES(mutex_);

    const Limits limits_;
    mutable Mutex mutex_;
    std::unordered_map<std::uint64_t, std::shared_ptr<Entry>> entries_ SK_GUARDED_BY(mutex_);  // by Entry::id
    std::unordered_map<std::string, std::size_t> per_address_ SK_GUARDED_BY(mutex_);
    std::uint64_t next_id_ SK_GUARDED_BY(mutex_) = 1;
    std::atomic<std::uint64_t> clock_{1};  // orders Entry::idle_since
};

struct Connections::Entry {
    std::uint64_t id = 0;
    std::string address;
    bool counted_per_address = true;
    Closer close;
    // Guarded by Connections::mutex_ (a nested struct's member cannot name it for the analysis): asked once only.
    bool close_asked = false;
    std::atomic<bool> idle{true};              // set by the session, without the mutex
    std::atomic<std::uint64_t> idle_since{0};  // from Connections::clock_: smaller is older
};

}  // namespace seatkeeper::http
