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

// The tense of a weekday or a partial date comes from the verb group of its clause, not
// from the nearest cue word. 1989-10-27 is a Friday; 2000-01-07 a Friday.
TEST(TimexTense, GoverningVerbOfTheClause) {
  // An infinitive of intent after "is to" / "set to": ahead.
  EXPECT_EQ(ValueOf("The stock is to resume trading in Paris Tuesday.", "1989-10-27", "Tuesday"), "1989-10-31");
  EXPECT_EQ(ValueOf("The talks, stalled for weeks, are set to resume Monday in Belfast.", "1998-03-22", "Monday"),
            "1998-03-23");
  // A plan reported in a past tense is still ahead; one of a pluperfect is past.
  EXPECT_EQ(ValueOf("Protesters were planning to drive around the airport on Monday.", "2000-01-07", "Monday"),
            "2000-01-10");
  EXPECT_EQ(ValueOf("The offer had been due to expire Friday evening.", "1989-10-30", "Friday evening"),
            "1989-10-27TEV");
  // "could not be reached" is past; a modal with a passive is future.
  EXPECT_EQ(ValueOf("His relatives could not be located Wednesday in Cardenas.", "2000-01-06", "Wednesday"),
            "2000-01-05");
  EXPECT_EQ(ValueOf("The results will be announced Wednesday in Geneva.", "2000-01-06", "Wednesday"),
            "2000-01-12");
  // A clause that opens with the date takes the verb after it.
  EXPECT_EQ(ValueOf("On Tuesday, the league plans to hold a news conference.", "1998-10-26", "Tuesday"),
            "1998-10-27");
  EXPECT_EQ(ValueOf("Until Thursday, they had not called him a suspect.", "1999-05-07", "Thursday"),
            "1999-05-06");
  // A preposition "next to" is not the adjective "next"; the clause verb is past.
  EXPECT_EQ(ValueOf("A bomb ripped through a building next to the embassy in Nairobi on Friday.", "1998-08-08",
                    "Friday"),
            "1998-08-07");
}

TEST(TimexTense, MonthsFollowTheClause) {
  // A future clause takes the coming month, a past clause the last one.
  EXPECT_EQ(ValueOf("Qantas will almost double its flights to India by August.", "1998-02-13", "August"), "1998-08");
  EXPECT_EQ(ValueOf("The company changed to a calendar year in December.", "1989-10-27", "December"), "1988-12");
  // What an agreement is to do lies ahead, whatever the tense of the agreement.
  EXPECT_EQ(ValueOf("The bank agreed to buy the unit in February.", "1989-10-30", "February"), "1990-02");
  EXPECT_EQ(ValueOf("The bank announced an agreement to acquire the firm in January.", "1989-11-02", "January"),
            "1990-01");
  // An infinitive of purpose does not: "staged celebrations to mark".
  EXPECT_EQ(ValueOf("The government staged celebrations to mark its entry into NATO on Friday.", "1999-03-13",
                    "Friday"),
            "1999-03-12");
}

// Reporting years, year ends and "by 1992".
TEST(TimexYear, ReportingYearsAndYearEnds) {
  EXPECT_EQ(ValueOf("For the year ended Sept. 30, Ralston earned $422 million.", "1989-11-02", "the year"), "P1Y");
  EXPECT_EQ(ValueOf("For the year, pet food volume was flat.", "1989-11-02", "the year"), "1989");
  EXPECT_EQ(ValueOf("The year-ago results included a charge.", "1989-11-02", "year-ago"), "1988");
  EXPECT_EQ(ValueOf("It expects to complete the sale by year-end.", "1989-11-02", "year-end"), "1989");
  EXPECT_EQ(ValueOf("The index has fallen 5% since year-end.", "1989-10-30", "year-end"), "1988");
  EXPECT_EQ(ValueOf("It hopes to control 5% of the market by 1992.", "1989-10-31", "1992"), "1992");
  Document d = Tag("Output rose by 1990 tons.", "1989-10-31");
  EXPECT_EQ(Find(d, "1990"), nullptr);
}

// "2 1/2 years": a number and a half.
TEST(TimexDuration, FractionHalves) {
  EXPECT_EQ(ValueOf("They lived in camps for 2 1/2 years.", "1998-02-27", "2 1/2 years"), "P2Y6M");
  EXPECT_EQ(ValueOf("She spends 5 1/2 hours in Nairobi.", "1998-08-17", "5 1/2 hours"), "PT5H30M");
}

// "this past spring" is the latest spring; "last spring" the one of last year.
TEST(TimexSeasonsQuarters, ThisPastSeasonIsTheLatest) {
  EXPECT_EQ(ValueOf("Costs were high before it scrapped the unit this past spring.", "1989-10-30",
                    "this past spring"),
            "1989-SP");
  EXPECT_EQ(ValueOf("The strike began last spring.", "1989-10-26", "last spring"), "1988-SP");
}

// "the previous Friday" is the Friday before the day the story is at.
TEST(TimexNarrative, PreviousWeekdayFromTheStoryDay) {
  EXPECT_EQ(ValueOf("The index closed at 2082.1 on Friday, down 4.5% from the previous Friday.", "1989-10-30",
                    "previous Friday"),
            "1989-10-20");
}

// Not times: an age after a possessive, the title of a show in quotes.
TEST(TimexNotTimes, AgesAndQuotedTitles) {
  Document d = Tag("Kopp was in his 30s then. She is in her early forties. Baker said on ABC's \"This Week\" "
                   "that it works. He said on CBS's ''60 Minutes'' that he would stay.",
                   "1999-05-06");
  EXPECT_EQ(Find(d, "30s"), nullptr);
  EXPECT_EQ(Find(d, "early forties"), nullptr);
  EXPECT_EQ(Find(d, "forties"), nullptr);
  EXPECT_EQ(Find(d, "This Week"), nullptr);
  EXPECT_EQ(Find(d, "60 Minutes"), nullptr);
  EXPECT_EQ(ValueOf("Trade grew in the 1990s.", "2020-01-09", "the 1990s"), "199");
}

// A perfect ("have gained") is past; a plain present ("the vote is Tuesday") looks ahead;
// "Wednesday's ruling" names a known event, whatever the clause around it says.
// 1989-10-27 and 2000-01-07 are Fridays.
TEST(TimexTense, PerfectPresentAndPossessive) {
  EXPECT_EQ(ValueOf("Since Tuesday, the shares have gained nearly 4%.", "1989-10-27", "Tuesday"), "1989-10-24");
  EXPECT_EQ(ValueOf("The shares have gained nearly 4% Tuesday.", "1989-10-27", "Tuesday"), "1989-10-24");
  EXPECT_EQ(ValueOf("The vote is Tuesday, officials say.", "1989-10-27", "Tuesday"), "1989-10-31");
  EXPECT_EQ(ValueOf("They said they would look for ways to overturn Wednesday's ruling.", "2000-01-07",
                    "Wednesday"),
            "2000-01-05");
}

// "Easter week": the ISO week of the holiday.
TEST(TimexHolidays, HolidayWeek) {
  EXPECT_EQ(ValueOf("Protesters prayed as Easter week began.", "2000-04-17", "Easter week"), "2000-W16");
}


// "as early as Tuesday": the earliest day something may happen lies ahead, even after an
// undecided modal. 2000-04-03 is a Monday.
TEST(TimexTense, AsEarlyAsLooksAhead) {
  EXPECT_EQ(ValueOf("The father could come to the U.S. from Cuba as early as Tuesday.", "2000-04-03", "Tuesday"),
            "2000-04-04");
  EXPECT_EQ(ValueOf("The group could come as soon as Tuesday, reports said.", "2000-04-03", "Tuesday"),
            "2000-04-04");
}

// "April 24 and 25": the second day is a date of its own; "May 3 and 4 percent" is not.
TEST(TimexAbsolute, SecondDayOfAPair) {
  EXPECT_EQ(ValueOf("A ceremony will be held at the summit on April 24 and 25.", "1999-02-10", "25"),
            "1999-04-25");
  Document d = Tag("Prices rose on May 3 and 4 percent of the shares fell. It began on June 3 and 10 people died.",
                   "1999-02-10");
  EXPECT_EQ(Find(d, "4"), nullptr);
  EXPECT_EQ(Find(d, "10"), nullptr);
}

// "the March accession": a capitalized month dating the noun after it; not "the March of".
TEST(TimexAbsolute, MonthBeforeItsNoun) {
  EXPECT_EQ(ValueOf("The March accession will let them sign.", "1999-02-10", "March"), "1999-03");
  Document d = Tag("They joined the March of Dimes.", "1999-02-10");
  EXPECT_EQ(Find(d, "March"), nullptr);
}

// "at midday": noon of the day the story is at; "High Noon" is a title, not a time.
TEST(TimexClock, BareMidday) {
  EXPECT_EQ(ValueOf("He will appear before a judge at midday, a statement said.", "1999-10-08", "midday"),
            "1999-10-08T12:00");
  Document d = Tag("He showed a picture from the film High Noon to the crowd.", "1999-10-08");
  EXPECT_EQ(Find(d, "Noon"), nullptr);
}


// A clause-opening weekday before a plan told in the simple past is past; with an auxiliary
// in the present ("is expected to") it looks ahead. 1998-09-30 is a Wednesday.
TEST(TimexTense, FrontedDayBeforeAPastPlan) {
  EXPECT_EQ(ValueOf("On Friday, the Kenyan government planned to pay the first claims.", "1998-09-30", "Friday"),
            "1998-09-25");
  EXPECT_EQ(ValueOf("On Friday, the Kenyan government is expected to pay the first claims.", "1998-09-30",
                    "Friday"),
            "1998-10-02");
}

}  // namespace
}  // namespace dossier
