// ContentIds (src/ingest/reader.h) is ContentId of every input, whatever their sizes.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "ingest/reader.h"

namespace dossier {
namespace {

TEST(ContentIds, SameAsContentIdOneByOne) {
  std::mt19937 rng(3);
  for (size_t n : {0, 1, 3, 4, 5, 8, 13, 100}) {
    std::vector<RawInput> inputs(n);
    for (RawInput& in : inputs) {
      size_t size = rng() % 3 == 0 ? rng() % 5 : rng() % 5000;  // empty and tiny ones too
      for (size_t i = 0; i < size; ++i) in.bytes += static_cast<char>(rng());
    }
    std::vector<std::string> ids = ContentIds(inputs);
    ASSERT_EQ(ids.size(), n);
    for (size_t i = 0; i < n; ++i) EXPECT_EQ(ids[i], ContentId(inputs[i].bytes)) << n << " " << i;
  }
  // A fixed value, so that ids stay stable across versions (stores keep them).
  EXPECT_EQ(ContentId(""), "e36f5519ee926a53");
  RawInput one;
  one.bytes = "QASR AMIN";
  EXPECT_EQ(ContentIds({one})[0], ContentId("QASR AMIN"));
}

}  // namespace
}  // namespace dossier
