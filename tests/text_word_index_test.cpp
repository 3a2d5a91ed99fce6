// WordIndex and WordTable (src/text/word_index.h): numbering, one-byte words, long words,
// and many words against std::unordered_map (the bit filter must never hide a word).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <unordered_map>

#include "text/word_index.h"

namespace dossier {
namespace {

TEST(WordIndex, NumbersWordsInTheOrderAdded) {
  WordIndex index;
  EXPECT_EQ(index.Find("the"), -1);
  EXPECT_EQ(index.Add("the"), 0);
  EXPECT_EQ(index.Add("said"), 1);
  EXPECT_EQ(index.Add("the"), 0);  // already there
  EXPECT_EQ(index.size(), 2u);
  EXPECT_EQ(index.Find("said"), 1);
  EXPECT_EQ(index.Find("sai"), -1);
  EXPECT_EQ(index.Find("saids"), -1);
  EXPECT_EQ(index.Find(""), -1);
  EXPECT_FALSE(index.Contains("The"));
}

TEST(WordIndex, OneByteAndEmptyWords) {
  WordIndex index;
  int comma = index.Add(",");
  int a = index.Add("a");
  int empty = index.Add("");
  int high = index.Add("\xC3");  // one byte, not ASCII: hashed like any word
  EXPECT_EQ(index.Find(","), comma);
  EXPECT_EQ(index.Find("a"), a);
  EXPECT_EQ(index.Find(""), empty);
  EXPECT_EQ(index.Find("\xC3"), high);
  EXPECT_EQ(index.Find("b"), -1);
  EXPECT_EQ(index.Find("\xC4"), -1);
  EXPECT_EQ(index.Find(std::string_view("\0", 1)), -1);
  EXPECT_EQ(index.Add(std::string_view("\0", 1)), 4);
  EXPECT_EQ(index.Find(std::string_view("\0", 1)), 4);
}

TEST(WordIndex, WordsOfEveryLength) {
  // Words that differ only in their last, middle or first byte, from 2 to 40 bytes: the
  // hash and the comparison read them in overlapping pieces.
  WordIndex index;
  std::vector<std::string> words;
  for (size_t n = 2; n <= 40; ++n) {
    std::string w(n, 'x');
    for (size_t i = 0; i < n; ++i) w[i] = static_cast<char>('a' + (i * 7) % 26);
    for (size_t at : {size_t{0}, n / 2, n - 1}) {
      std::string v = w;
      v[at] = 'Z';
      words.push_back(v);
    }
    words.push_back(w);
  }
  std::set<std::string> added(words.begin(), words.end());
  for (const std::string& w : words) index.Add(w);
  for (const std::string& w : words) {
    EXPECT_GE(index.Find(w), 0) << w;
    for (const std::string& other : {w + "q", w.substr(1), w.substr(0, w.size() - 1)})
      EXPECT_EQ(index.Find(other) >= 0, added.count(other) > 0) << other;
  }
}

TEST(WordIndex, ManyWordsAgainstAHashMap) {
  WordIndex index;
  std::unordered_map<std::string, int> expected;
  for (int i = 0; i < 60000; ++i) {
    std::string w = "w" + std::to_string(i * 7919 % 100003);
    if (i % 3 == 0) w += "-compound";
    int n = index.Add(w);
    auto [it, added] = expected.emplace(w, static_cast<int>(expected.size()));
    EXPECT_EQ(n, it->second);
  }
  for (const auto& [w, n] : expected) ASSERT_EQ(index.Find(w), n) << w;
  for (int i = 0; i < 60000; ++i) {
    std::string w = "x" + std::to_string(i);
    ASSERT_EQ(index.Find(w), -1) << w;
  }
}

TEST(WordTable, ValuesAndNumbers) {
  WordTable<int> table;
  table.At("may") = 5;
  table.At("march") = 3;
  table.At("may") += 1;
  ASSERT_NE(table.Find("may"), nullptr);
  EXPECT_EQ(*table.Find("may"), 6);
  EXPECT_EQ(*table.Find("march"), 3);
  EXPECT_EQ(table.Find("june"), nullptr);
  EXPECT_EQ(table.Number(table.Find("may")), 0);
  EXPECT_EQ(table.Number(table.Find("march")), 1);
  EXPECT_EQ(table.Number(nullptr), -1);
}

}  // namespace
}  // namespace dossier
