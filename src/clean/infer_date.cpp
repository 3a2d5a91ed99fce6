// Publication date ranges for pages that state no date, read from their content.
#include <re2/re2.h>

#include <algorithm>
#include <string>

#include "clean/dates.h"
#include "clean/page.h"

namespace dossier {
namespace {

struct Mentions {
  long latest_day = -1;       // latest full date mentioned (day number)
  std::string latest_day_text;
  int latest_month_y = 0, latest_month_m = 0;  // latest "Month YYYY"
  int latest_year = 0;        // latest year mentioned in a date-like context
  bool last_year = false;     // "last year" appears
  bool weekday[7] = {};       // weekday names used
  int weekday_count[7] = {};  // how often each weekday name is used
  size_t weekday_first[7] = {};  // order of first use (smaller = earlier in the text)
  size_t seen = 0;            // running position over all scanned text
  int bare_month = 0;         // latest-in-text "In October" month without a day or a year (1-12)
  size_t bare_month_pos = 0;
};

// "In October", "since March", "last November": a month name after a preposition, with no
// day number or year after it. Keeps the one mentioned last in the text.
void ScanBareMonths(std::string_view text, Mentions* m) {
  static const RE2* kBare = new RE2(
      "(?:^|[^\\p{L}])(?:[Ii]n|[Ss]ince|[Uu]ntil|[Ll]ast|[Ee]arly|[Ll]ate|[Mm]id-?|[Dd]uring|[Tt]his|[Bb]y|[Ss]ince)\\s+"
      "(January|February|March|April|May|June|July|August|September|October|November|December)\\b"
      "(\\s*,?\\s*\\d)?");
  static const char* kMonths[] = {"January", "February", "March", "April", "May", "June", "July",
                                  "August", "September", "October", "November", "December"};
  re2::StringPiece in(text.data(), text.size());
  std::string name, digit;
  while (RE2::FindAndConsume(&in, *kBare, &name, &digit)) {
    if (!digit.empty()) continue;
    for (int k = 0; k < 12; ++k)
      if (name == kMonths[k]) {
        m->bare_month = k + 1;
        m->bare_month_pos = m->seen + static_cast<size_t>(in.data() - text.data());
      }
  }
}

void Scan(std::string_view text, long before_day, Mentions* m) {
  static const RE2* kYear = new RE2(
      "(?i)\\b(?:in|since|of|from|during|spring|summer|autumn|fall|winter|early|late|mid|until|"
      "through|by|year|before|after)[\\s-]+(?:of\\s+)?(19[5-9]\\d|20\\d\\d)\\b");
  size_t pos = 0;
  while (pos < text.size()) {
    FoundDate f;
    if (!FindDate(text.substr(pos), &f, true)) break;
    if (f.date.precision >= DatePrecision::kDay) {
      long d;
      if (DayOf(f.date.value, &d) && (before_day < 0 || d <= before_day) && d > m->latest_day) {
        m->latest_day = d;
        m->latest_day_text = f.date.evidence;
      }
    } else if (f.date.precision == DatePrecision::kMonth) {
      int y = std::stoi(f.date.value.substr(0, 4)), mo = std::stoi(f.date.value.substr(5, 2));
      if (y * 12 + mo > m->latest_month_y * 12 + m->latest_month_m) m->latest_month_y = y, m->latest_month_m = mo;
    }
    pos += f.end;
  }
  re2::StringPiece in(text.data(), text.size());
  std::string year;
  while (RE2::FindAndConsume(&in, *kYear, &year)) m->latest_year = std::max(m->latest_year, std::stoi(year));
  if (text.find("last year") != std::string_view::npos || text.find("Last year") != std::string_view::npos)
    m->last_year = true;
  // Weekday names, capitalized, as whole words.
  static const char* kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  for (int w = 0; w < 7; ++w) {
    size_t at = text.find(kDays[w]);
    while (at != std::string_view::npos) {
      bool start_ok = at == 0 || !std::isalpha(static_cast<unsigned char>(text[at - 1]));
      size_t e = at + std::string_view(kDays[w]).size();
      bool end_ok = e >= text.size() || !std::isalpha(static_cast<unsigned char>(text[e]));
      if (start_ok && end_ok) {
        if (!m->weekday[w]) m->weekday_first[w] = m->seen + at;
        m->weekday[w] = true;
        ++m->weekday_count[w];
      }
      at = text.find(kDays[w], at + 1);
    }
  }
}

// The weekday the report is about: the most used weekday name, the first used on a tie;
// -1 when none.
int MainWeekday(const Mentions& m) {
  int best = -1;
  for (int w = 0; w < 7; ++w) {
    if (!m.weekday[w]) continue;
    if (best < 0 || m.weekday_count[w] > m.weekday_count[best] ||
        (m.weekday_count[w] == m.weekday_count[best] && m.weekday_first[w] < m.weekday_first[best]))
      best = w;
  }
  return best;
}

int WeekdayOfDay(long days) { return static_cast<int>(((days % 7) + 11) % 7); }  // 1970-01-01 was a Thursday

}  // namespace

bool InferPublished(const Page& page, PubDate* out) {
  // Q&A: the question was posted before its earliest answer or comment.
  long earliest_reply = -1;
  std::string reply_text;
  for (size_t i = 0; i < page.parts.size(); ++i) {
    const ThreadPart& p = page.parts[i];
    if (p.role == Role::kQuestion || p.role == Role::kArticle) continue;
    long d;
    if (!p.date.empty() && DayOf(p.date, &d) && (earliest_reply < 0 || d < earliest_reply)) {
      earliest_reply = d;
      reply_text = p.date;
    }
  }
  if (earliest_reply >= 0) {
    Mentions q;
    for (const PageBlock& b : page.blocks)
      if (b.part == 0) Scan(b.text, earliest_reply, &q);
    long lo = q.latest_day >= 0 ? q.latest_day : earliest_reply - 30;
    *out = PubDate{};
    out->value = IsoDay(earliest_reply);
    out->precision = DatePrecision::kDay;
    out->inferred = true;
    out->earliest = IsoDay(lo);
    out->latest = IsoDay(earliest_reply);
    out->evidence = "earliest reply " + reply_text;
    return true;
  }

  Mentions m;
  for (const PageBlock& b : page.blocks) {
    Scan(b.text, -1, &m);
    ScanBareMonths(b.text, &m);
    m.seen += b.text.size() + 1;
  }
  int day_year = 0;
  if (m.latest_day >= 0) {
    int y, mo, d;
    CivilFromDays(m.latest_day, &y, &mo, &d);
    day_year = y;
  }
  // A full date that is older than the years the text talks about is not the anchor (a
  // photo caption from years before, a birth date).
  int year_anchor = std::max(m.latest_year, m.latest_month_y);
  if (m.latest_day >= 0 && day_year >= year_anchor) {
    long anchor = m.latest_day;
    long value = anchor;
    bool any_weekday = false;
    for (int k = 0; k < 7; ++k) {
      if (m.weekday[WeekdayOfDay(anchor + k)]) {
        value = anchor + k;
        any_weekday = true;
        break;
      }
    }
    *out = PubDate{};
    out->value = IsoDay(value);
    out->precision = DatePrecision::kDay;
    out->inferred = true;
    out->earliest = IsoDay(anchor);
    out->latest = IsoDay(anchor + (any_weekday ? 7 : 30));
    out->evidence = "latest date mentioned: " + m.latest_day_text;
    return true;
  }
  if (m.latest_month_y > 0 && m.latest_month_y >= m.latest_year) {
    int y = m.latest_month_y, mo = m.latest_month_m;
    long first = DaysFromCivil(y, mo, 1);
    *out = PubDate{};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, mo);
    out->value = buf;
    out->precision = DatePrecision::kMonth;
    out->inferred = true;
    out->earliest = IsoDay(first);
    out->latest = IsoDay(first + 61);
    out->evidence = std::string("latest month mentioned: ") + buf;
    return true;
  }
  // A month named without its year ("In October") after the latest year mentioned: the
  // report came within about three months of that month's most recent occurrence, and in
  // the year after the latest one when the text says "last year". A weekday the report
  // keeps using ("said Friday", "Earlier Friday") then picks the day.
  if (year_anchor > 0 && m.bare_month > 0) {
    int y = year_anchor + (m.last_year ? 1 : 0);
    long year_first = DaysFromCivil(y, 1, 1), year_last = DaysFromCivil(y, 12, 31);
    long lo = 0, hi = 0;
    bool ok = false;
    for (int my : {y - 1, y}) {  // the month in the year before, then in the year itself
      if (!m.last_year && my != year_anchor) continue;
      long mfirst = DaysFromCivil(my, m.bare_month, 1);
      int ey = my + (m.bare_month + 3 > 12 ? 1 : 0), em = (m.bare_month + 3 - 1) % 12 + 1;
      long wend = DaysFromCivil(ey + (em == 12 ? 1 : 0), em == 12 ? 1 : em + 1, 1) - 1;  // end of month M+3
      long a = m.last_year ? std::max(mfirst, year_first) : mfirst;
      long b = m.last_year ? std::min(wend, year_last) : wend;
      if (a <= b) {
        lo = a, hi = b, ok = true;
        break;
      }
    }
    if (ok) {
      static const char* kMonths[] = {"January", "February", "March", "April", "May", "June", "July",
                                      "August", "September", "October", "November", "December"};
      *out = PubDate{};
      out->inferred = true;
      out->earliest = IsoDay(lo);
      out->latest = IsoDay(hi);
      std::string why = std::string("latest year mentioned ") + std::to_string(year_anchor) +
                        (m.last_year ? ", \"last year\"" : "") + ", month named without a year: " + kMonths[m.bare_month - 1];
      int wd = MainWeekday(m);
      long day = -1;
      if (wd >= 0)
        for (long d = lo; d <= hi; ++d)
          if (WeekdayOfDay(d) == wd) {
            day = d;
            break;
          }
      if (day >= 0) {
        static const char* kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
        out->value = IsoDay(day);
        out->precision = DatePrecision::kDay;
        out->evidence = why + ", weekday " + kDays[wd];
      } else {
        int yy, mm, dd;
        CivilFromDays(lo, &yy, &mm, &dd);
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d", yy, mm);
        out->value = buf;
        out->precision = DatePrecision::kMonth;
        out->evidence = why;
      }
      return true;
    }
  }
  if (year_anchor > 0) {
    int y = year_anchor + (m.last_year ? 1 : 0);
    *out = PubDate{};
    out->value = std::to_string(y);
    out->precision = DatePrecision::kYear;
    out->inferred = true;
    out->earliest = IsoDay(DaysFromCivil(y, 1, 1));
    out->latest = IsoDay(DaysFromCivil(y, 12, 31));
    out->evidence = m.last_year ? "latest year mentioned, and \"last year\"" : "latest year mentioned";
    return true;
  }
  return false;
}

}  // namespace dossier
