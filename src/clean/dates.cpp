#include "clean/dates.h"

#include <re2/re2.h>

#include <cctype>
#include <cstdio>
#include <memory>
#include <string>
#include <unordered_set>

#include "core/data_dir.h"

namespace dossier {
namespace {

// Time zone abbreviations a page may write after a time (data/clean_timezones.tsv).
const std::unordered_set<std::string>& TimeZoneNames() {
  static const auto* names = [] {
    auto* s = new std::unordered_set<std::string>();
    for (const auto& row : ReadDataTable("clean_timezones.tsv"))
      if (!row.empty() && !row[0].empty()) s->insert(row[0]);
    return s;
  }();
  return *names;
}

#define DOSSIER_MONTH \
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
  "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
// Optional time after a date: ", 00:43 IST", " at 2:50 pm", " 20:59:00 GMT", "T08:30Z".
#define DOSSIER_TIME                                                                     \
  "(?:(?:,|\\s+at|\\s*[-|·•]|T)?\\s*(\\d{1,2})[:.](\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?" \
  "(?:\\s*([ap])\\.?m\\b\\.?)?"                                                          \
  "(?:\\s*\\(?(?-i:((?:UTC|GMT)\\s*[+-]\\s*\\d{1,2}(?::?\\d{2})?|[+-]\\d{2}:?\\d{2}|Z\\b|"     \
  "[A-Z]{2,5}\\b))\\)?)?)?"

struct Patterns {
  // Groups: year, month, day, then hour, minute, second, am/pm, zone.
  RE2 iso{"(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})" DOSSIER_TIME};
  // Groups: month name, day, year, time groups.
  RE2 month_first{"(?i)" DOSSIER_MONTH "(?:\\.|\\b)\\s*(\\d{1,2})(?:st|nd|rd|th)?\\b,?\\s*(\\d{4})\\b" DOSSIER_TIME};
  // Groups: day, month name, year, time groups.
  RE2 day_first{"(?i)\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" DOSSIER_MONTH
                "(?:\\.|\\b),?\\s*(\\d{4})\\b" DOSSIER_TIME};
  // Groups: month name, year.
  RE2 month_year{"(?i)" DOSSIER_MONTH "(?:\\.|\\b),?\\s+(\\d{4})\\b"};
};

const Patterns& Pats() {
  static const Patterns* p = new Patterns();
  return *p;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') break;
    v = v * 10 + (c - '0');
  }
  return v;
}

bool ValidDay(int y, int m, int d) {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d > kDays[m - 1]) return false;
  if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return false;
  return true;
}

// Fills `out` from the numeric parts; `g` are the time groups (hour, minute, second, ampm,
// zone). Returns false when the date is not a real day.
bool Build(int y, int m, int d, const std::string_view* g, PubDate* out) {
  if (!ValidDay(y, m, d)) return false;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  out->value = buf;
  out->precision = DatePrecision::kDay;
  out->tz.clear();
  if (g != nullptr && !g[0].empty()) {
    int hh = ToInt(g[0]), mm = ToInt(g[1]);
    if (!g[3].empty()) {
      char ap = static_cast<char>(std::tolower(static_cast<unsigned char>(g[3][0])));
      if (hh == 12) hh = 0;
      if (ap == 'p') hh += 12;
    }
    if (hh <= 23 && mm <= 59) {
      std::snprintf(buf, sizeof buf, "T%02d:%02d", hh, mm);
      out->value += buf;
      out->precision = DatePrecision::kMinute;
      if (!g[2].empty()) {
        std::snprintf(buf, sizeof buf, ":%02d", ToInt(g[2]) % 60);
        out->value += buf;
        out->precision = DatePrecision::kSecond;
      }
      std::string zone(g[4]);
      bool numeric = !zone.empty() && (zone[0] == '+' || zone[0] == '-' || zone == "Z" ||
                                       zone.rfind("UTC", 0) == 0 || zone.rfind("GMT", 0) == 0);
      if (numeric || TimeZoneNames().count(zone)) out->tz = zone;
    }
  }
  return true;
}

// True when the letter before `pos` would glue a month name to a lower-case word
// ("Omar 3" is not "Mar 3"); "readDec 3" is fine because the month is capitalized.
bool BadMonthStart(std::string_view s, size_t pos) {
  if (pos == 0) return false;
  unsigned char before = static_cast<unsigned char>(s[pos - 1]);
  if (!std::isalpha(before)) return false;
  return !std::isupper(static_cast<unsigned char>(s[pos]));
}

struct Candidate {
  size_t begin = std::string_view::npos;
  size_t end = 0;
  PubDate date;
};

void Consider(size_t begin, size_t end, const PubDate& d, Candidate* best) {
  if (begin < best->begin || (begin == best->begin && end > best->end)) {
    best->begin = begin;
    best->end = end;
    best->date = d;
  }
}

}  // namespace

int MonthNumber(std::string_view w) {
  if (w.size() < 3) return 0;
  char a = static_cast<char>(std::tolower(static_cast<unsigned char>(w[0])));
  char b = static_cast<char>(std::tolower(static_cast<unsigned char>(w[1])));
  char c = static_cast<char>(std::tolower(static_cast<unsigned char>(w[2])));
  std::string p{a, b, c};
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  for (int i = 0; i < 12; ++i)
    if (p == kMonths[i]) return i + 1;
  return 0;
}

int WeekdayNumber(std::string_view w) {
  if (w.size() < 3) return -1;
  std::string low;
  for (char ch : w) low += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  static const char* kDays[] = {"sunday", "monday", "tuesday", "wednesday",
                                "thursday", "friday", "saturday"};
  static const char* kShort[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  for (int i = 0; i < 7; ++i)
    if (low == kDays[i] || low == kShort[i]) return i;
  return -1;
}

std::string IsoDay(long days) {
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

bool DayOf(std::string_view iso, long* days) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return false;
  int y = ToInt(iso.substr(0, 4)), m = ToInt(iso.substr(5, 2)), d = ToInt(iso.substr(8, 2));
  if (!ValidDay(y, m, d)) return false;
  *days = DaysFromCivil(y, m, d);
  return true;
}

bool FindDate(std::string_view s, FoundDate* out, bool allow_month) {
  // Cheap reject: every form has a digit.
  bool digit = false;
  for (char c : s)
    if (c >= '0' && c <= '9') { digit = true; break; }
  if (!digit) return false;
  const Patterns& p = Pats();
  Candidate best;
  re2::StringPiece text(s.data(), s.size());
  re2::StringPiece g[9];
  // ISO and year-first numeric.
  {
    re2::StringPiece in = text;
    while (p.iso.Match(in, 0, in.size(), RE2::UNANCHORED, g, 9)) {
      size_t begin = g[0].data() - s.data();
      std::string_view t[5] = {std::string_view(g[4].data(), g[4].size()),
                               std::string_view(g[5].data(), g[5].size()),
                               std::string_view(g[6].data(), g[6].size()),
                               std::string_view(g[7].data(), g[7].size()),
                               std::string_view(g[8].data(), g[8].size())};
      PubDate d;
      bool digit_before = begin > 0 && std::isdigit(static_cast<unsigned char>(s[begin - 1]));
      if (!digit_before && Build(ToInt(g[1]), ToInt(g[2]), ToInt(g[3]), t, &d)) {
        Consider(begin, begin + g[0].size(), d, &best);
        break;
      }
      in = re2::StringPiece(g[0].data() + 1, s.data() + s.size() - (g[0].data() + 1));
    }
  }
  for (int which = 0; which < 2; ++which) {
    const RE2& re = which == 0 ? p.month_first : p.day_first;
    re2::StringPiece in = text;
    while (re.Match(in, 0, in.size(), RE2::UNANCHORED, g, 9)) {
      size_t begin = g[0].data() - s.data();
      if (begin >= best.begin) break;
      re2::StringPiece month = which == 0 ? g[1] : g[2];
      re2::StringPiece day = which == 0 ? g[2] : g[1];
      size_t month_at = month.data() - s.data();
      std::string_view t[5] = {std::string_view(g[4].data(), g[4].size()),
                               std::string_view(g[5].data(), g[5].size()),
                               std::string_view(g[6].data(), g[6].size()),
                               std::string_view(g[7].data(), g[7].size()),
                               std::string_view(g[8].data(), g[8].size())};
      PubDate d;
      if (!BadMonthStart(s, month_at) &&
          Build(ToInt(g[3]), MonthNumber(std::string_view(month.data(), month.size())),
                ToInt(day), t, &d)) {
        Consider(begin, begin + g[0].size(), d, &best);
        break;
      }
      in = re2::StringPiece(g[0].data() + 1, s.data() + s.size() - (g[0].data() + 1));
    }
  }
  if (allow_month && best.begin == std::string_view::npos) {
    re2::StringPiece in = text;
    while (p.month_year.Match(in, 0, in.size(), RE2::UNANCHORED, g, 3)) {
      size_t begin = g[0].data() - s.data();
      int y = ToInt(g[2]);
      int m = MonthNumber(std::string_view(g[1].data(), g[1].size()));
      if (!BadMonthStart(s, begin) && y >= 1900 && y <= 2100 && m > 0) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
        best.begin = begin;
        best.end = begin + g[0].size();
        best.date = PubDate{};
        best.date.value = buf;
        best.date.precision = DatePrecision::kMonth;
        break;
      }
      in = re2::StringPiece(g[0].data() + 1, s.data() + s.size() - (g[0].data() + 1));
    }
  }
  if (best.begin == std::string_view::npos) return false;
  // Trim trailing separators the time pattern may have eaten.
  size_t end = best.end;
  while (end > best.begin && (s[end - 1] == ' ' || s[end - 1] == ',')) --end;
  out->begin = best.begin;
  out->end = end;
  out->date = best.date;
  out->date.evidence = std::string(s.substr(best.begin, end - best.begin));
  return true;
}

bool ParseDateValue(std::string_view s, PubDate* out) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  s = s.substr(b, e - b);
  if (s.empty() || s.size() > 200) return false;
  FoundDate f;
  if (!FindDate(s, &f, true)) {
    // A bare year-month ("2020-01") or year.
    if (s.size() >= 7 && s[4] == '-' && std::isdigit(static_cast<unsigned char>(s[5])) &&
        std::isdigit(static_cast<unsigned char>(s[6])) && (s.size() == 7 || !std::isdigit(static_cast<unsigned char>(s[7])))) {
      int y = ToInt(s.substr(0, 4)), m = ToInt(s.substr(5, 2));
      if (y >= 1900 && y <= 2100 && m >= 1 && m <= 12) {
        *out = PubDate{};
        out->value = std::string(s.substr(0, 7));
        out->precision = DatePrecision::kMonth;
        out->evidence = std::string(s);
        return true;
      }
    }
    return false;
  }
  // The date must be most of the value: allow a weekday, "Published", "Updated" around it.
  size_t rest = s.size() - (f.end - f.begin);
  if (rest > 40) return false;
  *out = f.date;
  out->evidence = std::string(s);
  return true;
}

}  // namespace dossier
