// The HTTP/1.1 server: Beast on Asio C++20 coroutines, one io_context per thread, each with its own
// acceptor on the same port (SO_REUSEPORT), so nothing is shared between threads on the request path.
//
// Every read has a timeout; a body over the route's limit gets 413, an over-long request line 414 and
// oversized headers 431 before the connection closes; `end_of_stream` is a normal close; whatever a session
// coroutine throws is logged and ends that session only.
//
// Thread-safety: start() and stop() from the owning thread; the Api is called from every server thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "http/api.hpp"

namespace seatkeeper::http {

struct ServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;  // 0 picks a free port (tests)
    int threads = 2;
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

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace seatkeeper::http
