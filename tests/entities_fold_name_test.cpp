// FoldName (src/entities/name_key.h): the in-place form gives what the returning form
// gives, for ASCII (the fast path) and for everything else, whatever the buffer held.
#include <gtest/gtest.h>

#include <string>

#include "entities/name_key.h"

namespace dossier {
namespace {

TEST(FoldName, InPlaceEqualsReturned) {
  const char* kInputs[] = {
      "",  "A", "Iran", "AL-MUHANDIS", "U.S.", "Kata'ib", "Kata\xE2\x80\x99ib",
      "Jos\xC3\xA9 Mar\xC3\xAD" "a", "Stra\xC3\x9F" "e", "\xC5\x81\xC3\xB3" "d\xC5\xBA", "Jama\xCA\xBC" "at",
      "bad \xFF byte", "\xE2\x80\x94", "Caf\xC3\xA9-Bar", "\xC2\xA0space", "A\xCC\x81" "B"};
  std::string out = "a much longer string that was there before";
  for (const char* in : kInputs) {
    FoldName(in, &out);
    EXPECT_EQ(out, FoldName(in)) << in;
  }
  EXPECT_EQ(FoldName("AL-Muhandis's"), "al-muhandis's");
  EXPECT_EQ(FoldName("Jos\xC3\xA9"), "jose");
}

}  // namespace
}  // namespace dossier
