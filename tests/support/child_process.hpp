// A helper process of a test (the SMTP sink, the DNS server, a `seatkeeper serve`): started with posix_spawn
// without the test's own descriptors (the server's listener, the database), and stopped with SIGTERM, then
// SIGKILL after 5 s — or killed outright, to test what a crash leaves behind.
//
// Thread-safety: one thread owns a ChildProcess.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

namespace seatkeeper::testing {

class ChildProcess {
public:
    // Throws std::runtime_error when args[0] cannot be started. With `output_file`, its stdout and stderr go
    // there (created or emptied) instead of the test's.
    explicit ChildProcess(std::vector<std::string> args, const std::string& output_file = {});
    ~ChildProcess() { stop(); }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // Returns once `ready()` holds, polling for up to 30 s (a loaded machine starts Python slowly). Throws
    // std::runtime_error naming `what` when the process exits first ("… exited at start; `hint`") or the
    // time passes.
    void wait_until(const std::function<bool()>& ready, const std::string& what, const std::string& hint);
    // Whether it has exited (reaping it then).
    [[nodiscard]] bool exited();
    void stop();
    // SIGKILL at once, as a crash or the OOM killer would, and reaps it: no handler or destructor runs.
    void kill();

private:
    pid_t pid_ = -1;
};

}  // namespace seatkeeper::testing
