// Reasons and purposes in sentences, for why-questions.
//
// A reason clause starts at a cue phrase of data/ask_reason_cues.tsv ("in order to",
// "because", "in retaliation for", "responsible for", "aimed at", "was there to"...) or, for
// a reason to be somewhere, at an infinitive of purpose after a word of presence ("a trip
// to Iraq to meet..."), and runs to the end of its sentence. Clauses that say the same thing
// in other words are grouped by the overlap of their content words (synonyms of
// data/ask_synonyms.tsv count as one word).
#ifndef DOSSIER_ASK_REASONS_H_
#define DOSSIER_ASK_REASONS_H_

#include <string>
#include <string_view>
#include <vector>

namespace dossier {
namespace ask {

struct ReasonClause {
  size_t start = 0, end = 0;  // byte span in the sentence
  std::string cue;            // the cue phrase as listed
  std::string kind;           // "purpose", "cause", "justification"
  double weight = 0;          // how surely the cue states a reason
};

// The reason clauses of `sentence`: at most one per cue position, earliest first. With
// `presence`, cues of a reason to be somewhere count; otherwise cues of a reason for an
// action. Questions (sentences ending in '?') have none.
std::vector<ReasonClause> FindReasonClauses(std::string_view sentence, bool presence);

// The content words of the cue phrases (for widening an evidence search towards reasons).
std::vector<std::string> ReasonSearchWords(bool presence);

// Content-word keys of a clause for grouping (stems; synonyms share a key), leaving out
// the stems in `ignore` (the names the question is about).
std::vector<std::string> ClauseKeys(std::string_view clause, const std::vector<std::string>& ignore = {});

// How much two clauses say the same thing: shared keys over the smaller key set (0..1);
// 0 when they share fewer than two keys (one suffices when a clause has at most three).
double ClauseOverlap(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace ask
}  // namespace dossier

#endif  // DOSSIER_ASK_REASONS_H_
