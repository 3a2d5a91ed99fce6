#include "time/calendar.h"

#include <algorithm>
#include <cstdio>

namespace dossier {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) { return (a >= 0 ? a : a - b + 1) / b; }

// Reads exactly `n` digits at s[*i], or n 'X' (stored as -1). Advances *i.
bool ReadField(std::string_view s, size_t* i, int n, int* out) {
  if (*i + n > s.size()) return false;
  bool unknown = true, digits = true;
  int v = 0;
  for (int k = 0; k < n; ++k) {
    char c = s[*i + k];
    if (c != 'X') unknown = false;
    if (c < '0' || c > '9') digits = false;
    else v = v * 10 + (c - '0');
  }
  if (!unknown && !digits) return false;
  *out = unknown ? -1 : v;
  *i += n;
  return true;
}

const char* kParts[] = {"MO", "AF", "EV", "NI", "DT", "MI"};
const char* kSeasons[] = {"SP", "SU", "FA", "WI"};

}  // namespace

int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = FloorDiv(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int* year, int* month, int* day) {
  z += 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = static_cast<int>(yoe + era * 400 + (*month <= 2));
}

int IsoWeekday(int64_t days) {
  // 1970-01-01 was a Thursday (4).
  int64_t w = (days + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 31;
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

void IsoWeek(int64_t days, int* week_year, int* week) {
  // The week belongs to the year of its Thursday.
  int64_t thursday = days - IsoWeekday(days) + 4;
  int y, m, d;
  CivilFromDays(thursday, &y, &m, &d);
  *week_year = y;
  *week = static_cast<int>((thursday - DaysFromCivil(y, 1, 1)) / 7 + 1);
}

int64_t IsoWeekMonday(int week_year, int week) {
  int64_t jan4 = DaysFromCivil(week_year, 1, 4);
  int64_t monday1 = jan4 - (IsoWeekday(jan4) - 1);
  return monday1 + 7 * (week - 1);
}

int64_t EasterSunday(int year) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return DaysFromCivil(year, month, day);
}

int64_t IslamicMonthStart(int hijri_year, int month) {
  // Tabular Islamic calendar: 30-year cycle with 11 leap years; epoch 622-07-16 (Julian).
  int64_t days_before_month = (295 * (month - 1) + 9) / 10;  // ceil(29.5 * (month - 1))
  return 1 + days_before_month + int64_t{hijri_year - 1} * 354 +
         FloorDiv(3 + 11 * int64_t{hijri_year}, 30) - 492149;
}

int64_t NthWeekdayOfMonth(int year, int month, int weekday, int nth) {
  if (nth < 0) {
    int64_t last = DaysFromCivil(year, month, DaysInMonth(year, month));
    return last - ((IsoWeekday(last) - weekday + 7) % 7);
  }
  int64_t first = DaysFromCivil(year, month, 1);
  return first + ((weekday - IsoWeekday(first) + 7) % 7) + 7 * (nth - 1);
}

bool ParseTimexValue(std::string_view s, TimePoint* out) {
  TimePoint p;
  size_t i = 0;
  // Centuries and decades: "19", "199".
  if (s.size() == 2 || s.size() == 3) {
    int v;
    if (!ReadField(s, &i, static_cast<int>(s.size()), &v)) return false;
    p.year = v;
    p.granularity = s.size() == 2 ? Granularity::kCentury : Granularity::kDecade;
    *out = p;
    return true;
  }
  if (!ReadField(s, &i, 4, &p.year)) return false;
  p.granularity = Granularity::kYear;
  auto done = [&]() {
    // Accept a trailing time zone.
    if (i < s.size() && (s[i] == 'Z' || s[i] == '+' || s[i] == '-')) i = s.size();
    if (i != s.size()) return false;
    *out = p;
    return true;
  };
  if (i == s.size() || s[i] != '-') return done();
  ++i;
  if (i >= s.size()) return false;
  char c = s[i];
  if (c == 'W') {
    ++i;
    if (!ReadField(s, &i, 2, &p.week)) return false;
    p.granularity = Granularity::kWeek;
    if (s.substr(i) == "-WE") {
      p.granularity = Granularity::kWeekend;
      i = s.size();
    }
    return done();
  }
  if (c == 'Q' || c == 'H') {
    ++i;
    int q;
    if (!ReadField(s, &i, 1, &q)) return false;
    p.quarter = q;
    p.granularity = c == 'Q' ? Granularity::kQuarter : Granularity::kHalf;
    return done();
  }
  for (const char* season : kSeasons) {
    if (s.substr(i, 2) == season) {
      p.season = season;
      p.granularity = Granularity::kSeason;
      i += 2;
      return done();
    }
  }
  if (!ReadField(s, &i, 2, &p.month)) return false;
  p.granularity = Granularity::kMonth;
  if (i == s.size() || s[i] != '-') return done();
  ++i;
  if (!ReadField(s, &i, 2, &p.day)) return false;
  p.granularity = Granularity::kDay;
  if (i == s.size() || s[i] != 'T') return done();
  ++i;
  for (const char* part : kParts) {
    if (s.substr(i, 2) == part) {
      p.part = part;
      p.granularity = Granularity::kPartOfDay;
      i += 2;
      return done();
    }
  }
  if (!ReadField(s, &i, 2, &p.hour)) return false;
  p.granularity = Granularity::kHour;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!ReadField(s, &i, 2, &p.minute)) return false;
    p.granularity = Granularity::kMinute;
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!ReadField(s, &i, 2, &p.second)) return false;
      p.granularity = Granularity::kSecond;
    }
  }
  return done();
}

std::string FormatTimexValue(const TimePoint& p) {
  char buf[64];
  auto field = [](char* b, int v, int width) {
    if (v < 0) {
      for (int k = 0; k < width; ++k) b[k] = 'X';
      b[width] = '\0';
    } else {
      std::snprintf(b, 8, "%0*d", width, v % (width == 4 ? 10000 : 100));
    }
  };
  char y[8], m[8], d[8];
  switch (p.granularity) {
    case Granularity::kNone:
      return "";
    case Granularity::kCentury:
      field(y, p.year, 2);
      return y;
    case Granularity::kDecade:
      if (p.year < 0) return "XXX";
      std::snprintf(buf, sizeof buf, "%03d", p.year % 1000);
      return buf;
    default:
      break;
  }
  field(y, p.year, 4);
  std::string out = y;
  switch (p.granularity) {
    case Granularity::kYear:
      return out;
    case Granularity::kHalf:
      return out + "-H" + std::to_string(p.quarter);
    case Granularity::kQuarter:
      return out + (p.quarter > 0 ? "-Q" + std::to_string(p.quarter) : std::string("-QX"));
    case Granularity::kSeason:
      return out + "-" + p.season;
    case Granularity::kWeek:
    case Granularity::kWeekend:
      field(m, p.week, 2);
      out += std::string("-W") + m;
      if (p.granularity == Granularity::kWeekend) out += "-WE";
      return out;
    default:
      break;
  }
  field(m, p.month, 2);
  out += std::string("-") + m;
  if (p.granularity == Granularity::kMonth) return out;
  field(d, p.day, 2);
  out += std::string("-") + d;
  if (p.granularity == Granularity::kDay) return out;
  if (p.granularity == Granularity::kPartOfDay) return out + "T" + p.part;
  std::snprintf(buf, sizeof buf, "T%02d", p.hour);
  out += buf;
  if (p.granularity == Granularity::kHour) return out + ":00";
  std::snprintf(buf, sizeof buf, ":%02d", p.minute);
  out += buf;
  if (p.granularity == Granularity::kMinute) return out;
  std::snprintf(buf, sizeof buf, ":%02d", p.second);
  return out + buf;
}

bool DayRange(const TimePoint& p, int64_t* first, int64_t* last) {
  if (!p.valid() || p.year < 0) return false;
  switch (p.granularity) {
    case Granularity::kCentury:
      *first = DaysFromCivil(p.year * 100, 1, 1);
      *last = DaysFromCivil(p.year * 100 + 99, 12, 31);
      return true;
    case Granularity::kDecade:
      *first = DaysFromCivil(p.year * 10, 1, 1);
      *last = DaysFromCivil(p.year * 10 + 9, 12, 31);
      return true;
    case Granularity::kYear:
      *first = DaysFromCivil(p.year, 1, 1);
      *last = DaysFromCivil(p.year, 12, 31);
      return true;
    case Granularity::kHalf:
      if (p.quarter < 1 || p.quarter > 2) return false;
      *first = DaysFromCivil(p.year, p.quarter == 1 ? 1 : 7, 1);
      *last = p.quarter == 1 ? DaysFromCivil(p.year, 6, 30) : DaysFromCivil(p.year, 12, 31);
      return true;
    case Granularity::kQuarter: {
      if (p.quarter < 1 || p.quarter > 4) return false;
      int m = 3 * (p.quarter - 1) + 1;
      *first = DaysFromCivil(p.year, m, 1);
      *last = DaysFromCivil(p.year, m + 2, DaysInMonth(p.year, m + 2));
      return true;
    }
    case Granularity::kSeason: {
      // Meteorological seasons of the northern hemisphere; winter starts in December.
      int m = p.season == "SP" ? 3 : p.season == "SU" ? 6 : p.season == "FA" ? 9 : 12;
      *first = DaysFromCivil(p.year, m, 1);
      int em = m + 2, ey = p.year;
      if (em > 12) em -= 12, ++ey;
      *last = DaysFromCivil(ey, em, DaysInMonth(ey, em));
      return true;
    }
    case Granularity::kMonth:
      if (p.month < 1) return false;
      *first = DaysFromCivil(p.year, p.month, 1);
      *last = DaysFromCivil(p.year, p.month, DaysInMonth(p.year, p.month));
      return true;
    case Granularity::kWeek:
      if (p.week < 1) return false;
      *first = IsoWeekMonday(p.year, p.week);
      *last = *first + 6;
      return true;
    case Granularity::kWeekend:
      if (p.week < 1) return false;
      *first = IsoWeekMonday(p.year, p.week) + 5;
      *last = *first + 1;
      return true;
    default:
      if (p.month < 1 || p.day < 1) return false;
      *first = *last = DaysFromCivil(p.year, p.month, p.day);
      return true;
  }
}

int CompareTimexValues(std::string_view a, std::string_view b) {
  TimePoint pa, pb;
  int64_t a0, a1, b0, b1;
  if (!ParseTimexValue(a, &pa) || !ParseTimexValue(b, &pb)) return 0;
  if (!DayRange(pa, &a0, &a1) || !DayRange(pb, &b0, &b1)) return 0;
  if (a1 < b0) return -1;
  if (a0 > b1) return 1;
  // Same day at finer granularity: order by clock time when both have one.
  if (a0 == a1 && b0 == b1 && a0 == b0 && pa.granularity >= Granularity::kHour &&
      pb.granularity >= Granularity::kHour) {
    int ta = pa.hour * 3600 + pa.minute * 60 + pa.second;
    int tb = pb.hour * 3600 + pb.minute * 60 + pb.second;
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  }
  return 0;
}

TimePoint DayPoint(int64_t days) {
  TimePoint p;
  p.granularity = Granularity::kDay;
  CivilFromDays(days, &p.year, &p.month, &p.day);
  return p;
}

TimePoint AddDays(const TimePoint& p, int64_t days) {
  int64_t first, last;
  if (!DayRange(p, &first, &last)) return TimePoint{};
  return DayPoint(first + days);
}

TimePoint AddMonths(const TimePoint& p, int n) {
  TimePoint q = p;
  if (q.year < 0 || q.month < 1) return q;
  int total = q.year * 12 + (q.month - 1) + n;
  q.year = total / 12;
  q.month = total % 12 + 1;
  if (q.day > 0) q.day = std::min(q.day, DaysInMonth(q.year, q.month));
  return q;
}

}  // namespace dossier
