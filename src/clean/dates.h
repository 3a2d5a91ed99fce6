// Dates as pages write them: for the publication date and the dates of Q&A contributions.
//
// Reads ISO 8601 ("2020-01-04", "2020-01-04T20:59:00+02:00", "2020-01-04 20:59"), month-name
// forms in either order ("Jan 7, 2020, 00:43 IST", "December 3, 2023", "3 Dec. 2023 at 2:50
// pm", "Jan 6, 2020 at 2:50"), "Month YYYY", and RFC 822 ("Sat, 04 Jan 2020 20:59:00 GMT").
// Values are ISO strings cut to the precision written; a time zone is kept as written
// ("IST", "+05:30", "Z"). Nothing here reads the machine's clock.
#ifndef DOSSIER_CLEAN_DATES_H_
#define DOSSIER_CLEAN_DATES_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "core/document.h"

#include "time/calendar.h"

namespace dossier {

// A date found in a string: where it is and what it says.
struct FoundDate {
  size_t begin = 0;         // byte range of the date expression in the searched string
  size_t end = 0;
  PubDate date;             // value, precision, tz; evidence is the matched text
};

// Finds the first full date (day precision or finer, or "Month YYYY" when `allow_month` is
// set) in `s`. Returns false when there is none.
bool FindDate(std::string_view s, FoundDate* out, bool allow_month = false);

// Parses `s` as a date when the date is (nearly) all of it: a meta tag value, a <time>
// datetime attribute, a JSON-LD datePublished. Returns false otherwise.
bool ParseDateValue(std::string_view s, PubDate* out);

// 1..12 for an English month name or abbreviation ("Jan", "january", "Sept"), else 0.
int MonthNumber(std::string_view word);

// 0 (Sunday) .. 6 (Saturday) for an English weekday name ("Friday", "Fri"), else -1.
int WeekdayNumber(std::string_view word);

// Day arithmetic (DaysFromCivil, CivilFromDays) comes from time/calendar.h.

// "YYYY-MM-DD" for day number `days`.
std::string IsoDay(long days);

// Day number of the first 10 characters of an ISO value ("2020-01-07..."), or false.
bool DayOf(std::string_view iso, long* days);

}  // namespace dossier

#endif  // DOSSIER_CLEAN_DATES_H_
