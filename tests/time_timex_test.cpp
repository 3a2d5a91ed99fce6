// The time stage: each family of expressions with a hand-given document date.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/text.h"
#include "time/timex.h"

namespace dossier {
namespace {

Document Tag(const std::string& text, const std::string& dct) {
  Document d;
  d.text = text;
  d.blocks.push_back(Block{BlockKind::kParagraph, 0, {0, static_cast<uint32_t>(text.size())}});
  d.meta.published.value = dct;
  AnalyzeText(&d);
  TagTime(&d);
  return d;
}

// The timex whose text is `what`, or nullptr.
const Timex* Find(const Document& d, const std::string& what) {
  for (const Timex& t : d.timexes)
    if (d.Text(t.span) == what) return &t;
  return nullptr;
}

std::string ValueOf(const std::string& text, const std::string& dct, const std::string& what) {
  Document d = Tag(text, dct);
  const Timex* t = Find(d, what);
  if (t == nullptr) {
    std::string all;
    for (const Timex& x : d.timexes) all += "[" + std::string(d.Text(x.span)) + "=" + x.value + "] ";
    return "(not found; have " + all + ")";
  }
  return t->value;
}

TEST(TimexAbsolute, WrittenDates) {
  EXPECT_EQ(ValueOf("The strike came on January 3, 2020, at the airport.", "2020-01-07", "January 3, 2020"),
            "2020-01-03");
  EXPECT_EQ(ValueOf("It happened on 8 January 2020 in Baghdad.", "2020-01-09", "8 January 2020"), "2020-01-08");
  EXPECT_EQ(ValueOf("The report is dated 2019-12-27 in the file.", "2020-01-09", "2019-12-27"), "2019-12-27");
  EXPECT_EQ(ValueOf("Sales rose in March 2019 again.", "2020-01-09", "March 2019"), "2019-03");
  EXPECT_EQ(ValueOf("He was born in 1957 in Kerman.", "2020-01-09", "1957"), "1957");
  EXPECT_EQ(ValueOf("Trade grew in the 1990s.", "2020-01-09", "the 1990s"), "199");
  EXPECT_EQ(ValueOf("It was built in the 11th century by monks.", "2020-01-09", "the 11th century"), "10");
}

TEST(TimexAbsolute, PartialDatesTakeTheNearestYear) {
  // Past: a December date in a January article is last year's.
  EXPECT_EQ(ValueOf("A contractor was killed on December 27 near Kirkuk.", "2020-01-07", "December 27"),
            "2019-12-27");
  EXPECT_EQ(ValueOf("The talks resume Jan. 15 in Geneva.", "2019-12-20", "Jan. 15"), "2020-01-15");
  EXPECT_EQ(ValueOf("Prices peaked in October.", "2020-01-07", "October"), "2019-10");
  // A weekday written with the date decides the year.
  EXPECT_EQ(ValueOf("The vote is on Saturday, April 25.", "1998-04-24", "Saturday, April 25"), "1998-04-25");
}

TEST(TimexAbsolute, NotDates) {
  Document d = Tag("You may go now. He paid $1990 for 2,000 shares and will march on.", "2020-01-07");
  for (const Timex& t : d.timexes) {
    EXPECT_NE(d.Text(t.span), "may");
    EXPECT_NE(d.Text(t.span), "1990");
    EXPECT_NE(d.Text(t.span), "march");
  }
}

TEST(TimexWeekday, ResolvedByTense) {
  // 2020-01-07 is a Tuesday.
  EXPECT_EQ(ValueOf("The general was killed Friday in a drone strike.", "2020-01-07", "Friday"), "2020-01-03");
  EXPECT_EQ(ValueOf("Officials said Friday that the talks failed.", "2020-01-07", "Friday"), "2020-01-03");
  EXPECT_EQ(ValueOf("Parliament will meet on Monday to vote.", "2020-01-07", "Monday"), "2020-01-13");
  EXPECT_EQ(ValueOf("They met last Tuesday.", "2020-01-07", "last Tuesday"), "2019-12-31");
}

TEST(TimexRelative, DocumentDate) {
  EXPECT_EQ(ValueOf("He arrived yesterday.", "2020-01-07", "yesterday"), "2020-01-06");
  EXPECT_EQ(ValueOf("Talks open today.", "2020-01-07", "today"), "2020-01-07");
  EXPECT_EQ(ValueOf("They left tomorrow.", "2020-01-07", "tomorrow"), "2020-01-08");
  EXPECT_EQ(ValueOf("Prices fell last month.", "2020-01-07", "last month"), "2019-12");
  EXPECT_EQ(ValueOf("The deal was signed last year.", "2020-01-07", "last year"), "2019");
  EXPECT_EQ(ValueOf("Protests began last week.", "2020-01-07", "last week"), "2020-W01");
  EXPECT_EQ(ValueOf("The deal closes next year.", "2020-01-07", "next year"), "2021");
  EXPECT_EQ(ValueOf("He was elected two years ago.", "2020-01-07", "two years ago"), "2018");
  Document d = Tag("Rockets fell earlier this week on the base.", "2020-01-07");
  const Timex* t = Find(d, "earlier this week");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "2020-W02");
  EXPECT_EQ(t->mod, "START");
  EXPECT_EQ(t->anchor, "dct");
}

TEST(TimexRelative, UnknownAnchorStaysUnderspecified) {
  EXPECT_EQ(ValueOf("He arrived yesterday.", "", "yesterday"), "XXXX-XX-XX");
  EXPECT_EQ(ValueOf("Prices peaked in October.", "", "October"), "XXXX-10");
}

TEST(TimexModifiers, PartsOfPeriods) {
  Document d = Tag("Fighting began in mid-October and ended in early December. Growth slowed in late 2019.",
                   "2020-01-07");
  const Timex* mid = Find(d, "mid-October");
  ASSERT_NE(mid, nullptr);
  EXPECT_EQ(mid->value, "2019-10");
  EXPECT_EQ(mid->mod, "MID");
  const Timex* early = Find(d, "early December");
  ASSERT_NE(early, nullptr);
  EXPECT_EQ(early->value, "2019-12");
  EXPECT_EQ(early->mod, "START");
  const Timex* late = Find(d, "late 2019");
  ASSERT_NE(late, nullptr);
  EXPECT_EQ(late->value, "2019");
  EXPECT_EQ(late->mod, "END");
}

TEST(TimexSeasonsQuarters, Values) {
  EXPECT_EQ(ValueOf("Elections are due in spring 2019 in the region.", "2018-06-01", "spring 2019"), "2019-SP");
  EXPECT_EQ(ValueOf("Fighting resumed last fall.", "2020-01-07", "last fall"), "2019-FA");
  EXPECT_EQ(ValueOf("Profit rose in the third quarter.", "1989-11-02", "the third quarter"), "1989-Q3");
  EXPECT_EQ(ValueOf("Its third-quarter profit rose.", "1989-11-02", "third-quarter"), "1989-Q3");
  Document d = Tag("Net income rose in the third quarter. A year earlier, it lost money.", "1989-11-02");
  const Timex* t = Find(d, "A year earlier");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "1988-Q3");
}

TEST(TimexHolidays, FixedAndComputed) {
  EXPECT_EQ(ValueOf("Crowds gathered on New Year's Eve in the capital.", "2020-01-07", "New Year's Eve"),
            "2019-12-31");
  EXPECT_EQ(ValueOf("The boy was found on Thanksgiving Day off Florida.", "2000-01-07", "Thanksgiving Day"),
            "1999-11-25");
  EXPECT_EQ(ValueOf("Markets closed for Easter this spring.", "2019-05-01", "Easter"), "2019-04-21");
  EXPECT_EQ(ValueOf("Fasting began with Ramadan this year.", "2020-05-01", "Ramadan"), "2020-04-24");
}

TEST(TimexClock, TimesOfDay) {
  EXPECT_EQ(ValueOf("The missiles hit at 00:43 IST on the base.", "2020-01-08", "00:43 IST"), "2020-01-08T00:43");
  EXPECT_EQ(ValueOf("The blast came at 8:30 am in the city.", "2020-01-03", "8:30 am"), "2020-01-03T08:30");
  EXPECT_EQ(ValueOf("The convoy left at 10 p.m. Wednesday.", "1998-02-13", "10 p.m. Wednesday"),
            "1998-02-11T22:00");
  Document d = Tag("On January 3, 2020, the convoy left. It was hit at 08:30 in the morning.", "2020-01-09");
  const Timex* t = Find(d, "08:30 in the morning");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "2020-01-03T08:30");
  EXPECT_EQ(t->type, TimexType::kTime);
  EXPECT_EQ(ValueOf("Shops closed this morning.", "2020-01-07", "this morning"), "2020-01-07TMO");
}

TEST(TimexDuration, Values) {
  EXPECT_EQ(ValueOf("He served six years in prison.", "2020-01-07", "six years"), "P6Y");
  EXPECT_EQ(ValueOf("A two-year program ended.", "2020-01-07", "two-year"), "P2Y");
  EXPECT_EQ(ValueOf("It lasted three decades.", "2020-01-07", "three decades"), "P30Y");
  EXPECT_EQ(ValueOf("Sales rose in the first nine months.", "2020-01-07", "the first nine months"), "P9M");
  EXPECT_EQ(ValueOf("Talks lasted several days.", "2020-01-07", "several days"), "PXD");
  EXPECT_EQ(ValueOf("The siege took 16 hours.", "2020-01-07", "16 hours"), "PT16H");
  Document d = Tag("A 6-year-old boy was rescued.", "2020-01-07");
  EXPECT_EQ(Find(d, "6-year"), nullptr);
}

TEST(TimexSet, Recurring) {
  EXPECT_EQ(ValueOf("Protesters gather every Friday in the square.", "2020-01-07", "every Friday"),
            "XXXX-WXX-5");
  EXPECT_EQ(ValueOf("The paper is published daily.", "2020-01-07", "daily"), "P1D");
  EXPECT_EQ(ValueOf("The board meets each month.", "2020-01-07", "each month"), "P1M");
}

TEST(TimexReference, NowPastFuture) {
  EXPECT_EQ(ValueOf("The base is now closed.", "2020-01-07", "now"), "PRESENT_REF");
  EXPECT_EQ(ValueOf("He recently returned.", "2020-01-07", "recently"), "PAST_REF");
  EXPECT_EQ(ValueOf("Talks may resume in the future.", "2020-01-07", "the future"), "FUTURE_REF");
  EXPECT_EQ(ValueOf("The rift persists to this day.", "2020-01-07", "to this day"), "PRESENT_REF");
}

TEST(TimexNarrative, StoryDatesMoveTheAnchor) {
  Document d = Tag("On January 8, 2020, Iran fired missiles at two bases. On the same day, a plane crashed. "
                   "A day earlier, crowds had filled the streets. Two weeks later, the talks began.",
                   "2020-02-01");
  const Timex* same = Find(d, "the same day");
  ASSERT_NE(same, nullptr);
  EXPECT_EQ(same->value, "2020-01-08");
  EXPECT_EQ(same->anchor, "2020-01-08");
  const Timex* before = Find(d, "A day earlier");
  ASSERT_NE(before, nullptr);
  EXPECT_EQ(before->value, "2020-01-07");
  const Timex* later = Find(d, "Two weeks later");
  ASSERT_NE(later, nullptr);
  EXPECT_EQ(later->value, "2020-W04");
  Document f = Tag("Soleimani was killed on January 3, 2020. Three decades earlier, he joined the war.",
                   "2020-01-07");
  const Timex* decades = Find(f, "Three decades earlier");
  ASSERT_NE(decades, nullptr);
  EXPECT_EQ(decades->value, "1990");
  EXPECT_EQ(decades->anchor, "2020-01-03");
  // Without a story date, the document date anchors.
  Document e = Tag("On the same day, a plane crashed.", "2020-02-01");
  const Timex* t = Find(e, "the same day");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "2020-02-01");
  EXPECT_EQ(t->anchor, "dct");
}

TEST(TimexRules, EveryTimexNamesItsRule) {
  Document d = Tag("On Friday, three decades after 1990, he said now is the time; last week it rained.",
                   "2020-01-07");
  ASSERT_FALSE(d.timexes.empty());
  for (const Timex& t : d.timexes) EXPECT_FALSE(t.rule.empty()) << d.Text(t.span);
}

// A singular unit with an unspecified count is one unit ("day-long" is P1D, not PXD);
// a plural one stays unspecified ("for weeks" PXW).
TEST(TimexDuration, SingularUnitWithoutNumberIsOne) {
  EXPECT_EQ(ValueOf("The day-long strike closed the port.", "2000-04-03", "day-long"), "P1D");
  EXPECT_EQ(ValueOf("They waited for weeks at the border.", "2000-04-03", "for weeks"), "PXW");
}

// "supposed to" and "slated to" are future cues: the month is the coming one.
TEST(TimexTense, SupposedAndSlatedAreFuture) {
  EXPECT_EQ(ValueOf("The talks are supposed to end in December after the vote.", "1998-03-04", "December"),
            "1998-12");
  EXPECT_EQ(ValueOf("The plant is slated to open in December after repairs.", "1998-03-04", "December"),
            "1998-12");
}

// "the near term", "the short term": references to the future.
TEST(TimexReference, NearAndShortTermAreFuture) {
  EXPECT_EQ(ValueOf("Prices should stay firm in the near term, analysts said.", "1989-10-30", "the near term"),
            "FUTURE_REF");
  EXPECT_EQ(ValueOf("Rates may fall over the short term.", "1989-10-30", "the short term"), "FUTURE_REF");
}

// "the last half of 1989" is the second half, like "the second half of 1989".
TEST(TimexQuarter, LastHalfIsTheSecondHalf) {
  EXPECT_EQ(ValueOf("Sales will rise in the last half of 1989, it said.", "1989-10-26", "the last half of 1989"),
            "1989-H2");
  EXPECT_EQ(ValueOf("Sales rose in the second half of 1989, it said.", "1989-10-26", "the second half of 1989"),
            "1989-H2");
}

// "the latest quarter" is a finished quarter: never the document's own quarter, even after
// a forecast for it ("the fourth quarter") was mentioned.
TEST(TimexQuarter, LatestQuarterIsFinished) {
  EXPECT_EQ(ValueOf("Profit will rise in the fourth quarter. In the latest quarter, profit fell.", "1989-10-30",
                    "the latest quarter"),
            "1989-Q3");
}

// "the past few weeks", "the last several quarters": references to the past.
TEST(TimexReference, PastFewUnitsArePastRef) {
  EXPECT_EQ(ValueOf("Prices slid over the past several quarters, he said.", "1989-10-30", "the past several quarters"),
            "PAST_REF");
  EXPECT_EQ(ValueOf("It has rained for the last few months in the north.", "1998-02-06", "the last few months"),
            "PAST_REF");
}

// A range after "the next"/"the past" is an unspecified amount of the unit.
TEST(TimexDuration, RangeAfterTheNextIsUnspecified) {
  EXPECT_EQ(ValueOf("Rates should fall in the next 12 to 18 months, he said.", "1989-10-30",
                    "the next 12 to 18 months"),
            "PXM");
}

}  // namespace
}  // namespace dossier
