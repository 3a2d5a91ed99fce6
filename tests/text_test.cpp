#include <gtest/gtest.h>

#include "text/text.h"

namespace dossier {
namespace {

Document Make(const std::string& text) {
  Document d;
  d.text = text;
  d.blocks.push_back(Block{BlockKind::kParagraph, 0, {0, static_cast<uint32_t>(text.size())}});
  AnalyzeText(&d);
  return d;
}

std::vector<std::string> Sentences(const Document& d) {
  std::vector<std::string> out;
  for (const auto& s : d.sentences) out.emplace_back(d.Text(s.span));
  return out;
}

TEST(Sentences, AbbreviationsDoNotEndSentences) {
  auto d = Make("Maj. Gen. Smith met Lt. Col. Jones on Jan. 3 at No. 10 St. James Street. He left.");
  EXPECT_EQ(Sentences(d), (std::vector<std::string>{
                              "Maj. Gen. Smith met Lt. Col. Jones on Jan. 3 at No. 10 St. James Street.",
                              "He left."}));
}

TEST(Sentences, UsMidSentenceAndAtEnd) {
  auto d = Make("The U.S. Army struck. Officials blamed the U.S. The embassy was closed.");
  EXPECT_EQ(Sentences(d), (std::vector<std::string>{"The U.S. Army struck.", "Officials blamed the U.S.",
                                                    "The embassy was closed."}));
}

TEST(Sentences, BlocksAreUnits) {
  Document d;
  d.text = "Headline without period\n\nFirst sentence. Second one.";
  d.blocks.push_back(Block{BlockKind::kTitle, 0, {0, 23}});
  d.blocks.push_back(Block{BlockKind::kParagraph, 0, {25, static_cast<uint32_t>(d.text.size())}});
  AnalyzeText(&d);
  ASSERT_EQ(d.sentences.size(), 3u);
  EXPECT_EQ(d.Text(d.sentences[0].span), "Headline without period");
  EXPECT_EQ(d.sentences[0].block, 0);
  EXPECT_EQ(d.sentences[2].block, 1);
}

TEST(Tokens, NamesKeepApostrophesAndHyphens) {
  auto d = Make("Kata\xE2\x80\x99ib Hezbollah and al-Muhandis met U.S. officials, 5,000 troops.");
  std::vector<std::string> toks;
  for (const auto& t : d.tokens) toks.emplace_back(d.Text(t.span));
  EXPECT_EQ(toks, (std::vector<std::string>{"Kata\xE2\x80\x99ib", "Hezbollah", "and", "al-Muhandis", "met",
                                            "U.S.", "officials", ",", "5,000", "troops", "."}));
  EXPECT_TRUE(d.tokens[0].flags & kTokCapitalized);
  EXPECT_TRUE(d.tokens[0].flags & kTokSentenceStart);
  EXPECT_TRUE(d.tokens[8].flags & kTokNumber);
}

TEST(Quotes, CurlyAndStraight) {
  auto d = Make("He said \xE2\x80\x9CGo home.\xE2\x80\x9D Then \"stop\" now.");
  ASSERT_EQ(d.quotes.size(), 2u);
  EXPECT_EQ(d.Text(d.quotes[1]), "\"stop\"");
}

TEST(Tokens, InvalidUtf8NeverCrashes) {
  auto d = Make(std::string("abc \xff\xfe def. \xc3"));
  EXPECT_FALSE(d.tokens.empty());
}

}  // namespace
}  // namespace dossier
