#include "http/wire.hpp"

namespace seatkeeper::http {

template Request to_request(boost::beast::http::request<boost::beast::http::string_body>&& wire,
                            std::string remote_address);

}  // namespace seatkeeper::http
