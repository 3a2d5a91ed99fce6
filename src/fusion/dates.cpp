#include "fusion/dates.h"

#include <algorithm>
#include <cstdio>

namespace dossier {
namespace fusion {

namespace {

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

unsigned DaysInMonth(int y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

// Howard Hinnant's days_from_civil.
int32_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

std::string CivilFromDays(int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m % 100, d % 100);
  return buf;
}

DayInterval ParseDate(std::string_view s) {
  DayInterval out;
  int y = 0, m = 0, d = 0, w = 0;
  if (!Digits(s, 0, 4, &y)) return out;
  if (s.size() == 4) {
    out.lo = DaysFromCivil(y, 1, 1);
    out.hi = DaysFromCivil(y, 12, 31);
    out.value = std::string(s.substr(0, 4));
    out.precision = "year";
    return out;
  }
  if (s.size() < 7 || s[4] != '-') return out;
  if (s[5] == 'W') {
    if (!Digits(s, 6, 2, &w) || w < 1 || w > 53) return out;
    // ISO week 1 contains January 4th; weeks start on Monday.
    int32_t jan4 = DaysFromCivil(y, 1, 4);
    int32_t weekday = ((jan4 + 3) % 7 + 7) % 7;  // 0 = Monday (1970-01-01 was a Thursday)
    out.lo = jan4 - weekday + (w - 1) * 7;
    out.hi = out.lo + 6;
    out.value = std::string(s.substr(0, 8));
    out.precision = "week";
    return out;
  }
  if (!Digits(s, 5, 2, &m) || m < 1 || m > 12) return out;
  if (s.size() == 7) {
    out.lo = DaysFromCivil(y, static_cast<unsigned>(m), 1);
    out.hi = DaysFromCivil(y, static_cast<unsigned>(m), DaysInMonth(y, static_cast<unsigned>(m)));
    out.value = std::string(s.substr(0, 7));
    out.precision = "month";
    return out;
  }
  if (s.size() < 10 || s[7] != '-' || !Digits(s, 8, 2, &d) || d < 1 ||
      d > static_cast<int>(DaysInMonth(y, static_cast<unsigned>(m))))
    return out;
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return out;
  out.lo = out.hi = DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  out.value = std::string(s.substr(0, 10));
  out.precision = "day";
  return out;
}

int32_t Gap(const DayInterval& a, const DayInterval& b) {
  if (a.hi < b.lo) return b.lo - a.hi;
  if (b.hi < a.lo) return a.lo - b.hi;
  return 0;
}

bool Contains(const DayInterval& outer, const DayInterval& inner) {
  return outer.valid() && inner.valid() && outer.lo <= inner.lo && inner.hi <= outer.hi;
}

}  // namespace fusion
}  // namespace dossier
