// How the knowledge base holds a member that only some commands need (the free-text lexicon, the
// published figures): read on first use. The compiled knowledge base gives a function that reads
// the member from the snapshot built into the binary (src/kb/snapshot.h); one loaded from YAML
// holds it at once. A copy shares the value. Thread-safe for readers once the knowledge base is
// built.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <utility>

namespace fossa {

template <typename T>
class ReadOnFirstUse {
 public:
  ReadOnFirstUse() : state_(std::make_shared<State>()) {}

  // The value, read first when it is still to be read (once, whichever thread comes first).
  const T& get() const {
    State& state = *state_;
    if (state.read) std::call_once(state.once, [&state] { state.value = state.read(); });
    return state.value;
  }
  // The value to fill in, this holder's own (read first when it was still to be read). Not
  // thread-safe: only while the knowledge base is being built.
  T& mutable_get() {
    if (state_.use_count() > 1 || state_->read) {
      auto own = std::make_shared<State>();
      own->value = get();
      state_ = std::move(own);
    }
    return state_->value;
  }
  // get() will return what `read` returns, called at most once.
  void read_with(std::function<T()> read) {
    auto state = std::make_shared<State>();
    state->read = std::move(read);
    state_ = std::move(state);
  }

 private:
  struct State {
    std::once_flag once;
    std::function<T()> read;  // set before the knowledge base is shared, never changed after
    T value;
  };
  std::shared_ptr<State> state_;  // never null
};

}  // namespace fossa
