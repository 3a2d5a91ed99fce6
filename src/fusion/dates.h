// Event dates as closed intervals of days, so that dates of different precision compare:
// "2020-01" contains "2020-01-03"; "2019-W52" is seven days.
#ifndef DOSSIER_FUSION_DATES_H_
#define DOSSIER_FUSION_DATES_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace dossier {
namespace fusion {

struct DayInterval {
  int32_t lo = 0;             // days since 1970-01-01, inclusive
  int32_t hi = -1;            // inclusive; hi < lo means "no date"
  std::string value;          // the ISO value cut to its precision ("2020-01-03", "2020-01")
  std::string_view precision; // "day", "week", "month", "year" (static strings)
  bool valid() const { return hi >= lo; }
  int32_t Width() const { return valid() ? hi - lo + 1 : 0; }
};

// Parses an ISO 8601 / TIMEX3 date value: "2020-01-03", "2020-01-03T08:30" (cut to the day),
// "2020-01", "2020", "2019-W52". Anything else ("PRESENT_REF", "XXXX-10", "P3D") is invalid.
DayInterval ParseDate(std::string_view iso);

// Days between two intervals: 0 when they overlap, else the distance between their ends.
int32_t Gap(const DayInterval& a, const DayInterval& b);

// True if `outer` contains `inner`.
bool Contains(const DayInterval& outer, const DayInterval& inner);

// Days since 1970-01-01 of a proleptic Gregorian date, and back to "YYYY-MM-DD".
int32_t DaysFromCivil(int y, unsigned m, unsigned d);
std::string CivilFromDays(int32_t days);

}  // namespace fusion
}  // namespace dossier

#endif  // DOSSIER_FUSION_DATES_H_
