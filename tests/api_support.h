// The HTTP API over the built-in knowledge base, shared by the server, OpenAPI and CDS Hooks tests
// (routes are called without sockets).
#pragma once

#include "server/api.h"

namespace fossa::server::test {

// Built once, on first use.
const Api& api();

}  // namespace fossa::server::test
