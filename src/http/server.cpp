#include "http/server.hpp"

#include <array>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast.hpp>
#include <thread>
#include <vector>

#include "common/log.hpp"
#include "http/problem.hpp"

namespace seatkeeper::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kPollStep = std::chrono::milliseconds(250);
constexpr auto kLingerTime = std::chrono::milliseconds(500);
constexpr std::size_t kLingerBytes = 64U << 20;

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

asio::awaitable<void> session(tcp::socket socket, Api& api, ServerOptions options) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    std::string remote;
    beast::error_code ec;
    const auto endpoint = stream.socket().remote_endpoint(ec);
    if (!ec) remote = endpoint.address().to_string();
    const auto timeout = std::chrono::seconds(options.read_timeout_seconds);

    while (true) {
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
        // No limit while the header is read: Beast would refuse a Content-Length over its limit before the
        // route is known. The route's own limit is set (and a declared length checked) once the header is in.
        parser.body_limit(boost::none);
        stream.expires_after(timeout);
        co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        std::optional<Response> early;
        if (ec) {
            early = parse_failure(ec, buffer);
            if (!early) co_return;
        } else {
            const auto& header = parser.get();
            const std::size_t limit =
                api.max_body(std::string_view(header.method_string()), std::string_view(header.target()));
            parser.body_limit(limit);
            if (parser.content_length() && *parser.content_length() > limit) {
                early = protocol_problem(
                    413, "the request body is larger than the " + std::to_string(limit) + " bytes this route accepts");
            } else {
                const auto expect = header[bhttp::field::expect];
                if (beast::iequals(expect, "100-continue")) {
                    bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, header.version()};
                    co_await bhttp::async_write(stream, cont, asio::redirect_error(asio::use_awaitable, ec));
                    if (ec) co_return;
                }
                co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
                if (ec) {
                    early = parse_failure(ec, buffer);
                    if (!early) co_return;
                }
            }
        }

        if (early) {
            // Errors found before the API: answer, then close (the stream position is unknown).
            Response r = api.protocol_error(std::move(*early), remote);
            r.set_header("Connection", "close");
            auto res = to_wire(r, 11, false);
            stream.expires_after(timeout);
            co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
            stream.socket().shutdown(tcp::socket::shutdown_send, ec);
            // Lingering close: read and drop what the client is still sending (the body we refused) for a
            // moment, so that closing with unread data doesn't reset the connection before the client has
            // read our answer.
            stream.expires_after(kLingerTime);
            std::array<char, 16384> discard{};
            std::size_t drained = 0;
            while (!ec && drained < kLingerBytes) {
                drained += co_await stream.async_read_some(asio::buffer(discard),
                                                           asio::redirect_error(asio::use_awaitable, ec));
            }
            co_return;
        }

        auto req = parser.release();
        Request request;
        request.method = std::string(req.method_string());
        request.target = std::string(req.target());
        std::tie(request.path, request.query) = split_target(request.target);
        for (const auto& field : req) {
            std::string name(field.name_string());
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            request.headers.emplace_back(std::move(name), std::string(field.value()));
        }
        request.body = std::move(req.body());
        request.remote_address = remote;

        Response response = api.handle(request);
        if (response.poll_until) {
            // Long-poll: ask again until something arrives or the first answer's deadline passes.
            const Millis deadline = *response.poll_until;
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
                response = api.handle(request);
            }
        }
        const bool keep_alive = req.keep_alive();
        auto res = to_wire(response, req.version(), keep_alive);
        if (req.method() == bhttp::verb::head) res.body().clear();
        stream.expires_after(timeout);
        co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
        if (ec || !res.keep_alive()) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, Api& api, ServerOptions options) {
    while (true) {
        beast::error_code ec;
        tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
        if (ec) continue;
        asio::co_spawn(acceptor.get_executor(), session(std::move(socket), api, options),
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

}  // namespace

struct Server::Impl {
    Api& api;
    ServerOptions options;
    std::vector<std::unique_ptr<asio::io_context>> contexts;
    std::vector<std::unique_ptr<tcp::acceptor>> acceptors;
    std::vector<std::thread> threads;
    std::uint16_t bound_port = 0;
};

Server::Server(Api& api, ServerOptions options)
    : impl_(std::make_unique<Impl>(Impl{api, std::move(options), {}, {}, {}, 0})) {}

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
        asio::co_spawn(*ioc, accept_loop(*acceptor, s.api, s.options), asio::detached);
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
    s.threads.clear();
    s.acceptors.clear();
    s.contexts.clear();
}

std::uint16_t Server::port() const { return impl_->bound_port; }

}  // namespace seatkeeper::http
