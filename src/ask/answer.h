// Grounded answers to a question about the dossier.
//
// AnswerQuestion() analyzes the question (ask/question.h), resolves its entities and event
// (ask/match.h), and assembles answers from the fused events' slots, the timeline and
// evidence search over every sentence (SentenceSearch), reading the hit documents' layers
// (entities, time expressions, event mentions) for what the structured layers miss.
//
// What it promises:
//  * Every distinct value the sources give is its own answer, with all its support; values
//    are never averaged; answers whose values disagree name each other ("contradicted_by").
//  * Every quote is a whole sentence (or stored evidence) found verbatim in the cited
//    document's clean text when a DocumentSource is given; unverifiable quotes are dropped.
//    Evidence the dossier stores for an event (slot values, timeline mentions) is grounded
//    when it is about to be shown; evidence not shown counts (sources, scores) as stored,
//    which is what grounding gives for a sentence cut from its own document (rare
//    exceptions: a sentence that also occurs earlier in its document, spacing the dossier
//    normalized). So a question reads the documents it quotes, not every document behind a
//    well-supported answer.
//  * Answers are ordered best first: support from more documents and better sourcing
//    (named, outlet > anonymous > author > opinion, comment) first; opinions and comments
//    last, labelled.
//  * When nothing answers, "answers" is empty and "note" says so: no guessing.
#ifndef DOSSIER_ASK_ANSWER_H_
#define DOSSIER_ASK_ANSWER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ask/match.h"
#include "core/document.h"
#include "store/search.h"

namespace dossier {
namespace ask {

// What grounding a quote reads of a document (Document's text, sentences, attributions,
// blocks and parts, reduced): its clean text and its sentences in text order, each with its
// span, the attribution a quote of it takes (the sentence's first attribution that is not
// the author's; kAuthor when it has none) and the role of the thread part it is in.
struct GroundingText {
  struct Sentence {
    uint32_t start = 0, end = 0;
    std::string attributed_to;
    Sourcing sourcing = Sourcing::kAuthor;
    Role role = Role::kArticle;
  };
  std::string text;
  std::vector<Sentence> sentences;
  // The document it was made from, when whole enough for Document::RoleAt() (the role of a
  // byte outside every sentence); null when made from the store's sentence rows.
  const Document* doc = nullptr;
  // As Document::SentenceAt(): the sentence containing byte `offset`, or -1.
  int SentenceAt(uint32_t offset) const;
  // From a document with its grounding layers.
  static GroundingText Of(const Document& d);
};

// The stored documents, with their layers, that answers cite.
class DocumentSource {
 public:
  virtual ~DocumentSource() = default;
  // The document `id` with its layers, or nullptr when unknown. The pointer stays valid as
  // long as the source lives.
  virtual const Document* Get(const std::string& id) = 0;
  // Layers of a document, for GetLayers().
  enum Layer : unsigned {
    kGrounding = 1,  // text, sentences, attributions, blocks, parts: what grounding reads
    kEvents = 2,
    kEntities = 4,
    kTimexes = 8,
  };
  // The document `id` with at least the grounding layers and `layers` as Get() gives them;
  // a source may make this cheaper than Get(). With `sentence` >= 0 and kEvents, only what
  // concerns that sentence need be there: the sentence spans, its event mentions, the
  // entity mentions and time expressions inside it or named by those event mentions (the
  // others may be left with a span outside every sentence), no grounding layers (grounding
  // reads GetGroundingText()).
  virtual const Document* GetLayers(const std::string& id, unsigned layers, int sentence = -1) { return Get(id); }
  const Document* GetForGrounding(const std::string& id) { return GetLayers(id, kGrounding); }
  // What grounding reads of document `id` (null when unknown); the pointer stays valid as
  // long as the source lives. By default made from GetForGrounding(); a source may read it
  // more cheaply.
  virtual const GroundingText* GetGroundingText(const std::string& id);

 private:
  std::map<std::string, std::unique_ptr<GroundingText>> grounding_;
};

// What a bounded view (below) fetches on demand from the store.
class DossierLookup : public EntityLookup {
 public:
  // The stored event `id` (JSON, as Store::LoadEventsJson gives it; fields the answerer does
  // not read may be left out), or nullptr. The pointer stays valid as long as the lookup.
  virtual const nlohmann::json* Event(const std::string& id) = 0;
  // Event(id) where, of "slots", only `slot` need be there, and "mentions" (each with at
  // least "doc", "text", "attributed_to" and "sourcing") only when that slot is "date" or
  // "place" and has no values: what answering from a slot reads. A lookup may make it
  // cheaper than Event().
  virtual const nlohmann::json* EventSlot(const std::string& id, const std::string& slot) { return Event(id); }
  // Event(id) where only "mentions" (each with "doc", "text", "attributed_to" and
  // "sourcing") need be there.
  virtual const nlohmann::json* EventMentions(const std::string& id) { return Event(id); }
  // The short display name of document `id` (outlet, else file name), "" when unknown.
  virtual std::string DocName(const std::string& id) = 0;
};

// The corpus-level results of the store, as loaded by Store::Load*Json (arrays), and the
// short display name (outlet, else file name) of each document id.
//
// A bounded view (store/ask_index.h, for large stores) holds only the part of the dossier a
// question can be answered from: the entities named in the question (and the most mentioned
// person), the candidate events as `event_facts` (in stored order; `events` stays empty),
// the timeline entries a what-happened question may list, no conflicts (nothing here reads
// them), and `lookup` for the rest (more entities by name, whole events, document names).
struct DossierView {
  nlohmann::json entities = nlohmann::json::array();
  nlohmann::json events = nlohmann::json::array();
  nlohmann::json timeline = nlohmann::json::array();
  nlohmann::json conflicts = nlohmann::json::array();
  std::map<std::string, std::string> names;
  std::vector<EventFacts> event_facts;  // bounded views only
  DossierLookup* lookup = nullptr;      // bounded views only
};

// The answer in DESIGN.md's shape: {"question", "type", "answers": [{"text", "value",
// "support": [{"doc", "quote", "attributed_to", "sourcing", "outlet"}], "sources_count",
// "contradicted_by"?, "label"?}], "note"?}. `docs` may be null (no verification, no layers).
nlohmann::json AnswerQuestion(const std::string& question, const DossierView& dossier,
                              const SentenceSearch& search, DocumentSource* docs);

// The words an evidence search for `q` looks for (SentenceSearch::Search's terms): the names
// of the question's entities, its content words and their synonyms, then `extra`.
std::vector<std::string> SearchTerms(const Question& q, const QuestionEntities& qe, const EntityIndex& index,
                                     const std::vector<std::string>& extra);

// The evidence search AnswerQuestion() will run for `q` (with a DocumentSource), so that a
// search may be started before: false when it runs none.
struct PlannedSearch {
  std::vector<std::string> terms;
  int limit = 0;
};
bool PlanSearch(const Question& q, const QuestionEntities& qe, const EntityIndex& index, PlannedSearch* out);

// The answer for people: one short line per answer with its sources, then its quotes.
std::string RenderAnswerText(const nlohmann::json& answer);

}  // namespace ask
}  // namespace dossier

#endif  // DOSSIER_ASK_ANSWER_H_
