#include "http/wire.hpp"

#include <gtest/gtest.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>

namespace seatkeeper::http {
namespace {

namespace bhttp = boost::beast::http;

Request parsed(std::string_view wire) {
    bhttp::request_parser<bhttp::string_body> parser;
    boost::beast::error_code ec;
    parser.eager(true);
    parser.put(boost::asio::buffer(wire.data(), wire.size()), ec);
    EXPECT_FALSE(ec) << ec.message();
    EXPECT_TRUE(parser.is_done());
    return to_request(parser.release(), "192.0.2.1");
}

TEST(ToRequest, SplitsTheTargetAndLowercasesHeaderNames) {
    const Request r = parsed(
        "POST /api/v1/offers?limit=5 HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: abc\r\nContent-Length: 2\r\n\r\n{}");
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.target, "/api/v1/offers?limit=5");
    EXPECT_EQ(r.path, "/api/v1/offers");
    EXPECT_EQ(r.query, "limit=5");
    EXPECT_EQ(r.header("x-request-id"), "abc");
    EXPECT_EQ(r.header("host"), "localhost");
    EXPECT_EQ(r.body, "{}");
    EXPECT_EQ(r.remote_address, "192.0.2.1");
}

TEST(ToRequest, KeepsRepeatedHeadersInOrder) {
    const Request r = parsed("GET / HTTP/1.1\r\nCookie: a=1\r\ncookie: b=2\r\n\r\n");
    ASSERT_EQ(r.headers.size(), 2U);
    EXPECT_EQ(r.header("cookie"), "a=1");
    EXPECT_EQ(r.headers[1], std::make_pair(std::string("cookie"), std::string("b=2")));
}

}  // namespace
}  // namespace seatkeeper::http
