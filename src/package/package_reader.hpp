// Reads a solution package zip (PACKAGE.md) safely with libzip and pugixml.
//
// Safety promises, all enforced before or while decompressing, never by trusting the zip's headers alone:
// at most `max_entries` entries; no absolute paths, drive letters, backslashes or `..` components; no
// symbolic links; every entry's uncompressed size at most `max_entry_bytes` and all entries together at
// most `max_total_bytes` (counted while inflating, so a lying header cannot get past it); no entry whose
// uncompressed/compressed ratio exceeds `max_ratio`. Only the three XML files the review needs are inflated.
// Each violation becomes a Notification; nothing is written to disk. Over `max_entries` or `max_total_bytes`
// nothing more is read and the package is not readable; an unsafe entry is reported and never inflated, and
// reading goes on, so the publisher learns every problem from one review.
//
// Thread-safety: a free function with no shared state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/package.hpp"

namespace seatkeeper::package {

struct ZipLimits {
    std::size_t max_entries = 2000;
    std::uint64_t max_entry_bytes = 16ULL << 20;   // 16 MiB
    std::uint64_t max_total_bytes = 128ULL << 20;  // 128 MiB, declared sizes of all entries together
    double max_ratio = 100.0;                      // uncompressed / compressed, for entries over 64 KiB
};

// `require_service_plans`: the offer uses license management, so ServicePlans/*.xml must be present.
domain::PackageReading read_package(std::string_view zip_bytes, const ZipLimits& limits, bool require_service_plans);

}  // namespace seatkeeper::package
