// Resolution of a question against the dossier: which stored entities it names, which
// fused events it is about.
//
// Names match transliteration-tolerantly: every word is reduced to its name-key skeleton
// (entities/name_key.h), so "Suleimani", "Soleimani" and "Soleimani's" are one word, and
// an entity matches through its name or any alias. Events match by the roles the question's
// entities play in them, by the event family of the question's verbs and nouns (CAMEO
// patterns of data/cameo/, families of data/fusion_event_families.tsv) and by the words of
// their mention sentences.
#ifndef DOSSIER_ASK_MATCH_H_
#define DOSSIER_ASK_MATCH_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ask/question.h"

namespace dossier {
namespace ask {

// A stored entity as the ask stage sees it.
struct EntityRef {
  std::string id, name, type;
  std::vector<std::string> names;          // name and aliases
  std::vector<std::string> titles;
  int mentions = 0;
  std::vector<std::vector<std::string>> keys;  // per name: its words' skeletons
};

// The name keys of `words` (one per word; "" for words that carry no name, like "al").
std::vector<std::string> WordKeys(const std::vector<Word>& words);

class EntityIndex {
 public:
  explicit EntityIndex(const nlohmann::json& entities);

  struct Match {
    int entity = -1;
    size_t first = 0, last = 0;  // word range [first, last)
  };
  // Entities named in `words`: longest names first, non-overlapping; for each stretch the
  // most mentioned entity. Names of one short word must be capitalized in the text.
  std::vector<Match> FindIn(const std::vector<Word>& words) const;
  // True when `words` (with `keys` = WordKeys(words)) name entity `e`.
  bool Mentions(const EntityRef& e, const std::vector<Word>& words,
                const std::vector<std::string>& keys) const;
  // The entity whose name or alias is `name` (folded comparison), or -1.
  int ByName(const std::string& name) const;
  // The most mentioned entity of `type` ("PERSON"), or -1.
  int MostMentioned(const std::string& type) const;

  const std::vector<EntityRef>& entities() const { return entities_; }
  const EntityRef& at(int i) const { return entities_[static_cast<size_t>(i)]; }

 private:
  std::vector<EntityRef> entities_;
};

// The question's entities: names matched in the question, else (for "he", "him"...) the
// most mentioned person. `assumed` tells when the person was assumed for a pronoun.
struct QuestionEntities {
  std::vector<int> entities;       // indices into the EntityIndex
  std::vector<int> subject;        // those that are the grammatical subject
  std::vector<std::string> unknown_names;  // capitalized names the dossier does not know
  bool assumed = false;
};
QuestionEntities ResolveQuestionEntities(const Question& q, const EntityIndex& index);

// CAMEO event family of the question's verbs and nouns ("attack", "consult", ...), from
// the events lexicon; empty when none.
std::vector<std::string> QuestionFamilies(const Question& q);
// True when the word with stem `stem` triggers an event of one of `families`.
bool WordInFamilies(const std::string& stem, const std::vector<std::string>& families);
// Family of a CAMEO code ("186" -> "attack"), "" when unknown.
std::string FamilyOf(const std::string& cameo);

struct EventMatch {
  const nlohmann::json* event = nullptr;
  double score = 0;
  bool family = false;      // the event's family is one the question names
  bool entity = false;      // a question entity takes part in it
  int words = 0;            // question words found in its best mention sentence
};
// Stored events that the question may be about, best first (only those with some
// evidence: an entity or a family or words in common).
std::vector<EventMatch> MatchEvents(const Question& q, const QuestionEntities& qe,
                                    const EntityIndex& index, const nlohmann::json& events);

}  // namespace ask
}  // namespace dossier

#endif  // DOSSIER_ASK_MATCH_H_
