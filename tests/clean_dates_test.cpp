// Date formats pages write, as read by the clean stage.
#include <gtest/gtest.h>

#include "clean/dates.h"

namespace dossier {
namespace {

PubDate Find(const std::string& s, bool allow_month = false) {
  FoundDate f;
  if (!FindDate(s, &f, allow_month)) return PubDate{};
  return f.date;
}

TEST(CleanDates, MonthNameWithTimeAndZone) {
  PubDate d = Find("Jan 7, 2020, 00:43 IST");
  EXPECT_EQ(d.value, "2020-01-07T00:43");
  EXPECT_EQ(d.precision, DatePrecision::kMinute);
  EXPECT_EQ(d.tz, "IST");
}

TEST(CleanDates, GluedReadingTime) {
  FoundDate f;
  ASSERT_TRUE(FindDate("6 min readDec 3, 2023", &f));
  EXPECT_EQ(f.date.value, "2023-12-03");
  EXPECT_EQ(f.date.precision, DatePrecision::kDay);
  EXPECT_EQ(f.begin, 10u);
}

TEST(CleanDates, IsoDayAndMinute) {
  EXPECT_EQ(Find(" date 2020-01-04 ").value, "2020-01-04");
  PubDate d = Find("2020-01-04 20:59");
  EXPECT_EQ(d.value, "2020-01-04T20:59");
  EXPECT_EQ(d.precision, DatePrecision::kMinute);
  d = Find("2020-01-04T20:59:07+02:00");
  EXPECT_EQ(d.value, "2020-01-04T20:59:07");
  EXPECT_EQ(d.precision, DatePrecision::kSecond);
  EXPECT_EQ(d.tz, "+02:00");
}

TEST(CleanDates, DayFirstAndAmPm) {
  PubDate d = Find("Published 3rd of March 2019 at 5:30 pm EST");
  EXPECT_EQ(d.value, "2019-03-03T17:30");
  EXPECT_EQ(d.tz, "EST");
  EXPECT_EQ(Find("Sat, 04 Jan 2020 20:59:00 GMT").value, "2020-01-04T20:59:00");
}

TEST(CleanDates, CommentDate) {
  EXPECT_EQ(Find("Commented Jan 6, 2020 at 2:50").value, "2020-01-06T02:50");
}

TEST(CleanDates, RejectsNonDates) {
  EXPECT_FALSE(Find("Omar 3, 2020").known());
  EXPECT_FALSE(Find("Feb 30, 2020").known());
  EXPECT_FALSE(Find("no digits here").known());
  // An unknown capitalized word after the time is not a time zone.
  EXPECT_EQ(Find("Jan 6, 2020 at 2:50 The").tz, "");
}

TEST(CleanDates, MonthYearOnlyWhenAllowed) {
  EXPECT_FALSE(Find("in May 2018 it").known());
  PubDate d = Find("in May 2018 it", true);
  EXPECT_EQ(d.value, "2018-05");
  EXPECT_EQ(d.precision, DatePrecision::kMonth);
}

TEST(CleanDates, ParseDateValue) {
  PubDate d;
  ASSERT_TRUE(ParseDateValue("2021-11-01T10:52:50+0100", &d));
  EXPECT_EQ(d.value, "2021-11-01T10:52:50");
  EXPECT_EQ(d.tz, "+0100");
  ASSERT_TRUE(ParseDateValue("2020-01", &d));
  EXPECT_EQ(d.precision, DatePrecision::kMonth);
  EXPECT_FALSE(ParseDateValue("This long sentence mentions January 3, 2020 only in passing among many words.", &d));
}

TEST(CleanDates, CivilDays) {
  long d;
  ASSERT_TRUE(DayOf("2020-01-03", &d));
  EXPECT_EQ(IsoDay(d + 30), "2020-02-02");
  EXPECT_EQ(MonthNumber("Sept"), 9);
  EXPECT_EQ(WeekdayNumber("Friday"), 5);
}

}  // namespace
}  // namespace dossier
