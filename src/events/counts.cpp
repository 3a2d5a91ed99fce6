#include "events/counts.h"

#include <string>
#include <string_view>

#include "text/word_index.h"

namespace dossier {

// Words are compared with literals as views: the length first (std::string == const char*
// compares the bytes first, through strlen and memcmp calls).
using namespace std::string_view_literals;
namespace events {
namespace {

struct Quantity {
  long long value = -1;
  long long high = -1;
  std::string qualifier;
  size_t begin = 0, end = 0;  // word range [begin, end)
};

// (A view: std::string == const char* compares bytes before lengths.)
bool Is(Words w, size_t i, std::string_view s) { return i < w.size() && w[i].lower == s; }

// Words that can start a quantity phrase (cheap filter before ParseQuantity).
bool MayStartQuantity(const Word& x) {
  static const WordIndex* kStarters = [] {
    auto* starters = new WordIndex();
    for (const char* s : {"at", "more", "over", "upwards", "up", "as", "fewer", "less", "about", "around",
                          "nearly", "almost", "approximately", "roughly", "some", "estimated", "an", "all",
                          "dozens", "scores", "hundreds", "tens", "thousands", "a"})
      starters->Add(s);
    return starters;
  }();
  if (x.lower.empty()) return false;
  if (x.lower[0] >= '0' && x.lower[0] <= '9') return true;
  if (x.flags & kTokPunct) return false;
  return x.number >= 0 || kStarters->Contains(x.lower);
}

// Parses a quantity phrase starting at words[i].
bool ParseQuantity(Words w, size_t i, Quantity* q) {
  if (i >= w.size() || !MayStartQuantity(w[i])) return false;
  Quantity r;
  r.begin = i;
  size_t j = i;
  if (Is(w, j, "at") && (Is(w, j + 1, "least"))) r.qualifier = "at_least", j += 2;
  else if (Is(w, j, "more") && Is(w, j + 1, "than")) r.qualifier = "more_than", j += 2;
  else if (Is(w, j, "over") || Is(w, j, "upwards")) r.qualifier = "more_than", j += Is(w, j + 1, "of") ? 2 : 1;
  else if (Is(w, j, "up") && Is(w, j + 1, "to")) r.qualifier = "at_most", j += 2;
  else if (Is(w, j, "at") && Is(w, j + 1, "most")) r.qualifier = "at_most", j += 2;
  else if (Is(w, j, "as") && Is(w, j + 1, "many") && Is(w, j + 2, "as")) r.qualifier = "at_most", j += 3;
  else if ((Is(w, j, "fewer") || Is(w, j, "less")) && Is(w, j + 1, "than")) r.qualifier = "at_most", j += 2;
  else if (Is(w, j, "about") || Is(w, j, "around") || Is(w, j, "nearly") || Is(w, j, "almost") ||
           Is(w, j, "approximately") || Is(w, j, "roughly") || Is(w, j, "some") ||
           Is(w, j, "estimated") || (Is(w, j, "an") && Is(w, j + 1, "estimated")))
    r.qualifier = "about", j += (Is(w, j, "an") ? 2 : 1);
  if (Is(w, j, "all") && j + 1 < w.size() && w[j + 1].number >= 0) ++j;
  if (j >= w.size()) return false;
  // Vague plurals.
  std::string_view x = w[j].lower;
  auto range = [&](long long lo, long long hi, size_t next) {
    r.value = lo;
    r.high = hi;
    if (r.qualifier.empty()) r.qualifier = "range";
    r.end = next;
    *q = r;
    return true;
  };
  if (x == "dozens") return range(24, 99, j + 1 + (Is(w, j + 1, "of") ? 1 : 0));
  if (x == "scores") return range(40, 99, j + 1 + (Is(w, j + 1, "of") ? 1 : 0));
  if (x == "hundreds") return range(200, 999, j + 1 + (Is(w, j + 1, "of") ? 1 : 0));
  if (x == "tens" && Is(w, j + 1, "of") && Is(w, j + 2, "thousands"))
    return range(20000, 99999, j + 3 + (Is(w, j + 3, "of") ? 1 : 0));
  if (x == "thousands") return range(2000, 9999, j + 1 + (Is(w, j + 1, "of") ? 1 : 0));
  long long v = -1;
  if ((x == "a" || x == "one") && Is(w, j + 1, "dozen")) {
    v = 12;
    j += 2;
  } else {
    v = w[j].number;
    if (v < 0) return false;
    if (x == "hundred" || x == "thousand" || x == "million") return false;
    ++j;
    // "one hundred", "2 million", "twenty-five thousand"
    while (j < w.size()) {
      long long m = w[j].number;
      if (w[j].lower == "hundred"sv || w[j].lower == "thousand"sv || w[j].lower == "million"sv) {
        v *= m;
        ++j;
      } else if (m >= 0 && m < 100 && v >= 100 && (v % 100) == 0 && !(w[j].flags & kTokNumber)) {
        v += m;  // "one hundred twenty"
        ++j;
      } else {
        break;
      }
    }
  }
  r.value = v;
  r.high = v;
  // "90 to 100", "90-100"
  if ((Is(w, j, "to") || Is(w, j, "or")) && j + 1 < w.size()) {
    long long hi = w[j + 1].number;
    if (hi > v) {
      r.high = hi;
      if (r.qualifier.empty()) r.qualifier = "range";
      j += 2;
    }
  }
  r.end = j;
  *q = r;
  return true;
}

bool IsPeopleNoun(const Word& w) { return IsCueWord(w, Categories().people); }

bool IsUnit(const Word& w) {
  static const char* kUnits[] = {"km", "kilometres", "kilometers", "miles", "metres", "meters",
                                 "tons", "tonnes", "dollars", "euros", "years", "days", "hours",
                                 "minutes", "weeks", "months", "percent", "%", "times", "rounds",
                                 "rockets", "missiles", "shells", "feet", "kg", "pounds"};
  for (const char* u : kUnits)
    if (std::string_view(w.lower) == u) return true;
  return false;
}

// Modifiers between a number and its people noun: "US", "Iraqi", "civilian", "more".
bool IsModifier(const Word& w) {
  if (w.flags & kTokPunct) return w.lower == "-"sv;
  if (w.cls & (kPrep | kConj | kBe | kHave | kModal | kRel | kNeg)) return false;
  return true;
}

}  // namespace

const char* SlotOf(const Word& w) {
  if (w.cues == 0) return nullptr;
  const CueCategories& cat = Categories();
  if (IsCueWord(w, cat.killed)) return "killed";
  if (IsCueWord(w, cat.injured)) return "injured";
  if (IsCueWord(w, cat.missing)) return "missing";
  if (IsCueWord(w, cat.arrested)) return "arrested";
  return nullptr;
}

std::vector<FoundCount> FindCounts(Words w) {
  std::vector<FoundCount> out;
  const size_t n = w.size();
  auto add = [&](const char* slot, const Quantity& q, long long plus, size_t span_begin,
                 size_t span_end, int anchor) {
    FoundCount f;
    f.count.slot = slot;
    f.count.value = q.value + plus;
    f.count.high = (q.high < 0 ? q.value : q.high) + plus;
    f.count.qualifier = q.qualifier;
    f.count.span = Span{w[span_begin].span.start, w[span_end - 1].span.end};
    f.anchor = anchor;
    out.push_back(f);
  };
  // Nearest slot word before i (within `reach` words), or -1.
  auto slot_before = [&](size_t i, size_t reach) -> int {
    for (size_t k = i; k > 0 && i - k < reach; --k) {
      if (w[k - 1].cls & kStop) break;
      if (SlotOf(w[k - 1]) != nullptr) return static_cast<int>(k - 1);
    }
    return -1;
  };
  size_t i = 0;
  while (i < n) {
    // Zero: "no casualties", "no fatalities", "not cause any fatalities", "no one was killed".
    if (w[i].lower == "no"sv || w[i].lower == "without"sv || (w[i].lower == "any"sv && i > 0 && slot_before(i, 1) < 0)) {
      size_t k = i + 1;
      if (k < n && (w[k].lower == "casualties"sv || w[k].lower == "fatalities"sv || w[k].lower == "deaths"sv)) {
        bool negated_any = w[i].lower != "any"sv;
        for (size_t b = i; b > 0 && i - b < 4 && !negated_any; --b)
          if (w[b - 1].cls & kNeg) negated_any = true;
        if (negated_any) {
          Quantity q;
          q.value = 0;
          q.high = 0;
          add("killed", q, 0, i, k + 1, static_cast<int>(k));
          i = k + 1;
          continue;
        }
      }
      if (w[i].lower == "no"sv && k + 1 < n && w[k].lower == "one"sv && (w[k + 1].cls & kBe) && k + 2 < n &&
          SlotOf(w[k + 2]) != nullptr) {
        Quantity q;
        q.value = 0;
        q.high = 0;
        add(SlotOf(w[k + 2]), q, 0, i, k + 3, static_cast<int>(k + 2));
        i = k + 3;
        continue;
      }
    }
    // "X and N others", "and the other N victims", "along with N others".
    bool and_others = w[i].lower == "and"sv;
    bool along = (w[i].lower == "along"sv || w[i].lower == "together"sv) && i + 1 < n && w[i + 1].lower == "with"sv;
    if (and_others || along) {
      size_t k = i + (along ? 2 : 1);
      bool the_other = false;
      if (k + 1 < n && w[k].lower == "the"sv && w[k + 1].lower == "other"sv) the_other = true, k += 2;
      Quantity q;
      if (ParseQuantity(w, k, &q)) {
        size_t e = q.end;
        bool others = false;
        if (e < n && (w[e].lower == "others"sv || w[e].lower == "other"sv)) others = true, ++e;
        else if (the_other) {
          while (e < n && e < q.end + 3 && IsModifier(w[e]) && !IsPeopleNoun(w[e])) ++e;
          if (e < n && IsPeopleNoun(w[e])) others = true, ++e;
        }
        if (e < n && others && IsPeopleNoun(w[e])) ++e;  // "other people"
        if (others) {
          int anchor = slot_before(i, 12);
          const char* slot = anchor >= 0 ? SlotOf(w[anchor]) : nullptr;
          // "... victims" after: the victims of an attack are the dead.
          if (slot == nullptr && e > 0 && (w[e - 1].lower == "victims"sv || w[e - 1].lower == "dead"sv))
            slot = "killed", anchor = static_cast<int>(e - 1);
          // A slot word right after: "along with six others were killed".
          if (slot == nullptr) {
            for (size_t k2 = e; k2 < n && k2 < e + 3; ++k2)
              if (SlotOf(w[k2]) != nullptr) { slot = SlotOf(w[k2]); anchor = static_cast<int>(k2); break; }
          }
          if (slot != nullptr) {
            // The named victims before "and": "killed A, B, and seven others" adds two.
            long long named = 1;
            if (and_others && anchor >= 0 && static_cast<size_t>(anchor) < i) {
              named = 1;
              for (size_t k2 = static_cast<size_t>(anchor) + 1; k2 < i; ++k2)
                if (w[k2].lower == ","sv && k2 + 1 < i) ++named;
            }
            add(slot, q, named, i, e, anchor);
            i = e;
            continue;
          }
        }
      }
    }
    // "death toll rose to N"; further on, only a verb of rising says whose number it is:
    // "the death toll from Friday's strike on the airport road has risen to ten".
    if (w[i].lower == "toll"sv) {
      for (size_t k = i + 1; k < n && k < i + 16; ++k) {
        if (w[k].lower == ","sv || w[k].lower == ";"sv || w[k].lower == "."sv) break;
        std::string_view before = w[k - 1].lower;
        bool near = k < i + 6 && (w[k].lower == "to"sv || w[k].lower == "at"sv || w[k].lower == "of"sv ||
                                  w[k].lower == "is"sv || w[k].lower == "was"sv || w[k].lower == "stood"sv);
        bool risen = w[k].lower == "to"sv && (before == "rose" || before == "risen" || before == "climbed" ||
                                            before == "jumped" || before == "increased" || before == "grew" ||
                                            before == "grown" || before == "rising" || before == "climbing");
        Quantity q;
        if ((near || risen) && ParseQuantity(w, k + 1, &q)) {
          add("killed", q, 0, k + 1, q.end, static_cast<int>(i));
          i = q.end;
          goto next;
        }
      }
    }
    {
      Quantity q;
      // Words that are not quantities here: "one of", "one US contractor" is fine.
      if (ParseQuantity(w, i, &q)) {
        // Preceded by a slot verb: "killing at least seven people", "wounded 20".
        int verb = -1;
        if (i > 0 && SlotOf(w[i - 1]) != nullptr && !(w[i - 1].lower == "dead"sv)) verb = static_cast<int>(i - 1);
        size_t e = q.end;
        size_t m = e;
        while (m < n && m < e + 3 && IsModifier(w[m]) && !IsPeopleNoun(w[m]) && SlotOf(w[m]) == nullptr) ++m;
        bool people = m < n && IsPeopleNoun(w[m]);
        // "arrested 20 Palestinians": a plural or a nationality after a slot verb is people,
        // unless it is a unit.
        if (!people && verb >= 0 && e < n && !IsUnit(w[e]) && (w[e].flags & kTokWord) &&
            ((w[e].flags & kTokCapitalized) || (w[e].lower.size() > 3 && w[e].lower.back() == 's'))) {
          people = true;
          m = e;
        }
        size_t after = people ? m + 1 : e;
        if (verb >= 0 && (people || e == n || (w[e].flags & kTokPunct) || (w[e].cls & (kPrep | kConj)))) {
          // "killed 10 in the attack" ok; "killed 10 kilometres" is not people.
          add(SlotOf(w[verb]), q, 0, i, people ? after : e, verb);
          i = people ? after : e;
          continue;
        }
        // Followed by a slot word: "seven people were killed", "10 dead".
        size_t k = after;
        while (k < n && k < after + 4 && (w[k].cls & (kBe | kHave | kAdv))) ++k;
        if (k < n && SlotOf(w[k]) != nullptr && (people || k == e || w[k].lower == "dead"sv ||
                                                 w[k].lower == "killed"sv || w[k].lower == "injured"sv ||
                                                 w[k].lower == "wounded"sv || w[k].lower == "missing"sv)) {
          // "seven were killed" needs the people noun or an auxiliary; "10 killed" is fine.
          add(SlotOf(w[k]), q, 0, i, k + 1, static_cast<int>(k));
          i = k + 1;
          continue;
        }
        // "N deaths", "N fatalities", "N casualties"
        if (e < n && (w[e].lower == "deaths"sv || w[e].lower == "fatalities"sv || w[e].lower == "bodies"sv)) {
          add("killed", q, 0, i, e + 1, static_cast<int>(e));
          i = e + 1;
          continue;
        }
      }
    }
    ++i;
  next:;
  }
  return out;
}

}  // namespace events
}  // namespace dossier
