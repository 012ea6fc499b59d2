// The HTTP/1.1 server: Beast on Asio C++20 coroutines, one io_context per I/O thread, each with its own
// acceptor on the same port (SO_REUSEPORT), so nothing is shared between threads on the request path.
//
// The I/O threads read, route and write; they answer on the spot only what memory can answer
// (Route::in_memory: the runtime check and tokens with a cached API key, the JWKS, health, metrics, the web
// UI's files). Everything else — database work, password hashing, DNS lookups — runs on a BlockingPool of
// `workers` threads, at most `max_pending_requests` at a time, the rest answered 503 with Retry-After
// (docs/architecture.md "Threads"). Connections are capped in total and per client address, idle ones
// closed first to make room, and accept() backs off when the process runs out of file descriptors
// (http/connections.hpp).
//
// Every read has a timeout; a body over the route's limit gets 413, an over-long request line 414 and
// oversized headers 431 before the connection closes; `end_of_stream` is a normal close; whatever a session
// coroutine throws is logged and ends that session only.
//
// Thread-safety: start() (once) and stop() from the owning thread; the Api is called from every I/O thread and
// every pool thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "http/api.hpp"

namespace seatkeeper::http {

struct ServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;                      // 0 picks a free port (tests)
    int threads = 2;                                // I/O threads
    int workers = 8;                                // BlockingPool threads: database work, password hashing
    std::size_t max_pending_requests = 1024;        // queued or running on the pool; more → 503
    std::size_t max_connections = 0;                // 0: the open-files limit less a reserve (raised to its hard limit)
    std::size_t max_connections_per_address = 512;  // 0: no cap; trusted proxies are not capped
    std::size_t header_limit = std::size_t{16} * 1024;
    int read_timeout_seconds = 30;
};

class Server {
public:
    Server(Api& api, ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and starts serving on background threads; throws std::runtime_error when it cannot bind.
    void start();
    void stop();
    [[nodiscard]] std::uint16_t port() const;
    // The cap on open connections in force (max_connections, or what was derived from the open-files limit).
    [[nodiscard]] std::size_t max_connections() const;
    // Open connections, and those of them idle (waiting for a request); requests queued or running on the pool.
    [[nodiscard]] std::size_t open_connections() const;
    [[nodiscard]] std::size_t idle_connections() const;
    [[nodiscard]] std::size_t pending_requests() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace seatkeeper::http
