#include "support/child_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;  // NOLINT(readability-redundant-declaration): posix_spawn wants it, unistd.h may not say it

namespace seatkeeper::testing {

ChildProcess::ChildProcess(std::vector<std::string> args, const std::string& output_file) {
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    if (!output_file.empty()) {
        posix_spawn_file_actions_addopen(&actions, 1, output_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
    }
    const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        pid_ = -1;
        throw std::runtime_error("cannot start " + args.front());
    }
}

void ChildProcess::wait_until(const std::function<bool()>& ready, const std::string& what, const std::string& hint) {
    for (int i = 0; i < 300; ++i) {
        if (ready()) return;
        if (exited()) throw std::runtime_error(what + " exited at start; " + hint);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error(what + " did not start within 30 s");
}

bool ChildProcess::exited() {
    if (pid_ <= 0) return true;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) != pid_) return false;
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return true;
}

int ChildProcess::wait(std::chrono::milliseconds within) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (!exited()) {
        if (std::chrono::steady_clock::now() > deadline) {
            kill();
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return exit_code_;
}

void ChildProcess::stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 100; ++i) {
        if (exited()) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill();
}

void ChildProcess::kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_code_ = -1;
}

Completed run_to_end(std::vector<std::string> args, std::chrono::milliseconds within) {
    std::string output_file = (std::filesystem::temp_directory_path() / "seatkeeper-run-XXXXXX").string();
    const int fd = ::mkstemp(output_file.data());
    if (fd < 0) throw std::runtime_error("mkstemp failed");
    ::close(fd);
    Completed completed;
    try {
        ChildProcess child(std::move(args), output_file);
        completed.exit_code = child.wait(within);
    } catch (...) {
        std::filesystem::remove(output_file);
        throw;
    }
    std::ostringstream output;
    output << std::ifstream(output_file).rdbuf();
    completed.output = output.str();
    std::filesystem::remove(output_file);
    return completed;
}

}  // namespace seatkeeper::testing
