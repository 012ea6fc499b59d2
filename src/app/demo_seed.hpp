// `seatkeeper demo-seed`: a realistic demo through the same use cases the API runs — publishers with
// users and offers in every lifecycle state (live, preview, needs attention, draft), plans, packages and a
// lead. Idempotent: a second run finds the demo publisher and changes nothing.
#pragma once

#include <ostream>

#include "service/context.hpp"

namespace seatkeeper::app {

Status demo_seed(service::Services& services, std::ostream& out);

}  // namespace seatkeeper::app
