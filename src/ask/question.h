// Question analysis: what kind of answer a question asks for, and the words it asks with.
//
// AnalyzeQuestion() reads the question words of data/ask_question_words.tsv (the longest
// phrase found earliest wins), the counted things of data/ask_count_slots.tsv, and works
// out which argument of an event a who-question asks for ("who killed X" asks for the
// source, "who was killed" for the target). It knows nothing of the dossier: matching the
// question's names and verbs against entities and events is done by ask/match.h.
#ifndef DOSSIER_ASK_QUESTION_H_
#define DOSSIER_ASK_QUESTION_H_

#include <string>
#include <string_view>
#include <vector>

namespace dossier {
namespace ask {

enum class AnswerType { kDate, kPlace, kAgent, kCount, kReason, kDescription, kEvents };
const char* ToString(AnswerType t);

// Which argument of the question's event the answer fills.
enum class ArgRole { kAny, kSource, kTarget };

// One word of a text: as written, folded (ASCII lower case, no diacritics, plain
// apostrophes) and stemmed, with its byte span.
struct Word {
  std::string text;
  std::string fold;
  std::string stem;
  size_t start = 0, end = 0;
  bool capitalized = false;
};

// Splits `text` into words (letters, digits and the ' - . inside them).
std::vector<Word> Words(std::string_view text);

// A light English suffix stripper: "coordinating", "coordinated" and "coordination" share
// a stem; "response" and "responsible" do not.
std::string Stem(std::string_view folded_word);

// True for the function words of data/ask_stopwords.tsv.
bool IsStopword(std::string_view folded_word);

// The group id of a word in data/ask_synonyms.tsv (by stem), or -1.
int SynonymGroup(const std::string& stem);
// Every word of a synonym group (for widening searches).
const std::vector<std::string>& SynonymWords(int group);

struct Question {
  std::string text;
  AnswerType type = AnswerType::kDescription;
  std::vector<Word> words;
  std::vector<size_t> content;   // indices into `words` of content words (not stopwords,
                                 // not question words)
  bool pronoun = false;          // asks about "he", "him", "she", "they"... with no name
  std::string count_slot;        // kCount: "killed", "injured", ... ("" when unknown)
  std::string count_noun;        // kCount: the counted noun ("missiles")
  ArgRole asked_role = ArgRole::kAny;  // kAgent: the argument asked for
  size_t subject_word = static_cast<size_t>(-1);  // first word of the subject in "did X
                                                  // retaliate", "was X killed"
  bool passive = false;          // "was X killed": the subject is the target
  std::string relation;          // kEvents: "after", "before" or ""
  bool presence = false;         // kReason: "why was X in P" (a reason for being somewhere)
};

Question AnalyzeQuestion(std::string_view text);

}  // namespace ask
}  // namespace dossier

#endif  // DOSSIER_ASK_QUESTION_H_
