// A real SMTP server for mail tests: tests/support/smtp_sink.py (Debian's python3-aiosmtpd) as a child process
// on 127.0.0.1, writing each message it accepts to a JSON file in its own temporary directory.
//
// The constructor returns once the port accepts connections (or throws std::runtime_error, e.g. when
// python3-aiosmtpd is missing); the destructor stops the process (SIGTERM, then waits for it) and removes
// the directory. A recipient whose local part starts with "refuse" is refused with 550.
//
// Thread-safety: const members may be called from any thread; construction and destruction from one.
#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "support/child_process.hpp"

namespace seatkeeper::testing {

class SmtpSink {
public:
    // `port` 0 picks a free one. `login` ("user:password") makes the sink offer AUTH and accept only that.
    explicit SmtpSink(int port = 0, std::string login = {});
    ~SmtpSink();
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

    // Every message received so far, oldest first: {mail_from, rcpt_tos, login, raw, headers{Name: decoded
    // value}, content_type, charset, body (decoded text), defects[]} as Python's e-mail parser read it.
    [[nodiscard]] std::vector<boost::json::object> messages() const;
    // Waits until at least `count` messages arrived (or `timeout` passed) and returns them all.
    [[nodiscard]] std::vector<boost::json::object> wait_for_messages(
        std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(30)) const;

    // A TCP port on 127.0.0.1 that nothing listened on a moment ago: where a sink can start later.
    static int free_port();

private:
    std::filesystem::path dir_;
    int port_ = 0;
    std::unique_ptr<ChildProcess> process_;
};

}  // namespace seatkeeper::testing
