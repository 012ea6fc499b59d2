#include "http/server.hpp"

#include <sys/resource.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast.hpp>
#include <charconv>
#include <memory_resource>
#include <thread>
#include <vector>

#include "common/log.hpp"
#include "http/blocking_pool.hpp"
#include "http/connections.hpp"
#include "http/problem.hpp"
#include "http/wire.hpp"

namespace seatkeeper::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

// A long-poll looks this often whether the node has seen new events (an atomic load), and asks the API again when
// it has, or when kPollFallback has passed since it last asked.
constexpr auto kPollStep = std::chrono::milliseconds(50);
constexpr Millis kPollFallbackMs = 2'000;
constexpr auto kLingerTime = std::chrono::milliseconds(500);
constexpr std::size_t kLingerBytes = 64U << 20;
// Out of descriptors, accept() fails at once for as long as the shortage lasts: instead of spinning, the
// loop closes a few idle connections and waits, doubling the wait up to a second.
constexpr auto kFirstAcceptBackoff = std::chrono::milliseconds(10);
constexpr auto kMaxAcceptBackoff = std::chrono::milliseconds(1000);
constexpr std::size_t kIdleClosedPerShortage = 16;
constexpr auto kShortageWarningInterval = std::chrono::seconds(10);
// A refused connection is answered and dropped quickly: it holds a descriptor while it lingers.
constexpr auto kRefusalTimeout = std::chrono::seconds(2);
constexpr auto kRefusalLinger = std::chrono::milliseconds(200);
// Descriptors kept free of connections when max_connections is derived from RLIMIT_NOFILE: for the database,
// outgoing mail and package fetches, the web UI's files and the log.
constexpr std::size_t kReservedDescriptors = 128;
constexpr std::size_t kMinDerivedConnections = 16;
// The request header's fields are allocated from a per-connection arena of this size, emptied before each
// request: a usual request (a check's, say: its target, Host, Authorization and a few more) fits, so reading
// it allocates nothing; a larger one spills over to the heap.
constexpr std::size_t kHeaderArenaBytes = 4096;
// Forwarded and X-Forwarded-For headers an in-place answer takes along for its log line; more, and the request
// goes through the pipeline.
constexpr std::size_t kMaxForwardingHeaders = 4;

using HeaderAllocator = std::pmr::polymorphic_allocator<char>;
template <class Body>
using RequestParser = bhttp::request_parser<Body, HeaderAllocator>;
using RequestHeader = bhttp::request_header<bhttp::basic_fields<HeaderAllocator>>;

// What every session and accept loop of one server shares.
struct Shared {
    Api& api;
    const ServerOptions& options;
    BlockingPool& pool;
    Connections& connections;
};

bhttp::response<bhttp::string_body> to_wire(const Response& r, unsigned version, bool keep_alive) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
    res.set(bhttp::field::server, "seatkeeper");
    if (!r.body.empty() || r.status != 204) res.set(bhttp::field::content_type, r.content_type);
    for (const auto& [name, value] : r.headers) res.insert(name, value);
    res.keep_alive(keep_alive && !r.close_connection);
    res.body() = r.body;
    res.prepare_payload();
    return res;
}

// The HTTP answer of an in-place answer (Api::answer_in_place), into `out`: the bytes to_wire would give for
// the same Response after the pipeline's Identify (X-Request-Id, Cache-Control), in one buffer written at once.
void write_in_place(std::string& out, const Api::InPlaceAnswer& answer, bool keep_alive) {
    out.assign("HTTP/1.1 200 OK\r\nServer: seatkeeper\r\nContent-Type: application/json\r\nX-Request-Id: ");
    out += answer.request_id;
    if (answer.no_store) out += "\r\nCache-Control: no-store";
    if (!keep_alive) out += "\r\nConnection: close";
    out += "\r\nContent-Length: ";
    std::array<char, 24> length{};
    out.append(length.data(), std::to_chars(length.begin(), length.end(), answer.body.size()).ptr);
    out += "\r\n\r\n";
    out += answer.body;
}

// The in-place request of `header` to `route` (Api::InPlaceRequest), when the request is one: a GET of
// HTTP/1.1 without a body, to a route with an in-place answer.
std::optional<Api::InPlaceRequest> in_place_request(
    const RequestHeader& header, bool has_body, const Route* route, const std::string& peer,
    std::array<std::pair<std::string_view, std::string_view>, kMaxForwardingHeaders>& forwarding) {
    if (route == nullptr || !route->in_place || has_body || header.method() != bhttp::verb::get ||
        header.version() != 11) {
        return std::nullopt;
    }
    const std::string_view target = header.target();
    const auto q = target.find('?');
    Api::InPlaceRequest request{.route = route,
                                .path = target.substr(0, q),
                                .query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1),
                                .authorization = std::nullopt,
                                .request_id = std::nullopt,
                                .forwarding = {},
                                .peer = peer};
    std::size_t forwarded = 0;
    for (const auto& field : header) {
        const std::string_view value = field.value();
        const bool unknown = field.name() == bhttp::field::unknown;  // Beast names neither X- header below
        if (field.name() == bhttp::field::authorization) {
            if (!request.authorization) request.authorization = value;
        } else if (field.name() == bhttp::field::forwarded ||
                   (unknown && beast::iequals(field.name_string(), "x-forwarded-for"))) {
            if (forwarded == forwarding.size()) return std::nullopt;
            forwarding[forwarded++] = {unknown ? "x-forwarded-for" : "forwarded", value};
        } else if (unknown && !request.request_id && beast::iequals(field.name_string(), "x-request-id")) {
            request.request_id = value;
        }
    }
    request.forwarding = std::span(forwarding.data(), forwarded);
    return request;
}

// The answer for a parser failure, or nullopt when the client just went away.
std::optional<Response> parse_failure(const beast::error_code& ec, const beast::flat_buffer& buffer) {
    if (ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
        ec == beast::error::timeout || ec == asio::error::operation_aborted) {
        return std::nullopt;
    }
    if (ec == bhttp::error::header_limit) {
        // An over-long request line never shows its end; over-long headers do.
        const std::string_view seen(static_cast<const char*>(buffer.data().data()), buffer.size());
        if (seen.find("\r\n") == std::string_view::npos) return protocol_problem(414, "the request target is too long");
        return protocol_problem(431, "the request headers are too large");
    }
    if (ec == bhttp::error::body_limit) return protocol_problem(413, "the request body is too large for this route");
    return protocol_problem(400, "the request is not valid HTTP/1.1: " + ec.message());
}

// Writes `r` (an answer given before any route ran) and closes. Lingering close: what the client is still
// sending (a body we refused, or the request of a connection we refused) is read and dropped for a moment, so
// that closing with unread data doesn't reset the connection before the client has read our answer.
asio::awaitable<void> answer_and_close(beast::tcp_stream& stream, Response r, std::chrono::seconds timeout,
                                       std::chrono::milliseconds linger) {
    r.set_header("Connection", "close");
    auto res = to_wire(r, 11, false);
    beast::error_code ec;
    stream.expires_after(timeout);
    co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.expires_after(linger);
    std::array<char, 16384> discard{};
    std::size_t drained = 0;
    while (!ec && drained < kLingerBytes) {
        drained +=
            co_await stream.async_read_some(asio::buffer(discard), asio::redirect_error(asio::use_awaitable, ec));
    }
}

// The answer to `request`: on this I/O thread when memory can give it, else on the BlockingPool (or 503 when
// the pool is full).
asio::awaitable<Response> answer(const Shared& s, const Api::RoutePolicy& policy, const Request& request) {
    if (s.api.answers_from_memory(policy, request)) co_return s.api.handle(request);
    std::optional<Response> response = co_await s.pool.run([&s, &request] { return s.api.handle(request); });
    if (!response) co_return s.api.overloaded(request);
    co_return std::move(*response);
}

asio::awaitable<void> session(std::shared_ptr<beast::tcp_stream> connection, Connections::Ticket ticket,
                              std::string remote, const Shared& s) {
    beast::tcp_stream& stream = *connection;
    beast::flat_buffer buffer;
    beast::error_code ec;
    const ServerOptions& options = s.options;
    Api& api = s.api;
    const auto timeout = std::chrono::seconds(options.read_timeout_seconds);
    // What the connection reuses from one request to the next, so that an in-place answer allocates nothing.
    std::array<std::byte, kHeaderArenaBytes> arena_bytes{};
    std::pmr::monotonic_buffer_resource arena(arena_bytes.data(), arena_bytes.size());
    Api::InPlaceAnswer in_place;
    std::string out;
    std::array<std::pair<std::string_view, std::string_view>, kMaxForwardingHeaders> forwarding{};

    while (true) {
        arena.release();  // the last request's parser and message are gone
        // The header first, with no body type: a plain GET (the runtime check) is answered from it alone; any
        // other request moves on to a parser that reads its body into a string.
        RequestParser<bhttp::empty_body> head(std::piecewise_construct, std::make_tuple(),
                                              std::make_tuple(HeaderAllocator(&arena)));
        head.header_limit(static_cast<std::uint32_t>(options.header_limit));
        // No limit while the header is read: Beast would refuse a Content-Length over its limit before the
        // route is known. The route's own limit is set (and a declared length checked) once the header is in.
        head.body_limit(boost::none);
        stream.expires_after(timeout);
        ticket.set_idle(buffer.size() == 0);  // nothing of the next request read yet: may be closed for room
        co_await bhttp::async_read_header(stream, buffer, head, asio::redirect_error(asio::use_awaitable, ec));
        ticket.set_idle(false);
        if (ec) {
            const std::optional<Response> early = parse_failure(ec, buffer);
            if (!early) co_return;
            co_await answer_and_close(stream, api.protocol_error(*early, remote), timeout, kLingerTime);
            co_return;
        }

        const auto& header = head.get();
        const Api::RoutePolicy policy =
            api.policy(std::string_view(header.method_string()), std::string_view(header.target()));
        if (const auto request = in_place_request(header, !head.is_done(), policy.route, remote, forwarding);
            request && api.answer_in_place(*request, in_place)) {
            const bool keep_alive = header.keep_alive();
            write_in_place(out, in_place, keep_alive);
            stream.expires_after(timeout);
            co_await asio::async_write(stream, asio::buffer(out), asio::redirect_error(asio::use_awaitable, ec));
            if (ec || !keep_alive) break;
            continue;
        }

        RequestParser<bhttp::string_body> parser(std::move(head));
        std::optional<Response> early;
        const std::size_t limit = policy.max_body;
        parser.body_limit(limit);
        if (parser.content_length() && *parser.content_length() > limit) {
            early = protocol_problem(
                413, "the request body is larger than the " + std::to_string(limit) + " bytes this route accepts");
        } else {
            const auto expect = parser.get()[bhttp::field::expect];
            if (beast::iequals(expect, "100-continue")) {
                bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, parser.get().version()};
                co_await bhttp::async_write(stream, cont, asio::redirect_error(asio::use_awaitable, ec));
                if (ec) co_return;
            }
            co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
            if (ec) {
                early = parse_failure(ec, buffer);
                if (!early) co_return;
            }
        }

        if (early) {
            // Errors found before the API: answer, then close (the stream position is unknown).
            co_await answer_and_close(stream, api.protocol_error(std::move(*early), remote), timeout, kLingerTime);
            co_return;
        }

        auto req = parser.release();
        const bool keep_alive = req.keep_alive();
        const unsigned version = req.version();
        const bool head_method = req.method() == bhttp::verb::head;
        Request request = to_request(std::move(req), remote);

        std::int64_t seen = api.events_seen();  // before the ask: an event applied after it is asked for again
        Response response = co_await answer(s, policy, request);
        if (response.poll_until) {
            // Long-poll: ask again until something arrives or the first answer's deadline passes. The node's
            // index learns of every change of any node (its own at once, others' by notification or the poll), so
            // the database is asked only when it has; the fallback covers a change whose event this node's index
            // has not read yet (check.refresh_ms set long, the listener off).
            const Millis deadline = *response.poll_until;
            Millis asked_at = now_millis();
            request.request_id = [&] {
                for (const auto& [n, v] : response.headers) {
                    if (n == "X-Request-Id") return v;
                }
                return std::string();
            }();
            request.poll_repeat = true;
            asio::steady_timer timer(co_await asio::this_coro::executor);
            while (response.poll_until && now_millis() < deadline) {
                timer.expires_after(kPollStep);
                co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
                const std::int64_t now_seen = api.events_seen();
                const Millis now = now_millis();
                if (now_seen == seen && now - asked_at < kPollFallbackMs) continue;
                seen = now_seen;
                asked_at = now;
                response = co_await answer(s, policy, request);
            }
        }
        auto res = to_wire(response, version, keep_alive);
        if (head_method) res.body().clear();
        stream.expires_after(timeout);
        co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
        if (ec || !res.keep_alive()) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

bool out_of_descriptors(const beast::error_code& ec) {
    return ec == asio::error::no_descriptors || ec == boost::system::errc::too_many_files_open_in_system ||
           ec == asio::error::no_buffer_space || ec == asio::error::no_memory;
}

// A connection the Connections table did not admit: 429 (too many from its address) or 503 (no room), with
// Retry-After, finished like any other answer (request id, log, metrics), then closed.
asio::awaitable<void> refuse(std::shared_ptr<beast::tcp_stream> connection, Connections::Refusal refusal,
                             std::string remote, Api& api) {
    Response r = api.protocol_error(
        refusal == Connections::Refusal::kTooManyFromAddress
            ? protocol_problem(429, "too many connections from this address; close some, or reuse them")
            : protocol_problem(503, "the server has no room for another connection; retry in a moment"),
        remote);
    r.set_header("Retry-After", "1");
    co_await answer_and_close(*connection, std::move(r), kRefusalTimeout, kRefusalLinger);
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, const Shared& s) {
    auto backoff = kFirstAcceptBackoff;
    std::uint64_t shortages = 0;  // failed accepts since the last warning
    std::optional<std::chrono::steady_clock::time_point> warned;
    asio::steady_timer timer(acceptor.get_executor());
    while (true) {
        beast::error_code ec;
        tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
        if (ec == asio::error::connection_aborted) continue;  // the client gave up while in the backlog
        if (ec) {
            // Most often EMFILE/ENFILE: make room by closing idle connections, and wait before trying again.
            const std::size_t closed = out_of_descriptors(ec) ? s.connections.close_idle(kIdleClosedPerShortage) : 0;
            ++shortages;
            const auto now = std::chrono::steady_clock::now();
            if (!warned || now - *warned >= kShortageWarningInterval) {
                log::warn("cannot accept connections; backing off", {{"error", ec.message()},
                                                                     {"open_connections", s.connections.size()},
                                                                     {"idle_closed", closed},
                                                                     {"failed_accepts", shortages}});
                warned = now;
                shortages = 0;
            }
            timer.expires_after(backoff);
            co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            backoff = std::min(backoff * 2, kMaxAcceptBackoff);
            continue;
        }
        backoff = kFirstAcceptBackoff;

        std::string remote;
        const auto endpoint = socket.remote_endpoint(ec);
        if (!ec) remote = endpoint.address().to_string();
        auto connection = std::make_shared<beast::tcp_stream>(std::move(socket));
        // Closing an idle connection to make room is asked from any thread; it happens on the connection's own.
        auto close = [weak = std::weak_ptr<beast::tcp_stream>(connection), executor = acceptor.get_executor()] {
            asio::post(executor, [weak] {
                if (const auto c = weak.lock()) {
                    beast::error_code ignored;
                    c->socket().close(ignored);
                }
            });
        };
        Connections::Admission admission = s.connections.admit(remote, !s.api.trusted_proxy(remote), std::move(close));
        if (!admission.ticket) {
            asio::co_spawn(acceptor.get_executor(),
                           refuse(std::move(connection), admission.refusal, std::move(remote), s.api), asio::detached);
            continue;
        }
        asio::co_spawn(acceptor.get_executor(),
                       session(std::move(connection), std::move(admission.ticket), std::move(remote), s),
                       [](const std::exception_ptr& e) {
                           if (!e) return;
                           try {
                               std::rethrow_exception(e);
                           } catch (const std::exception& ex) {
                               log::error("session failed", {{"error", ex.what()}});
                           }
                       });
    }
}

// Raises the soft limit on open files to the hard one, and answers how many connections fit beside
// kReservedDescriptors.
std::size_t derived_max_connections() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024 - kReservedDescriptors;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
    }
    const auto files = static_cast<std::size_t>(std::min<rlim_t>(limit.rlim_cur, 1U << 20));
    return std::max(kMinDerivedConnections, files > kReservedDescriptors ? files - kReservedDescriptors : 0);
}

}  // namespace

struct Server::Impl {
    Impl(Api& a, ServerOptions o)
        : api(a),
          options(std::move(o)),
          pool(std::max(1, options.workers), options.max_pending_requests),
          connections({options.max_connections > 0 ? options.max_connections : derived_max_connections(),
                       options.max_connections_per_address}),
          shared{api, options, pool, connections} {}

    Api& api;
    ServerOptions options;
    BlockingPool pool;
    Connections connections;
    Shared shared;
    std::vector<std::unique_ptr<asio::io_context>> contexts;
    std::vector<std::unique_ptr<tcp::acceptor>> acceptors;
    std::vector<std::thread> threads;
    std::uint16_t bound_port = 0;
};

Server::Server(Api& api, ServerOptions options) : impl_(std::make_unique<Impl>(api, std::move(options))) {}

Server::~Server() { stop(); }

void Server::start() {
    Impl& s = *impl_;
    const int threads = std::max(1, s.options.threads);
    tcp::endpoint endpoint(asio::ip::make_address(s.options.address), s.options.port);
    for (int i = 0; i < threads; ++i) {
        auto ioc = std::make_unique<asio::io_context>(1);
        auto acceptor = std::make_unique<tcp::acceptor>(*ioc);
        acceptor->open(endpoint.protocol());
        acceptor->set_option(asio::socket_base::reuse_address(true));
        const int one = 1;
        ::setsockopt(acceptor->native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
        beast::error_code ec;
        acceptor->bind(endpoint, ec);
        if (ec)
            throw std::runtime_error("cannot listen on " + s.options.address + ":" + std::to_string(endpoint.port()) +
                                     ": " + ec.message());
        acceptor->listen(asio::socket_base::max_listen_connections);
        // With port 0 the first acceptor picks the port; the others join it.
        endpoint.port(acceptor->local_endpoint().port());
        s.bound_port = endpoint.port();
        asio::co_spawn(*ioc, accept_loop(*acceptor, s.shared), asio::detached);
        s.acceptors.push_back(std::move(acceptor));
        s.contexts.push_back(std::move(ioc));
    }
    for (auto& ioc : s.contexts) {
        s.threads.emplace_back([&ioc] { ioc->run(); });
    }
}

void Server::stop() {
    Impl& s = *impl_;
    for (std::size_t i = 0; i < s.acceptors.size(); ++i) {
        asio::post(*s.contexts[i], [&a = *s.acceptors[i]] {
            beast::error_code ec;
            a.close(ec);
        });
    }
    for (auto& ioc : s.contexts) ioc->stop();
    for (auto& t : s.threads) {
        if (t.joinable()) t.join();
    }
    // Pool work refers to requests in the sessions' frames, which live until the contexts go: finish it first.
    s.pool.stop();
    s.threads.clear();
    s.acceptors.clear();
    s.contexts.clear();
}

std::uint16_t Server::port() const { return impl_->bound_port; }

std::size_t Server::max_connections() const { return impl_->connections.limits().max_total; }
std::size_t Server::open_connections() const { return impl_->connections.size(); }
std::size_t Server::idle_connections() const { return impl_->connections.idle(); }
std::size_t Server::pending_requests() const { return impl_->pool.pending(); }

}  // namespace seatkeeper::http
