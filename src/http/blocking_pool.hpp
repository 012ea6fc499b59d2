// BlockingPool: the bounded executor for request work that may block — database transactions (and their
// waits for a lock), password hashing, DNS lookups, CSV imports — so that the I/O threads only read, route and
// write, and answer from memory what memory can answer (the runtime check, tokens, JWKS, health, the web UI's
// files). DESIGN.md "The execution model"; docs/architecture.md "Threads".
//
// `run(fn)` is awaited by a session coroutine on its I/O thread: `fn` runs on one of the pool's threads, and
// the coroutine resumes on its own I/O thread with what `fn` returned. At most `max_pending` calls are queued
// or running at once; one more is refused at once (nullopt, `fn` not run) so the server answers 503 with
// Retry-After instead of growing an unbounded backlog.
//
// Thread-safety: run() may be called from any thread; stop() from the owner, after the I/O threads stopped.
#pragma once

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstddef>
#include <optional>
#include <type_traits>

namespace seatkeeper::http {

class BlockingPool {
public:
    BlockingPool(int threads, std::size_t max_pending)
        : pool_(static_cast<std::size_t>(threads)), max_pending_(max_pending) {}
    ~BlockingPool() { stop(); }
    BlockingPool(const BlockingPool&) = delete;
    BlockingPool& operator=(const BlockingPool&) = delete;

    template <typename Fn>
    boost::asio::awaitable<std::optional<std::invoke_result_t<Fn&>>> run(Fn fn) {
        using Out = std::invoke_result_t<Fn&>;
        if (pending_.fetch_add(1, std::memory_order_relaxed) >= max_pending_) {
            pending_.fetch_sub(1, std::memory_order_relaxed);
            co_return std::nullopt;
        }
        const Pending pending{pending_};
        co_return co_await boost::asio::co_spawn(
            pool_, [&fn]() -> boost::asio::awaitable<Out> { co_return fn(); }, boost::asio::use_awaitable);
    }

    // Drops what has not started, waits for what runs.
    void stop() {
        pool_.stop();
        pool_.join();
    }
    [[nodiscard]] std::size_t pending() const { return pending_.load(std::memory_order_relaxed); }

private:
    struct Pending {
        explicit Pending(std::atomic<std::size_t>& c) : count(c) {}
        ~Pending() { count.fetch_sub(1, std::memory_order_relaxed); }
        Pending(const Pending&) = delete;
        Pending& operator=(const Pending&) = delete;
        std::atomic<std::size_t>& count;
    };

    boost::asio::thread_pool pool_;
    std::size_t max_pending_;
    std::atomic<std::size_t> pending_{0};
};

}  // namespace seatkeeper::http
