// A tiny HTTP/1.1 file server on 127.0.0.1 for tests that give Seatkeeper a CRM Package URL, and a webhook
// receiver (it keeps every request's method, headers and body, and answers a script of statuses).
//
// It listens on an ephemeral port from construction until destruction and answers one request per
// connection (always `Connection: close`) from a table of paths set with serve/redirect/delay/trickle; unknown
// paths get 404. Each connection is answered on a thread of its own, so a delayed or trickled answer holds up
// no other; destruction interrupts delays and trickles and returns promptly.
//
// Thread-safety: every member function may be called from any thread while the server runs.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace seatkeeper::testing {

// A request as it arrived: header names in lowercase.
struct ReceivedRequest {
    std::string method;
    std::string path;
    std::map<std::string, std::string> headers;
    std::string body;
};

class FileServer {
public:
    FileServer();  // throws std::runtime_error when no socket can be bound
    ~FileServer();
    FileServer(const FileServer&) = delete;
    FileServer& operator=(const FileServer&) = delete;

    [[nodiscard]] int port() const { return port_; }
    // "http://127.0.0.1:PORT/path"; `path` may start with '/' or not.
    [[nodiscard]] std::string url(std::string_view path) const;

    void serve(std::string path, std::string body, int status = 200, std::string content_type = "application/zip");
    // Like serve, without Content-Length: the body ends when the connection closes, so a client learns its
    // size only while receiving it.
    void serve_unsized(std::string path, std::string body);
    // 302 to `location`, which may be absolute ("http://…", "file:///…") or a path on this server.
    void redirect(std::string path, std::string location);
    // Waits `d` before answering requests for `path`.
    void delay(std::string path, std::chrono::milliseconds d);
    // Like serve, but the body goes out one byte every `interval` until release(path), then the rest at once:
    // a package URL that keeps a download busy for as long as a test needs, however long that is.
    void trickle(std::string path, std::string body, std::chrono::milliseconds interval);
    // Lets the answers for a trickled `path`, under way and later ones, send the rest of their body at once.
    void release(std::string_view path);
    // Answers the next requests for `path` with these statuses in turn (an empty body), then as serve() says (200
    // with an empty body when it said nothing).
    void script(std::string path, std::vector<int> statuses);
    // Every request for `path` so far, in order of arrival.
    [[nodiscard]] std::vector<ReceivedRequest> received(std::string_view path) const;
    // How many requests for `path` have arrived, counted before any delay.
    [[nodiscard]] std::size_t requests(std::string_view path) const;
    // Waits until `count` requests for `path` have arrived (or `timeout` passed); returns how many did.
    std::size_t wait_for_requests(std::string_view path, std::size_t count,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(30)) const;

private:
    struct Route {
        int status = 404;
        std::string content_type = "text/plain";
        std::string body = "not found";
        std::string location;
        bool sized = true;
        std::chrono::milliseconds trickle{0};  // 0: the body at once
    };

    void run();
    void answer(int connection);
    // Reads up to the end of the request head (and what came with it); empty when the client gave up or the
    // server is stopping.
    std::string read_request_head(int connection);
    // The rest of a body of `length` bytes, after `already` of it came with the head.
    std::string read_body(int connection, std::string already, std::size_t length);
    // False when the server began stopping during the wait.
    bool wait(std::chrono::milliseconds d);
    // Sends `body` one byte every `interval` while `path` is not released; false when the server began stopping.
    bool send_trickled(int connection, const std::string& path, std::string_view body,
                       std::chrono::milliseconds interval);
    bool stopping() const;

    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;                               // stopping_, released_ or requests_ changed
    std::map<std::string, Route, std::less<>> routes_;                      // GUARDED_BY(mutex_)
    std::map<std::string, std::chrono::milliseconds, std::less<>> delays_;  // GUARDED_BY(mutex_)
    std::map<std::string, std::size_t, std::less<>> requests_;              // GUARDED_BY(mutex_)
    std::map<std::string, std::vector<int>, std::less<>> scripts_;          // GUARDED_BY(mutex_)
    std::map<std::string, std::vector<ReceivedRequest>, std::less<>> received_;  // GUARDED_BY(mutex_)
    std::set<std::string, std::less<>> released_;                                // GUARDED_BY(mutex_)
    bool stopping_ = false;                                                      // GUARDED_BY(mutex_)

    int listener_ = -1;
    int wake_read_ = -1;  // a pipe whose write end the destructor uses to interrupt poll()
    int wake_write_ = -1;
    int port_ = 0;
    std::thread thread_;                // accepts connections
    std::vector<std::thread> answers_;  // one per connection; touched by thread_ only, joined after it
};

}  // namespace seatkeeper::testing
