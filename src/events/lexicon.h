// The compiled event and sourcing lexicons of data/cameo/ and data/events_cues.tsv, and the
// word view over tokens that the attribution and events stages share.
//
// Everything here is loaded once (function-local statics) and is read-only afterwards, so
// it is safe to use from several threads.
#ifndef DOSSIER_EVENTS_LEXICON_H_
#define DOSSIER_EVENTS_LEXICON_H_

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
  // The CAMEO patterns triggered by the lemma and by `lower` (PatternsByTrigger()), and the
  // instruments starting with them (InstrumentsByFirst()); nullptr when none. Looked up with
  // the rest of the word, so that the events stage needs no lookup of its own.
  const std::vector<const VerbPattern*>* lemma_patterns = nullptr;
  const std::vector<const VerbPattern*>* lower_patterns = nullptr;
  const std::vector<const Instrument*>* lemma_instruments = nullptr;
  const std::vector<const Instrument*>* lower_instruments = nullptr;
};

// The words of sentence `sentence` of `doc` (tokens in order).
std::vector<Word> SentenceWords(const Document& doc, int sentence, int* first_token);

// Lower-cases ASCII and maps curly apostrophes to '.
std::string Lower(std::string_view s);

// ---------------------------------------------------------------- CAMEO patterns

struct VerbPattern {
  std::vector<std::string> words;  // lemmas; words[0] is the trigger
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
  std::string category;
};

// True when the cue phrase `category` starts at words[i]; sets *len to its word count.
// Words match on their lower-case text or on their lemma.
bool CueAt(const std::vector<Word>& words, size_t i, std::string_view category, size_t* len);

// True when the single word `w` (lower case or lemma) is a one-word cue of `category`.
bool IsCueWord(const Word& w, std::string_view category);

// Parses a number word or numeral ("seven", "1,200", "twenty-five"); -1 when not a number.
long long NumberValue(std::string_view lower);

}  // namespace events
}  // namespace dossier

#endif  // DOSSIER_EVENTS_LEXICON_H_
