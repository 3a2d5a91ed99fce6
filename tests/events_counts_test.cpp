// Count arithmetic of the events stage (src/events/counts.h).
#include <gtest/gtest.h>

#include "events/counts.h"
#include "text/text.h"

namespace dossier {
namespace {

std::vector<Count> CountsOf(const std::string& text) {
  Document d;
  d.text = text;
  d.blocks.push_back(Block{BlockKind::kParagraph, 0, {0, static_cast<uint32_t>(text.size())}});
  AnalyzeText(&d);
  std::vector<Count> out;
  for (size_t s = 0; s < d.sentences.size(); ++s)
    for (const auto& f : events::FindCounts(events::SentenceWords(d, static_cast<int>(s), nullptr)))
      out.push_back(f.count);
  return out;
}

TEST(EventsCounts, PronounAndOthersAddOne) {
  auto c = CountsOf("A missile blew up his convoy, killing him and nine others.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].slot, "killed");
  EXPECT_EQ(c[0].value, 10);
  EXPECT_EQ(c[0].qualifier, "");
}

TEST(EventsCounts, AlongWithOthersAddsTheSubject) {
  auto c = CountsOf("He was killed along with six others when their cars were hit.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].slot, "killed");
  EXPECT_EQ(c[0].value, 7);
}

TEST(EventsCounts, TheOtherNineVictims) {
  auto c = CountsOf("Mourners honoured the general and the other nine victims of the strike.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].slot, "killed");
  EXPECT_EQ(c[0].value, 10);
}

TEST(EventsCounts, AtLeastIsALowerBound) {
  auto c = CountsOf("Missiles struck two cars, killing at least seven people.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].value, 7);
  EXPECT_EQ(c[0].high, 7);
  EXPECT_EQ(c[0].qualifier, "at_least");
}

TEST(EventsCounts, MoreThanInjured) {
  auto c = CountsOf("The attack injured more than 100 US troops.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].slot, "injured");
  EXPECT_EQ(c[0].value, 100);
  EXPECT_EQ(c[0].qualifier, "more_than");
}

TEST(EventsCounts, DozensIsARange) {
  auto c = CountsOf("Dozens of protesters were wounded.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].slot, "injured");
  EXPECT_EQ(c[0].qualifier, "range");
  EXPECT_LT(c[0].value, c[0].high);
}

TEST(EventsCounts, KillingThemAllHasNoNumber) {
  EXPECT_TRUE(CountsOf("The airstrike hit the convoy, killing them all.").empty());
}

TEST(EventsCounts, NoFatalitiesIsZero) {
  auto c = CountsOf("The attack did not cause any fatalities.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].slot, "killed");
  EXPECT_EQ(c[0].value, 0);
}

TEST(EventsCounts, NumberBeforeSlot) {
  auto c = CountsOf("Seven people were killed in the attack on the airport.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].slot, "killed");
  EXPECT_EQ(c[0].value, 7);
}

TEST(EventsCounts, ArrestedAndDeathToll) {
  auto c = CountsOf("Police arrested 12 protesters. The death toll rose to 35.");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].slot, "arrested");
  EXPECT_EQ(c[0].value, 12);
  EXPECT_EQ(c[1].slot, "killed");
  EXPECT_EQ(c[1].value, 35);
}

TEST(EventsCounts, TollRisenFarFromTheWordToll) {
  auto c = CountsOf("The death toll from Friday's drone strike on the Orvik harbour road has risen to ten.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].slot, "killed");
  EXPECT_EQ(c[0].value, 10);
  // Far from "toll", only a verb of rising says whose number it is.
  EXPECT_TRUE(CountsOf("The toll from the storms that hit the coast in the winter of the year was due to 40 factors.").empty());
}

TEST(EventsCounts, NumberWordsCompose) {
  auto c = CountsOf("The strike killed twenty-five soldiers and wounded one hundred twenty civilians.");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].value, 25);
  EXPECT_EQ(c[1].slot, "injured");
  EXPECT_EQ(c[1].value, 120);
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

TEST(EventsCounts, ListedNamesAndOthers) {
  auto c = CountsOf("The strike killed Soleimani, al-Muhandis, and at least seven other people.");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].value, 9);
  EXPECT_EQ(c[0].qualifier, "at_least");
}

}  // namespace
}  // namespace dossier
