// The JSON Schema of every event payload kind, as docs/openapi.yaml gives it (`EventType`'s x-payload-schemas),
// compiled into the binary by cmake/event_schemas.py: a JSON object from schema name to a self-contained schema.
#pragma once

#include <string_view>

namespace seatkeeper::http {

std::string_view event_payload_schemas_json();

}  // namespace seatkeeper::http
