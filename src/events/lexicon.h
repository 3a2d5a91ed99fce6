// The compiled event and sourcing lexicons of data/cameo/ and data/events_cues.tsv, and the
// word view over tokens that the attribution and events stages share.
//
// Everything here is loaded once (function-local statics) and is read-only afterwards, so
// it is safe to use from several threads.
#ifndef DOSSIER_EVENTS_LEXICON_H_
#define DOSSIER_EVENTS_LEXICON_H_

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/document.h"

namespace dossier {
namespace events {

// Word classes of closed-class English words, as bits.
enum WordClass : uint32_t {
  kDet = 1 << 0,        // the, a, an, this, his, its, their, some, any, all
  kPrep = 1 << 1,       // in, on, at, by, with, ...
  kPron = 1 << 2,       // he, him, they, it, ...
  kConj = 1 << 3,       // and, or, but
  kBe = 1 << 4,         // is, was, were, been, be, being
  kHave = 1 << 5,       // has, had, have, having
  kModal = 1 << 6,      // will, would, could, may, might, shall, should, can, must
  kRel = 1 << 7,        // who, which, that, whom, whose, where, when
  kNeg = 1 << 8,        // not, n't, never, no
  kComma = 1 << 9,      // , ; : ( ) and dashes
  kStop = 1 << 10,      // . ! ? ; : and quotes that end a clause
  kAdv = 1 << 11,       // adverbs that sit inside verb groups: also, reportedly, -ly
  kQuote = 1 << 12,     // quotation marks
  kDo = 1 << 13,        // do, does, did
  kSubord = 1 << 14,    // when, after, before, as, because, while, if, since, until
};

struct VerbPattern;
struct Instrument;
struct Cue;

// One token seen as a word: lower-cased text, lemma and word classes.
struct Word {
  Span span;
  std::string lower;     // lower case; curly apostrophes as '
  std::string lemma;     // base form when known (verbs, plural nouns), else `lower`
  uint16_t flags = 0;    // Token flags
  uint32_t cls = 0;      // WordClass bits
  bool past_participle = false;  // "killed", "struck", "taken"
  bool past = false;             // a past tense form: "killed", "gave", "struck"
  bool ing = false;               // "killing"
  bool possessive = false;        // "Iran's"
  uint64_t cues = 0;              // one-word cue categories of the word (see IsCueWord)
  uint64_t cue_starts = 0;        // categories with a cue phrase starting at this word
  // The numbers of `lower` and `lemma` among the words the lexicons know (LexiconWordId),
  // -1 when none knows it: a word equals a pattern, cue or instrument word exactly when
  // the numbers are equal, so the stages compare numbers, not strings.
  int lower_id = -1;
  int lemma_id = -1;
  long long number = -1;          // NumberValue(lower)
  // The CAMEO patterns triggered by the lemma and by `lower` (PatternsByTrigger()), the
  // instruments starting with them (InstrumentsByFirst()) and the cue phrases starting with
  // them; nullptr when none. Looked up with the rest of the word, so that the stages need
  // no lookup of their own.
  const std::vector<const VerbPattern*>* lemma_patterns = nullptr;
  const std::vector<const VerbPattern*>* lower_patterns = nullptr;
  const std::vector<const Instrument*>* lemma_instruments = nullptr;
  const std::vector<const Instrument*>* lower_instruments = nullptr;
  const std::vector<const Cue*>* lower_cues = nullptr;
  const std::vector<const Cue*>* lemma_cues = nullptr;
};

// The words of one sentence, in order.
using Words = std::span<const Word>;

// True when `w` is the lexicon word numbered `id`, as written or as its lemma.
inline bool WordIs(const Word& w, int id) { return w.lower_id == id || w.lemma_id == id; }

// The words of sentence `sentence` of `doc` (tokens in order).
std::vector<Word> SentenceWords(const Document& doc, int sentence, int* first_token);

// The words of every sentence of `doc`: DocumentWords(doc)[s] holds the same words as
// SentenceWords(doc, s). The attribution and events stages both read them, so they are made
// once per document: the last result of each thread is kept with a copy of the text and
// tokens it was made from, and given again while they are unchanged. Valid until the
// thread's next call.
const std::vector<Words>& DocumentWords(const Document& doc);

// The number of `word` among the words the lexicons know (see Word::lower_id), or -1.
int LexiconWordId(std::string_view word);

// Lower-cases ASCII and maps curly apostrophes to '.
std::string Lower(std::string_view s);

// ---------------------------------------------------------------- CAMEO patterns

struct VerbPattern {
  std::vector<std::string> words;  // lemmas; words[0] is the trigger
  std::vector<int> ids;            // LexiconWordId of each word
  std::string code;
  bool report = false;
  bool noun = false;
  bool weak = false;
  std::string control;             // "appeal", "demand", "intent", "refuse", "threaten"
};

// Patterns indexed by their trigger lemma; longest first within a trigger.
const std::unordered_map<std::string, std::vector<const VerbPattern*>>& PatternsByTrigger();

// The code an action `code` becomes when governed by a verb of kind `control`
// (data/cameo/complements.tsv), or "" when the table has nothing for it.
std::string RecastCode(const std::string& control, const std::string& code);

// PLOVER category and mode for a CAMEO code (data/cameo/plover.tsv, longest prefix).
void PloverFor(const std::string& code, std::string* category, std::string* mode);

struct Instrument {
  std::vector<std::string> words;
  std::vector<int> ids;            // LexiconWordId of each word
  std::string code;
  std::string mode;
};
// Instruments indexed by their first lemma; longest first.
const std::unordered_map<std::string, std::vector<const Instrument*>>& InstrumentsByFirst();

// InstrumentsByFirst()'s instruments for `first`, or nullptr: the same, by a faster lookup.
const std::vector<const Instrument*>* InstrumentsFor(std::string_view first);

// ---------------------------------------------------------------- cues

// A multi-word cue phrase of data/events_cues.tsv.
struct Cue {
  std::vector<std::string> words;
  std::vector<int> ids;            // LexiconWordId of each word
  std::string category;
  uint64_t bit = 0;                // CueCategory(category)
};

// The bit of a cue category ("hedge", "outlet", ...), 0 for a category the table lacks.
uint64_t CueCategory(std::string_view category);

// The bits of the categories the stages ask about, found once (inline: asked in loops).
struct CueCategories {
  uint64_t according, anon_cue, anon_head, arrested, evaluative, facility, hedge, injured,
      killed, leader_title, missing, not_trigger, outlet, outlet_word, people, planned, report,
      report_noun;
};
const CueCategories& LoadCategories();
inline const CueCategories& Categories() {
  static const CueCategories& categories = LoadCategories();
  return categories;
}

// True when a cue phrase of `category` (a CueCategory bit) starts at words[i]; sets *len to
// its word count. Words match on their lower-case text or on their lemma. (Asked of every
// word several times: the first test, which answers almost always, is inline.)
bool CuePhraseAt(Words words, size_t i, uint64_t category, size_t* len);
inline bool CueAt(Words words, size_t i, uint64_t category, size_t* len) {
  if (i >= words.size() || (words[i].cue_starts & category) == 0) return false;
  return CuePhraseAt(words, i, category, len);
}

// True when the single word `w` (lower case or lemma) is a one-word cue of `category`.
inline bool IsCueWord(const Word& w, uint64_t category) { return (w.cues & category) != 0; }

// Parses a number word or numeral ("seven", "1,200", "twenty-five"); -1 when not a number.
long long NumberValue(std::string_view lower);

}  // namespace events
}  // namespace dossier

#endif  // DOSSIER_EVENTS_LEXICON_H_
