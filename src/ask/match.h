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

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>
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
  int64_t order = 0;  // stored position: "_seq" of a bounded view's rows, else the index
};

// The name keys of `words` (one per word; "" for words that carry no name, like "al").
std::vector<std::string> WordKeys(const std::vector<Word>& words);
// The name keys of a name's words, words without one ("al", "the") left out: what an
// entity's name must match in a text.
std::vector<std::string> NameKeys(const std::string& name);

// More entities on demand, for an index built over part of the stored entities (a bounded
// view, store/ask_index.h). Returns every stored entity, as its JSON row plus "_seq" (its
// stored position), one of whose names or aliases has the fold (FoldName) of `name` or the
// same name keys (NameKeys); it may return entities already given.
class EntityLookup {
 public:
  virtual ~EntityLookup() = default;
  virtual std::vector<nlohmann::json> EntitiesNamed(const std::string& name) = 0;
};

class EntityIndex {
 public:
  // `more` (may be null) completes ByName() when `entities` is only part of the dossier:
  // it must then hold every entity named in the question's words (FindIn) and the most
  // mentioned person.
  explicit EntityIndex(const nlohmann::json& entities, EntityLookup* more = nullptr);

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
  // The entity whose name or alias is `name` (folded comparison) or has its name keys, the
  // most mentioned first (then the first stored), or -1.
  int ByName(const std::string& name) const;
  // The most mentioned entity of `type` ("PERSON"), or -1.
  int MostMentioned(const std::string& type) const;

  size_t size() const { return entities_.size(); }
  // References stay valid when ByName() adds entities (a deque never moves its elements).
  const EntityRef& at(int i) const { return entities_[static_cast<size_t>(i)]; }

 private:
  void Add(const nlohmann::json& e, int64_t order) const;

  // Mutable: ByName() completes the index from `more_` and remembers its answers.
  mutable std::deque<EntityRef> entities_;
  mutable std::unordered_map<std::string, std::vector<int>> by_fold_, by_keys_;
  mutable std::unordered_set<int64_t> orders_;
  mutable std::unordered_map<std::string, int> by_name_;
  EntityLookup* more_ = nullptr;
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
// The two-digit CAMEO roots ("18", "19") whose family is one of `families`.
std::vector<std::string> CameoRootsOf(const std::vector<std::string>& families);

// What matching reads of a fused event: computed from its stored JSON (FactsOf), or stored
// by the ask index of the store (store/ask_index.h), which gives the same values.
struct EventFacts {
  std::string id, cameo, place, date;
  std::vector<std::string> source, target;  // names, as the event lists them
  std::vector<std::string> texts;           // its mentions' sentences, each once
  int docs = 0;                             // distinct documents of its mentions
  int mentions = 0;
  int asserted = 0;                         // mentions asserted or hedged
  int64_t seq = -1;                         // stored position (bounded views)
  const nlohmann::json* event = nullptr;    // the whole event, when at hand
};
EventFacts FactsOf(const nlohmann::json& event);
// The facts of the stored compact form {"id", "cameo", "place", "date", "source", "target",
// "texts"} with the counts given apart (store/ask_index.cpp writes it).
EventFacts FactsOfCompact(const nlohmann::json& compact, int docs, int mentions, int asserted);

struct EventMatch {
  const EventFacts* facts = nullptr;
  double score = 0;
  bool family = false;      // the event's family is one the question names
  bool entity = false;      // a question entity takes part in it
  int words = 0;            // question words found in its best mention sentence
};
// Stored events that the question may be about, best first (only those with some
// evidence: an entity or a family or words in common); ties keep the order of `events`.
std::vector<EventMatch> MatchEvents(const Question& q, const QuestionEntities& qe,
                                    const EntityIndex& index, const std::vector<EventFacts>& events);
// The stems MatchEvents() looks for in mention sentences: the question's content words
// that are not names of `index`'s entities.
std::vector<size_t> MatchWords(const Question& q, const EntityIndex& index);

}  // namespace ask
}  // namespace dossier

#endif  // DOSSIER_ASK_MATCH_H_
