// Calendar arithmetic and TIMEX3 date values.
//
// Days are counted in the proleptic Gregorian calendar as a day number (days since
// 1970-01-01). A TimePoint is a TIMEX3 date/time value parsed into fields, with the
// granularity it was written at ("2019" is a year, "2019-Q4" a quarter, "2020-W01" a week,
// "2020-01-03T08:30" a minute). The time stage builds values with these helpers; the events
// and fusion stages use them to order, compare and shift the values the time stage wrote.
#ifndef DOSSIER_TIME_CALENDAR_H_
#define DOSSIER_TIME_CALENDAR_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace dossier {

// Day number of a civil date (month 1..12, day 1..31); 1970-01-01 is 0.
int64_t DaysFromCivil(int year, int month, int day);
// The inverse of DaysFromCivil.
void CivilFromDays(int64_t days, int* year, int* month, int* day);
// ISO weekday of a day number: 1 = Monday .. 7 = Sunday.
int IsoWeekday(int64_t days);
int DaysInMonth(int year, int month);
// ISO 8601 week of a day: the week-numbering year and week 1..53.
void IsoWeek(int64_t days, int* week_year, int* week);
// Day number of the Monday of ISO week `week` of `week_year`.
int64_t IsoWeekMonday(int week_year, int week);
// Western (Gregorian) Easter Sunday of `year`, as a day number.
int64_t EasterSunday(int year);
// First day of Islamic month `month` (1..12) of Hijri year `hijri_year` by the tabular
// (arithmetical) Islamic calendar; observed dates may differ by a day or two.
int64_t IslamicMonthStart(int hijri_year, int month);
// Day number of the `nth` (1..5, or -1 for the last) ISO weekday `weekday` of a month.
int64_t NthWeekdayOfMonth(int year, int month, int weekday, int nth);

// How finely a value is specified. Ordered from coarse to fine.
enum class Granularity {
  kNone, kCentury, kDecade, kYear, kHalf, kSeason, kQuarter, kMonth, kWeek, kWeekend,
  kDay, kPartOfDay, kHour, kMinute, kSecond
};

// A TIMEX3 DATE or TIME value. Fields below the granularity are unset (0 / empty).
// A field that is unknown ("XXXX-10") is -1. Century and decade values keep their leading
// digits in `year` (century 19 -> year 19; decade 199 -> year 199).
struct TimePoint {
  Granularity granularity = Granularity::kNone;
  int year = 0;
  int month = 0;       // 1..12
  int day = 0;         // 1..31
  int week = 0;        // ISO week, for kWeek / kWeekend
  int quarter = 0;     // 1..4 (kQuarter), or half 1..2 (kHalf)
  std::string season;  // "SP", "SU", "FA", "WI"
  std::string part;    // part of day: "MO", "AF", "EV", "NI", "DT"
  int hour = 0, minute = 0, second = 0;

  bool valid() const { return granularity != Granularity::kNone; }
  // True for values that name a span of days (year .. day), not a century or decade.
  bool has_year() const { return valid() && granularity >= Granularity::kYear && year >= 0; }
};

// Parses a TIMEX3 date/time value: "2020", "2020-01", "2020-01-07", "2020-01-07T00:43",
// "2020-01-07T00:43:10", "2020-W01", "2020-W01-WE", "2019-Q4", "2019-H1", "2019-SU",
// "2020-01-07TMO", "199" (decade), "19" (century); "XXXX" may stand for an unknown year,
// "XX" for an unknown month or day. A time zone suffix ("Z", "+05:30") is ignored.
// Returns false for anything else (durations, PRESENT_REF, ...).
bool ParseTimexValue(std::string_view value, TimePoint* out);
// The TIMEX3 value of a point, cut to its granularity.
std::string FormatTimexValue(const TimePoint& p);

// First and last day (day numbers) a point covers; false when the year is unknown or the
// granularity is coarser than a year (centuries and decades do give a range).
bool DayRange(const TimePoint& p, int64_t* first, int64_t* last);

// Compares two values by the days they cover: -1 when `a` ends before `b` starts, +1 when
// it starts after `b` ends, 0 when they overlap (same day, or one contains the other) or
// when either cannot be placed on the calendar.
int CompareTimexValues(std::string_view a, std::string_view b);

// A day-precision point `days` after (or before, when negative) the first day of `p`.
TimePoint AddDays(const TimePoint& p, int64_t days);
// `p` shifted by `n` months (keeps the granularity; the day is clamped to the month end).
TimePoint AddMonths(const TimePoint& p, int n);
// A point of day granularity for a day number.
TimePoint DayPoint(int64_t days);

}  // namespace dossier

#endif  // DOSSIER_TIME_CALENDAR_H_
