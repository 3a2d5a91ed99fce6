// The events stage. Per sentence:
//   1. CAMEO patterns (data/cameo/verbs.tsv) are matched on lemmas, left to right, longest
//      first; words a pattern uses cannot trigger another.
//   2. Verbs that govern an action ("urged X to release", "threatened to attack", "will
//      visit", "refused to withdraw") recast the governed action's code
//      (data/cameo/complements.tsv) and give the modality.
//   3. Verbs of saying are kept only when nothing else happens in the sentence; weak
//      patterns only when nothing stronger; nominal triggers only when no verb of their
//      clause covers them; ", killing ..." joins the event before it.
//   4. Arguments come from the clause: subject and object, passive "by", nominal
//      premodifiers ("a US drone strike"), prepositional places, instruments, the timex.
//   5. Counts (counts.h) go to the event of their clause.
#include "events/events.h"

#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "events/clause.h"
#include "events/counts.h"
#include "events/lexicon.h"
#include "text/word_index.h"

namespace dossier {

// Words are compared with literals as views: the length first (std::string == const char*
// compares the bytes first, through strlen and memcmp calls).
using namespace std::string_view_literals;

namespace {

using events::Phrase;
using events::Word;
using events::Words;

constexpr size_t kNone = static_cast<size_t>(-1);
constexpr size_t kPatternGap = 6;  // words allowed between two pattern words

struct Match {
  const events::VerbPattern* pattern = nullptr;
  size_t trigger = 0;
  size_t last = 0;
  std::string code;
  bool nominal = false;
  bool dropped = false;
  bool recast = false;
  size_t complement = kNone;       // word index of the governed action's trigger
  Modality modality = Modality::kAsserted;
  bool refusal = false;            // "would not meet": coded as a refusal, not negated
  int merged_into = -1;            // index of the match a participle joined
  std::vector<size_t> anchors;     // words whose counts belong here
  std::vector<size_t> extra_targets;  // objects of joined participles (word index starts)
};

bool IsPunct(const Word& w) { return (w.flags & kTokPunct) != 0; }
bool IsCap(const Word& w) { return (w.flags & kTokCapitalized) != 0; }
bool Boundary(const Word& w) { return (w.cls & (events::kStop | events::kQuote)) != 0 || std::string_view(w.lower) == ","; }
std::string_view Root(const std::string& code) { return std::string_view(code).substr(0, 2); }
bool Violent(const std::string& code) {
  std::string_view r = Root(code);
  return r == "14" || r == "15" || r == "17" || r == "18" || r == "19" || r == "20";
}

bool MatchPattern(Words w, size_t i, const events::VerbPattern& p,
                  size_t* last) {
  size_t pos = i;
  for (size_t k = 1; k < p.ids.size(); ++k) {  // (ids: the words' numbers, one per word)
    bool found = false;
    for (size_t j = pos + 1; j < w.size() && j <= pos + 1 + kPatternGap; ++j) {
      if (Boundary(w[j])) break;
      if (events::WordIs(w[j], p.ids[k])) {
        pos = j;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  *last = pos;
  return true;
}

// A trigger used as a noun: after a determiner or possessive (across adjectives: "the
// widespread protests"), or a plural followed by a verb, relative or preposition
// ("rocket strikes killed", "protests that started", "attacks against").
bool LooksNominal(Words w, size_t i) {
  // A gerund after a preposition is a verb: "guilty of violating", "by storming".
  if (w[i].ing && i > 0 && (w[i - 1].cls & events::kPrep)) return false;
  // A gerund is a noun only right after a determiner or possessive: "Soleimani's killing".
  const size_t window = w[i].ing ? 1 : 4;
  for (size_t k = i; k > 0 && i - k < window; --k) {
    const Word& p = w[k - 1];
    if ((p.cls & events::kDet) || p.possessive || p.lower == "of"sv) return true;
    bool name = IsCap(p) || (p.flags & kTokAllCaps);
    if (IsPunct(p) || (!name && (p.cls & (events::kPrep | events::kConj | events::kBe | events::kHave | events::kModal |
                                          events::kRel | events::kPron | events::kNeg | events::kSubord))) ||
        events::LooksLikeVerb(w, k - 1))
      break;
  }
  const Word& x = w[i];
  if (x.lower.size() > 3 && x.lower.back() == 's' && x.lower != x.lemma && i + 1 < w.size()) {
    const Word& n = w[i + 1];
    if (IsPunct(n) || (n.cls & (events::kRel | events::kBe | events::kHave | events::kModal)) ||
        ((n.cls & events::kPrep) && n.lower != "to"sv) || events::LooksLikeVerb(w, i + 1))
      return true;
  }
  return false;
}

std::vector<Match> FindMatches(Words w) {
  std::vector<Match> out;
  std::vector<bool> used(w.size(), false);
  size_t caps = 0, wordsn = 0;
  for (const Word& x : w) {
    if (x.flags & kTokWord) {
      ++wordsn;
      if (IsCap(x)) ++caps;
    }
  }
  const bool title_case = wordsn >= 3 && caps * 10 >= wordsn * 6;
  for (size_t i = 0; i < w.size(); ++i) {
    if (used[i] || IsPunct(w[i]) || (w[i].flags & kTokNumber)) continue;
    // Capitalized words inside a sentence are names ("Quds Force", "Islamic State").
    if (IsCap(w[i]) && !(w[i].flags & kTokSentenceStart) && !title_case) continue;
    // The one-word cues of a word are those of its form and of its lemma (Word::cues).
    if (events::IsCueWord(w[i], events::Categories().not_trigger) &&
        !(i > 0 && (w[i - 1].cls & (events::kModal | events::kPron | events::kNeg | events::kDo))))
      continue;
    // A participle used as an adjective: "and armed factions", "the wounded soldiers".
    if (w[i].past_participle && !w[i].ing && i + 1 < w.size() && i > 0) {
      const Word& n = w[i + 1];
      const Word& p = w[i - 1];
      bool noun_next = (n.flags & kTokWord) && n.cls == 0 && !IsCap(n);
      bool adj_slot = (p.cls & (events::kDet | events::kConj)) || p.possessive || IsPunct(p) ||
                      ((p.cls & events::kPrep) && !(p.cls & events::kBe));
      if (noun_next && adj_slot) continue;
    }
    // Patterns triggered by the lemma, then by the form.
    const std::vector<const events::VerbPattern*>* by_key[2] = {w[i].lemma_patterns, w[i].lower_patterns};
    bool done = false;
    for (int kk = 0; kk < 2 && !done; ++kk) {
      if (kk == 1 && w[i].lower_id == w[i].lemma_id) break;  // the same patterns
      const std::vector<const events::VerbPattern*>* patterns = by_key[kk];
      if (patterns == nullptr) continue;
      for (const events::VerbPattern* p : *patterns) {
        size_t last = i;
        if (!MatchPattern(w, i, *p, &last)) continue;
        bool skip = false;
        // Later pattern words must be free.
        for (size_t j = i + 1; j <= last; ++j) {
          for (int id : p->ids)
            if (used[j] && events::WordIs(w[j], id)) skip = true;
        }
        if (skip) continue;
        Match m;
        m.pattern = p;
        m.trigger = i;
        m.last = last;
        m.code = p->code;
        m.nominal = p->noun || (!w[i].past_participle && LooksNominal(w, i));
        used[i] = true;
        for (size_t j = i + 1; j <= last; ++j)
          for (int id : p->ids)
            if (events::WordIs(w[j], id)) used[j] = true;
        out.push_back(m);
        done = true;
        break;
      }
    }
  }
  return out;
}

// Index of the word that ends the planned cue right before `g`, e.g. "was due to" + meet.
bool PlannedBefore(Words w, size_t t) {
  size_t g = t;
  while (g > 0 && (w[g - 1].cls & events::kAdv) && !IsCap(w[g - 1])) --g;
  for (size_t back = 1; back <= 3 && back <= g; ++back) {
    size_t len = 0;
    if (events::CueAt(w, g - back, events::Categories().planned, &len) && g - back + len == g) return true;
  }
  // "will/would" earlier in the verb group: "will not be able to", "would be"
  size_t s = events::VerbGroupStart(w, t);
  for (size_t k = s; k < t; ++k)
    if (w[k].lower == "will"sv || w[k].lower == "'ll"sv || w[k].lower == "shall"sv) return true;
  return false;
}

bool HypotheticalBefore(Words w, size_t t) {
  size_t s = events::VerbGroupStart(w, t);
  for (size_t k = s; k < t; ++k) {
    std::string_view x = w[k].lower;
    if (x == "could" || x == "might" || x == "may" || x == "can" || x == "should") return true;
    if (x == "would" && k + 1 < t && w[k + 1].lower == "have"sv) return true;
  }
  for (size_t k = t; k > 0; --k) {
    const Word& p = w[k - 1];
    if (p.lower == ","sv || (p.cls & events::kStop)) {
      // "If X, Y happens": the condition is before the comma, look one more segment.
      continue;
    }
    if (p.lower == "if"sv || p.lower == "unless"sv || p.lower == "whether"sv) return true;
    if (t - k > 12) break;
  }
  return false;
}

// "must", "has to", "have to", "need to" in the verb group: an obligation the speaker states.
bool MustBefore(Words w, size_t t) {
  size_t s = events::VerbGroupStart(w, t);
  for (size_t k = s; k < t; ++k)
    if (w[k].lower == "must"sv) return true;
  if (t >= 2 && w[t - 1].lower == "to"sv && (w[t - 2].lower == "has"sv || w[t - 2].lower == "have"sv)) return true;
  return false;
}

bool ModalMayBefore(Words w, size_t t) {
  size_t s = events::VerbGroupStart(w, t);
  for (size_t k = s; k < t; ++k)
    if (w[k].lower == "may"sv || w[k].lower == "might"sv || w[k].lower == "could"sv || w[k].lower == "would"sv)
      return true;
  return false;
}

bool HasCondition(Words w) {
  for (const Word& x : w)
    if (x.lower == "if"sv || x.lower == "unless"sv) return true;
  return false;
}

// A future or plan governing a noun: "will provide ... food aid", "plans to impose a curfew".
bool PlannedBeforeNominal(Words w, size_t t) {
  for (size_t k = t; k > 0 && t - k < 9; --k) {
    const Word& p = w[k - 1];
    if ((p.cls & (events::kStop | events::kSubord | events::kRel)) || p.lower == ","sv) return false;
    if (p.lower == "will"sv || p.lower == "'ll"sv || p.lower == "shall"sv || p.lower == "would"sv) return true;
    size_t len = 0;
    if (p.lower == "to"sv && k >= 2 && events::CueAt(w, k - 2, events::Categories().planned, &len)) return true;
    if (p.lower == "to"sv && k >= 3 && events::CueAt(w, k - 3, events::Categories().planned, &len)) return true;
    if (events::LooksLikeVerb(w, k - 1) && !(p.cls & (events::kBe | events::kHave | events::kModal))) return false;
  }
  return false;
}

bool NegatedBefore(Words w, size_t t, bool nominal) {
  size_t s = events::VerbGroupStart(w, t);
  for (size_t k = s; k < t; ++k)
    if (w[k].cls & events::kNeg) return true;
  // Through a plan or attempt: "was not yet actively seeking to assassinate".
  if (!nominal && PlannedBefore(w, t)) {
    for (size_t k = s; k > 0 && s - k < 7; --k) {
      const Word& p = w[k - 1];
      if (IsPunct(p) || (p.cls & (events::kSubord | events::kRel))) break;
      if (p.cls & events::kNeg) return true;
    }
  }
  if (nominal && t > 0 && (w[t - 1].lower == "no"sv || (t > 1 && w[t - 2].lower == "no"sv))) return true;
  // "failed to meet", "refrained from attacking"
  if (t >= 2 && w[t - 1].lower == "to"sv && (w[t - 2].lemma == "fail"sv || w[t - 2].lower == "failed"sv)) return true;
  if (t >= 2 && w[t - 1].lower == "from"sv && (w[t - 2].lemma == "refrain"sv || w[t - 2].lower == "refrained"sv)) return true;
  return false;
}

bool DeniedBefore(Words w, size_t t) {
  for (size_t k = t; k > 0 && t - k < 10; --k) {
    const Word& p = w[k - 1];
    if (p.cls & events::kStop) break;
    if (p.lemma == "deny"sv || p.lower == "denied"sv || p.lower == "denies"sv || p.lower == "denying"sv) return true;
  }
  return false;
}

bool HedgedAround(Words w, size_t t) {
  // Only words k with t - 12 <= k <= t + 2 can hedge the trigger.
  for (size_t k = t > 12 ? t - 12 : 0; k < w.size() && k <= t + 2; ++k) {
    size_t len = 0;
    if (events::CueAt(w, k, events::Categories().hedge, &len)) {
      // "alleged" / "claimed" as a verb of a named source is attribution, not a hedge
      if (w[k].lower == "claimed"sv && k < t) continue;
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------- arguments

struct ArgContext {
  const Document* doc;
  const Words* w;
  int sentence;
  // Indices (ascending) of the entity mentions overlapping the sentence: every mention
  // inside or covering a non-empty span of the sentence is among them.
  const std::vector<int>* ents;
  const std::vector<std::vector<int>>* by_sentence;  // the same, for every sentence
  const std::vector<int>* timexes;  // timexes overlapping or inside the sentence, ascending
};

// events::EntitiesIn restricted to the sentence's mentions (same result for spans of it).
std::vector<int> EntitiesInC(const ArgContext& c, Span span) {
  return events::EntitiesIn(*c.doc, span, *c.ents);
}

// events::EntityCovering restricted to the sentence's mentions.
int EntityCoveringC(const ArgContext& c, Span span) {
  const Document& doc = *c.doc;
  if (span.empty()) return events::EntityCovering(doc, span);
  int best = -1;
  for (int i : *c.ents) {
    const EntityMention& e = doc.entities[i];
    if (e.span.Contains(span) && (best < 0 || e.span.size() < doc.entities[best].span.size())) best = i;
  }
  return best;
}

bool IsPersonPronoun(std::string_view x) {
  return x == "he" || x == "him" || x == "his" || x == "she" || x == "her";
}

// The PERSON a pronoun at word `at` refers to: after a verb of saying, the speaker ("Mahdi
// said he"); else the nearest PERSON before it in the sentence (not the antecedent of
// "whom"); else the first PERSON of the sentences before.
int PersonBefore(const Document& doc, Words w, size_t at, int sentence,
                 const std::vector<std::vector<int>>& by_sentence) {
  uint32_t pos = w[at].span.start;
  uint32_t sent_start = doc.sentences[sentence].span.start;
  // [from, to] always lies within sentence `s`, so its mentions are among by_sentence[s].
  auto person_in = [&](uint32_t from, uint32_t to, bool last, int s) {
    int best = -1;
    for (int ii : by_sentence[s]) {
      size_t i = static_cast<size_t>(ii);
      const EntityMention& e = doc.entities[i];
      if (e.type != EntityType::kPerson || e.span.start < from || e.span.end > to) continue;
      std::string_view after = doc.Text(Span{e.span.end, std::min<uint32_t>(e.span.end + 7, to)});
      if (after.rfind(", whom", 0) == 0 || after.rfind(" whom", 0) == 0) continue;
      if (!after.empty() && after[0] == ' ') {
        std::string_view rest = doc.Text(Span{e.span.end + 1, std::min<uint32_t>(e.span.end + 24, to)});
        size_t sp = rest.find_first_of(" ,.");
        std::string next = events::Lower(rest.substr(0, sp));
        if (events::InstrumentsFor(next) != nullptr) continue;  // "Hellfire missile"
      }
      if (best < 0 || (last ? e.span.start > doc.entities[best].span.start
                            : e.span.start < doc.entities[best].span.start))
        best = static_cast<int>(i);
    }
    return best;
  };
  size_t v = at;
  if (v > 0 && w[v - 1].lower == "that"sv) --v;
  if (v > 0 && events::IsCueWord(w[v - 1], events::Categories().report)) {
    int e = person_in(sent_start, w[v - 1].span.start, true, sentence);
    if (e >= 0) return e;
  }
  int e = person_in(sent_start, pos, true, sentence);
  if (e >= 0) return e;
  for (int s = sentence - 1; s >= 0 && s >= sentence - 2; --s) {
    e = person_in(doc.sentences[s].span.start, doc.sentences[s].span.end, false, s);
    if (e >= 0) return e;
  }
  return -1;
}

EventArg ArgFromEntity(const Document& doc, int idx) {
  EventArg a;
  a.span = doc.entities[idx].span;
  a.text = std::string(doc.Text(a.span));
  a.mention = idx;
  return a;
}

bool MonthOrDay(std::string_view x) {
  static const WordIndex* kNames = [] {
    auto* names = new WordIndex();
    for (const char* n : {"january", "february", "march", "april", "may", "june", "july",
                          "august", "september", "october", "november", "december",
                          "monday", "tuesday", "wednesday", "thursday", "friday",
                          "saturday", "sunday", "jan.", "feb.", "aug.", "sept.", "oct.",
                          "nov.", "dec.", "today", "tonight", "yesterday"})
      names->Add(n);
    return names;
  }();
  return kNames->Contains(x);
}

// The capitalized run of a phrase ("the US" -> "US"), or its last words.
EventArg ArgFromWords(const ArgContext& c, Phrase p) {
  Words w = *c.w;
  EventArg a;
  p = events::Trim(w, p);
  if (p.empty()) return a;
  // Longest run of capitalized words (with joiners "al-", "of", "'s").
  size_t best_b = 0, best_e = 0;
  for (size_t i = p.begin; i < p.end;) {
    bool name_like = (IsCap(w[i]) || (w[i].flags & kTokAllCaps)) && !MonthOrDay(w[i].lower);
    if (name_like && (w[i].flags & kTokSentenceStart) && (w[i].cls != 0 || w[i].number >= 0))
      name_like = false;
    if (name_like) {
      size_t j = i + 1;
      while (j < p.end && (IsCap(w[j]) || ((w[j].lower == "of"sv || w[j].lower == "al"sv) && j + 1 < p.end && IsCap(w[j + 1]))))
        ++j;
      if (j - i > best_e - best_b) best_b = i, best_e = j;
      i = j;
    } else {
      ++i;
    }
  }
  Phrase q = p;
  if (best_e > best_b) {
    q = Phrase{best_b, best_e};
  } else if (q.end - q.begin > 5) {
    q.begin = q.end - 5;
  }
  a.span = events::SpanOf(w, q);
  a.text = std::string(c.doc->Text(a.span));
  if (!w[q.end - 1].possessive && a.text.size() > 2) {
    // keep as is
  } else if (a.text.size() > 2 && (a.text.compare(a.text.size() - 2, 2, "'s") == 0)) {
    a.text.resize(a.text.size() - 2);
    a.span.end -= 2;
  }
  a.mention = EntityCoveringC(c, a.span);
  return a;
}

bool ActorType(EntityType t) {
  return t == EntityType::kPerson || t == EntityType::kOrg || t == EntityType::kGpe ||
         t == EntityType::kNorp;
}

// Arguments of a phrase: the entity mentions it names, coordinated by "and", or its words.
std::vector<EventArg> ArgsFrom(const ArgContext& c, Phrase p, bool source) {
  std::vector<EventArg> out;
  Words w = *c.w;
  p = events::Trim(w, p);
  if (p.empty()) return out;
  // A lone pronoun.
  if (p.end - p.begin == 1 && IsPersonPronoun(w[p.begin].lower)) {
    int e = PersonBefore(*c.doc, w, p.begin, c.sentence, *c.by_sentence);
    if (e >= 0) {
      EventArg a = ArgFromEntity(*c.doc, e);
      out.push_back(a);
      return out;
    }
    EventArg a;
    a.span = w[p.begin].span;
    a.text = std::string(c.doc->Text(a.span));
    out.push_back(a);
    return out;
  }
  std::vector<int> ents = EntitiesInC(c, events::SpanOf(w, p));
  std::vector<int> actors;
  for (int e : ents)
    if (ActorType(c.doc->entities[e].type)) actors.push_back(e);
  if (!actors.empty()) {
    // A nationality modifying a noun is not the actor by itself: "Iraqi political figures".
    const EntityMention& first = c.doc->entities[actors[0]];
    Span whole = events::SpanOf(w, p);
    bool modifier = first.type == EntityType::kNorp || first.type == EntityType::kGpe;
    if (actors.size() == 1 && modifier && first.span.end < whole.end &&
        !w[p.end - 1].possessive && !IsCap(w[p.end - 1])) {
      EventArg a;
      a.span = whole;
      a.text = std::string(c.doc->Text(whole));
      a.mention = actors[0];
      out.push_back(a);
      return out;
    }
    if (source) {
      // "US President Donald Trump": the person; else the first actor.
      int pick = actors.front();
      for (int e : actors)
        if (c.doc->entities[e].type == EntityType::kPerson) pick = e;
      out.push_back(ArgFromEntity(*c.doc, pick));
      return out;
    }
    // Targets: the first actor and those joined to it by "and" / ",".
    out.push_back(ArgFromEntity(*c.doc, actors[0]));
    for (size_t k = 1; k < actors.size(); ++k) {
      uint32_t gap_start = c.doc->entities[actors[k - 1]].span.end;
      uint32_t gap_end = c.doc->entities[actors[k]].span.start;
      std::string_view gap = c.doc->Text(Span{gap_start, gap_end});
      if (gap == " and " || gap == ", " || gap == ", and ") out.push_back(ArgFromEntity(*c.doc, actors[k]));
      else break;
    }
    return out;
  }
  // No entity layer: split at "and" between capitalized words.
  size_t b = p.begin;
  for (size_t i = p.begin; i <= p.end; ++i) {
    if (i == p.end || (w[i].lower == "and"sv && !source)) {
      EventArg a = ArgFromWords(c, Phrase{b, i});
      if (!a.text.empty()) out.push_back(a);
      b = i + 1;
    }
  }
  return out;
}

// A noun naming an attack or a weapon ("strike", "attack", "missile", "drone").
bool AttackNoun(const Word& x) {
  if (x.lemma_instruments != nullptr || x.lower_instruments != nullptr) return true;
  const std::vector<const events::VerbPattern*>* patterns = x.lemma_patterns;
  if (patterns == nullptr) return false;
  for (const events::VerbPattern* p : *patterns)
    if (p->words.size() == 1 && Violent(p->code) && Root(p->code) != "14" && Root(p->code) != "15") return true;
  return false;
}

// The source named before a nominal trigger: "a US drone strike", "Iran's attack".
std::vector<EventArg> PremodifierSource(const ArgContext& c, size_t t) {
  Words w = *c.w;
  std::vector<EventArg> out;
  size_t b = t;
  while (b > 0 && t - b < 5) {
    const Word& p = w[b - 1];
    if (IsPunct(p) || (p.cls & (events::kPrep | events::kConj | events::kBe | events::kRel))) break;
    if (p.cls & events::kDet) break;
    --b;
  }
  for (size_t i = b; i < t; ++i) {
    if (!(IsCap(w[i]) || (w[i].flags & kTokAllCaps)) || MonthOrDay(w[i].lower)) continue;
    size_t j = i + 1;
    while (j < t && IsCap(w[j])) ++j;
    EventArg a;
    a.span = events::SpanOf(w, Phrase{i, j});
    std::vector<int> ents = EntitiesInC(c, a.span);
    int cover = EntityCoveringC(c, a.span);
    if (!ents.empty() && ActorType(c.doc->entities[ents[0]].type)) return {ArgFromEntity(*c.doc, ents[0])};
    if (cover >= 0 && ActorType(c.doc->entities[cover].type)) return {ArgFromEntity(*c.doc, cover)};
    // Without an entity layer, a capitalized modifier is taken for the actor.
    if (!c.doc->entities.empty() && ents.empty() && cover < 0 && !(w[i].flags & kTokAllCaps)) continue;
    a.text = std::string(c.doc->Text(a.span));
    if (w[j - 1].possessive && a.text.size() > 2) a.text.resize(a.text.size() - 2), a.span.end -= 2;
    out.push_back(a);
    return out;
  }
  return out;
}

// The most specific place in the sentence: a facility, else a named place. The candidates
// (one per preposition) do not depend on the trigger, so they are computed once per
// sentence; each trigger then picks the best score, nearest on ties.
struct PlaceCandidate {
  size_t k;
  int score;
  EventArg arg;
};

std::vector<PlaceCandidate> PlaceCandidates(const ArgContext& c) {
  Words w = *c.w;
  const Document& doc = *c.doc;
  std::vector<PlaceCandidate> out;
  // Words inside a timex, computed once per sentence (not per preposition x timex).
  std::vector<char> in_timex(w.size(), 0);
  if (!w.empty()) {
    Span sent{w.front().span.start, w.back().span.end};
    for (int ti : *c.timexes) {
      const Timex& tx = doc.timexes[ti];
      // Overlapping a word implies overlapping the sentence.
      if (!tx.span.Overlaps(sent)) continue;
      for (size_t i = 0; i < w.size(); ++i)
        if (tx.span.Overlaps(w[i].span)) in_timex[i] = 1;
    }
  }
  for (size_t k = 0; k + 1 < w.size(); ++k) {
    // (All of these are prepositions: the class bit is a cheap first test.)
    if (!(w[k].cls & events::kPrep)) continue;
    std::string_view x = w[k].lower;
    if (!(x == "in" || x == "at" || x == "near" || x == "outside" || x == "inside" || x == "into" ||
          x == "on"))
      continue;
    Phrase p = events::ObjectAfter(w, k + 1, w.size());
    p = events::Trim(w, p);
    if (p.empty()) continue;
    // Cut at "of", "on", a comma: "a villa on the banks" keeps "villa".
    bool timey = MonthOrDay(w[p.begin].lower) || (w[p.begin].flags & kTokNumber);
    for (size_t i = p.begin; i < p.end && !timey; ++i) {
      bool tx = MonthOrDay(w[i].lower) || in_timex[i];
      if (tx) {
        if (i == p.begin) timey = true;
        p.end = i;
      }
    }
    if (timey) continue;
    p = events::Trim(w, p);
    if (p.empty()) continue;
    Span span = events::SpanOf(w, p);
    int score = 0;
    bool facility = false;
    for (size_t i = p.begin; i < p.end; ++i)
      if (events::IsCueWord(w[i], events::Categories().facility)) facility = true;
    std::vector<int> ents = EntitiesInC(c, span);
    int mention = -1;
    bool person = false;
    for (int e : ents) {
      EntityType ty = doc.entities[e].type;
      if (ty == EntityType::kFac) score = std::max(score, 4), mention = e;
      else if (ty == EntityType::kGpe || ty == EntityType::kLoc) {
        if (score < 3) mention = e;
        score = std::max(score, 3);
      } else if (ty == EntityType::kPerson) {
        person = true;
      }
    }
    bool cap = false;
    for (size_t i = p.begin; i < p.end; ++i)
      if (IsCap(w[i])) cap = true;
    if (facility && cap) score = std::max(score, 4);
    else if (facility && x != "on") score = std::max(score, 1);
    if (score == 0 && cap && ents.empty() && doc.entities.empty() && x != "on") score = 2;
    if (person && score < 4) continue;
    if (x == "on") score = std::min(score, 2);
    if (score == 0) continue;
    PlaceCandidate pc{k, score, EventArg{}};
    if (mention >= 0 && score == 3 && !facility) {
      pc.arg = ArgFromEntity(doc, mention);
    } else {
      pc.arg.span = span;
      pc.arg.text = std::string(doc.Text(span));
      pc.arg.mention = mention;
    }
    out.push_back(std::move(pc));
  }
  return out;
}

EventArg FindPlace(const std::vector<PlaceCandidate>& cands, size_t t) {
  const PlaceCandidate* best = nullptr;
  size_t best_dist = kNone;
  for (const PlaceCandidate& pc : cands) {
    size_t dist = pc.k > t ? pc.k - t : t - pc.k;
    if (best == nullptr || pc.score > best->score || (pc.score == best->score && dist < best_dist)) {
      best = &pc;
      best_dist = dist;
    }
  }
  return best == nullptr ? EventArg{} : best->arg;
}

struct FoundInstrument {
  const events::Instrument* instrument = nullptr;
  Phrase phrase;     // with capitalized premodifiers ("Hellfire missile")
  size_t head = 0;   // first word of the lexicon match
};

struct InstrumentAt {
  size_t i;
  const events::Instrument* in;
};

// The instruments named in a sentence, longest match at each word.
std::vector<InstrumentAt> SentenceInstruments(Words w) {
  std::vector<InstrumentAt> out;
  for (size_t i = 0; i < w.size(); ++i) {
    if (w[i].flags & kTokPunct) continue;
    const std::vector<const events::Instrument*>* found = w[i].lemma_instruments;
    if (found == nullptr) found = w[i].lower_instruments;
    if (found == nullptr) continue;
    for (const events::Instrument* in : *found) {
      size_t n = in->words.size();
      if (i + n > w.size()) continue;
      bool ok = true;
      for (size_t k = 1; k < n && ok; ++k) ok = events::WordIs(w[i + k], in->ids[k]);
      if (!ok) continue;
      out.push_back(InstrumentAt{i, in});
      break;
    }
  }
  return out;
}

FoundInstrument FindInstrument(Words w, const std::vector<InstrumentAt>& found,
                               size_t t, size_t last) {
  FoundInstrument best;
  size_t best_dist = kNone;
  for (const InstrumentAt& at : found) {
    size_t i = at.i;
    const events::Instrument* in = at.in;
    {
      size_t n = in->words.size();
      size_t dist = i > last ? i - last : (i + n <= t ? t - (i + n) + 1 : 0);
      if (dist < best_dist || (dist == best_dist && best.instrument != nullptr &&
                               in->code.size() > best.instrument->code.size())) {
        best_dist = dist;
        best.instrument = in;
        size_t b = i;
        // Capitalized premodifiers: "Hellfire missile", "MQ-9 Reaper drone".
        while (b > 0 && (IsCap(w[b - 1]) || (w[b - 1].flags & kTokNumber)) && !(w[b - 1].cls & events::kDet) &&
               i - b < 3 && !(w[b - 1].flags & kTokAllCaps && w[b - 1].lower.size() <= 3))
          --b;
        best.phrase = Phrase{b, i + n};
        best.head = i;
      }
    }
  }
  if (best_dist > 14) best.instrument = nullptr;
  return best;
}

// Timex for the event: the one in the sentence nearest the trigger, else the nearest
// preceding one in the same block. The candidates depend only on the sentence, so they are
// gathered once per sentence (SentenceTimexes) and each trigger picks the nearest.
struct SentenceTimexes {
  std::vector<int> inside;  // dated timexes inside the sentence, in document order
  int before = -1;          // the nearest preceding dated timex of the same block
};

bool DatedTimex(const Timex& t) {
  if (t.type != TimexType::kDate && t.type != TimexType::kTime) return false;
  return !t.value.empty() && t.value[0] >= '0' && t.value[0] <= '9';
}

// Per-document index for TimexesFor: the timexes of each sentence, and the dated timexes of
// each block in text order.
struct TimexIndex {
  std::vector<std::vector<int>> by_sentence;  // overlapping or inside, ascending index
  // block -> (start, -index) of dated timexes whose start lies in a sentence of the block
  std::unordered_map<int, std::vector<std::pair<uint32_t, int>>> by_block;
};

TimexIndex IndexTimexes(const Document& doc) {
  TimexIndex x;
  x.by_sentence.resize(doc.sentences.size());
  for (size_t i = 0; i < doc.timexes.size(); ++i) {
    const Span& e = doc.timexes[i].span;
    auto it = std::lower_bound(doc.sentences.begin(), doc.sentences.end(), e.start,
                               [](const Sentence& s, uint32_t off) { return s.span.end < off; });
    for (; it != doc.sentences.end() && it->span.start <= e.end; ++it)
      if (e.Overlaps(it->span) || it->span.Contains(e))
        x.by_sentence[static_cast<size_t>(it - doc.sentences.begin())].push_back(static_cast<int>(i));
    if (!DatedTimex(doc.timexes[i])) continue;
    int ts = doc.SentenceAt(e.start);
    if (ts < 0) continue;
    x.by_block[doc.sentences[ts].block].push_back({e.start, -static_cast<int>(i)});
  }
  for (auto& [b, v] : x.by_block) std::sort(v.begin(), v.end());
  return x;
}

SentenceTimexes TimexesFor(const Document& doc, int sentence, const TimexIndex& index) {
  const Sentence& s = doc.sentences[sentence];
  SentenceTimexes out;
  for (int i : index.by_sentence[sentence]) {
    const Timex& t = doc.timexes[i];
    if (DatedTimex(t) && s.span.Contains(t.span)) out.inside.push_back(i);
  }
  // The preceding one with the greatest start (the first in document order on ties).
  if (s.block < 0) return out;
  auto it = index.by_block.find(s.block);
  if (it == index.by_block.end()) return out;
  const auto& v = it->second;
  auto lb = std::lower_bound(v.begin(), v.end(), std::pair<uint32_t, int>{s.span.start, INT32_MIN});
  if (lb != v.begin()) out.before = -std::prev(lb)->second;
  return out;
}

int FindTimex(const Document& doc, const SentenceTimexes& st, uint32_t trigger_pos) {
  int best = -1;
  uint32_t best_dist = 0;
  for (int i : st.inside) {
    const Timex& t = doc.timexes[i];
    uint32_t d = t.span.start > trigger_pos ? t.span.start - trigger_pos : trigger_pos - t.span.end;
    if (best < 0 || d < best_dist) best = i, best_dist = d;
  }
  if (best >= 0) return best;
  return st.before;
}

std::string DateOf(const std::string& value) {
  // "2020-01-03T08:30" -> "2020-01-03"; weeks and seasons are kept as written.
  size_t t = value.find('T');
  if (t != std::string::npos && t >= 4) return value.substr(0, t);
  return value;
}

void CodeSentence(Document* doc, int si, Words w,
                  const std::vector<int>& attribution_of_sentence, const TimexIndex& timex_index,
                  const std::vector<std::vector<int>>& ents_of_sentence) {
  if (w.empty()) return;
  std::vector<Match> ms = FindMatches(w);
  if (ms.empty()) return;

  // 2. Governing verbs.
  for (size_t k = 0; k < ms.size(); ++k) {
    Match& m = ms[k];
    const std::string& ctl = m.pattern->control;
    if (ctl.empty() || m.dropped) continue;
    int comp = -1;
    for (size_t j = m.last + 1; j < w.size() && j <= m.last + 12; ++j) {
      if (w[j].cls & events::kStop) break;
      bool opener = w[j].lower == "to"sv || ((ctl == "appeal"sv || ctl == "demand"sv) && w[j].lower == "for"sv) ||
                    (ctl == "demand"sv && w[j].lower == "that"sv) || (ctl == "threaten"sv && w[j].lower == "with"sv);
      if (!opener) continue;
      for (size_t q = 0; q < ms.size(); ++q) {
        if (q == k || ms[q].dropped) continue;
        if (ms[q].trigger > j && ms[q].trigger <= j + (w[j].lower == "that"sv ? 8 : 4)) {
          comp = static_cast<int>(q);
          break;
        }
      }
      break;
    }
    if (comp >= 0) {
      Match& c = ms[comp];
      std::string code = events::RecastCode(ctl, c.code);
      std::string kind = ctl;
      if (code.empty() && ctl == "intent") {
        code = events::RecastCode("threaten", c.code);
        if (!code.empty()) kind = "threaten";
      }
      if (code.empty() && Root(c.code) == "13") code = c.code;
      if (code.empty() && ctl == "threaten" && Violent(c.code)) code = "138";
      if (!code.empty()) {
        m.code = code;
        m.recast = true;
        m.complement = c.trigger;
        c.dropped = true;
      }
      if (kind == "intent" && (m.recast || Root(c.code) != "01")) m.modality = Modality::kPlanned;
      if (kind == "threaten") m.modality = Modality::kThreatened;
      if (!m.recast && ctl == "intent") {
        // "plans to hold a rally": the governed action, planned.
        c.modality = Modality::kPlanned;
        m.dropped = true;
      }
    } else if (ctl == "intent") {
      std::string_view t = m.pattern->words[0];
      if (t == "plan" || t == "intend" || t == "expect" || t == "willing" || t == "ready" ||
          t == "prepared" || t == "commit")
        m.dropped = true;
    }
  }
  // Modal future, plans, obligations and conditions on plain verbs: "will visit" (intent),
  // "will impose a curfew" (threat), "would not meet" (refusal), "must withdraw" (demand),
  // "may halt mediation if" (threat).
  for (Match& m : ms) {
    if (m.dropped || m.recast || m.pattern->report) continue;
    bool planned = m.nominal ? PlannedBeforeNominal(w, m.trigger) : PlannedBefore(w, m.trigger);
    bool must = !m.nominal && MustBefore(w, m.trigger);
    bool neg = NegatedBefore(w, m.trigger, m.nominal);
    bool conditional_threat = !m.nominal && ModalMayBefore(w, m.trigger) && HasCondition(w);
    std::string_view r = Root(m.code);
    bool cooperative = r >= "02" && r <= "09";
    if (must && !neg) {
      std::string code = events::RecastCode("demand", m.code);
      if (code.empty() && cooperative) code = "100";
      if (!code.empty()) m.code = code, m.recast = true;
    } else if (planned && neg) {
      std::string code = events::RecastCode("refuse", m.code);
      if (!code.empty()) m.code = code, m.recast = true, m.refusal = true;
    } else if (planned || conditional_threat) {
      std::string code = events::RecastCode("intent", m.code);
      if (!code.empty() && !conditional_threat) {
        m.code = code, m.recast = true, m.modality = Modality::kPlanned;
      } else {
        code = events::RecastCode("threaten", m.code);
        if (!code.empty()) m.code = code, m.recast = true, m.modality = Modality::kThreatened;
        else if (planned) m.modality = Modality::kPlanned;
      }
    }
  }

  // 3. Filters.
  bool strong = false, any_nonreport = false;
  for (const Match& m : ms) {
    if (m.dropped) continue;
    if (!m.pattern->report) any_nonreport = true;
    if (!m.pattern->report && !m.pattern->weak) strong = true;
  }
  bool report_kept = false;
  for (Match& m : ms) {
    if (m.dropped) continue;
    if (m.pattern->report) {
      if (any_nonreport || report_kept || m.nominal) m.dropped = true;
      else report_kept = true;
    } else if (m.pattern->weak && strong && !m.recast) {
      m.dropped = true;
    }
  }
  // Nominal triggers in the clause of a verbal event.
  for (Match& m : ms) {
    if (m.dropped || !m.nominal) continue;
    for (const Match& v : ms) {
      if (v.dropped || v.nominal || v.pattern->report || &v == &m) continue;
      size_t a = std::min(v.trigger, m.trigger), b = std::max(v.trigger, m.trigger);
      bool same_segment = true;
      for (size_t k = a; k < b; ++k)
        if (w[k].lower == ","sv || (w[k].cls & events::kStop) || (w[k].cls & events::kSubord)) same_segment = false;
      bool related = Root(v.code) == Root(m.code) || (Violent(v.code) && Violent(m.code));
      if (related && (same_segment || (m.trigger > v.trigger && m.trigger <= v.last + 8))) {
        m.dropped = true;
        break;
      }
    }
  }
  // Participles ", killing ..." join the event before them.
  for (size_t k = 0; k < ms.size(); ++k) {
    Match& m = ms[k];
    if (m.dropped || !w[m.trigger].ing || m.trigger == 0) continue;
    bool after_comma = w[m.trigger - 1].lower == ","sv ||
                       (w[m.trigger - 1].lower == "and"sv && m.trigger >= 2 && w[m.trigger - 2].lower == ","sv);
    if (!after_comma) continue;
    for (size_t q = k; q > 0; --q) {
      Match& p = ms[q - 1];
      if (p.dropped || p.merged_into >= 0) continue;
      if (Violent(p.code) || p.code == "1712" || Violent(m.code)) {
        if (Violent(m.code) && Violent(p.code)) {
          m.merged_into = static_cast<int>(q - 1);
          m.dropped = true;
          p.anchors.push_back(m.trigger);
          p.extra_targets.push_back(m.last + 1);
          // A weaker code takes the participle's ("blew up ..., killing").
          if (p.code == "1712") p.code = m.code;
        }
      }
      break;
    }
  }

  // 4. Arguments.
  ArgContext ctx{doc, &w, si, &ents_of_sentence[si], &ents_of_sentence, &timex_index.by_sentence[si]};
  std::vector<events::FoundCount> counts = events::FindCounts(w);
  const std::vector<InstrumentAt> instruments = SentenceInstruments(w);
  const std::vector<PlaceCandidate> places = PlaceCandidates(ctx);
  const SentenceTimexes stx = TimexesFor(*doc, si, timex_index);
  std::vector<size_t> kept;
  for (size_t k = 0; k < ms.size(); ++k)
    if (!ms[k].dropped) kept.push_back(k);
  if (kept.empty()) return;
  const Sentence& sent = doc->sentences[si];
  std::vector<EventMention> out;
  for (size_t k : kept) {
    Match& m = ms[k];
    EventMention e;
    e.span = sent.span;
    e.sentence = si;
    e.trigger = Span{w[m.trigger].span.start, w[m.trigger].span.end};
    if (m.last > m.trigger && m.last - m.trigger <= 2) e.trigger.end = w[m.last].span.end;
    e.cameo = m.code;
    e.modality = m.modality;
    size_t t = m.trigger;
    size_t obj_from = m.last + 1;
    if (!m.nominal) {
      size_t g = events::VerbGroupStart(w, t);
      bool passive = events::IsPassive(w, t);
      bool reduced = false;
      bool bare = true;
      for (size_t k = g; k < t; ++k)
        if (!(w[k].cls & events::kAdv)) bare = false;
      if (!passive && w[t].past_participle && bare && (Violent(m.code) || Root(m.code) == "17")) {
        size_t nx = m.last + 1;
        if (nx >= w.size() || IsPunct(w[nx])) reduced = true;
        else {
          std::string_view x = w[nx].lower;
          reduced = x == "in" || x == "by" || x == "at" || x == "during" || x == "near" || x == "while" ||
                    x == "when" || x == "after" || x == "along" || x == "together";
        }
        if (reduced && events::SubjectBefore(w, g).empty()) reduced = false;
      }
      if (passive || reduced) {
        e.target = ArgsFrom(ctx, events::SubjectBefore(w, g), false);
        for (size_t j = m.last + 1; j < w.size() && j <= m.last + 8; ++j) {
          if (w[j].cls & events::kStop) break;
          if (w[j].lower == "by"sv) {
            Phrase by = events::ObjectAfter(w, j + 1, w.size());
            e.source = ArgsFrom(ctx, by, true);
            break;
          }
        }
      } else {
        Phrase subj;
        // Infinitive: the subject of the governing verb ("he planned to meet").
        if (g > 0 && w[g - 1].lower == "to"sv && g >= 2) {
          size_t gv = g - 2;
          while (gv > 0 && !events::LooksLikeVerb(w, gv) && g - gv < 8 &&
                 !(w[gv].cls & (events::kStop)) && w[gv].lower != ","sv)
            --gv;
          subj = events::SubjectBefore(w, events::VerbGroupStart(w, gv));
        } else {
          subj = events::SubjectBefore(w, g);
        }
        if (subj.empty()) {
          // "... which reacted by storming": the subject of the verb before.
          for (size_t j = g; j > 0 && g - j < 8; --j) {
            if (w[j - 1].cls & events::kStop) break;
            if (events::LooksLikeVerb(w, j - 1) && !(w[j - 1].cls & (events::kBe | events::kHave | events::kModal))) {
              subj = events::SubjectBefore(w, events::VerbGroupStart(w, j - 1));
              break;
            }
          }
        }
        // "a US drone strike killed ...", "the strike that killed ...": the actor is named
        // before the attack noun, not by it.
        if (!subj.empty() && AttackNoun(w[subj.end - 1])) e.source = PremodifierSource(ctx, subj.end - 1);
        else e.source = ArgsFrom(ctx, subj, true);
        // Object: after the pattern, or after a preposition that introduces it.
        Phrase obj = events::ObjectAfter(w, obj_from, w.size());
        if (obj.empty() && obj_from < w.size()) {
          std::string_view x = w[obj_from].lower;
          if (x == "with" || x == "on" || x == "against" || x == "at" || x == "into" || x == "upon" || x == "to")
            obj = events::ObjectAfter(w, obj_from + 1, w.size());
        }
        e.target = ArgsFrom(ctx, obj, false);
      }
    } else {
      // Nominal: "a US drone strike on X", "the storming of the embassy by militiamen".
      e.source = PremodifierSource(ctx, t);
      size_t nx = m.last + 1;
      if (nx < w.size()) {
        std::string_view x = w[nx].lower;
        if (x == "on" || x == "against" || x == "of" || x == "with" || x == "at")
          e.target = ArgsFrom(ctx, events::ObjectAfter(w, nx + 1, w.size()), false);
      }
      for (size_t j = m.last + 1; j < w.size() && j <= m.last + 10; ++j) {
        if (w[j].cls & events::kStop) break;
        if (w[j].lower == "by"sv) {
          e.source = ArgsFrom(ctx, events::ObjectAfter(w, j + 1, w.size()), true);
          break;
        }
      }
      // "An attempt to assassinate X", "a plot to kill X": the object after the pattern.
      if (e.target.empty() && m.last > m.trigger)
        e.target = ArgsFrom(ctx, events::ObjectAfter(w, m.last + 1, w.size()), false);
      // The object of a verb: "launched war games", "gave ... aid", "extend the curfew":
      // the verb's subject acts.
      if (e.source.empty()) {
        for (size_t j = t; j > 0 && t - j < 8; --j) {
          const Word& p = w[j - 1];
          if ((p.cls & (events::kStop | events::kSubord | events::kRel)) || p.lower == ","sv) break;
          if ((p.cls & events::kPrep) && p.lower != "of"sv) break;
          bool verb = events::LooksLikeVerb(w, j - 1) || (j >= 2 && (w[j - 2].cls & (events::kModal | events::kDo)));
          if (verb && !(p.cls & (events::kBe | events::kHave | events::kModal | events::kDo))) {
            e.source = ArgsFrom(ctx, events::SubjectBefore(w, events::VerbGroupStart(w, j - 1)), true);
            break;
          }
        }
      }
    }
    for (size_t at : m.extra_targets) {
      for (EventArg& a : ArgsFrom(ctx, events::ObjectAfter(w, at, w.size()), false)) {
        bool dup = false;
        for (const EventArg& b : e.target) dup = dup || b.text == a.text;
        if (!dup && a.text != "them" && a.text != "all") e.target.push_back(a);
      }
    }
    // Instrument and the code it specifies.
    FoundInstrument fi = FindInstrument(w, instruments, t, m.last);
    if (fi.instrument != nullptr && (Root(m.code) == "18" || Root(m.code) == "19" || m.code == "1712")) {
      e.instrument.span = events::SpanOf(w, fi.phrase);
      e.instrument.text = std::string(doc->Text(e.instrument.span));
      const std::string& c = m.code;
      bool general = c == "180" || c == "190" || c == "193" || c == "194" || c == "195" || c == "1712";
      if (general && !m.recast) e.cameo = fi.instrument->code;
      // The actor in the instrument phrase: "by the US MQ-9 Reaper drone".
      Span head{w[fi.head].span.start, w[fi.phrase.end - 1].span.end};
      bool source_is_instrument = false;
      for (const EventArg& a : e.source)
        if (a.span.Overlaps(head)) source_is_instrument = true;
      if (e.source.empty() || source_is_instrument) {
        std::vector<EventArg> pre = PremodifierSource(ctx, fi.phrase.begin);
        if (!pre.empty()) e.source = pre;
        else if (source_is_instrument) e.source.clear();
      }
    }
    // Killing a titled leader is an assassination.
    if (e.cameo == "190" && m.pattern->words[0] == "kill" && e.instrument.text.empty()) {
      Phrase obj = events::ObjectAfter(w, m.last + 1, w.size());
      for (size_t i = obj.begin; i < obj.end; ++i)
        if (events::IsCueWord(w[i], events::Categories().leader_title)) e.cameo = "186";
    }
    events::PloverFor(e.cameo, &e.plover, &e.mode);
    if (fi.instrument != nullptr && !e.instrument.text.empty() &&
        (e.plover == "ASSAULT" || e.plover == "FIGHT") && !fi.instrument->mode.empty())
      e.mode = fi.instrument->mode;
    e.place = FindPlace(places, t);
    e.timex = FindTimex(*doc, stx, w[t].span.start);
    if (e.timex >= 0) e.date = DateOf(doc->timexes[e.timex].value);
    // 5. Modality.
    if (e.modality == Modality::kAsserted || e.modality == Modality::kPlanned) {
      if (!m.refusal && NegatedBefore(w, t, m.nominal)) e.modality = Modality::kNegated;
      else if (DeniedBefore(w, t) && Root(e.cameo) != "01") e.modality = Modality::kDenied;
      else if (Root(e.cameo) == "13") e.modality = Modality::kThreatened;
      else if (e.modality == Modality::kAsserted && HypotheticalBefore(w, t)) e.modality = Modality::kHypothetical;
      else if (e.modality == Modality::kAsserted && HedgedAround(w, t)) e.modality = Modality::kHedged;
    }
    if (si < static_cast<int>(attribution_of_sentence.size())) {
      e.attribution = attribution_of_sentence[si];
      if (e.attribution >= 0 && e.modality == Modality::kAsserted && doc->attributions[e.attribution].hedged)
        e.modality = Modality::kHedged;
    }
    m.anchors.push_back(t);
    out.push_back(std::move(e));
  }
  // Counts: to the event whose trigger names the slot, else the nearest violent event before.
  for (const events::FoundCount& fc : counts) {
    int target = -1;
    for (size_t q = 0; q < kept.size() && target < 0; ++q)
      for (size_t a : ms[kept[q]].anchors)
        if (static_cast<int>(a) == fc.anchor) target = static_cast<int>(q);
    if (target < 0) {
      size_t best_dist = kNone;
      for (size_t q = 0; q < kept.size(); ++q) {
        const Match& m = ms[kept[q]];
        if (!Violent(out[q].cameo)) continue;
        size_t d = m.trigger <= static_cast<size_t>(fc.anchor) ? fc.anchor - m.trigger : 2 * (m.trigger - fc.anchor);
        if (d < best_dist) best_dist = d, target = static_cast<int>(q);
      }
    }
    if (target >= 0) out[target].counts.push_back(fc.count);
  }
  // A nominal mention that names no actor and no count adds nothing ("after the strike");
  // one that names the instrument of another event is that event ("by a US drone strike").
  for (size_t q = 0; q < out.size(); ++q) {
    const Match& m = ms[kept[q]];
    if (!m.nominal) continue;
    bool inside = false;
    for (size_t r = 0; r < out.size() && !inside; ++r)
      if (r != q && out[r].instrument.span.Contains(out[q].trigger) && Violent(out[r].cameo)) inside = true;
    if (inside || (out[q].source.empty() && out[q].target.empty() && out[q].counts.empty()))
      out[q].cameo.clear();
  }
  for (EventMention& e : out)
    if (!e.cameo.empty()) doc->events.push_back(std::move(e));
}

}  // namespace

void CodeEvents(Document* doc) {
  doc->events.clear();
  std::vector<int> attribution_of_sentence(doc->sentences.size(), -1);
  for (size_t i = 0; i < doc->attributions.size(); ++i) {
    int s = doc->attributions[i].sentence;
    if (s >= 0 && s < static_cast<int>(attribution_of_sentence.size()) && attribution_of_sentence[s] < 0)
      attribution_of_sentence[s] = static_cast<int>(i);
  }
  const std::vector<std::vector<int>> ents_of_sentence = events::EntitiesBySentence(*doc);
  const TimexIndex timex_index = IndexTimexes(*doc);
  const std::vector<Words>& words = events::DocumentWords(*doc);
  for (size_t si = 0; si < doc->sentences.size(); ++si)
    CodeSentence(doc, static_cast<int>(si), words[si], attribution_of_sentence, timex_index, ents_of_sentence);
}

}  // namespace dossier
