// Tests of the JSON Lines fast path (src/ingest/flat_json.h) and the UTF-8 check
// (src/ingest/utf8.h): every answer the fast path gives must be nlohmann's, on chosen lines
// and on many random ones; the UTF-8 check must agree with ICU's U8_NEXT.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/flat_json.h"
#include "icu_utf8.h"
#include "ingest/utf8.h"

namespace dossier {
namespace {

const std::string_view kKeys[] = {"url", "title", "text", "html"};
constexpr size_t kN = 4;

// What ingest reads with nlohmann: false when the line is not a JSON object.
bool ViaNlohmann(const std::string& line, std::vector<std::string>* values) {
  auto j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object()) return false;
  values->assign(kN, "");
  for (size_t k = 0; k < kN; ++k) {
    auto it = j.find(std::string(kKeys[k]));
    if (it != j.end() && it->is_string()) (*values)[k] = it->get<std::string>();
  }
  return true;
}

// The fast path's answer, or nullopt-like false when it declines.
bool ViaFastPath(const std::string& line, std::vector<std::string>* values) {
  std::string v[kN];
  if (!ReadFlatJsonObject(line, kKeys, kN, v)) return false;
  values->assign(v, v + kN);
  return true;
}

// When the fast path answers, nlohmann must give the same object. Returns whether the fast
// path answered.
bool Agrees(const std::string& line) {
  std::vector<std::string> fast, slow;
  bool answered = ViaFastPath(line, &fast);
  if (!answered) return false;
  EXPECT_TRUE(ViaNlohmann(line, &slow)) << "fast path accepted what nlohmann rejects: " << line;
  EXPECT_EQ(fast, slow) << line;
  return true;
}

TEST(FlatJson, ReadsFlatRecords) {
  std::vector<std::string> v;
  ASSERT_TRUE(ViaFastPath(R"({"url": "https://x.test/a", "title": "T", "text": "Body\nline \"q\" \u00e9 \ud83d\ude00"})", &v));
  EXPECT_EQ(v[0], "https://x.test/a");
  EXPECT_EQ(v[1], "T");
  EXPECT_EQ(v[2], "Body\nline \"q\" \xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(v[3], "");
  ASSERT_TRUE(ViaFastPath(" \t{ } \r", &v));
  EXPECT_EQ(v[2], "");
}

TEST(FlatJson, MatchesNlohmannOnChosenLines) {
  const std::string must_answer[] = {
      R"({"text": "a", "text": "b"})",                 // the last repeated member wins
      R"({"text": "a", "text": null})",
      R"({"text": true, "html": false, "title": null})",
      R"({"t\u0065xt": "escaped key"})",
      R"({"text": "nul \u0000 inside"})",
      R"({"text": "\/\b\f\n\r\t\"\\"})",
      R"({"text": "\uD83D\uDE00 upper-case hex"})",
      "{\"text\": \"\xE2\x80\xA8 line separator, \xC2\xA0 nbsp, \x7F del\"}",
      R"({"other": "x", "text": "y"})",
      "{\"text\":\"a\"}\r",
  };
  for (const std::string& line : must_answer) EXPECT_TRUE(Agrees(line)) << line;

  // Valid JSON of another shape, and invalid JSON: the fast path declines, nlohmann decides.
  const std::string must_decline[] = {
      R"({"text": "a", "n": 5})", R"({"text": "a", "o": {"b": 1}})", R"({"text": "a", "a": [1]})",
      R"([1, 2])", R"("string")", "null", "{not json", R"({"text": "a",})", R"({,"text": "a"})",
      R"({"text" "a"})", R"({"text": "a"}{})", R"({"text": "a"} x)", R"({"text": "a")",
      R"({"text": "lone \ud800"})", R"({"text": "lone \udc00"})", R"({"text": "\ud83d\u0041"})",
      R"({"text": "\q"})", R"({"text": "\u12G4"})", R"({"text": nul})", R"({"text": tru})",
      "{\"text\": \"ctl \x01 char\"}", "{\"text\": \"tab\tinside\"}", "{\"text\": \"bad \xFF\"}",
      "{\"text\": \"overlong \xC0\xAF\"}", "{\"text\": \"surrogate \xED\xA0\x80\"}",
      "\xEF\xBB\xBF{\"text\": \"bom\"}", "{\"text\": \"a\"} \xC3\xA9", "",
  };
  for (const std::string& line : must_decline) {
    std::vector<std::string> v;
    EXPECT_FALSE(ViaFastPath(line, &v)) << line;
  }
}

// Random flat objects (which the fast path must read) and random byte edits of them (where
// whatever it answers must be nlohmann's).
TEST(FlatJson, MatchesNlohmannOnRandomLines) {
  std::mt19937 rng(20240611);
  const char* pieces[] = {"a", "Z", " ", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\uD834\\uDD1E", "\\u0000",
                          "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "{", "}", ":", ",", "'", "<p>", "text"};
  const char* keys[] = {"url", "title", "text", "html", "other", "te\\u0078t"};
  const char* edits[] = {"\"", "\\", "{", "}", ",", ":", " ", "\x01", "\xFF", "\xC3", "\xED\xA0\x80", "1", "[",
                         "]", "null", "tru", "\\u", "\\ud800", "\n"};
  int answered = 0;
  for (int t = 0; t < 20000; ++t) {
    std::string line = "{";
    int members = rng() % 5;
    for (int m = 0; m < members; ++m) {
      if (m > 0) line += rng() % 2 ? ", " : ",";
      line += std::string("\"") + keys[rng() % 6] + "\":" + (rng() % 2 ? " " : "");
      switch (rng() % 8) {
        case 0: line += "null"; break;
        case 1: line += rng() % 2 ? "true" : "false"; break;
        default: {
          line += '"';
          int n = rng() % 12;
          for (int k = 0; k < n; ++k) line += pieces[rng() % 20];
          line += '"';
        }
      }
    }
    line += "}";
    if (t % 2 == 0) {
      EXPECT_TRUE(Agrees(line)) << "fast path declined a flat object: " << line;
    } else {
      int n = 1 + rng() % 3;
      for (int k = 0; k < n; ++k) {
        size_t at = rng() % (line.size() + 1);
        if (rng() % 3 == 0 && at < line.size()) line.erase(at, 1);
        else line.insert(at, edits[rng() % 19]);
      }
      if (Agrees(line)) ++answered;
    }
  }
  EXPECT_GT(answered, 100);  // the edited lines did exercise the fast path
}

TEST(Utf8, AgreesWithIcuOnRandomBytes) {
  std::mt19937 rng(7);
  for (int t = 0; t < 200000; ++t) {
    std::string s;
    int n = rng() % 24;
    for (int k = 0; k < n; ++k) {
      // Mostly bytes that matter: ASCII, continuation bytes, and every kind of lead byte.
      static const unsigned char kBytes[] = {'a', ' ', 0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1,
                                             0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3,
                                             0xF4, 0xF5, 0xFF};
      s += static_cast<char>(rng() % 4 == 0 ? rng() % 256 : kBytes[rng() % sizeof kBytes]);
    }
    ASSERT_EQ(IsWellFormedUtf8(s), dossier_test::IcuValidUtf8(s)) << testing::PrintToString(s);
  }
  EXPECT_TRUE(IsWellFormedUtf8("plain ASCII text longer than eight bytes \xC3\xA9\xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsWellFormedUtf8("plain ASCII text longer than eight bytes \xC3"));
}

}  // namespace
}  // namespace dossier
