#include "events/clause.h"

#include <algorithm>

namespace dossier {

// Words are compared with literals as views: the length first (std::string == const char*
// compares the bytes first, through strlen and memcmp calls).
using namespace std::string_view_literals;

namespace events {
namespace {

bool IsPunct(const Word& w) { return (w.flags & kTokPunct) != 0; }
bool IsCap(const Word& w) { return (w.flags & (kTokCapitalized | kTokNumber)) != 0; }

// Words that can sit inside a noun phrase.
bool NounPhraseWord(Words w, size_t i) {
  const Word& x = w[i];
  if (IsPunct(x)) return x.lower == "-"sv || x.lower == "&"sv || x.lower == "'"sv;
  if (x.cls & (kPrep | kConj | kBe | kHave | kModal | kRel | kNeg | kSubord | kDo)) {
    // "US" is a pronoun only in lower case.
    if ((x.cls & kPron) && IsCap(x) && x.lower == "us"sv) return true;
    return false;
  }
  if ((x.cls & kAdv) && !IsCap(x)) return false;
  return !LooksLikeVerb(w, i);
}

}  // namespace

bool LooksLikeVerb(Words w, size_t i) {
  const Word& x = w[i];
  if (IsPunct(x)) return false;
  if (x.cls & (kBe | kHave | kModal | kDo)) return !(x.cls & kDet);
  if (IsCap(x) && !(x.flags & kTokSentenceStart)) return false;
  // Past forms and participles end phrases unless a determiner makes them adjectives
  // ("the wounded", "an armed group").
  if (x.past && !x.past_participle) return !(i > 0 && (w[i - 1].cls & kDet));  // "gave", "blew"
  if (x.past_participle || x.ing) {
    if (i > 0 && (w[i - 1].cls & kDet)) return false;
    if (x.ing && i + 1 < w.size() && IsCap(w[i + 1]) == false && (w[i + 1].cls & kDet) == 0 &&
        !IsPunct(w[i + 1]) && !(w[i + 1].cls & (kPrep | kPron)))
      return false;  // "rocket firing squads": gerund modifier
    return true;
  }
  if (IsCueWord(x, Categories().report) && (x.lemma != x.lower)) return true;  // "says", "tells"
  return false;
}

size_t VerbGroupStart(Words w, size_t v) {
  size_t s = v;
  while (s > 0) {
    const Word& p = w[s - 1];
    if (p.cls & (kBe | kHave | kModal | kNeg | kDo)) { --s; continue; }
    if ((p.cls & kAdv) && !IsCap(p)) { --s; continue; }
    if (p.lower == "to"sv && s >= 2 && !(w[s - 2].cls & kPrep)) {
      // "to" of an infinitive belongs to the group only after "be"/"have" ("was to meet")
      if (w[s - 2].cls & (kBe | kHave)) { --s; continue; }
    }
    break;
  }
  return s;
}

bool IsPassive(Words w, size_t v) {
  if (!w[v].past_participle) return false;
  for (size_t k = v; k > 0 && v - k < 4; --k) {
    const Word& p = w[k - 1];
    if (p.cls & kBe) return true;
    if ((p.cls & (kAdv | kNeg | kHave | kModal)) && !IsCap(p)) continue;
    break;
  }
  return false;
}

Phrase SubjectBefore(Words w, size_t pos, bool long_phrase) {
  Phrase p;
  size_t e = pos;
  // A relative pronoun: the antecedent is the subject ("Muhandis, who was killed").
  if (e > 0 && (w[e - 1].cls & kRel) && w[e - 1].lower != "that"sv) {
    --e;
    if (e > 0 && w[e - 1].lower == ","sv) --e;
  } else if (e > 0 && w[e - 1].lower == "that"sv && e >= 2 && !LooksLikeVerb(w, e - 2) &&
             !(w[e - 2].cls & (kPrep | kConj)) && !IsPunct(w[e - 2])) {
    --e;  // "the militia that attacked"
  }
  // Apposition: "Soleimani, the head of the Quds Force, was killed".
  if (e > 0 && w[e - 1].lower == ","sv) {
    size_t k = e - 1;
    size_t limit = k > 16 ? k - 16 : 0;
    while (k > limit && w[k - 1].lower != ","sv && !(w[k - 1].cls & kStop)) --k;
    if (k > limit && w[k - 1].lower == ","sv) e = k - 1;
    else return p;
  }
  // A personal pronoun is a whole phrase: "the day he was killed".
  if (e > 0 && (w[e - 1].cls & kPron) && !(IsCap(w[e - 1]) && w[e - 1].lower == "us"sv)) {
    p.begin = e - 1;
    p.end = e;
    return p;
  }
  size_t b = e;
  const size_t max_len = long_phrase ? 16 : 12;
  while (b > 0 && e - b < max_len) {
    size_t i = b - 1;
    if (NounPhraseWord(w, i)) { b = i; continue; }
    if (long_phrase && b < e && i > 0 && (w[i].cls & kPrep) && !(w[i].cls & kSubord) &&
        NounPhraseWord(w, i - 1)) {
      std::string_view x = w[i].lower;
      if (x == "with" || x == "to" || x == "from" || x == "in" || x == "at" || x == "for" ||
          x == "on" || x == "close" || x == "near" || x == "inside" || x == "within") {
        b = i;
        continue;
      }
    }
    // "sources briefed on the gathering", "officials familiar with the plan"
    if (long_phrase && b < e && i >= 2 && (w[i].cls & kPrep) && (w[i - 1].past_participle || w[i - 1].lower == "familiar"sv) &&
        NounPhraseWord(w, i - 2) && !(w[i - 2].flags & kTokPunct)) {
      b = i - 1;
      continue;
    }
    // "of" inside a name phrase: "head of Iran's Quds Force"
    if (w[i].lower == "of"sv && b < e && i > 0 && NounPhraseWord(w, i - 1)) { b = i; continue; }
    // "and" between names: "Soleimani and al-Muhandis"
    if (w[i].lower == "and"sv && b < e && i > 0 && IsCap(w[i - 1]) && IsCap(w[b])) { b = i; continue; }
    break;
  }
  // A leading "of"/"and" left over.
  while (b < e && (w[b].lower == "of"sv || w[b].lower == "and"sv)) ++b;
  p.begin = b;
  p.end = e;
  return p;
}

Phrase ObjectAfter(Words w, size_t pos, size_t limit) {
  Phrase p;
  size_t b = pos;
  limit = std::min(limit, w.size());
  while (b < limit && (w[b].cls & kAdv) && !IsCap(w[b])) ++b;
  size_t e = b;
  while (e < limit && e - b < 14) {
    if (NounPhraseWord(w, e) || ((w[e].cls & kDet) && !(w[e].cls & (kPrep | kRel)))) { ++e; continue; }
    if ((w[e].cls & kPron) && e == b) { ++e; break; }
    if (w[e].lower == "of"sv && e > b && e + 1 < limit && (IsCap(w[e + 1]) || (w[e + 1].cls & kDet))) { ++e; continue; }
    if (w[e].lower == "and"sv && e > b && e + 1 < limit && (IsCap(w[e + 1]) || (w[e + 1].cls & kPron))) { ++e; continue; }
    break;
  }
  p.begin = b;
  p.end = e;
  return p;
}

Span SpanOf(Words w, Phrase p) {
  if (p.empty()) return Span{};
  return Span{w[p.begin].span.start, w[p.end - 1].span.end};
}

Phrase Trim(Words w, Phrase p) {
  while (p.begin < p.end && ((w[p.begin].cls & kDet) || IsPunct(w[p.begin]))) {
    // keep numbers-as-determiners out; "his convoy" -> "convoy"
    ++p.begin;
  }
  while (p.end > p.begin && IsPunct(w[p.end - 1])) --p.end;
  return p;
}

std::vector<int> EntitiesIn(const Document& doc, Span span) {
  std::vector<int> out;
  if (span.empty()) return out;
  for (size_t i = 0; i < doc.entities.size(); ++i)
    if (span.Contains(doc.entities[i].span)) out.push_back(static_cast<int>(i));
  std::sort(out.begin(), out.end(), [&](int a, int b) {
    return doc.entities[a].span.start < doc.entities[b].span.start;
  });
  return out;
}

std::vector<int> EntitiesIn(const Document& doc, Span span, const std::vector<int>& among) {
  std::vector<int> out;
  if (span.empty()) return out;
  for (int i : among)
    if (span.Contains(doc.entities[i].span)) out.push_back(i);
  std::sort(out.begin(), out.end(), [&](int a, int b) {
    return doc.entities[a].span.start < doc.entities[b].span.start;
  });
  return out;
}

std::vector<std::vector<int>> EntitiesBySentence(const Document& doc) {
  std::vector<std::vector<int>> out(doc.sentences.size());
  for (size_t i = 0; i < doc.entities.size(); ++i) {
    const Span& e = doc.entities[i].span;
    auto it = std::lower_bound(doc.sentences.begin(), doc.sentences.end(), e.start,
                               [](const Sentence& s, uint32_t off) { return s.span.end < off; });
    for (; it != doc.sentences.end() && it->span.start <= e.end; ++it)
      if (e.Overlaps(it->span) || it->span.Contains(e))
        out[static_cast<size_t>(it - doc.sentences.begin())].push_back(static_cast<int>(i));
  }
  return out;
}

int EntityCovering(const Document& doc, Span span) {
  int best = -1;
  for (size_t i = 0; i < doc.entities.size(); ++i) {
    const EntityMention& e = doc.entities[i];
    if (e.span.Contains(span) && (best < 0 || e.span.size() < doc.entities[best].span.size()))
      best = static_cast<int>(i);
  }
  return best;
}

}  // namespace events
}  // namespace dossier
