// Calendar helpers and TIMEX3 values.
#include <gtest/gtest.h>

#include "time/calendar.h"

namespace dossier {
namespace {

TEST(Calendar, DayNumbersRoundTrip) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2020, 1, 1), 18262);
  for (int64_t d = -800000; d < 800000; d += 997) {
    int y, m, dd;
    CivilFromDays(d, &y, &m, &dd);
    EXPECT_EQ(DaysFromCivil(y, m, dd), d);
  }
  EXPECT_EQ(DaysInMonth(2020, 2), 29);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
}

TEST(Calendar, WeekdaysAndWeeks) {
  EXPECT_EQ(IsoWeekday(DaysFromCivil(2020, 1, 7)), 2);  // Tuesday
  int wy, w;
  IsoWeek(DaysFromCivil(2020, 1, 7), &wy, &w);
  EXPECT_EQ(wy, 2020);
  EXPECT_EQ(w, 2);
  IsoWeek(DaysFromCivil(2019, 12, 30), &wy, &w);
  EXPECT_EQ(wy, 2020);
  EXPECT_EQ(w, 1);
  EXPECT_EQ(IsoWeekMonday(2020, 1), DaysFromCivil(2019, 12, 30));
}

TEST(Calendar, Holidays) {
  EXPECT_EQ(EasterSunday(2019), DaysFromCivil(2019, 4, 21));
  EXPECT_EQ(EasterSunday(2024), DaysFromCivil(2024, 3, 31));
  EXPECT_EQ(IslamicMonthStart(1441, 9), DaysFromCivil(2020, 4, 24));   // Ramadan 1441
  EXPECT_EQ(NthWeekdayOfMonth(1999, 11, 4, 4), DaysFromCivil(1999, 11, 25));  // Thanksgiving
  EXPECT_EQ(NthWeekdayOfMonth(2020, 5, 1, -1), DaysFromCivil(2020, 5, 25));   // Memorial Day
}

TEST(TimexValue, ParseAndFormat) {
  for (const char* v : {"2020", "2020-01", "2020-01-07", "2020-01-07T00:43", "2020-W01", "2020-W01-WE",
                        "2019-Q4", "2019-H1", "2019-SU", "2020-01-07TMO", "199", "19", "XXXX-10",
                        "2020-01-07T00:43:10"}) {
    TimePoint p;
    ASSERT_TRUE(ParseTimexValue(v, &p)) << v;
    EXPECT_EQ(FormatTimexValue(p), v);
  }
  TimePoint p;
  EXPECT_FALSE(ParseTimexValue("P3D", &p));
  EXPECT_FALSE(ParseTimexValue("PRESENT_REF", &p));
  ASSERT_TRUE(ParseTimexValue("2020-01-07T00:43+05:30", &p));
  EXPECT_EQ(p.granularity, Granularity::kMinute);
}

TEST(TimexValue, CompareWithPrecision) {
  EXPECT_EQ(CompareTimexValues("2019-12-27", "2020-01-03"), -1);
  EXPECT_EQ(CompareTimexValues("2020-01", "2020-01-03"), 0);  // contains
  EXPECT_EQ(CompareTimexValues("2020-W02", "2020-01-03"), 1);
  EXPECT_EQ(CompareTimexValues("2019-Q4", "2019-12-31"), 0);
  EXPECT_EQ(CompareTimexValues("2020-01-03T08:30", "2020-01-03T09:00"), -1);
  EXPECT_EQ(CompareTimexValues("PRESENT_REF", "2020"), 0);
}

TEST(TimexValue, Arithmetic) {
  TimePoint p;
  ASSERT_TRUE(ParseTimexValue("2020-01-31", &p));
  EXPECT_EQ(FormatTimexValue(AddDays(p, 1)), "2020-02-01");
  EXPECT_EQ(FormatTimexValue(AddMonths(p, 1)), "2020-02-29");
  EXPECT_EQ(FormatTimexValue(AddDays(p, -31)), "2019-12-31");
}

}  // namespace
}  // namespace dossier
