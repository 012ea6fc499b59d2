// HTTP/1.1 request framing: arbitrary bytes read by Beast's request_parser<string_body> the way the session
// in http/server.cpp reads them (header limit from ServerOptions; no body limit until the header is in, then
// the route's limit, and a declared Content-Length over it refused before the body is read; requests after
// one another on a kept-alive connection, from one buffer), each parsed request turned into our Request by
// http::to_request and read by the handlers' accessors.
//
// Input: byte 0 picks the route's body limit, byte 1 the size of each read from the "socket"; the rest is
// what the client sends. Properties: a body read is within the route's limit and as long as a
// Content-Length says; the Request has every header field, names lowercased,
// the first of a name answering header(); path and query put together are the target; the bearer
// credential is what follows "Bearer ".
#include <algorithm>
#include <array>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstring>
#include <string>

#include "common/text.hpp"
#include "fuzz_check.hpp"
#include "http/server.hpp"
#include "http/wire.hpp"

namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
using seatkeeper::http::Request;

constexpr std::array<std::size_t, 5> kBodyLimits{0, 1, 64, 4096, std::size_t{1} << 20};
constexpr std::array<std::size_t, 5> kReadSizes{1, 7, 64, 512, 65536};
constexpr int kMaxRequestsPerConnection = 16;

// The client's bytes, handed out one read at a time.
class Socket {
public:
    Socket(std::string_view bytes, std::size_t read_size) : bytes_(bytes), read_size_(read_size) {}

    // Appends the next read to `buffer`; false at the end of the stream.
    bool read_into(beast::flat_buffer& buffer) {
        if (bytes_.empty()) return false;
        const std::size_t n = std::min(read_size_, bytes_.size());
        const auto space = buffer.prepare(n);
        std::memcpy(space.data(), bytes_.data(), n);
        buffer.commit(n);
        bytes_.remove_prefix(n);
        return true;
    }

private:
    std::string_view bytes_;
    std::size_t read_size_;
};

// Beast's read_some loop (boost/beast/http/impl/read.hpp): parse what is buffered, read more while the parser
// needs more, until `done` says the phase is over or an error (end_of_stream when nothing came at all).
template <typename Done>
beast::error_code read_until(Socket& socket, beast::flat_buffer& buffer,
                             bhttp::request_parser<bhttp::string_body>& parser, Done done) {
    beast::error_code ec;
    while (!done()) {
        if (buffer.size() > 0) {
            const std::size_t used = parser.put(buffer.data(), ec);
            buffer.consume(used);
            if (ec && ec != bhttp::error::need_more) return ec;
            if (!ec) continue;
        }
        ec = {};
        if (!socket.read_into(buffer)) {
            if (!parser.got_some()) return bhttp::error::end_of_stream;
            parser.put_eof(ec);
            if (ec) return ec;
            FUZZ_CHECK(parser.is_done());
        }
    }
    return {};
}

void check_request(const bhttp::request<bhttp::string_body>& wire, const Request& request) {
    FUZZ_CHECK(request.method == wire.method_string());
    FUZZ_CHECK(request.target == wire.target());
    FUZZ_CHECK((request.query.empty() && request.target.find('?') == std::string::npos
                    ? request.path
                    : request.path + "?" + request.query) == request.target);
    std::size_t fields = 0;
    for (const auto& field : wire) {
        const std::string name = seatkeeper::text::ascii_lower(field.name_string());
        FUZZ_CHECK(request.headers.at(fields).first == name);
        FUZZ_CHECK(request.headers.at(fields).second == field.value());
        ++fields;
    }
    FUZZ_CHECK(request.headers.size() == fields);
    for (const auto& [name, value] : request.headers) {
        FUZZ_CHECK(seatkeeper::text::ascii_lower(name) == name);
        FUZZ_CHECK(request.header(name).has_value());
    }
    if (wire.begin() != wire.end()) {
        const auto& first = *wire.begin();
        FUZZ_CHECK(request.header(seatkeeper::text::ascii_lower(first.name_string())) == first.value());
    }

    (void)request.cookie("sk_session");
    (void)request.query_param("limit");
    const auto bearer = request.bearer_credential();
    if (const auto authorization = request.header("authorization");
        authorization && authorization->starts_with("Bearer ")) {
        FUZZ_CHECK(bearer.ok() && **bearer == authorization->substr(7));
    } else {
        FUZZ_CHECK(!bearer.ok() || !bearer->has_value());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::size_t limit = kBodyLimits[data[0] % kBodyLimits.size()];
    const std::size_t header_limit = seatkeeper::http::ServerOptions{}.header_limit;
    Socket socket(seatkeeper::fuzz::as_text(data + 2, size - 2), kReadSizes[data[1] % kReadSizes.size()]);
    beast::flat_buffer buffer;

    for (int n = 0; n < kMaxRequestsPerConnection; ++n) {
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(header_limit));
        parser.body_limit(boost::none);
        parser.eager(false);  // as async_read_header sets it
        if (read_until(socket, buffer, parser, [&] { return parser.is_header_done(); })) return 0;

        // async_read, which reads the rest, parses eagerly: as much as the buffer holds at each put.
        parser.eager(true);
        parser.body_limit(limit);
        const auto declared = parser.content_length();
        if (declared && *declared > limit) return 0;  // 413, and the session closes
        if (read_until(socket, buffer, parser, [&] { return parser.is_done(); })) return 0;

        auto wire = parser.release();
        FUZZ_CHECK(wire.body().size() <= limit);
        if (declared) FUZZ_CHECK(wire.body().size() == *declared);
        const bool keep_alive = wire.keep_alive();
        const bhttp::request<bhttp::string_body> copy = wire;
        const Request request = seatkeeper::http::to_request(std::move(wire), "192.0.2.1");
        check_request(copy, request);
        if (!keep_alive) break;
    }
    return 0;
}
