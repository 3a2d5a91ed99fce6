// The rule tables of the time stage: the words of temporal expressions and the patterns
// over them, read once from data/time/timex_words.tsv and data/time/timex_patterns.tsv.
// The tables are immutable after loading and shared by all threads.
#ifndef DOSSIER_TIME_TIMEX_RULES_H_
#define DOSSIER_TIME_TIMEX_RULES_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/document.h"
#include "text/word_index.h"

namespace dossier {
namespace timex {

// Classes of words in timex_words.tsv.
enum WordClass : uint8_t {
  kMonth, kWeekday, kWeekdays, kNum, kFuzzy, kOrd, kUnit, kSeason, kPart, kHoliday, kMod,
  kApprox, kRel, kAmPm, kTz, kTense, kDecade, kNumWordClasses
};

enum WordFlag : uint8_t { kWeak = 1, kAbbr = 2, kPlural = 4, kArticle = 8 };

// One entry of the word table: a word or a sequence of words and what it means.
struct WordEntry {
  std::vector<std::string> words;  // lower case; a single word for most entries
  WordClass cls = kMonth;
  std::string value;               // as in the table ("5", "SU", "easter+1", "-1")
  int number = 0;                  // value as a number when it is one
  uint8_t flags = 0;
};

// Element classes a pattern can name besides the word classes: computed from the text.
enum ComputedClass : uint8_t {
  kNumber = kNumWordClasses, kDayOfMonth, kYear, kDecades, kClock, kHour, kIsoDate,
  kSlashDate, kUnits, kNumElementClasses
};

// One element of a pattern: alternatives that are literal words or classes, maybe optional.
struct Element {
  std::vector<std::string> literals;  // literal words
  std::vector<int> literal_ids;       // the same, as indexes into Rules::literal_names
  std::vector<uint8_t> classes;       // WordClass or ComputedClass values
  uint64_t class_mask = 0;            // the same, as bits
  bool optional = false;
};

// What a pattern's value is computed by (the "action" column; see timex_patterns.tsv).
enum Action : uint8_t {
  kDateAction, kShiftAction, kDurAction, kSetAction, kClockAction, kQuarterAction,
  kQuarterRefAction, kDecadeAction, kCenturyAction, kWeekOfAction, kWeekendAction,
  kValueAction, kNumActions
};

// One row of the pattern table.
struct Pattern {
  std::string name;                   // the rule name recorded in Timex::rule
  TimexType type = TimexType::kDate;
  std::string action;                 // "date", "shift", "dur", ...
  Action action_code = kDateAction;   // the same, decoded
  std::unordered_map<std::string, std::string> args;  // key=value arguments
  std::string constant;               // a lone argument without '=' (the value of "value")
  std::vector<Element> elements;
  uint64_t first_classes = 0;         // classes that can match the first word
  std::unordered_set<std::string> first_literals;  // literals that can match the first word
  // When the first word matched a literal: what the second word can be. A pattern that
  // can end right after that literal has `may_end_after_literal` set and is not filtered.
  bool may_end_after_literal = false;
  uint64_t second_classes = 0;
  std::vector<bool> second_literals;  // by literal index
};

struct Rules {
  std::unordered_map<std::string, std::vector<WordEntry>> words;  // by first word
  std::vector<Pattern> patterns;
  uint64_t first_classes = 0;                      // union over all patterns
  // Index of the patterns that can start at a word, by literal and by class (ascending).
  std::unordered_map<std::string, std::vector<uint16_t>> patterns_by_literal;
  std::vector<uint16_t> patterns_by_class[kNumElementClasses];
  // The same by class, as sets of pattern numbers: bit k of word k / 64.
  std::vector<uint64_t> pattern_set_by_class[kNumElementClasses];

  // Everything known about one word, found with one lookup.
  struct Vocab {
    const std::vector<WordEntry>* words = nullptr;     // entries starting with it
    int literal = -1;                                  // index into literal_names
    const std::vector<uint16_t>* patterns = nullptr;   // patterns it can start literally
    // The union of those patterns' may_end_after_literal, second_classes and
    // second_literals: a next word none of them accepts rules them all out.
    bool may_end = false;
    uint64_t second_classes = 0;
    std::vector<bool> second_literals;
  };
  WordTable<Vocab> vocab;
  size_t max_word_length = 0;  // of the words in `vocab`
  std::vector<std::string> literal_names;
};

// The loaded tables (loaded on first use; thread-safe).
const Rules& GetRules();

}  // namespace timex
}  // namespace dossier

#endif  // DOSSIER_TIME_TIMEX_RULES_H_
