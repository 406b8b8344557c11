#include "api_support.h"

namespace fossa::server::test {

const Api& api() {
  static const Api instance(builtin_knowledge_base());
  return instance;
}

}  // namespace fossa::server::test
