// A helper process of a test (the SMTP sink, the DNS server, a `seatkeeper serve`): started with posix_spawn
// without the test's own descriptors (the server's listener, the database), and stopped with SIGTERM, then
// SIGKILL after 5 s — or killed outright, to test what a crash leaves behind. run_to_end() runs one to its end
// instead (a script, a command-line tool) and hands back its exit code and output.
//
// Thread-safety: one thread owns a ChildProcess.
#pragma once

#include <sys/types.h>

#include <chrono>
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
    // Waits for it to exit, SIGKILL after `within`: its exit code, or -1 when a signal ended it.
    int wait(std::chrono::milliseconds within);
    void stop();
    // SIGKILL at once, as a crash or the OOM killer would, and reaps it: no handler or destructor runs.
    void kill();

private:
    pid_t pid_ = -1;
    int exit_code_ = -1;  // once reaped
};

struct Completed {
    int exit_code = -1;  // -1: a signal ended it, or it was killed after `within`
    std::string output;  // stdout and stderr together
};
// Runs `args` (args[0] a path) to its end, killed after `within`. Throws std::runtime_error when it cannot start.
Completed run_to_end(std::vector<std::string> args, std::chrono::milliseconds within = std::chrono::minutes(2));

}  // namespace seatkeeper::testing
