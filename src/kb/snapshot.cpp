// Writing and reading knowledge base snapshots (snapshot.h). One template per kind of member
// serves both directions, so writing and reading cannot drift apart: numbers and enums as their
// bytes, strings and vectors with a 32-bit count, optionals with a flag, structs field by field.
#include "kb/snapshot.h"

#include <boost/pfr/core.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <type_traits>
#include <vector>

namespace fossa::kb {
namespace {

constexpr std::string_view kMagic = "FOSSAKB\n";
constexpr uint32_t kFormat = 2;

template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};
template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <typename T>
struct IsArray : std::false_type {};
template <typename T, size_t N>
struct IsArray<std::array<T, N>> : std::true_type {};

template <typename T>
constexpr bool kIsBytes = std::is_arithmetic_v<T> || std::is_enum_v<T>;

class Writer {
 public:
  template <typename T>
  void operator()(const T& value) {
    if constexpr (kIsBytes<T>) {
      raw(&value, sizeof value);
    } else if constexpr (std::is_same_v<T, std::string>) {
      count(value.size());
      raw(value.data(), value.size());
    } else if constexpr (IsVector<T>::value) {
      count(value.size());
      if constexpr (kIsBytes<typename T::value_type>) {
        raw(value.data(), value.size() * sizeof(typename T::value_type));
      } else {
        for (const auto& item : value) (*this)(item);
      }
    } else if constexpr (IsOptional<T>::value) {
      (*this)(static_cast<uint8_t>(value.has_value()));
      if (value) (*this)(*value);
    } else if constexpr (IsArray<T>::value) {
      for (const auto& item : value) (*this)(item);
    } else {
      static_assert(std::is_aggregate_v<T>, "a snapshot member must be a number, enum, string, vector, optional, array or plain struct");
      boost::pfr::for_each_field(value, [this](const auto& field) { (*this)(field); });
    }
  }

  // `value` written as a section of its own, its size first, so a reader can keep it for later.
  template <typename T>
  void section(const T& value) {
    Writer inner;
    inner(value);
    (*this)(inner.out_);
  }

  std::string take() { return std::move(out_); }

 private:
  void count(size_t n) { (*this)(static_cast<uint32_t>(n)); }
  void raw(const void* data, size_t size) { out_.append(static_cast<const char*>(data), size); }

  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  // False once the bytes ran out or a count could not fit; the value read is then unspecified.
  bool ok() const { return ok_; }
  bool at_end() const { return at_ == bytes_.size(); }

  // The next `count()` bytes, as they are (a section written by Writer::section).
  std::string_view section() {
    size_t n = count(1);
    std::string_view out = ok_ ? bytes_.substr(at_, n) : std::string_view();
    at_ += n;
    return out;
  }

  template <typename T>
  void operator()(T& value) {
    if constexpr (kIsBytes<T>) {
      raw(&value, sizeof value);
    } else if constexpr (std::is_same_v<T, std::string>) {
      size_t n = count(1);
      if (ok_) value.assign(bytes_.data() + at_, n);
      at_ += ok_ ? n : 0;
    } else if constexpr (IsVector<T>::value) {
      using Item = typename T::value_type;
      size_t n = count(kIsBytes<Item> ? sizeof(Item) : 1);
      if (!ok_) return;
      value.resize(n);
      if constexpr (kIsBytes<Item>) {
        raw(value.data(), n * sizeof(Item));
      } else {
        for (auto& item : value) {
          (*this)(item);
          if (!ok_) return;
        }
      }
    } else if constexpr (IsOptional<T>::value) {
      uint8_t present = 0;
      (*this)(present);
      if (present) (*this)(value.emplace());
    } else if constexpr (IsArray<T>::value) {
      for (auto& item : value) (*this)(item);
    } else {
      boost::pfr::for_each_field(value, [this](auto& field) { (*this)(field); });
    }
  }

 private:
  // A count of items of at least `item_size` bytes each: refused when they cannot fit.
  size_t count(size_t item_size) {
    uint32_t n = 0;
    raw(&n, sizeof n);
    if (ok_ && n > (bytes_.size() - at_) / item_size) ok_ = false;
    return ok_ ? n : 0;
  }
  void raw(void* data, size_t size) {
    if (!ok_ || size > bytes_.size() - at_) {
      ok_ = false;
      return;
    }
    if (size > 0) std::memcpy(data, bytes_.data() + at_, size);
    at_ += size;
  }

  std::string_view bytes_;
  size_t at_ = 0;
  bool ok_ = true;
};

// The knowledge base's own members (it is not an aggregate: its id indexes are private and rebuilt
// after reading), but those read on first use (ReadOnFirstUse), which are sections of their own
// after them. A member added to KnowledgeBase changes its size: add it here, then update the size
// below.
template <typename Archive, typename Model>
void members(Archive& archive, Model& kb) {
  archive(kb.name);
  archive(kb.version);
  archive(kb.hash);
  archive(kb.notice);
  archive(kb.emergency_advice);
  archive(kb.sources);
  archive(kb.findings);
  archive(kb.conditions);
  archive(kb.fitted);
  archive(kb.scores);
  archive(kb.definitions);
  archive(kb.rules);
  archive(kb.pathways);
  archive(kb.dispositions);
  archive(kb.suspicion);
  archive(kb.interview);
}
static_assert(sizeof(KnowledgeBase) == 944,
              "KnowledgeBase changed: list every new member in members() of snapshot.cpp, then update this size");

// The section `bytes` into `member`, now (false when it is damaged) or on first use (damage found
// then ends the process: the build wrote these bytes, and the rest of them read whole).
template <typename T>
bool read_section(std::string_view bytes, ReadOnFirstUse<T>& member, Reading when, const char* what) {
  auto read = [bytes]() -> std::optional<T> {
    Reader section(bytes);
    T out;
    section(out);
    if (!section.ok() || !section.at_end()) return std::nullopt;
    return out;
  };
  if (when == Reading::kNow) {
    auto value = read();
    if (value) member.mutable_get() = std::move(*value);
    return value.has_value();
  }
  member.read_with([read, what] {
    auto value = read();
    if (!value) {
      std::fprintf(stderr, "fossa: the compiled knowledge base's %s cannot be read; rebuild\n", what);
      std::abort();
    }
    return std::move(*value);
  });
  return true;
}

}  // namespace

std::string write_snapshot(const KnowledgeBase& kb) {
  Writer writer;
  for (char c : kMagic) writer(c);
  writer(kFormat);
  members(writer, kb);
  writer.section(kb.published.get());
  writer.section(kb.text.get());
  return writer.take();
}

Result<std::shared_ptr<const KnowledgeBase>> read_snapshot(std::string_view bytes, Reading when) {
  auto refused = [](const char* why) {
    return Error{ErrorCode::kInternal, std::string("the compiled knowledge base cannot be read: ") + why +
                                           "; rebuild, or give the YAML directory with --kb", ""};
  };
  if (bytes.substr(0, kMagic.size()) != kMagic) return refused("it is not a knowledge base snapshot");
  Reader reader(bytes.substr(kMagic.size()));
  uint32_t format = 0;
  reader(format);
  if (!reader.ok() || format != kFormat) return refused("it was written by another version of Fossa");
  auto kb = std::make_shared<KnowledgeBase>();
  members(reader, *kb);
  std::string_view published = reader.section();
  std::string_view lexicon = reader.section();
  if (!reader.ok()) return refused("it is cut short");
  if (!reader.at_end()) return refused("it has bytes after its end");
  if (!read_section(published, kb->published, when, "published figures")) return refused("its published figures are damaged");
  if (!read_section(lexicon, kb->text, when, "lexicon")) return refused("its lexicon is damaged");
  kb->build_indexes();
  return std::shared_ptr<const KnowledgeBase>(std::move(kb));
}

}  // namespace fossa::kb
