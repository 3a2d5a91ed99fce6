// The time stage. Words of the text are split into pieces (hyphenated words are split,
// possessive 's separated), the patterns of data/time/timex_patterns.tsv are matched over
// the pieces (longest match first), and the action a pattern names turns the matched
// fields into a TIMEX3 value against an anchor: the document date, or for story-relative
// expressions ("the same day", "two weeks later") the last date the story mentioned.
#include "time/timex.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <vector>

#include "time/calendar.h"
#include "time/timex_rules.h"

namespace dossier {

// Keys are compared with literals as views: the length first (std::string == const char*
// compares the bytes first, through strlen and memcmp calls).
using namespace std::string_view_literals;

namespace {

using timex::Element;
using timex::Pattern;
using timex::Rules;
using timex::WordEntry;

constexpr int kUnset = -99999;
// How many sentences a quarter stays the subject of year comparisons ("a year ago").
constexpr int kQuarterWindow = 6;

// Units of time, as codes of the word table.
enum Unit { kUNone, kUYear, kUMonth, kUWeek, kUDay, kUHour, kUMinute, kUSecond, kUDecade,
            kUCentury, kUMillennium, kUQuarter, kUFortnight, kUWeekend };

Unit UnitOf(const std::string& code) {
  static const struct { const char* code; Unit unit; } kUnits[] = {
      {"Y", kUYear}, {"M", kUMonth}, {"W", kUWeek}, {"D", kUDay}, {"H", kUHour},
      {"MIN", kUMinute}, {"S", kUSecond}, {"DE", kUDecade}, {"CE", kUCentury},
      {"ML", kUMillennium}, {"Q", kUQuarter}, {"FN", kUFortnight}, {"WE", kUWeekend}};
  for (const auto& u : kUnits)
    if (code == u.code) return u.unit;
  return kUNone;
}

const char* kSeasonCodes[] = {"", "SP", "SU", "FA", "WI"};
const char* kPartCodes[] = {"", "MO", "AF", "EV", "NI", "DT"};

int CodeIndex(const char* const* codes, int n, const std::string& v) {
  for (int k = 1; k < n; ++k)
    if (v == codes[k]) return k;
  return 0;
}

// The table entries that start with one word, iterated as pointers.
struct EntryList {
  const std::vector<WordEntry>* list = nullptr;
  struct Iterator {
    const WordEntry* p;
    const WordEntry* operator*() const { return p; }
    Iterator& operator++() { ++p; return *this; }
    bool operator!=(const Iterator& o) const { return p != o.p; }
  };
  Iterator begin() const { return {list ? list->data() : nullptr}; }
  Iterator end() const { return {list ? list->data() + list->size() : nullptr}; }
  bool empty() const { return list == nullptr || list->empty(); }
};

// A word of the text as the patterns see it.
struct Piece {
  Span span;
  std::string key;          // lower case; a final abbreviation period dropped
  int sentence = -1;
  bool capitalized = false;
  bool sentence_start = false;
  bool punct = false;
  bool digits = false;      // digits only (commas allowed between groups)
  bool numeric = false;     // a number in digits (maybe with a decimal point)
  double number = 0;
  int ndigits = 0;          // digits before any decimal point
  int ordinal = 0;          // "27th" -> 27
  int decade = -1;          // "1990s" -> 199, "90s" -> 199
  int clock_h = -1, clock_m = -1;
  int iso_y = 0, iso_m = 0, iso_d = 0;  // "2020-01-08" or "1/8/2020"
  bool iso = false, slash = false;
  int literal = -1;         // index into Rules::literal_names, or -1
  const Rules::Vocab* starts = nullptr;  // its vocabulary entry when it starts patterns literally
  EntryList entries;        // table entries whose first word is this key
  uint64_t classes = 0;     // element classes that may match here
};

// What a pattern captured.
struct Slots {
  int year = kUnset;
  int month = 0, day = 0, weekday = 0;
  bool weekday_plural = false;
  double num = -1;
  bool has_num = false, num_fuzzy = false, num_article = false;
  int ord = 0;
  Unit unit = kUNone;
  bool unit_plural = false;
  int season = 0, part = 0;
  bool part_plural = false;
  const WordEntry* holiday = nullptr;
  int rel = kUnset;
  bool rel_recent = false, rel_story = false;
  int hour = -1, minute = -1, ampm = 0;
  int decade = -1;
  int day_shift = kUnset;   // today 0, yesterday -1, tomorrow +1
  bool tonight = false;
  bool every = false;
  bool weak_month = false, abbr_month = false, weak_season = false;
  bool common_word_month = false;  // "may", "march" in lower case: not a month
  int first_piece = -1;
};

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Lower-cases the ASCII letters of *s in place.
void LowerAscii(std::string* s) {
  for (char& c : *s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!IsAsciiDigit(c)) return false;
  return true;
}

// Fills the computed fields of a piece from its key.
void ClassifyPiece(const Rules& rules, Piece* p) {
  const std::string& k = p->key;
  // Words longer than any word of the tables ("Revolutionary") cannot be looked up.
  if (k.size() > rules.max_word_length && !IsAsciiDigit(k[0])) return;
  const Rules::Vocab* v = rules.vocab.Find(k);
  if (v != nullptr && v->words != nullptr) {
    p->entries.list = v->words;
    for (const WordEntry& e : *v->words) {
      p->classes |= uint64_t{1} << e.cls;
      if (e.cls == timex::kNum || e.cls == timex::kFuzzy) p->classes |= uint64_t{1} << timex::kNumber;
      if (e.cls == timex::kOrd) p->classes |= uint64_t{1} << timex::kDayOfMonth;
      if (e.cls == timex::kNum) p->classes |= uint64_t{1} << timex::kYear;
      if (e.cls == timex::kUnit && (e.flags & timex::kPlural)) p->classes |= uint64_t{1} << timex::kUnits;
    }
  }
  if (v != nullptr) {
    p->literal = v->literal;
    if (v->patterns != nullptr) p->starts = v;
  }
  if (k.empty() || !IsAsciiDigit(k[0])) return;
  // Digits with commas between groups, or a decimal number.
  bool ok = true, comma = false, dot = false;
  int nd = 0;
  for (size_t i = 0; i < k.size(); ++i) {
    char c = k[i];
    if (IsAsciiDigit(c)) {
      if (!dot) ++nd;
    } else if (c == ',' && !dot) {
      comma = true;
    } else if (c == '.' && !dot && i + 1 < k.size()) {
      dot = true;
    } else {
      ok = false;
      break;
    }
  }
  if (ok) {
    std::string plain;
    for (char c : k)
      if (c != ',') plain += c;
    p->numeric = true;
    p->digits = !dot;
    p->number = std::atof(plain.c_str());
    p->ndigits = comma ? 99 : nd;
    p->classes |= uint64_t{1} << timex::kNumber;
    if (p->digits && !comma) {
      if (nd <= 2 && p->number >= 1 && p->number <= 31) p->classes |= uint64_t{1} << timex::kDayOfMonth;
      if (nd == 4 && p->number >= 1000 && p->number <= 2999) p->classes |= uint64_t{1} << timex::kYear;
      if (nd <= 2 && p->number >= 0 && p->number <= 24) p->classes |= uint64_t{1} << timex::kHour;
    }
    return;
  }
  // "27th", "1st".
  size_t d = 0;
  while (d < k.size() && IsAsciiDigit(k[d])) ++d;
  std::string_view rest = std::string_view(k).substr(d);
  if (d <= 2 && (rest == "st" || rest == "nd" || rest == "rd" || rest == "th")) {
    p->ordinal = std::atoi(k.substr(0, d).c_str());
    if (p->ordinal >= 1 && p->ordinal <= 31) p->classes |= uint64_t{1} << timex::kDayOfMonth;
    p->classes |= uint64_t{1} << timex::kOrd;
    return;
  }
  // "1990s", "90s".
  if ((d == 4 || d == 2) && rest == "s" && k[d - 1] == '0') {
    int v = std::atoi(k.substr(0, d).c_str());
    p->decade = d == 4 ? v / 10 : 190 + v / 10;
    p->classes |= uint64_t{1} << timex::kDecades;
    return;
  }
  // "08:30", "8:30:15".
  if ((d == 1 || d == 2) && rest.size() >= 3 && rest[0] == ':' && IsAsciiDigit(rest[1]) &&
      IsAsciiDigit(rest[2]) && (rest.size() == 3 || (rest.size() == 6 && rest[3] == ':'))) {
    int h = std::atoi(k.substr(0, d).c_str());
    int m = std::atoi(std::string(rest.substr(1, 2)).c_str());
    if (h <= 24 && m < 60) {
      p->clock_h = h;
      p->clock_m = m;
      p->classes |= uint64_t{1} << timex::kClock;
    }
    return;
  }
  // "2020-01-08".
  if (k.size() == 10 && d == 4 && k[4] == '-' && k[7] == '-' && AllDigits(k.substr(5, 2)) &&
      AllDigits(k.substr(8, 2))) {
    p->iso_y = std::atoi(k.substr(0, 4).c_str());
    p->iso_m = std::atoi(k.substr(5, 2).c_str());
    p->iso_d = std::atoi(k.substr(8, 2).c_str());
    if (p->iso_m >= 1 && p->iso_m <= 12 && p->iso_d >= 1 && p->iso_d <= 31) {
      p->iso = true;
      p->classes |= uint64_t{1} << timex::kIsoDate;
    }
    return;
  }
  // "1/8/2020", "01/08/20" (month first, as US news writes it).
  size_t s1 = k.find('/');
  size_t s2 = s1 == std::string::npos ? s1 : k.find('/', s1 + 1);
  if (s1 != std::string::npos && s2 != std::string::npos) {
    std::string a = k.substr(0, s1), b = k.substr(s1 + 1, s2 - s1 - 1), c = k.substr(s2 + 1);
    if (AllDigits(a) && AllDigits(b) && AllDigits(c) && a.size() <= 2 && b.size() <= 2 &&
        (c.size() == 2 || c.size() == 4)) {
      int m = std::atoi(a.c_str()), dd = std::atoi(b.c_str()), y = std::atoi(c.c_str());
      if (c.size() == 2) y += y < 50 ? 2000 : 1900;
      if (m > 12 && dd <= 12) std::swap(m, dd);
      if (m >= 1 && m <= 12 && dd >= 1 && dd <= 31) {
        p->iso_y = y;
        p->iso_m = m;
        p->iso_d = dd;
        p->slash = true;
        p->classes |= uint64_t{1} << timex::kSlashDate;
      }
    }
  }
}

bool IsHyphenDateToken(std::string_view t) {
  return t.size() == 10 && AllDigits(t.substr(0, 4)) && t[4] == '-' && t[7] == '-';
}

// Splits the tokens of the document into pieces.
std::vector<Piece> MakePieces(const Document& doc, const Rules& rules) {
  std::vector<Piece> out;
  out.reserve(doc.tokens.size() + doc.tokens.size() / 8);
  for (const Token& t : doc.tokens) {
    std::string_view text = doc.Text(t.span);
    auto add = [&](uint32_t start, uint32_t end, bool first) {
      if (end <= start) return;
      Piece& p = out.emplace_back();
      p.span = {start, end};
      p.sentence = t.sentence;
      p.punct = (t.flags & kTokPunct) != 0;
      std::string_view s = std::string_view(doc.text).substr(start, end - start);
      p.capitalized = !s.empty() && s[0] >= 'A' && s[0] <= 'Z';
      p.sentence_start = first && (t.flags & kTokSentenceStart);
      p.key.assign(s);
      LowerAscii(&p.key);
      // Drop the period of an abbreviation ("sept." -> "sept"), keep "a.m.".
      if (p.key.size() > 2 && p.key.back() == '.' && p.key.find('.') == p.key.size() - 1)
        p.key.pop_back();
      if (p.key.size() == 4 && p.key == "\xe2\x80\x99s"sv) p.key = "'s";
      ClassifyPiece(rules, &p);
    };
    if ((t.flags & kTokPunct) || IsHyphenDateToken(text) || text.find('-') == std::string_view::npos) {
      // Possessive 's as its own piece.
      size_t n = text.size();
      if (!(t.flags & kTokPunct) && n > 2 && (text.substr(n - 2) == "'s" || text.substr(n - 2) == "'S")) {
        add(t.span.start, t.span.end - 2, true);
        add(t.span.end - 2, t.span.end, false);
      } else if (!(t.flags & kTokPunct) && n > 4 && text.substr(n - 4) == "\xe2\x80\x99s") {
        add(t.span.start, t.span.end - 4, true);
        add(t.span.end - 4, t.span.end, false);
      } else {
        add(t.span.start, t.span.end, true);
      }
      continue;
    }
    uint32_t start = t.span.start;
    bool first = true;
    for (uint32_t i = t.span.start; i <= t.span.end; ++i) {
      if (i == t.span.end || doc.text[i] == '-') {
        uint32_t end = i;
        std::string_view part = std::string_view(doc.text).substr(start, end - start);
        size_t n = part.size();
        if (n > 2 && part.substr(n - 2) == "'s") {
          add(start, end - 2, first);
          add(end - 2, end, false);
        } else {
          add(start, end, first);
        }
        first = false;
        start = i + 1;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- matching

struct Candidate {
  size_t end = 0;
  size_t pattern = 0;
  Slots slots;
};

class Matcher {
 public:
  Matcher(const Rules& rules, const std::vector<Piece>& pieces)
      : rules_(rules), pieces_(pieces), numbers_(pieces.size()) {}

  // False when pattern `p` cannot match at piece `i` because its first two elements are
  // required and no way of taking the first element there leaves a piece that could start
  // the second: one piece, the pieces of a number ("twenty four"), or of a table entry
  // ("a few"). Most patterns tried at "a" or at a number fail so; Longest() costs more.
  bool MayMatch(const Pattern& p, size_t i) {
    if (p.elements.size() < 2 || p.elements[0].optional || p.elements[1].optional) return true;
    const Element& second = p.elements[1];
    const Piece& pc = pieces_[i];
    sentence_ = pc.sentence;
    auto may_start = [&](size_t j) {
      if (j >= pieces_.size() || pieces_[j].sentence != sentence_) return false;
      const Piece& q = pieces_[j];
      if (q.classes & second.class_mask) return true;
      if (q.literal < 0) return false;
      for (int id : second.literal_ids)
        if (id == q.literal) return true;
      return false;
    };
    if (may_start(i + 1)) return true;
    const uint64_t numbers = (uint64_t{1} << timex::kNumber) | (uint64_t{1} << timex::kYear);
    if (pc.classes & p.elements[0].class_mask & numbers) {
      Slots unused;
      size_t len = ParseNumber(i, &unused);
      if (len > 1 && may_start(i + len)) return true;
    }
    for (const WordEntry* we : pc.entries)
      if (we->words.size() > 1 && WordsAt(*we, i) && may_start(i + we->words.size())) return true;
    return false;
  }

  // The longest match of pattern `p` starting at piece `i`, if any.
  bool Longest(const Pattern& p, size_t i, Candidate* best) {
    best_ = best;
    found_ = false;
    sentence_ = pieces_[i].sentence;
    Slots s;
    s.first_piece = static_cast<int>(i);
    From(p, 0, i, s);
    return found_;
  }

 private:
  void From(const Pattern& p, size_t e, size_t i, Slots& s) {
    if (e == p.elements.size()) {
      if (i > static_cast<size_t>(s.first_piece) && (!found_ || i > best_->end)) {
        found_ = true;
        best_->end = i;
        best_->slots = s;
      }
      return;
    }
    const Element& el = p.elements[e];
    if (el.optional) From(p, e + 1, i, s);
    if (i >= pieces_.size() || pieces_[i].sentence != sentence_) return;
    const Piece& pc = pieces_[i];
    if (pc.literal >= 0) {
      for (size_t k = 0; k < el.literal_ids.size(); ++k) {
        if (el.literal_ids[k] == pc.literal) {
          Slots saved = s;
          ApplyLiteral(LiteralEffects()[pc.literal], &s);
          From(p, e + 1, i + 1, s);
          s = saved;
          break;
        }
      }
    }
    for (uint8_t cls : el.classes) {
      if (pc.classes & (uint64_t{1} << cls)) FromClass(p, e, i, s, cls);
    }
  }

  void FromClass(const Pattern& p, size_t e, size_t i, Slots& s, uint8_t cls) {
    const Piece& pc = pieces_[i];
    switch (cls) {
      case timex::kNumber: {
        Slots saved = s;
        size_t len = ParseNumber(i, &s);
        if (len > 0) From(p, e + 1, i + len, s);
        s = saved;
        return;
      }
      case timex::kDayOfMonth: {
        if (pc.digits) {
          Slots saved = s;
          s.day = static_cast<int>(pc.number);
          From(p, e + 1, i + 1, s);
          s = saved;
        } else if (pc.ordinal > 0) {
          Slots saved = s;
          s.day = pc.ordinal;
          From(p, e + 1, i + 1, s);
          s = saved;
        } else {
          ForEntries(p, e, i, s, timex::kOrd);
        }
        return;
      }
      case timex::kYear: {
        Slots saved = s;
        if (pc.digits) {
          s.year = static_cast<int>(pc.number);
          From(p, e + 1, i + 1, s);
        } else {
          size_t len = ParseNumber(i, &s);
          if (len >= 2 && !s.num_fuzzy && s.num >= 1000 && s.num <= 2099) {
            s.year = static_cast<int>(s.num);
            s.has_num = false;
            From(p, e + 1, i + len, s);
          }
        }
        s = saved;
        return;
      }
      case timex::kDecades: {
        Slots saved = s;
        s.decade = pc.decade;
        From(p, e + 1, i + 1, s);
        s = saved;
        return;
      }
      case timex::kClock: {
        Slots saved = s;
        s.hour = pc.clock_h;
        s.minute = pc.clock_m;
        From(p, e + 1, i + 1, s);
        s = saved;
        return;
      }
      case timex::kHour: {
        Slots saved = s;
        s.hour = static_cast<int>(pc.number);
        s.minute = 0;
        From(p, e + 1, i + 1, s);
        s = saved;
        return;
      }
      case timex::kIsoDate:
      case timex::kSlashDate: {
        Slots saved = s;
        s.year = pc.iso_y;
        s.month = pc.iso_m;
        s.day = pc.iso_d;
        From(p, e + 1, i + 1, s);
        s = saved;
        return;
      }
      case timex::kUnits:
        ForEntries(p, e, i, s, timex::kUnit, /*plural_only=*/true);
        return;
      case timex::kOrd:
        if (pc.ordinal > 0) {
          Slots saved = s;
          s.ord = pc.ordinal;
          From(p, e + 1, i + 1, s);
          s = saved;
          return;
        }
        ForEntries(p, e, i, s, cls);
        return;
      default:
        ForEntries(p, e, i, s, cls);
        return;
    }
  }

  // Tries every table entry of class `cls` that starts at piece i.
  void ForEntries(const Pattern& p, size_t e, size_t i, Slots& s, uint8_t cls,
                  bool plural_only = false) {
    for (const WordEntry* we : pieces_[i].entries) {
      if (we->cls != cls) continue;
      if (plural_only && !(we->flags & timex::kPlural)) continue;
      size_t len = we->words.size();
      if (!WordsAt(*we, i)) continue;
      Slots saved = s;
      ApplyEntry(*we, i, &s);
      From(p, e + 1, i + len, s);
      s = saved;
    }
  }

  bool WordsAt(const WordEntry& we, size_t i) const {
    if (i + we.words.size() > pieces_.size()) return false;
    for (size_t k = 1; k < we.words.size(); ++k) {
      const Piece& q = pieces_[i + k];
      if (q.sentence != sentence_ || q.key != we.words[k]) return false;
    }
    return true;
  }

  void ApplyEntry(const WordEntry& we, size_t i, Slots* s) const {
    const Piece& pc = pieces_[i];
    switch (we.cls) {
      case timex::kMonth:
        s->month = we.number;
        s->weak_month = (we.flags & timex::kWeak) != 0;
        s->abbr_month = (we.flags & timex::kAbbr) != 0;
        if (!pc.capitalized && (we.flags & timex::kWeak)) s->common_word_month = true;  // "may", "march"
        if (!pc.capitalized) s->weak_month = s->abbr_month = true;
        break;
      case timex::kWeekday:
        s->weekday = we.number;
        break;
      case timex::kWeekdays:
        s->weekday = we.number;
        s->weekday_plural = true;
        break;
      case timex::kOrd:
        s->ord = we.number;
        s->day = we.number;
        break;
      case timex::kUnit:
        s->unit = UnitOf(we.value);
        s->unit_plural = (we.flags & timex::kPlural) != 0;
        break;
      case timex::kSeason:
        s->season = CodeIndex(kSeasonCodes, 5, we.value);
        s->weak_season = (we.flags & timex::kWeak) != 0;
        break;
      case timex::kPart:
        s->part = CodeIndex(kPartCodes, 6, we.value);
        s->part_plural = pc.key.back() == 's';
        break;
      case timex::kHoliday:
        s->holiday = &we;
        break;
      case timex::kRel:
        s->rel = we.number;
        // "this past spring": the latest one, unlike "last spring" (the one of last year);
        // "the previous Friday": the one before the story's day.
        s->rel_recent = we.words.size() == 2 && we.words[0] == "this" && we.number == -1;
        s->rel_story = we.words[0] == "previous" || we.words[0] == "preceding" || we.words[0] == "prior";
        break;
      case timex::kAmPm:
        s->ampm = we.value == "pm" ? 2 : 1;
        break;
      case timex::kDecade:
        s->decade = 190 + we.number;
        break;
      default:
        break;
    }
  }

  // What matching a literal word sets in the slots, by literal index (computed once).
  enum Effect : uint8_t { kNoEffect, kToday, kYesterday, kTomorrow, kTonight, kNoon, kMidnight, kEvery };
  static const std::vector<uint8_t>& LiteralEffects() {
    static const std::vector<uint8_t>* effects = [] {
      const Rules& rules = timex::GetRules();
      auto* v = new std::vector<uint8_t>(rules.literal_names.size(), kNoEffect);
      for (size_t k = 0; k < rules.literal_names.size(); ++k) {
        const std::string& l = rules.literal_names[k];
        uint8_t e = kNoEffect;
        if (l == "today") e = kToday;
        else if (l == "yesterday") e = kYesterday;
        else if (l == "tomorrow") e = kTomorrow;
        else if (l == "tonight") e = kTonight;
        else if (l == "noon" || l == "midday") e = kNoon;
        else if (l == "midnight") e = kMidnight;
        else if (l == "every" || l == "each" || l == "per") e = kEvery;
        (*v)[k] = e;
      }
      return v;
    }();
    return *effects;
  }

  static void ApplyLiteral(uint8_t effect, Slots* s) {
    switch (effect) {
      case kToday: s->day_shift = 0; break;
      case kYesterday: s->day_shift = -1; break;
      case kTomorrow: s->day_shift = 1; break;
      case kTonight: s->day_shift = 0, s->tonight = true; break;
      case kNoon: s->hour = 12, s->minute = 0; break;
      case kMidnight: s->hour = 0, s->minute = 0; break;
      case kEvery: s->every = true; break;
      default: break;
    }
  }

  // A number parsed at a piece, remembered: many patterns start with a number.
  struct NumberAt {
    bool done = false;
    uint8_t len = 0;
    bool fuzzy = false, article = false;
    double num = 0;
  };

  // Parses a number at piece i into s->num; returns the pieces used (0: none).
  size_t ParseNumber(size_t i, Slots* s) {
    NumberAt& n = numbers_[i];
    if (!n.done) {
      Slots t;
      n.len = static_cast<uint8_t>(std::min<size_t>(ParseNumberUncached(i, &t), 255));
      n.num = t.num;
      n.fuzzy = t.num_fuzzy;
      n.article = t.num_article;
      n.done = true;
    }
    if (n.len == 0) return 0;
    s->num = n.num;
    s->has_num = true;
    s->num_fuzzy = n.fuzzy;
    s->num_article = n.article;
    return n.len;
  }

  size_t ParseNumberUncached(size_t i, Slots* s) const {
    const Piece& pc = pieces_[i];
    if (pc.numeric) {
      s->num = pc.number;
      s->has_num = true;
      s->num_fuzzy = s->num_article = false;
      return 1;
    }
    // Fuzzy quantities, longest entry first ("a number of", "a few", "several").
    size_t fuzzy_len = 0;
    for (const WordEntry* we : pc.entries) {
      if (we->cls == timex::kFuzzy && WordsAt(*we, i)) fuzzy_len = std::max(fuzzy_len, we->words.size());
    }
    // "a couple of".
    if ((pc.key == "a"sv || pc.key == "couple"sv) && i + 1 < pieces_.size()) {
      size_t k = pc.key == "a"sv ? i + 1 : i;
      if (k < pieces_.size() && pieces_[k].key == "couple"sv) {
        size_t len = k - i + 1;
        if (k + 1 < pieces_.size() && pieces_[k + 1].key == "of"sv) ++len;
        s->num = 2;
        s->has_num = true;
        s->num_fuzzy = s->num_article = false;
        return len;
      }
    }
    // Number words: "twenty four", "a hundred thirty", "nineteen ninety-six", "two thousand".
    int64_t total = 0, cur = 0;
    size_t n = 0;
    bool article = false;
    while (i + n < pieces_.size() && pieces_[i + n].sentence == sentence_) {
      const Piece& q = pieces_[i + n];
      const WordEntry* num = nullptr;
      for (const WordEntry* we : q.entries)
        if (we->cls == timex::kNum && we->words.size() == 1) num = we;
      if (num == nullptr) {
        if (q.key == "and"sv && n > 0 && cur >= 100 && i + n + 1 < pieces_.size()) {
          ++n;  // "a hundred and ten"
          continue;
        }
        break;
      }
      if (num->flags & timex::kArticle) {
        if (n > 0) break;
        article = true;
        cur = 1;
        ++n;
        continue;
      }
      int v = num->number;
      if (v == 0 && q.key != "zero"sv) break;
      if (v == 100) {
        cur = (cur == 0 ? 1 : cur) * 100;
      } else if (v == 1000) {
        total += (cur == 0 ? 1 : cur) * 1000;
        cur = 0;
      } else if (article && n == 1) {
        if (v != 12) break;  // "a dozen"; "a" before another number word is not one
        cur = 12;
      } else if (cur == 0) {
        cur = v;
      } else if (v < 10 && cur % 10 == 0) {
        cur += v;  // "twenty four", "nineteen ninety six"
      } else if (v >= 10 && cur >= 100 && cur % 100 == 0) {
        cur += v;  // "a hundred thirty"
      } else if (v >= 10 && cur >= 11 && cur <= 99) {
        cur = cur * 100 + v;  // "nineteen ninety": a year
      } else {
        break;
      }
      ++n;
    }
    // A trailing "and" is not part of the number.
    while (n > 0 && pieces_[i + n - 1].key == "and"sv) --n;
    if (n > 0 && fuzzy_len <= n) {
      s->num = static_cast<double>(total + cur);
      s->has_num = true;
      s->num_fuzzy = false;
      s->num_article = article && n == 1;
      return n;
    }
    if (fuzzy_len > 0) {
      s->num = -1;
      s->has_num = true;
      s->num_fuzzy = true;
      s->num_article = false;
      return fuzzy_len;
    }
    return 0;
  }

  const Rules& rules_;
  const std::vector<Piece>& pieces_;
  std::vector<NumberAt> numbers_;
  Candidate* best_ = nullptr;
  bool found_ = false;
  int sentence_ = -1;
};


// Whether table entry `we` is written at pieces[i...].
bool EntryAt(const std::vector<Piece>& pieces, const WordEntry& we, size_t i) {
  if (i + we.words.size() > pieces.size()) return false;
  for (size_t k = 0; k < we.words.size(); ++k) {
    const Piece& q = pieces[i + k];
    if (q.sentence != pieces[i].sentence || q.key != we.words[k]) return false;
  }
  return true;
}

// ---------------------------------------------------------------- normalizing

enum class Tense { kNone, kPast, kFuture, kPresent };

struct Result {
  TimexType type = TimexType::kDate;
  std::string value, mod, anchor;
  TimePoint point;             // for DATE and TIME values on the calendar
  bool day_defaulted = false;  // a clock time whose day was not written
};

bool OneOf(std::string_view k, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words)
    if (k == w) return true;
  return false;
}

std::string FormatNumber(double n) {
  char buf[32];
  if (std::fabs(n - std::round(n)) < 1e-9) std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(std::llround(n)));
  else std::snprintf(buf, sizeof buf, "%g", n);
  return buf;
}

// "P6Y", "PT3H", "PXM": a duration of `n` units (n < 0: unspecified).
std::string DurationValue(double n, Unit u, bool half) {
  bool fuzzy = n < 0;
  double mult = 1;
  std::string letter;
  bool time = false;
  switch (u) {
    case kUYear: letter = "Y"; break;
    case kUMonth: letter = "M"; break;
    case kUWeek: letter = "W"; break;
    case kUDay: letter = "D"; break;
    case kUHour: letter = "H"; time = true; break;
    case kUMinute: letter = "M"; time = true; break;
    case kUSecond: letter = "S"; time = true; break;
    case kUDecade: letter = fuzzy ? "DE" : "Y"; mult = 10; break;
    case kUCentury: letter = fuzzy ? "CE" : "Y"; mult = 100; break;
    case kUMillennium: letter = fuzzy ? "ML" : "Y"; mult = 1000; break;
    case kUQuarter: letter = "M"; mult = 3; break;
    case kUFortnight: letter = "W"; mult = 2; break;
    default: return "";
  }
  std::string out = time ? "PT" : "P";
  if (fuzzy) return out + "X" + letter;
  double v = n * mult;
  if (!half) return out + FormatNumber(v) + letter;
  // "two and a half years" -> P2Y6M; half of the unit in the next smaller unit.
  switch (u) {
    case kUYear: return v > 0 ? "P" + FormatNumber(v) + "Y6M" : "P6M";
    case kUMonth: return v > 0 ? "P" + FormatNumber(v) + "M15D" : "P15D";
    case kUDay: return v > 0 ? "P" + FormatNumber(v) + "DT12H" : "PT12H";
    case kUHour: return v > 0 ? "PT" + FormatNumber(v) + "H30M" : "PT30M";
    case kUMinute: return v > 0 ? "PT" + FormatNumber(v) + "M30S" : "PT30S";
    default: return out + FormatNumber(v + 0.5 * mult) + letter;
  }
}

class Normalizer {
 public:
  Normalizer(const Document& doc, const std::vector<Piece>& pieces) : doc_(doc), pieces_(pieces) {
    if (ParseTimexValue(doc.meta.published.value, &dct_) && dct_.year > 0 && dct_.month <= 12 &&
        dct_.day <= 31 && dct_.granularity != Granularity::kCentury &&
        dct_.granularity != Granularity::kDecade) {
      int64_t last;
      if (dct_.granularity >= Granularity::kDay && DayRange(dct_, &dct_days_, &last)) has_dct_day_ = true;
    } else {
      dct_ = TimePoint{};
    }
  }

  // Normalizes candidate `c` of pattern `p` (matched from piece `start`). False rejects it.
  bool Run(const Pattern& p, const Candidate& c, size_t start, Result* r) {
    start_ = start;
    end_ = c.end;
    sentence_ = pieces_[start].sentence;
    r->type = p.type;
    switch (p.action_code) {
      case timex::kDateAction: return Date(p, c.slots, r);
      case timex::kShiftAction: return Shift(p, c.slots, r);
      case timex::kDurAction: return Dur(p, c.slots, r);
      case timex::kSetAction: return Set(p, c.slots, r);
      case timex::kClockAction: return Clock(p, c.slots, r);
      case timex::kQuarterAction: return Quarter(p, c.slots, r);
      case timex::kQuarterRefAction: return QuarterRef(p, c.slots, r);
      case timex::kDecadeAction: return Decade(c.slots, r);
      case timex::kCenturyAction: return Century(c.slots, r);
      case timex::kWeekOfAction: return WeekOf(c.slots, r);
      case timex::kWeekendAction: return Weekend(p, c.slots, r);
      case timex::kValueAction: return Constant(p, c.slots, r);
      default: break;
    }
    return false;
  }

  // Whether a position modifier ("the end of", "early") stands before the next match.
  void set_position_mod(bool on) { position_mod_ = on; }

  // Lets a resolved date move the story's reference time.
  void Remember(const Result& r, bool quarter_reference) {
    if (!r.point.valid() || r.point.year < 0 || r.point.granularity < Granularity::kYear) return;
    story_ = r.point;
    story_value_ = r.value;
    if (r.point.granularity >= Granularity::kDay) story_sentence_day_ = sentence_;
    if (quarter_reference && r.point.granularity == Granularity::kQuarter) {
      last_quarter_ = r.point;
      last_quarter_sentence_ = sentence_;
    }
  }

  // The day of a clock time whose day was not written: taken from a date after it.
  bool FixDay(Result* r, const TimePoint& day) {
    if (!day.valid() || day.granularity < Granularity::kDay || day.year < 0) return false;
    r->point.year = day.year;
    r->point.month = day.month;
    r->point.day = day.day;
    r->value = FormatTimexValue(r->point);
    r->day_defaulted = false;
    return true;
  }

 private:
  const Piece* At(long i) const {
    if (i < 0 || i >= static_cast<long>(pieces_.size())) return nullptr;
    if (pieces_[i].sentence != sentence_) return nullptr;
    return &pieces_[i];
  }
  std::string_view PrevKey() const {
    const Piece* q = At(static_cast<long>(start_) - 1);
    return q ? std::string_view(q->key) : std::string_view();
  }
  std::string_view NextKey() const {
    const Piece* q = At(static_cast<long>(end_));
    return q ? std::string_view(q->key) : std::string_view();
  }

  // The tense cue written at piece `idx`: the longest entry of class tense there, or null.
  const WordEntry* TenseCueAt(long idx) const {
    const WordEntry* best = nullptr;
    for (const WordEntry* we : pieces_[idx].entries)
      if (we->cls == timex::kTense && (best == nullptr || we->words.size() > best->words.size()) &&
          EntryAt(pieces_, *we, static_cast<size_t>(idx)))
        best = we;
    return best;
  }

  // What a word says about the tense of its clause (the "tense" values of timex_words.tsv).
  enum class Cue {
    kNone, kBoundary, kPast, kParticiple, kFuture, kIntent, kEither, kPresent, kPerfect, kAdvPast,
    kAdvFuture
  };
  Cue CueAt(long idx) const {
    const Piece& q = pieces_[idx];
    const std::string& k = q.key;
    if (q.punct) {
      return OneOf(k, {";", ":", "(", ")", "\"", "``", "''", "--", "\xe2\x80\x9c", "\xe2\x80\x9d"})
                 ? Cue::kBoundary : Cue::kNone;
    }
    size_t n = k.size();
    if ((n > 3 && k.compare(n - 3, 3, "'ll") == 0) || k == "won't") return Cue::kFuture;
    if (k == "may" && !q.capitalized) return Cue::kFuture;  // the modal, not the month
    if (const WordEntry* we = TenseCueAt(idx); we != nullptr && we->value != "prospective") {
      const std::string& v = we->value;
      if (v == "future") return Cue::kFuture;
      if (v == "intent") return Cue::kIntent;
      if (v == "either") return Cue::kEither;
      if (v == "present") return Cue::kPresent;
      if (v == "perfect") return Cue::kPerfect;
      if (v == "participle") return Cue::kParticiple;
      if (v == "adv-past") return Cue::kAdvPast;
      if (v == "adv-future") return Cue::kAdvFuture;
      return Cue::kPast;
    }
    // A verb in -ed: a past tense, or a participle whose auxiliary decides.
    if (n >= 5 && k.compare(n - 2, 2, "ed") == 0 && Prospective(idx)) return Cue::kParticiple;
    if (n >= 5 && k.compare(n - 2, 2, "ed") == 0 && q.entries.empty() && !q.capitalized) return Cue::kParticiple;
    return Cue::kNone;
  }

  // The auxiliary before the participle or adjective at `idx` ("will be held", "has
  // closed", "was expected"), skipping adverbs and "be": its cue, or kNone.
  Cue AuxiliaryOf(long idx, long* at = nullptr) const {
    for (long d = 1; d <= 4; ++d) {
      const Piece* q = At(idx - d);
      if (q == nullptr || q->punct) break;
      if (OneOf(q->key, {"not", "n't", "never", "also", "already", "just", "still", "be", "been", "being",
                         "now", "recently", "reportedly", "formally", "officially"}) ||
          (q->key.size() > 4 && q->key.compare(q->key.size() - 2, 2, "ly") == 0 && q->entries.empty()))
        continue;
      Cue c = CueAt(idx - d);
      if (c == Cue::kFuture || c == Cue::kPresent || c == Cue::kPerfect || c == Cue::kPast || c == Cue::kEither) {
        if (at != nullptr) *at = idx - d;
        return c;
      }
      break;
    }
    return Cue::kNone;
  }

  // The tense of the verb group whose last cue word is at `idx`.
  Tense VerbTense(long idx, Cue c) const {
    long aux_at = -1;
    switch (c) {
      case Cue::kFuture: return Tense::kFuture;
      case Cue::kPast: case Cue::kAdvPast: return Tense::kPast;
      case Cue::kAdvFuture: return Tense::kFuture;
      case Cue::kPresent: return Tense::kPresent;
      case Cue::kPerfect:
        // "have gained", "has been": a perfect tells of the past; "has a meeting" of now.
        for (long d = 1; d <= 3; ++d) {
          const Piece* q = At(idx + d);
          if (q == nullptr || q->punct) break;
          if (OneOf(q->key, {"not", "n't", "never", "also", "already", "just", "still", "since", "recently"})) continue;
          Cue next = CueAt(idx + d);
          if (next == Cue::kParticiple || next == Cue::kPast || next == Cue::kIntent) return Tense::kPast;
          break;
        }
        return Tense::kPresent;
      case Cue::kEither: {
        const Piece* q = At(idx + 1);
        return q != nullptr && OneOf(q->key, {"not", "n't"}) ? Tense::kPast : Tense::kNone;
      }
      case Cue::kParticiple:
        switch (AuxiliaryOf(idx)) {
          case Cue::kFuture: return Tense::kFuture;
          case Cue::kPresent: return Tense::kPresent;
          case Cue::kEither: return VerbTense(idx, Cue::kEither);
          default: return Tense::kPast;
        }
      case Cue::kIntent: {
        // "had been due to expire": a plan of the past; "were planning to drive": still ahead.
        Cue aux = AuxiliaryOf(idx, &aux_at);
        if (aux == Cue::kEither || (aux == Cue::kPast && pieces_[aux_at].key == "had"sv)) return Tense::kNone;
        return Tense::kFuture;
      }
      default: return Tense::kNone;
    }
  }

  // Whether the word at `idx` takes an infinitive of what is to come ("agreed", "offer").
  bool Prospective(long idx) const {
    if (At(idx) == nullptr) return false;
    const WordEntry* we = TenseCueAt(idx);
    return we != nullptr && we->value == "prospective";
  }

  // Whether "to" at `idx` is the mark of an infinitive ("to acquire"), not a preposition.
  bool InfinitiveAt(long idx) const {
    if (pieces_[idx].key != "to"sv) return false;
    const Piece* v = At(idx + 1);
    if (v == nullptr || v->punct || v->capitalized || v->numeric || !v->entries.empty()) return false;
    const std::string& k = v->key;
    size_t n = k.size();
    if (n < 2 || (k[n - 1] == 's' && k[n - 2] != 's') || (n > 4 && k.compare(n - 3, 3, "ing") == 0) ||
        (n > 3 && k.compare(n - 2, 2, "ed") == 0))
      return false;
    for (char ch : k)
      if (!(ch >= 'a' && ch <= 'z')) return false;
    return !OneOf(k, {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that",
                      "these", "those", "him", "them", "us", "me", "it", "one", "some", "all", "any", "each",
                      "both", "no", "what", "which", "whom", "where", "date", "be"});
  }

  // The tense of the clause the match is in, from its verb group: the nearest one before
  // the match ("said Tuesday", "will meet on Monday", "is to resume Tuesday"), else, for a
  // match that opens its clause ("On Tuesday, the league plans to ..."), the first one after
  // it. Past: a past tense, or a perfect ("has said"); future: a modal or a verb of intent
  // ("plans to", "is expected to"); present: "is", "are", "has". Adverbs ("until", "earlier")
  // count only right before the match.
  // Without `adverbs`, adverbs are skipped; `verb_at` gets the position of the verb cue.
  Tense ClauseTense(bool adverbs = true, long* verb_at = nullptr) const {
    // A match in parentheses belongs to the clause around them ("will leave at 4 (4 a.m.
    // Thursday)").
    const Piece* after = At(static_cast<long>(end_));
    bool parenthesized = after != nullptr && after->key == ")";
    for (long d = 1; d <= 15; ++d) {
      long idx = static_cast<long>(start_) - d;
      const Piece* q = At(idx);
      if (q == nullptr) break;
      Cue c = CueAt(idx);
      if (c == Cue::kBoundary) {
        if (parenthesized && q->key == "(") {
          parenthesized = false;
          continue;
        }
        break;
      }
      if (c == Cue::kAdvPast || c == Cue::kAdvFuture) {
        // "later Tuesday": later than something else that day, not a future.
        if (!adverbs || d > 2 || q->key == "later" || (d == 2 && !OneOf(pieces_[idx + 1].key, {"the", "on"})))
          continue;
        // "Until Thursday, they had not called": the pluperfect of the clause wins.
        long verb = -1;
        if (OneOf(q->key, {"until", "till"}) && ClauseTense(false, &verb) == Tense::kPast && verb >= 0 &&
            pieces_[verb].key == "had"sv)
          return Tense::kPast;
      }
      // "agreed to acquire the bank in January", "an offer to buy": what is to be done lies
      // ahead, whatever the tense of the agreement.
      if (c == Cue::kNone && InfinitiveAt(idx) && Prospective(idx - 1)) return Tense::kFuture;
      if (c != Cue::kNone) {
        if (verb_at != nullptr) *verb_at = idx;
        return VerbTense(idx, c);
      }
      if (OneOf(q->key, {"that", "which", "who", "whom", "because", "whether", "if", "while", "although",
                         "though"}))
        break;
    }
    for (long d = 0; d < 12; ++d) {
      long idx = static_cast<long>(end_) + d;
      const Piece* q = At(idx);
      if (q == nullptr) break;
      Cue c = CueAt(idx);
      if (c == Cue::kBoundary) break;
      if (c == Cue::kAdvPast || c == Cue::kAdvFuture) continue;
      if (c != Cue::kNone) {
        if (verb_at != nullptr) *verb_at = idx;
        // "On Friday, the government planned to pay ...": a plan made in the past by the
        // subject after the date, told in the simple past (no auxiliary).
        if (c == Cue::kIntent && d > 0 && OneOf(q->key, {"planned", "expected", "intended"}) &&
            AuxiliaryOf(idx) == Cue::kNone)
          return Tense::kPast;
        return VerbTense(idx, c);
      }
    }
    return Tense::kNone;
  }

  // The clause tense as a side of the document date: the present counts as neither.
  Tense SideTense() const {
    Tense t = ClauseTense();
    return t == Tense::kPresent ? Tense::kNone : t;
  }

  // Chooses among the day numbers of the same calendar date in neighbouring years.
  // `day_of(year)` gives the day number (or -1) of the reading in that year.
  // A tense cue picks the reading on its side of the document date only when that reading
  // is close (past: within about half a year, future: four months); otherwise the nearest.
  template <typename F>
  int ChooseYear(F day_of, Tense tense, bool strict = false) const {
    if (dct_.year <= 0) return -1;
    if (!has_dct_day_) return dct_.year;
    int best = -1;
    int64_t best_dist = 0;
    for (int y = dct_.year - 1; y <= dct_.year + 1; ++y) {
      int64_t d = day_of(y);
      if (d < 0) continue;
      int64_t dist = d - dct_days_;
      if (tense == Tense::kPast && (dist > 0 || (!strict && dist < -300))) continue;
      if (tense == Tense::kFuture && (dist < 0 || (!strict && dist > 125))) continue;
      int64_t ad = dist < 0 ? -dist : dist;
      if (best < 0 || ad < best_dist) best = y, best_dist = ad;
    }
    if (best < 0 && tense != Tense::kNone) return ChooseYear(day_of, Tense::kNone);
    return best;
  }

  int YearOfMonthDay(int month, int day, Tense tense, bool strict = false) const {
    return ChooseYear([&](int y) { return DaysFromCivil(y, month, std::min(day, DaysInMonth(y, month))); },
                      tense, strict);
  }
  // Month without a day: compare months (the current month is neither past nor future).
  int YearOfMonth(int month, Tense tense, bool strict = false) const {
    if (dct_.year <= 0) return -1;
    if (!has_dct_day_ || dct_.month <= 0) return dct_.year;
    int now = dct_.year * 12 + dct_.month - 1;
    int best = -1, best_dist = 0;
    for (int y = dct_.year - 1; y <= dct_.year + 1; ++y) {
      int dist = y * 12 + month - 1 - now;
      if (tense == Tense::kPast && (dist > 0 || (!strict && dist < -10))) continue;
      if (tense == Tense::kFuture && (dist < 0 || (!strict && dist > 9))) continue;
      int ad = dist < 0 ? -dist : dist;
      if (best < 0 || ad < best_dist) best = y, best_dist = ad;
    }
    if (best < 0 && tense != Tense::kNone) return YearOfMonth(month, Tense::kNone);
    return best;
  }

  // Day number of a weekday near the document date.
  bool WeekdayDay(int wd, int rel, Tense tense, int64_t* out) const {
    if (!has_dct_day_) return false;
    int dwd = IsoWeekday(dct_days_);
    int back = (dwd - wd + 7) % 7, fwd = (wd - dwd + 7) % 7;
    if (rel == -1) *out = dct_days_ - (back == 0 ? 7 : back);
    else if (rel == 1) *out = dct_days_ + (fwd == 0 ? 7 : fwd);
    else if (tense == Tense::kFuture) *out = dct_days_ + fwd;
    else *out = dct_days_ - back;
    return true;
  }

  static int64_t HolidayDay(const WordEntry& h, int year) {
    const std::string& v = h.value;
    if (v.size() == 5 && v[2] == '-') {
      return DaysFromCivil(year, std::atoi(v.substr(0, 2).c_str()), std::atoi(v.substr(3, 2).c_str()));
    }
    if (v.rfind("easter", 0) == 0) return EasterSunday(year) + std::atoi(v.c_str() + 6);
    if (v.rfind("nth:", 0) == 0) {
      int wd = 0, n = 0, m = 0, offset = 0;
      if (std::sscanf(v.c_str(), "nth:%d:%d:%d%d", &wd, &n, &m, &offset) < 3) return -1;
      return NthWeekdayOfMonth(year, m, wd, n) + offset;
    }
    if (v.rfind("islamic:", 0) == 0) {
      int m = 0, d = 0;
      if (std::sscanf(v.c_str(), "islamic:%d:%d", &m, &d) != 2) return -1;
      // The Hijri year whose date falls in `year` (the first, when two do).
      int approx = static_cast<int>((year - 622) * 33 / 32);
      for (int hy = approx - 2; hy <= approx + 2; ++hy) {
        int64_t day = IslamicMonthStart(hy, m) + d - 1;
        int y, mm, dd;
        CivilFromDays(day, &y, &mm, &dd);
        if (y == year) return day;
      }
      return -1;
    }
    return -1;
  }

  void SetDay(Result* r, int64_t day, int part) {
    r->point = DayPoint(day);
    if (part > 0) {
      r->point.granularity = Granularity::kPartOfDay;
      r->point.part = kPartCodes[part];
    }
    r->value = FormatTimexValue(r->point);
  }

  void SetUnknownDay(Result* r, int month, int day, int part) {
    r->point = TimePoint{};
    char buf[32];
    if (month > 0 && day > 0) std::snprintf(buf, sizeof buf, "XXXX-%02d-%02d", month, day);
    else std::snprintf(buf, sizeof buf, "XXXX-XX-XX");
    r->value = buf;
    if (part > 0) r->value += std::string("T") + kPartCodes[part];
  }

  bool ContextAllowsBareMonth() const {
    std::string_view prev = PrevKey();
    // "the March accession", "the May elections": a capitalized month before the noun it
    // dates (not "the March of Dimes", "the march to the sea").
    if (prev == "the" && pieces_[start_].capitalized) {
      const Piece* n = At(static_cast<long>(end_));
      if (n != nullptr && !n->punct && !n->capitalized && !n->numeric && n->entries.empty() &&
          !OneOf(n->key, {"of", "on", "to", "for", "in", "and", "or", "from", "through", "against", "across",
                          "by", "with", "at", "into", "was", "is", "were", "will", "has", "had", "that"})) {
        bool alpha = !n->key.empty();
        for (char ch : n->key)
          if (!(ch >= 'a' && ch <= 'z')) alpha = false;
        if (alpha) return true;
      }
    }
    return OneOf(prev, {"in", "since", "by", "until", "till", "through", "of", "last", "this", "next",
                        "early", "late", "mid", "from", "to", "during", "before", "after", "between",
                        "and", "or", "end", "beginning", "middle", "start", "for", "throughout",
                        "on", "last", "past", "that", "into"});
  }

  bool Date(const Pattern& p, const Slots& s, Result* r) {
    if (s.weekday_plural || s.part_plural || s.common_word_month) return false;
    // Calendar dates take the nearest reading unless a tense cue stands right by them.
    Tense tense = SideTense();
    bool explicit_year = s.year != kUnset;
    int part = s.part;
    if (explicit_year && (s.year < 1000 || s.year > 2999)) return false;
    if (part > 0) r->type = TimexType::kTime;
    if (s.holiday != nullptr) {
      int year = explicit_year ? s.year : kUnset;
      if (!explicit_year) {
        if (s.rel == -1 || s.rel == 1) {
          year = ChooseYear([&](int y) { return HolidayDay(*s.holiday, y); },
                            s.rel == -1 ? Tense::kPast : Tense::kFuture, true);
        } else {
          year = ChooseYear([&](int y) { return HolidayDay(*s.holiday, y); }, tense);
        }
        r->anchor = "dct";
      }
      int64_t day = year > 0 ? HolidayDay(*s.holiday, year) : -1;
      if (day < 0) {
        r->value = "XXXX-XX-XX";
        return true;
      }
      SetDay(r, day, part);
      return true;
    }
    if (s.month > 0 && s.day > 0) {
      if (s.weak_month && s.abbr_month) return false;
      if (s.weak_month && (s.month == 5 || s.month == 3) && !pieces_[start_].capitalized &&
          s.first_piece == static_cast<int>(start_))
        return false;
      if (s.day > 31) return false;
      int year = s.year;
      if (!explicit_year) {
        if (s.weekday > 0) {
          // "Saturday, April 25": the year in which the weekday fits, nearest first.
          year = ChooseYear([&](int y) {
            if (s.day > DaysInMonth(y, s.month)) return int64_t{-1};
            int64_t d = DaysFromCivil(y, s.month, s.day);
            return IsoWeekday(d) == s.weekday ? d : int64_t{-1};
          }, Tense::kNone);
          if (year < 0) year = YearOfMonthDay(s.month, s.day, tense);
        } else if (s.rel == -1 || s.rel == 1) {
          year = YearOfMonthDay(s.month, s.day, s.rel < 0 ? Tense::kPast : Tense::kFuture, true);
        } else {
          year = YearOfMonthDay(s.month, s.day, tense);
        }
        r->anchor = "dct";
      }
      if (year < 0) {
        SetUnknownDay(r, s.month, s.day, part);
        return true;
      }
      if (s.day > DaysInMonth(year, s.month)) return false;
      SetDay(r, DaysFromCivil(year, s.month, s.day), part);
      return true;
    }
    if (s.month > 0) {
      int year = s.year;
      bool rel_year = p.args.count("relyear") > 0 || p.name == "date_m_rel";
      if (!explicit_year) {
        if (s.rel == kUnset) {
          if (s.abbr_month) return false;
          if (s.weak_month && !ContextAllowsBareMonth()) return false;
          if (pieces_[start_].sentence_start && s.month == 5) return false;
        }
        if (dct_.year <= 0) {
          char buf[16];
          std::snprintf(buf, sizeof buf, "XXXX-%02d", s.month);
          r->value = buf;
          return true;
        }
        r->anchor = "dct";
        if (s.rel != kUnset && rel_year) {
          year = dct_.year + s.rel;
        } else if (s.rel == 0) {
          year = dct_.year;
        } else if (s.rel == -1) {
          year = YearOfMonth(s.month, Tense::kPast, true);
          if (year == dct_.year && s.month == dct_.month) --year;
        } else if (s.rel == 1) {
          year = YearOfMonth(s.month, Tense::kFuture, true);
          if (year == dct_.year && s.month == dct_.month) ++year;
        } else {
          year = YearOfMonth(s.month, tense);
        }
      }
      r->point = TimePoint{};
      r->point.granularity = Granularity::kMonth;
      r->point.year = year;
      r->point.month = s.month;
      r->value = FormatTimexValue(r->point);
      return true;
    }
    if (s.season > 0) {
      int year = s.year;
      if (!explicit_year) {
        if (s.rel == kUnset) {
          bool the = OneOf(pieces_[start_].key, {"the"});
          std::string_view prev = PrevKey();
          bool ok = OneOf(prev, {"in", "into", "this", "last", "next", "since", "until", "by", "early", "late",
                                 "mid", "during", "through", "over", "throughout", "before", "after"});
          if (!ok || (s.weak_season && !the)) return false;
        }
        if (dct_.year <= 0) {
          r->value = std::string("XXXX-") + kSeasonCodes[s.season];
          return true;
        }
        r->anchor = "dct";
        static const int kMid[] = {0, 4, 7, 10, 1};
        if (s.rel_recent) {
          year = YearOfMonth(kMid[s.season], Tense::kPast, true);
        } else if (s.rel != kUnset) {
          year = dct_.year + s.rel;
        } else {
          year = YearOfMonth(kMid[s.season], tense);
        }
      }
      r->point = TimePoint{};
      r->point.granularity = Granularity::kSeason;
      r->point.year = year;
      r->point.season = kSeasonCodes[s.season];
      r->value = FormatTimexValue(r->point);
      return true;
    }
    if (s.weekday > 0) {
      // A weekday is a name only when capitalized.
      bool cap = false;
      for (size_t k = start_; k < end_; ++k)
        for (const WordEntry* we : pieces_[k].entries)
          if (we->cls == timex::kWeekday && pieces_[k].capitalized) cap = true;
      if (!cap) return false;
      int64_t day;
      r->anchor = "dct";
      // "Wednesday's ruling" names an event already known: the clause around it tells
      // nothing about its day.
      tense = NextKey() == "'s" ? Tense::kNone : ClauseTense();
      if (tense == Tense::kPresent) tense = Tense::kFuture;
      // "as early as Tuesday", "as soon as Tuesday": the earliest day something may happen.
      if (start_ >= 3 && pieces_[start_ - 1].key == "as"sv && pieces_[start_ - 3].key == "as"sv &&
          OneOf(pieces_[start_ - 2].key, {"early", "soon"}) && At(static_cast<long>(start_) - 3) != nullptr)
        tense = Tense::kFuture;
      // "the previous Friday": the Friday before the day the story is at.
      if (s.rel_story && s.rel == -1 && StoryAnchor(kUDay)) {
        int64_t first, last;
        if (DayRange(story_, &first, &last)) {
          int back = (IsoWeekday(first) - s.weekday + 7) % 7;
          SetDay(r, first - (back == 0 ? 7 : back), part);
          r->anchor = story_value_;
          return true;
        }
      }
      if (!WeekdayDay(s.weekday, s.rel == kUnset ? 0 : s.rel, tense, &day)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "XXXX-WXX-%d", s.weekday);
        r->value = buf;
        if (part > 0) r->value += std::string("T") + kPartCodes[part];
        return true;
      }
      SetDay(r, day, part);
      return true;
    }
    if (explicit_year) {
      // A bare number is a year only outside quantities.
      std::string_view prev = PrevKey(), next = NextKey();
      bool typical = s.year >= 1800 && s.year <= 2100;
      // A year in words ("nineteen ninety-six") only where a year is expected.
      if (!pieces_[end_ - 1].digits &&
          !OneOf(prev, {"in", "since", "by", "until", "of", "year", "from", "to", "and", "before", "after",
                        "during", "through", "early", "late", "mid"}))
        return false;
      // "by 1992" is a deadline unless a change comes before it ("rose by 1500").
      const Piece* before_by = At(static_cast<long>(start_) - 2);
      bool by_quantity = prev == "by" && (!typical || before_by == nullptr || before_by->numeric ||
                                          OneOf(before_by->key, {"up", "down", "rose", "fell", "increased", "decreased",
                                                                 "grew", "gained", "dropped", "climbed", "declined",
                                                                 "jumped", "slipped", "cut", "reduced", "raised",
                                                                 "lowered", "rise", "fall", "increase", "decrease",
                                                                 "exceeded", "outnumbered", "multiplied", "divided"}));
      if (by_quantity ||
          OneOf(prev, {"$", "#", "\xc2\xa3", "\xe2\x82\xac", "no", "number", "nos", "flight", "route",
                       "about", "some", "nearly", "over", "than", "approximately", "almost", "-", "+",
                       "/", "x", "page", "pages", "room", "suite", "up", "down"}) ||
          (!typical && OneOf(prev, {"to", "and", "or", "from", "of", "the", "a"})))
        return false;
      if (OneOf(next, {"%", "percent", "people", "shares", "units", "troops", "km", "miles", "feet",
                       "meters", "metres", "tons", "tonnes", "acres", "votes", "members", "soldiers",
                       "workers", "jobs", "cars", "homes", "points", "employees", "men", "women",
                       "children", "cases", "deaths", "dollars", "barrels", "hours", "days", "yards", "pounds", "kilometers", "kilometres", "students", "residents"}))
        return false;
      r->point = TimePoint{};
      r->point.granularity = Granularity::kYear;
      r->point.year = s.year;
      r->value = FormatTimexValue(r->point);
      return true;
    }
    return false;
  }

  // "of 1990", "from 1988 to 1990": a year when the neighbours are years or dates too.
  bool ClearlyYearContext() const {
    const Piece* prev2 = At(static_cast<long>(start_) - 2);
    const Piece* next = At(static_cast<long>(end_));
    auto yearish = [](const Piece* q) {
      return q != nullptr && ((q->digits && q->ndigits == 4 && q->number >= 1800 && q->number <= 2100) ||
                              OneOf(q->key, {"january", "february", "march", "april", "may", "june", "july",
                                             "august", "september", "october", "november", "december",
                                             "spring", "summer", "fall", "autumn", "winter", "end",
                                             "beginning", "start", "middle", "since", "until", "from",
                                             "year", "years"}));
    };
    const Piece* at = At(static_cast<long>(start_));
    bool plausible = at != nullptr && at->number >= 1800 && at->number <= 2100;
    return plausible && (yearish(prev2) || (next && OneOf(next->key, {",", ".", ";", ")"})));
  }

  // The anchor of story-relative expressions, when fine enough for `unit`.
  bool StoryAnchor(Unit u) const {
    if (!story_.valid() || story_.year < 0) return false;
    switch (u) {
      case kUDay: case kUFortnight: case kUWeek:
        return story_.granularity >= Granularity::kDay;
      case kUMonth:
        return story_.granularity >= Granularity::kMonth && story_.granularity != Granularity::kWeek &&
               story_.granularity != Granularity::kWeekend;
      case kUQuarter:
        return story_.granularity >= Granularity::kQuarter;
      default:
        return story_.granularity >= Granularity::kYear;
    }
  }

  bool Shift(const Pattern& p, const Slots& s, Result* r) {
    Unit u = s.unit;
    auto it = p.args.find("unit");
    if (it != p.args.end()) u = UnitOf(it->second);
    if (u == kUNone || u == kUWeekend || u == kUHour || u == kUMinute || u == kUSecond) return false;
    if (p.args.count("needmod") && !position_mod_) return false;
    // "the year ended Sept. 30": the length of a reporting year, not a calendar year.
    if (p.args.count("period") && OneOf(NextKey(), {"ago", "earlier", "before", "after", "later", "end", "old"}))
      return false;  // "the year-ago results", "the year before": other patterns
    if (p.args.count("period") && OneOf(NextKey(), {"ended", "ending"})) {
      r->type = TimexType::kDuration;
      r->value = DurationValue(1, u, false);
      return true;
    }
    std::string delta_arg = p.args.count("delta") ? p.args.at("delta") : "0";
    int delta = 0;
    bool by_number = delta_arg == "-N" || delta_arg == "+N";
    if (by_number) {
      if (!s.has_num) return false;
      if (s.num_fuzzy) {
        if (p.args.count("anchor")) return false;  // "a few days later": the duration
        r->value = delta_arg[0] == '-' ? "PAST_REF" : "FUTURE_REF";
        r->anchor = "dct";
        return true;
      }
      if (s.num <= 0 || s.num > 5000 || std::fabs(s.num - std::round(s.num)) > 1e-9) return false;
      delta = static_cast<int>(std::lround(s.num)) * (delta_arg[0] == '-' ? -1 : 1);
    } else {
      if (s.unit_plural && !p.args.count("unit")) return false;
      if (delta_arg == "REL") delta = s.rel == kUnset ? 0 : s.rel;
      else delta = std::atoi(delta_arg.c_str());
    }
    // "since year-end": the end of a year that has passed.
    if (p.args.count("yearend") && PrevKey() == "since" && !(dct_.month == 12 && dct_.day == 31)) delta = -1;
    int part = s.part;
    if (p.args.count("part")) part = CodeIndex(kPartCodes, 6, p.args.at("part"));
    if (s.part_plural) return false;
    if (part > 0) r->type = TimexType::kTime;
    if (p.args.count("mod")) r->mod = p.args.at("mod");
    bool story = p.args.count("anchor") && p.args.at("anchor") == "story" && StoryAnchor(u);
    TimePoint base = story ? story_ : dct_;
    r->anchor = story ? story_value_ : "dct";
    if (!base.valid() || base.year < 0) {
      switch (u) {
        case kUDay: r->value = "XXXX-XX-XX"; break;
        case kUWeek: r->value = "XXXX-WXX"; break;
        case kUMonth: r->value = "XXXX-XX"; break;
        case kUQuarter: r->value = "XXXX-QX"; break;
        case kUDecade: r->value = "XXX"; break;
        case kUCentury: r->value = "XX"; break;
        default: r->value = "XXXX"; break;
      }
      if (part > 0 && u == kUDay) r->value += std::string("T") + kPartCodes[part];
      r->anchor.clear();
      return true;
    }
    TimePoint out;
    int64_t first = 0, last = 0;
    bool has_days = DayRange(base, &first, &last) && base.granularity >= Granularity::kDay;
    switch (u) {
      case kUDay:
      case kUFortnight: {
        if (!has_days) return false;
        int64_t day = first + delta * (u == kUFortnight ? 14 : 1);
        SetDay(r, day, part);
        return true;
      }
      case kUWeek: {
        if (!has_days) return false;
        int wy, w;
        IsoWeek(first + 7 * delta, &wy, &w);
        out.granularity = Granularity::kWeek;
        out.year = wy;
        out.week = w;
        break;
      }
      case kUMonth: {
        if (base.granularity < Granularity::kMonth || base.month <= 0) return false;
        out.granularity = Granularity::kMonth;
        out.year = base.year;
        out.month = base.month;
        out = AddMonths(out, delta);
        break;
      }
      case kUQuarter: {
        int q;
        if (base.granularity == Granularity::kQuarter) q = base.quarter;
        else if (base.month > 0) q = (base.month - 1) / 3 + 1;
        else return false;
        int total = base.year * 4 + (q - 1) + delta;
        out.granularity = Granularity::kQuarter;
        out.year = total / 4;
        out.quarter = total % 4 + 1;
        break;
      }
      case kUYear: {
        // Results compared "a year ago" in a report about a quarter: that quarter a year before.
        if (p.args.count("qctx") && last_quarter_.valid() && sentence_ - last_quarter_sentence_ <= kQuarterWindow &&
            (delta == -1 || delta == 1)) {
          out = last_quarter_;
          out.year += delta;
          break;
        }
        out.granularity = Granularity::kYear;
        out.year = base.year + delta;
        break;
      }
      case kUDecade:
        if (by_number) {
          out.granularity = Granularity::kYear;
          out.year = base.year + 10 * delta;
        } else {
          out.granularity = Granularity::kDecade;
          out.year = base.year / 10 + delta;
        }
        break;
      case kUCentury:
        if (by_number) {
          out.granularity = Granularity::kYear;
          out.year = base.year + 100 * delta;
        } else {
          out.granularity = Granularity::kCentury;
          out.year = base.year / 100 + delta;
        }
        break;
      default:
        return false;
    }
    r->point = out;
    r->value = FormatTimexValue(out);
    return true;
  }

  // True when the word before the match makes "a year" a rate ("$5 a year", "twice a day").
  bool AfterQuantity() const {
    const Piece* q = At(static_cast<long>(start_) - 1);
    if (q == nullptr) return false;
    return q->numeric || OneOf(q->key, {"%", "percent", "times", "twice", "once", "thrice", "cents",
                                        "dollars", "million", "billion", "pounds", "euros", "yen"});
  }

  bool Dur(const Pattern& p, const Slots& s, Result* r) {
    Unit u = s.unit;
    if (u == kUNone || u == kUWeekend) return false;
    double n = s.has_num ? (s.num_fuzzy ? -1 : s.num) : 1;
    auto it = p.args.find("n");
    if (it != p.args.end()) n = it->second == "X" ? -1 : std::atof(it->second.c_str());
    // An unspecified number applies to plural units only: "day-long" is one day.
    if (n < 0 && !s.has_num && !s.unit_plural) n = 1;
    bool half = p.args.count("half") > 0;
    if (s.num_article && AfterQuantity()) return false;
    if (n == 0 && !half) return false;
    if (n > 5000) return false;
    // "1990 years" is not a duration; "the 2 years" is.
    if (s.has_num && !s.num_fuzzy && n >= 1000 && std::fabs(n - std::round(n)) < 1e-9 && n < 3000 &&
        !(s.first_piece >= 0 && pieces_[s.first_piece].ndigits == 99))
      return false;
    // "three-quarters of", "a quarter of": fractions, not quarters of a year.
    if (u == kUQuarter && NextKey() == "of") return false;
    // "a 6-year-old boy" is an age, not a time.
    if (end_ < pieces_.size() && pieces_[end_].key == "old"sv && pieces_[end_].sentence == sentence_ &&
        pieces_[end_].span.start == pieces_[end_ - 1].span.end + 1)
      return false;
    r->value = DurationValue(n, u, half);
    return !r->value.empty();
  }

  bool Set(const Pattern& p, const Slots& s, Result* r) {
    char buf[48];
    if (s.weekday > 0) {
      if (p.name == "set_wd_parts" && !s.part_plural) return false;
      std::snprintf(buf, sizeof buf, "XXXX-WXX-%d", s.weekday);
      r->value = buf;
      if (s.part > 0) r->value += std::string("T") + kPartCodes[s.part];
      return true;
    }
    if (s.month > 0) {
      if (s.weak_month && !pieces_[end_ - 1].capitalized) return false;
      std::snprintf(buf, sizeof buf, "XXXX-%02d", s.month);
      r->value = buf;
      return true;
    }
    if (s.part > 0) {
      r->value = std::string("XXXX-XX-XXT") + kPartCodes[s.part];
      return true;
    }
    if (s.unit == kUNone || s.unit == kUWeekend) return false;
    if (p.name == "set_a_unit" && !AfterQuantity()) return false;
    double n = 1;
    if (p.name == "set_every_n" && s.has_num && !s.num_fuzzy) n = s.num;
    auto it = p.args.find("n");
    if (it != p.args.end()) n = std::atof(it->second.c_str());
    if (n <= 0) return false;
    r->value = DurationValue(n, s.unit, false);
    return !r->value.empty();
  }

  bool Clock(const Pattern& p, const Slots& s, Result* r) {
    // A bare "noon"/"midday" is a time only after a preposition of time ("at midday"),
    // not in "high noon" or "the midday meal".
    if (p.args.count("bare") && !OneOf(PrevKey(), {"at", "by", "until", "till", "before", "after", "around",
                                                    "since", "from", "about", "near", "past", "shortly"}))
      return false;
    int h = s.hour, m = s.minute < 0 ? 0 : s.minute;
    if (h < 0 || h > 24) return false;
    if (s.ampm != 0 && (h == 0 || h > 12)) return false;
    if (s.ampm == 2 && h < 12) h += 12;
    if (s.ampm == 1 && h == 12) h = 0;
    if (s.ampm == 0 && s.part > 0) {
      if ((s.part == 2 || s.part == 3) && h < 12) h += 12;
      if (s.part == 4 && h >= 6 && h < 12) h += 12;
    }
    if (s.tonight && h < 12 && s.ampm == 0) h += 12;
    Tense tense = SideTense();
    TimePoint day;
    r->anchor = "dct";
    if (s.month > 0 && s.day > 0) {
      int year = s.year != kUnset ? s.year : YearOfMonthDay(s.month, s.day, tense);
      if (year > 0 && s.day <= DaysInMonth(year, s.month)) day = DayPoint(DaysFromCivil(year, s.month, s.day));
    } else if (s.weekday > 0) {
      int64_t d;
      if (WeekdayDay(s.weekday, s.rel == kUnset ? 0 : s.rel, tense, &d)) day = DayPoint(d);
    } else if (s.day_shift != kUnset) {
      if (has_dct_day_) day = DayPoint(dct_days_ + s.day_shift);
    } else if (story_.valid() && story_.year > 0 && story_.granularity >= Granularity::kDay &&
               sentence_ - story_sentence_day_ <= 2) {
      day = story_;
      r->anchor = story_value_;
      r->day_defaulted = true;
    } else if (has_dct_day_) {
      day = DayPoint(dct_days_);
      r->day_defaulted = true;
    } else {
      r->day_defaulted = true;
    }
    r->point = TimePoint{};
    if (day.valid()) {
      r->point = day;
      r->point.granularity = Granularity::kMinute;
      r->point.hour = h;
      r->point.minute = m;
      r->value = FormatTimexValue(r->point);
    } else {
      char buf[32];
      std::snprintf(buf, sizeof buf, "XXXX-XX-XXT%02d:%02d", h, m);
      r->value = buf;
    }
    return true;
  }

  bool Quarter(const Pattern& p, const Slots& s, Result* r) {
    bool half = p.args.count("half") > 0;
    int q = p.args.count("ord") ? std::atoi(p.args.at("ord").c_str()) : s.ord;
    if (q < 1 || q > (half ? 2 : 4)) return false;
    int year = s.year;
    if (p.args.count("yeardelta") && last_quarter_.valid() && year == kUnset) {
      year = last_quarter_.year + std::atoi(p.args.at("yeardelta").c_str());
      r->anchor = FormatTimexValue(last_quarter_);
    } else if (p.args.count("yeardelta") && dct_.year > 0 && year == kUnset) {
      year = dct_.year + std::atoi(p.args.at("yeardelta").c_str());
      r->anchor = "dct";
    } else if (p.args.count("year") && s.rel != kUnset) {
      if (dct_.year <= 0) return false;
      year = dct_.year + s.rel;
      r->anchor = "dct";
    } else if (year == kUnset) {
      if (dct_.year <= 0) {
        r->value = std::string("XXXX-") + (half ? "H" : "Q") + std::to_string(q);
        return true;
      }
      r->anchor = "dct";
      int dq = dct_.month > 0 ? (dct_.month - 1) / 3 + 1 : 4;
      if (half) dq = (dq + 1) / 2;
      year = q <= dq ? dct_.year : dct_.year - 1;
    }
    r->point = TimePoint{};
    r->point.granularity = half ? Granularity::kHalf : Granularity::kQuarter;
    r->point.year = year;
    r->point.quarter = q;
    r->value = FormatTimexValue(r->point);
    return true;
  }

  bool QuarterRef(const Pattern& p, const Slots& s, Result* r) {
    TimePoint base;
    bool current = p.args.count("dct") > 0;
    if (!current && last_quarter_.valid()) {
      base = last_quarter_;
      r->anchor = FormatTimexValue(last_quarter_);
    } else {
      if (dct_.year <= 0 || dct_.month <= 0) return false;
      base.granularity = Granularity::kQuarter;
      int total = dct_.year * 4 + (dct_.month - 1) / 3 - (current ? 0 : 1);
      base.year = total / 4;
      base.quarter = total % 4 + 1;
      r->anchor = "dct";
    }
    if (s.year != kUnset) {
      if (s.year < 1900 || s.year > 2100) return false;
      base.year = s.year;
    }
    int delta = p.args.count("delta") ? std::atoi(p.args.at("delta").c_str()) : 0;
    int total = base.year * 4 + base.quarter - 1 + delta;
    // "the latest quarter" is a finished one: at most the quarter before the document's.
    if (p.args.count("past") && dct_.year > 0 && dct_.month > 0) {
      int previous = dct_.year * 4 + (dct_.month - 1) / 3 - 1;
      if (total > previous) {
        total = previous;
        r->anchor = "dct";
      }
    }
    r->point = base;
    r->point.year = total / 4;
    r->point.quarter = total % 4 + 1;
    r->value = FormatTimexValue(r->point);
    return true;
  }

  bool Decade(const Slots& s, Result* r) {
    if (s.decade < 0) return false;
    // "in his 30s", "in her early forties": an age, not a decade.
    for (long d = 1; d <= 2; ++d) {
      const Piece* q = At(static_cast<long>(start_) - d);
      if (q == nullptr) break;
      if (OneOf(q->key, {"his", "her", "their", "my", "your", "our", "its"})) return false;
      if (!OneOf(q->key, {"early", "mid", "late", "middle"})) break;
    }
    r->point = TimePoint{};
    r->point.granularity = Granularity::kDecade;
    r->point.year = s.decade;
    r->value = FormatTimexValue(r->point);
    return true;
  }

  bool Century(const Slots& s, Result* r) {
    if (s.ord < 1 || s.ord > 21) return false;
    r->point = TimePoint{};
    r->point.granularity = Granularity::kCentury;
    r->point.year = s.ord - 1;
    r->value = FormatTimexValue(r->point);
    return true;
  }

  bool WeekOf(const Slots& s, Result* r) {
    int64_t day = -1;
    if (s.holiday != nullptr) {
      // "Easter week": the week of the holiday.
      int year = s.year;
      if (year == kUnset) {
        Tense t = s.rel == -1 ? Tense::kPast : s.rel == 1 ? Tense::kFuture : SideTense();
        year = ChooseYear([&](int y) { return HolidayDay(*s.holiday, y); }, t, s.rel == -1 || s.rel == 1);
      }
      if (year > 0) day = HolidayDay(*s.holiday, year);
    } else if (s.month > 0 && s.day > 0) {
      int year = s.year != kUnset ? s.year : YearOfMonthDay(s.month, s.day, SideTense());
      if (year > 0) day = DaysFromCivil(year, s.month, s.day);
    }
    if (day < 0) return false;
    r->anchor = s.year != kUnset ? "" : "dct";
    int wy, w;
    IsoWeek(day, &wy, &w);
    r->point = TimePoint{};
    r->point.granularity = Granularity::kWeek;
    r->point.year = wy;
    r->point.week = w;
    r->value = FormatTimexValue(r->point);
    return true;
  }

  bool Weekend(const Pattern& p, const Slots& s, Result* r) {
    int delta = 0;
    if (p.args.count("delta")) delta = p.args.at("delta") == "REL" ? (s.rel == kUnset ? 0 : s.rel)
                                                                   : std::atoi(p.args.at("delta").c_str());
    if (!has_dct_day_) {
      r->value = "XXXX-WXX-WE";
      return true;
    }
    int wd = IsoWeekday(dct_days_);
    int64_t monday = dct_days_ - (wd - 1);
    int64_t week;  // Monday of the weekend's week
    if (delta == 1) week = wd >= 6 ? monday + 7 : monday;
    else if (delta == -1) week = monday - 7;
    else if (wd >= 6) week = monday;
    else week = SideTense() == Tense::kFuture ? monday : monday - 7;
    int wy, w;
    IsoWeek(week, &wy, &w);
    r->point = TimePoint{};
    r->point.granularity = Granularity::kWeekend;
    r->point.year = wy;
    r->point.week = w;
    r->value = FormatTimexValue(r->point);
    r->anchor = "dct";
    return true;
  }

  bool Constant(const Pattern& p, const Slots& s, Result* r) {
    if (p.constant.empty()) return false;
    if (p.name == "recent_units") {
      if (!s.unit_plural) return false;
      if (s.unit != kUYear) {
        r->type = TimexType::kDuration;
        r->value = DurationValue(-1, s.unit, false);
        return true;
      }
    }
    if (p.name == "current" && OneOf(NextKey(), {"account", "accounts", "affairs", "events", "issue",
                                                  "issues", "prices", "dollars", "form"}))
      return false;
    r->value = p.constant;
    return true;
  }

  const Document& doc_;
  const std::vector<Piece>& pieces_;
  TimePoint dct_;
  int64_t dct_days_ = 0;
  bool has_dct_day_ = false;
  TimePoint story_;
  std::string story_value_;
  int story_sentence_day_ = -1;
  TimePoint last_quarter_;
  int last_quarter_sentence_ = -1000;
  size_t start_ = 0, end_ = 0;
  int sentence_ = -1;
  bool position_mod_ = false;
};

}  // namespace

// A name in quotes, like the titles of shows ("60 Minutes", ``This Week''): an opening quote
// before the match and a capitalized unit word inside it after the first word.
bool QuotedTitle(const std::vector<Piece>& pieces, size_t core, size_t end) {
  if (core == 0 || pieces[core - 1].sentence != pieces[core].sentence) return false;
  const std::string& q = pieces[core - 1].key;
  if (!(q == "``" || q == "\"" || q == "''" || q == "'" || q == "\xe2\x80\x9c")) return false;
  for (size_t k = core + 1; k < end; ++k)
    if (pieces[k].capitalized && (pieces[k].classes & (uint64_t{1} << timex::kUnit))) return true;
  return false;
}

void TagTime(Document* doc) {
  doc->timexes.clear();
  if (doc->tokens.empty()) return;
  const Rules& rules = timex::GetRules();
  std::vector<Piece> pieces = MakePieces(*doc, rules);
  Matcher matcher(rules, pieces);
  Normalizer norm(*doc, pieces);
  std::vector<Candidate> cands;
  std::vector<uint64_t> which((rules.patterns.size() + 63) / 64);  // pattern k: bit k
  std::vector<Result> results;

  // The best normalized match starting at piece `start`.
  size_t rule_index = 0;
  auto try_at = [&](size_t start, size_t* end, Result* out, std::string* rule) {
    const Piece& pc = pieces[start];
    // The patterns whose first word can be this one, as a set (so in table order). A pattern
    // reached only through a literal first word must also accept the next word.
    std::fill(which.begin(), which.end(), 0);
    bool any = false;
    uint64_t classes = pc.classes & rules.first_classes;
    for (int c = 0; classes != 0; ++c, classes >>= 1) {
      if (!(classes & 1) || rules.patterns_by_class[c].empty()) continue;
      const std::vector<uint64_t>& set = rules.pattern_set_by_class[c];
      for (size_t w = 0; w < which.size(); ++w) which[w] |= set[w];
      any = true;
    }
    const Piece* next = start + 1 < pieces.size() && pieces[start + 1].sentence == pc.sentence
                            ? &pieces[start + 1] : nullptr;
    // (The union test first: after "the", which starts fifty patterns, it fails mostly.)
    if (pc.starts != nullptr &&
        (pc.starts->may_end ||
         (next != nullptr && ((next->classes & pc.starts->second_classes) ||
                              (next->literal >= 0 && pc.starts->second_literals[next->literal]))))) {
      for (uint16_t k : *pc.starts->patterns) {
        if (which[k / 64] & (uint64_t{1} << (k % 64))) continue;
        const Pattern& pat = rules.patterns[k];
        if (!pat.may_end_after_literal &&
            (next == nullptr || (!(next->classes & pat.second_classes) &&
                                 !(next->literal >= 0 && pat.second_literals[next->literal]))))
          continue;
        which[k / 64] |= uint64_t{1} << (k % 64);
        any = true;
      }
    }
    if (!any) return false;
    cands.clear();
    Candidate attempt;  // Longest() sets `end` and `slots` whenever it finds a match
    for (size_t w = 0; w < which.size(); ++w) {
      for (uint64_t bits = which[w]; bits != 0; bits &= bits - 1) {
        attempt.pattern = w * 64 + static_cast<size_t>(__builtin_ctzll(bits));
        const Pattern& pat = rules.patterns[attempt.pattern];
        if (matcher.MayMatch(pat, start) && matcher.Longest(pat, start, &attempt)) cands.push_back(attempt);
      }
    }
    std::stable_sort(cands.begin(), cands.end(),
                     [](const Candidate& a, const Candidate& b) { return a.end > b.end; });
    for (const Candidate& c : cands) {
      Result r;
      if (norm.Run(rules.patterns[c.pattern], c, start, &r)) {
        *end = c.end;
        *out = std::move(r);
        *rule = rules.patterns[c.pattern].name;
        rule_index = c.pattern;
        return true;
      }
    }
    return false;
  };

  // The match at a piece and its rule (set whole by try_at when it finds one; kept out of
  // the loop, which would otherwise build and free their strings at every piece).
  Result r;
  std::string rule;
  for (size_t i = 0; i < pieces.size();) {
    const Piece& pc = pieces[i];
    // A modifier before the expression: "early", "mid", "the end of", "about", "nearly".
    size_t mod_len = 0;
    const WordEntry* mod = nullptr;
    for (const WordEntry* we : pc.entries) {
      if ((we->cls == timex::kMod || we->cls == timex::kApprox) && we->words.size() > mod_len &&
          EntryAt(pieces, *we, i)) {
        mod_len = we->words.size();
        mod = we;
      }
    }
    size_t end = 0;
    bool found = false;
    size_t core = i;
    norm.set_position_mod(mod != nullptr && mod->cls == timex::kMod);
    bool after_mod = mod != nullptr && i + mod_len < pieces.size() &&
                     pieces[i + mod_len].sentence == pc.sentence && try_at(i + mod_len, &end, &r, &rule);
    norm.set_position_mod(false);
    if (after_mod) {
      found = true;
      core = i + mod_len;
      // Which modifiers fit which expressions.
      bool position = mod->cls == timex::kMod;
      bool value_ref = r.value.size() > 4 && r.value.compare(r.value.size() - 4, 4, "_REF") == 0;
      bool ok;
      if (position) {
        ok = (r.type == TimexType::kDate || r.type == TimexType::kTime) && !value_ref;
      } else {
        bool quantity_only = OneOf(mod->words[0], {"over", "under", "some", "more", "less", "fewer",
                                                   "longer", "at", "up", "no", "just"});
        ok = r.type == TimexType::kDuration || (!quantity_only && !value_ref);
      }
      if (ok) {
        core = i;
        if (r.mod.empty()) r.mod = mod->value;
      }
    }
    if (!found && try_at(i, &end, &r, &rule)) {
      found = true;
      core = i;
    }
    if (!found || QuotedTitle(pieces, core, end)) {
      ++i;
      continue;
    }
    // "or so" after it.
    if (end + 1 < pieces.size() && pieces[end].key == "or"sv && pieces[end + 1].key == "so"sv &&
        pieces[end + 1].sentence == pc.sentence) {
      end += 2;
      r.mod = "APPROX";
    }
    Timex t;
    t.span = {pieces[core].span.start, pieces[end - 1].span.end};
    t.type = r.type;
    t.value = r.value;
    t.mod = r.mod;
    t.anchor = r.anchor;
    t.rule = rule;
    // A clock time followed by its day in the same sentence takes that day ("10:35 a.m. Friday").
    if (!doc->timexes.empty() && !results.empty() && results.back().day_defaulted &&
        r.point.valid() && r.point.granularity >= Granularity::kDay && r.point.granularity <= Granularity::kPartOfDay &&
        doc->SentenceAt(doc->timexes.back().span.start) == doc->SentenceAt(t.span.start) &&
        t.span.start - doc->timexes.back().span.end < 40) {
      if (norm.FixDay(&results.back(), r.point)) {
        doc->timexes.back().value = results.back().value;
        doc->timexes.back().anchor = r.value;
      }
    }
    timex::Action action = rules.patterns[rule_index].action_code;
    norm.Remember(r, action == timex::kQuarterAction || (action == timex::kQuarterRefAction && r.anchor == "dct"));
    results.push_back(r);
    doc->timexes.push_back(std::move(t));
    i = end;
    // "April 24 and 25": the second day of the month is a date of its own.
    if (r.point.valid() && r.point.granularity == Granularity::kDay && r.point.year > 0 &&
        (action == timex::kDateAction) && pieces[end - 1].digits && pieces[end - 1].ndigits <= 2 &&
        end + 1 < pieces.size() && OneOf(pieces[end].key, {"and", "or"}) &&
        pieces[end + 1].sentence == pc.sentence && pieces[end].sentence == pc.sentence &&
        pieces[end + 1].digits && pieces[end + 1].ndigits <= 2) {
      int day = static_cast<int>(pieces[end + 1].number);
      const Piece* after = end + 2 < pieces.size() && pieces[end + 2].sentence == pc.sentence ? &pieces[end + 2]
                                                                                                : nullptr;
      // Only where the number ends the phrase ("24 and 25.", "24 and 25 in Washington"), not
      // "May 3 and 10 people died".
      bool quantity = after != nullptr && !after->punct &&
                      !OneOf(after->key, {"in", "at", "on", "to", "when", "with", "and", "for", "respectively",
                                          "but", "as", "before", "after", "during"});
      if (!quantity && day > r.point.day && day <= DaysInMonth(r.point.year, r.point.month)) {
        Result r2 = r;
        r2.point.day = day;
        r2.value = FormatTimexValue(r2.point);
        Timex t2;
        t2.span = pieces[end + 1].span;
        t2.type = r.type;
        t2.value = r2.value;
        t2.anchor = r.anchor;
        t2.rule = rule + "+and";
        results.push_back(r2);
        doc->timexes.push_back(std::move(t2));
        i = end + 2;
      }
    }
  }
}

}  // namespace dossier
