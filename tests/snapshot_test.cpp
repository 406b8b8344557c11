// The compiled knowledge base (src/kb/snapshot.h): the copy built into the binary is the knowledge
// base the YAML files of the source tree give, and a damaged snapshot is refused, never half read.
#include <gtest/gtest.h>

#include "kb/snapshot.h"
#include "test_support.h"

namespace fossa::test {
namespace {

const std::string& yaml_snapshot() {
  static const std::string bytes = [] {
    auto loaded = load_knowledge_base(std::string(FOSSA_SOURCE_DIR) + "/knowledge");
    EXPECT_TRUE(loaded.ok()) << (loaded ? "" : loaded.error().message);
    return loaded ? kb::write_snapshot(**loaded) : std::string();
  }();
  return bytes;
}

TEST(Snapshot, BuiltInEqualsTheYamlOfTheSourceTree) {
  // Every member of every struct is written, so equal bytes mean an equal knowledge base.
  EXPECT_EQ(kb::write_snapshot(kb()), yaml_snapshot());
}

TEST(Snapshot, ReadsBackWhatItWrote) {
  auto read = kb::read_snapshot(yaml_snapshot());
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(kb::write_snapshot(**read), yaml_snapshot());
  // The indexes are rebuilt.
  EXPECT_EQ((*read)->finding_index("calf_swelling"), kb().finding_index("calf_swelling"));
  EXPECT_EQ((*read)->condition_index("dvt"), kb().condition_index("dvt"));
}

TEST(Snapshot, ReadsTheMembersOnlySomeCommandsNeedOnFirstUse) {
  auto read = kb::read_snapshot(yaml_snapshot(), kb::Reading::kOnFirstUse);
  ASSERT_TRUE(read.ok()) << read.error().message;
  // Writing it reads the lexicon and the published figures: the same bytes as read at once.
  EXPECT_EQ(kb::write_snapshot(**read), yaml_snapshot());
  EXPECT_EQ((*read)->text.get().phrases.size(), kb().text.get().phrases.size());
  EXPECT_EQ((*read)->published.get().size(), kb().published.get().size());
}

TEST(Snapshot, ReadOnFirstUseReadsOnceAndCopiesBeforeAChange) {
  int reads = 0;
  ReadOnFirstUse<std::vector<int>> member;
  member.read_with([&reads] {
    ++reads;
    return std::vector<int>{1, 2};
  });
  ReadOnFirstUse<std::vector<int>> copy = member;
  EXPECT_EQ(reads, 0);
  EXPECT_EQ(member.get().size(), 2u);
  EXPECT_EQ(copy.get().size(), 2u);  // shared: read once for both
  EXPECT_EQ(reads, 1);
  copy.mutable_get().push_back(3);   // the copy gets its own before it changes
  EXPECT_EQ(copy.get().size(), 3u);
  EXPECT_EQ(member.get().size(), 2u);
  EXPECT_EQ(reads, 1);
}

TEST(Snapshot, CheckOfTheBuiltInComparesItWithItsYaml) {
  auto checked = check_builtin_knowledge_base();
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  EXPECT_EQ((*checked)->hash, kb().hash);
}

TEST(Snapshot, RefusesAnythingElse) {
  const std::string& bytes = yaml_snapshot();
  auto refused = [](const std::string& damaged, const char* why) {
    auto read = kb::read_snapshot(damaged);
    EXPECT_FALSE(read.ok()) << why;
    if (!read.ok()) {
      EXPECT_NE(read.error().message.find("cannot be read"), std::string::npos) << read.error().message;
    }
  };
  refused("", "empty");
  refused("not a snapshot", "wrong magic");
  std::string other_format = bytes;
  other_format[8] = static_cast<char>(other_format[8] + 1);
  refused(other_format, "another format version");
  refused(bytes + "x", "a byte after the end");
  // Cut anywhere: at every byte of the start, and at 300 places through the rest.
  for (size_t cut = 0; cut < 64; ++cut) refused(bytes.substr(0, cut), "cut short at the start");
  for (size_t step = 1; step <= 300; ++step) refused(bytes.substr(0, bytes.size() * step / 301), "cut short");
  // A count far beyond the bytes left (the first string's length) is refused before allocating.
  std::string huge_count = bytes;
  for (size_t i = 12; i < 16; ++i) huge_count[i] = '\xff';
  refused(huge_count, "a count beyond the bytes left");
}

}  // namespace
}  // namespace fossa::test
