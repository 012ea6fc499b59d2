#include "support/file_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace seatkeeper::testing {

namespace {

constexpr std::size_t kMaxRequestHead = 16U << 10;
constexpr int kPollMs = 50;  // how often a blocked read looks whether the server is stopping
constexpr auto kClientPatience = std::chrono::seconds(5);

std::string normalized(std::string path) {
    if (path.empty() || path.front() != '/') path.insert(0, 1, '/');
    return path;
}

std::string reason(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 302:
            return "Found";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 500:
            return "Internal Server Error";
        default:
            return "Status";
    }
}

void send_all(int connection, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::send(connection, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;  // the client went away (a refused download does): nothing left to do
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

[[noreturn]] void fail(const char* what) { throw std::runtime_error(std::string(what) + ": " + std::strerror(errno)); }

}  // namespace

FileServer::FileServer() {
    std::array<int, 2> pipe_fds{};
    if (::pipe(pipe_fds.data()) != 0) fail("pipe");
    wake_read_ = pipe_fds[0];
    wake_write_ = pipe_fds[1];

    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener_ < 0) fail("socket");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) fail("bind");
    if (::listen(listener_, 16) != 0) fail("listen");
    socklen_t length = sizeof address;
    if (::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) fail("getsockname");
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { run(); });
}

FileServer::~FileServer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    const char wake = 'x';
    [[maybe_unused]] const ssize_t written = ::write(wake_write_, &wake, 1);
    if (thread_.joinable()) thread_.join();
    for (std::thread& answer : answers_) answer.join();
    ::close(listener_);
    ::close(wake_read_);
    ::close(wake_write_);
}

std::string FileServer::url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + normalized(std::string(path));
}

void FileServer::serve(std::string path, std::string body, int status, std::string content_type) {
    std::lock_guard lock(mutex_);
    routes_[normalized(std::move(path))] = Route{status, std::move(content_type), std::move(body), {}, true};
}

void FileServer::serve_unsized(std::string path, std::string body) {
    std::lock_guard lock(mutex_);
    routes_[normalized(std::move(path))] = Route{200, "application/zip", std::move(body), {}, false};
}

void FileServer::redirect(std::string path, std::string location) {
    std::lock_guard lock(mutex_);
    routes_[normalized(std::move(path))] = Route{302, "text/plain", "", std::move(location), true};
}

void FileServer::delay(std::string path, std::chrono::milliseconds d) {
    std::lock_guard lock(mutex_);
    delays_[normalized(std::move(path))] = d;
}

void FileServer::trickle(std::string path, std::string body, std::chrono::milliseconds interval) {
    std::lock_guard lock(mutex_);
    Route route{200, "application/zip", std::move(body), {}, true};
    route.trickle = std::max(interval, std::chrono::milliseconds(1));
    path = normalized(std::move(path));
    released_.erase(path);
    routes_[std::move(path)] = std::move(route);
}

void FileServer::release(std::string_view path) {
    {
        std::lock_guard lock(mutex_);
        released_.insert(normalized(std::string(path)));
    }
    changed_.notify_all();
}

void FileServer::script(std::string path, std::vector<int> statuses) {
    std::lock_guard lock(mutex_);
    scripts_[normalized(std::move(path))] = std::move(statuses);
}

std::vector<ReceivedRequest> FileServer::received(std::string_view path) const {
    std::lock_guard lock(mutex_);
    const auto it = received_.find(normalized(std::string(path)));
    return it == received_.end() ? std::vector<ReceivedRequest>{} : it->second;
}

std::size_t FileServer::requests(std::string_view path) const {
    std::lock_guard lock(mutex_);
    const auto it = requests_.find(normalized(std::string(path)));
    return it == requests_.end() ? 0 : it->second;
}

std::size_t FileServer::wait_for_requests(std::string_view path, std::size_t count,
                                          std::chrono::milliseconds timeout) const {
    const std::string key = normalized(std::string(path));
    std::unique_lock lock(mutex_);
    const auto arrived = [&] {
        const auto it = requests_.find(key);
        return it == requests_.end() ? std::size_t{0} : it->second;
    };
    changed_.wait_for(lock, timeout, [&] { return stopping_ || arrived() >= count; });
    return arrived();
}

bool FileServer::stopping() const {
    std::lock_guard lock(mutex_);
    return stopping_;
}

bool FileServer::wait(std::chrono::milliseconds d) {
    std::unique_lock lock(mutex_);
    return !changed_.wait_for(lock, d, [this] { return stopping_; });
}

bool FileServer::send_trickled(int connection, const std::string& path, std::string_view body,
                               std::chrono::milliseconds interval) {
    std::unique_lock lock(mutex_);
    while (!body.empty() && !released_.contains(path)) {
        lock.unlock();
        send_all(connection, body.substr(0, 1));
        body.remove_prefix(1);
        lock.lock();
        changed_.wait_for(lock, interval, [&] { return stopping_ || released_.contains(path); });
        if (stopping_) return false;
    }
    lock.unlock();
    send_all(connection, body);
    return true;
}

void FileServer::run() {
    while (!stopping()) {
        std::array<pollfd, 2> fds{pollfd{listener_, POLLIN, 0}, pollfd{wake_read_, POLLIN, 0}};
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        if ((fds[1].revents & POLLIN) != 0) return;
        if ((fds[0].revents & POLLIN) == 0) continue;
        const int connection = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
        if (connection < 0) continue;
        answers_.emplace_back([this, connection] {
            answer(connection);
            ::close(connection);
        });
    }
}

std::string FileServer::read_request_head(int connection) {
    std::string head;
    const auto deadline = std::chrono::steady_clock::now() + kClientPatience;
    while (head.find("\r\n\r\n") == std::string::npos) {
        if (stopping() || std::chrono::steady_clock::now() > deadline || head.size() > kMaxRequestHead) return {};
        pollfd fd{connection, POLLIN, 0};
        if (::poll(&fd, 1, kPollMs) <= 0) continue;
        std::array<char, 4096> chunk{};
        const ssize_t n = ::recv(connection, chunk.data(), chunk.size(), 0);
        if (n <= 0) return {};
        head.append(chunk.data(), static_cast<std::size_t>(n));
    }
    return head;
}

std::string FileServer::read_body(int connection, std::string already, std::size_t length) {
    const auto deadline = std::chrono::steady_clock::now() + kClientPatience;
    while (already.size() < length) {
        if (stopping() || std::chrono::steady_clock::now() > deadline) break;
        pollfd fd{connection, POLLIN, 0};
        if (::poll(&fd, 1, kPollMs) <= 0) continue;
        std::array<char, 4096> chunk{};
        const ssize_t n = ::recv(connection, chunk.data(), chunk.size(), 0);
        if (n <= 0) break;
        already.append(chunk.data(), static_cast<std::size_t>(n));
    }
    return already;
}

void FileServer::answer(int connection) {
    const std::string head = read_request_head(connection);
    // "GET /path?query HTTP/1.1": routes are keyed by the path alone.
    const auto target_start = head.find(' ');
    const auto target_end = head.find(' ', target_start + 1);
    if (target_start == std::string::npos || target_end == std::string::npos) return;
    std::string path = head.substr(target_start + 1, target_end - target_start - 1);
    path = path.substr(0, path.find('?'));

    ReceivedRequest request;
    request.method = head.substr(0, target_start);
    request.path = path;
    const auto head_end = head.find("\r\n\r\n");
    for (std::size_t line = head.find("\r\n") + 2; line < head_end;) {
        const auto next = head.find("\r\n", line);
        const std::string text = head.substr(line, next - line);
        if (const auto colon = text.find(':'); colon != std::string::npos) {
            std::string name = text.substr(0, colon);
            std::ranges::transform(name, name.begin(),
                                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            std::string value = text.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.erase(0, 1);
            request.headers[name] = value;
        }
        line = next + 2;
    }
    if (const auto it = request.headers.find("content-length"); it != request.headers.end()) {
        request.body = read_body(connection, head.substr(head_end + 4), std::stoul(it->second));
    }

    Route route;
    std::chrono::milliseconds pause{0};
    {
        std::lock_guard lock(mutex_);
        ++requests_[path];
        received_[path].push_back(request);
        if (const auto it = routes_.find(path); it != routes_.end()) {
            route = it->second;
        } else if (scripts_.contains(path)) {
            route = Route{200, "text/plain", "", {}, true};
        }
        if (const auto it = scripts_.find(path); it != scripts_.end() && !it->second.empty()) {
            route = Route{it->second.front(), "text/plain", "", {}, true};
            it->second.erase(it->second.begin());
        }
        if (const auto it = delays_.find(path); it != delays_.end()) pause = it->second;
    }
    changed_.notify_all();
    if (pause.count() > 0 && !wait(pause)) return;

    std::string response = "HTTP/1.1 " + std::to_string(route.status) + " " + reason(route.status) +
                           "\r\nContent-Type: " + route.content_type + "\r\nConnection: close\r\n";
    if (!route.location.empty()) {
        const bool absolute = route.location.find("://") != std::string::npos;
        response += "Location: " + (absolute ? route.location : url(route.location)) + "\r\n";
    }
    if (route.sized) response += "Content-Length: " + std::to_string(route.body.size()) + "\r\n";
    response += "\r\n";
    send_all(connection, response);
    if (route.trickle.count() > 0) {
        if (!send_trickled(connection, path, route.body, route.trickle)) return;
    } else {
        send_all(connection, route.body);
    }
    ::shutdown(connection, SHUT_WR);
}

}  // namespace seatkeeper::testing
