// Looking up a domain's TXT records (the proof that a tenant controls a custom domain, as Microsoft 365 asks
// for one) through glibc's stub resolver, libresolv.
//
// With an empty `resolver` the system's resolvers (/etc/resolv.conf) answer; "HOST:PORT" ("127.0.0.1:5353",
// "[::1]:53" is not supported: an IPv4 address) sends the query to that server only, which is how tests use a
// local DNS server. Each lookup waits at most about 2 s per try, 2 tries.
//
// Thread-safety: lookup_txt may be called from any thread; each call has its own resolver state.
#pragma once

#include <string>
#include <vector>

#include "common/status.hpp"

namespace seatkeeper::dns {

// Invalid naming `field` unless `text` is empty or "A.B.C.D:PORT".
Status validate_resolver(const std::string& field, const std::string& text);

// The TXT records of `name`, each one's strings joined (RFC 7208 §3.3). An empty list when the name has no
// TXT records or does not exist (NXDOMAIN); Unavailable when no server answered or the answer was unreadable.
Result<std::vector<std::string>> lookup_txt(const std::string& resolver, const std::string& name);

}  // namespace seatkeeper::dns
