// The search tables `dossier ask` reads on a large store, and the bounded view of the
// dossier it loads for one question.
//
// Loading every entity, event and timeline entry of a store (ask::DossierView) costs seconds
// once a store holds tens of thousands of events. Store::IndexForAsk() (run by SaveDossier
// in its transaction) writes, from the stored JSON rows alone:
//   ask_names     every name and alias of every entity, by the name keys of its first two
//                 words (ask::NameKeys) and by its fold: the entities a question can name
//   ask_facts     per event, by its rank in stored order (as Store::LoadEventsJson lists
//                 them), what matching reads (ask::EventFacts): id, codes, place, date,
//                 actors, its distinct mention sentences, document and mention counts
//   ask_events    contentless FTS5, rowid = that rank: the name keys of the event's source
//                 and target (roles) and place, its mention sentences (text) and the token
//                 "f" + its two-digit CAMEO root (fam)
//   ask_timeline  per timeline entry its event (id and rank), date and summary
//   ask_event_parts  events with many mentions (their JSON runs to megabytes) also in
//                 parts: per slot its values and the sentences their evidence names
//   ask_lengths   the token count of every sentence of the FTS5 index (a byte each, in
//                 chunks): what bm25() divides by, for Search()
//   ask_docs      per document the range of its sentence rows, for grounding quotes
//                 (LoadGroundingText) without reading its layers
//   ask_meta      a fingerprint of the indexed events, their largest document count, the
//                 most mentioned person, the last sentence ask_lengths covers
// ask_event_parts, ask_lengths and ask_docs are optional: a store indexed before them is
// read the slower way (whole events, FTS5's docsize table, the documents' layers).
// AskIndex::LoadView() then loads what one question can be answered from (see the comments
// in ask_index.cpp for why that is, in practice, all the answerer would pick), and serves
// the rest on demand (ask::DossierLookup); Search() is the evidence search of the store
// (Store::Search's hits, found faster), which LoadView() can start on a thread of its own.
#ifndef DOSSIER_STORE_ASK_INDEX_H_
#define DOSSIER_STORE_ASK_INDEX_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "ask/answer.h"
#include "core/document.h"
#include "core/status.h"
#include "fusion/fusion.h"
#include "fusion/fusion.h"
#include "store/search.h"

struct sqlite3;
struct sqlite3_stmt;

namespace dossier {

class Store;
class SentenceRanker;
namespace store {
class StatementCache;
}

class AskIndex : public ask::DossierLookup, public SentenceSearch {
 public:
  // How much LoadView() loads at most (tests may lower them).
  struct Limits {
    int per_query = 120;       // events per candidate query
    int queries = 40;          // candidate queries per question
    int timeline_events = 40;  // events whose timeline entries a what-happened question reads
  };

  explicit AskIndex(Store* store);
  ~AskIndex() override;

  // Writes the ask_* tables from the stored entities, events and timeline, and each
  // event's facts as staged when it was written (below). Runs in the caller's transaction
  // (Store::IndexForAsk, from the dossier's last transaction), then drops the stage.
  static Status Build(sqlite3* db);

  // The facts of each event (what ask_facts and ask_events hold) are staged as the event is
  // written (Store::AddEvents), in the connection's temporary table ask_stage, keyed by the
  // event's seq: Build() then reads them in rank order instead of reading every event's
  // JSON back. BeginStage() (re)creates the table (Store::BeginDossier), Stage() adds one
  // event's row, EndStage() drops it.
  static Status BeginStage(sqlite3* db);
  // What Stage() writes of `e`, computed apart from the insert (in parallel by the caller).
  struct StagedFacts {
    std::string source, target, texts;  // JSON arrays: names, names, distinct sentences
    int64_t docs = 0, mentions = 0, asserted = 0;
    std::string roles, place_keys;      // ask_events' roles and place columns
  };
  static StagedFacts FactsOf(const dossier::Event& e);
  // The statement Stage() binds (prepared once by the caller).
  static const char* kStageInsert;
  static Status Stage(sqlite3* db, sqlite3_stmt* insert, int64_t seq, const dossier::Event& e, const StagedFacts& f);
  static Status EndStage(sqlite3* db);
  // Build()'s ask_event_parts rows for the events `big` ((rank, seq) of the events with many
  // mentions; see ask_index.cpp).
  static Status BuildEventParts(sqlite3* db, const std::vector<std::pair<int64_t, int64_t>>& big);

  // True when the store has ask tables written for its current events (stores built before
  // them, or rewritten by a dossier that does not write them, have none or stale ones).
  bool Usable();
  // Number of stored events (0 when not Usable()).
  int64_t EventCount();

  // One read transaction around everything a question reads (the store's own queries
  // included: they share the connection), instead of one per statement.
  void BeginRead();
  void EndRead();

  // The bounded view for `question`: view->lookup is this index, which must outlive it.
  Status LoadView(const std::string& question, ask::DossierView* view, const Limits& limits);
  Status LoadView(const std::string& question, ask::DossierView* view) { return LoadView(question, view, Limits()); }

  // The document `id` with only the layers `layers` (ask::DocumentSource::Layer bits; the
  // grounding ones always: text, sentence spans, attributions' span, sentence, source and
  // sourcing, blocks' span and part, parts' role), as Store::LoadDocument() would give them
  // but faster: the other layers are skipped unparsed. Fails (and the caller loads the
  // document whole) when the stored layers are not in the form this reads
  // (Store::AddDocuments: 4-byte length, zlib, one JSON object).
  // With `sentence` >= 0 (and kEvents), only what concerns that sentence is read: the
  // sentence spans, the sentence's event mentions, and the entity mentions and time
  // expressions inside it or named by those event mentions (the others keep their index
  // with a span outside every sentence); then no grounding layers (see
  // ask::GroundingText, LoadGroundingText()).
  Status LoadDocumentLayers(const std::string& id, unsigned layers, Document* doc, int sentence = -1);

  // SentenceSearch: the hits Store::Search() gives (the same sentences, BM25 scores and
  // order), found without ranking every sentence that matches (see ask_index.cpp). Falls
  // back to Store::Search() when SQLite's FTS5 API cannot be had.
  std::vector<SentenceHit> Search(const std::vector<std::string>& terms, int limit) const override;
  // Starts Search(terms, limit) on a thread of its own (with its own connection to the
  // store), for a Search() with the same arguments to take; a Search() with others runs in
  // line. At most one per index.
  void Prefetch(const std::vector<std::string>& terms, int limit);
  // With `on`, LoadView() prefetches the evidence search the answerer will run
  // (ask::PlanSearch) as soon as it knows the question's entities.
  void set_prefetch(bool on) { prefetch_on_ = on; }

  // What grounding reads of document `id` (ask::GroundingText), from its clean text and its
  // sentence rows (the sentence index's spans, attributions and roles) without reading its
  // layers. Fails when the store has no ask_docs rows for it (stores indexed before them):
  // the caller then reads the layers.
  Status LoadGroundingText(const std::string& id, ask::GroundingText* out);

  // ask::DossierLookup
  std::vector<nlohmann::json> EntitiesNamed(const std::string& name) override;
  const nlohmann::json* Event(const std::string& id) override;
  // Reads the stored event's JSON without parsing its mentions (most of a big event) or
  // its other slots.
  const nlohmann::json* EventSlot(const std::string& id, const std::string& slot) override;
  const nlohmann::json* EventMentions(const std::string& id) override;
  std::string DocName(const std::string& id) override;

 private:
  std::string Meta(const std::string& key);
  // Entity rows (JSON + "_seq") of `seqs`, in stored order.
  std::vector<nlohmann::json> LoadEntities(const std::vector<int64_t>& seqs);
  std::vector<int64_t> CandidateEvents(const ask::Question& q, const ask::QuestionEntities& qe,
                                       const ask::EntityIndex& index, const Limits& limits);
  std::vector<int64_t> TimelineEntries(const ask::Question& q, const ask::QuestionEntities& qe,
                                       const ask::EntityIndex& index,
                                       const std::vector<ask::EventFacts>& facts, const Limits& limits);
  // Events of ask_events matching `query`, in stored order, at most `limit`.
  struct Hit {
    int64_t rank = 0;  // position in stored order (ask_facts.rank)
    int docs = 0;
    double real = 1;  // share of asserted (or hedged) mentions
  };
  std::vector<Hit> Match(const std::string& query, int limit, int offset = 0);

  // LoadDocumentLayers() for one sentence: `layers_json` is the document's layers, `at` the
  // ranges of the members asked for, `clean` its clean text.
  Status LoadSentenceLayers(const std::string& id, const std::string& layers_json,
                            const std::map<std::string, std::pair<size_t, size_t>>& at, int sentence,
                            std::string clean, Document* doc);

  // The event `id` with its slot `slot` as EventSlot() gives it, read from
  // ask_event_parts; null when it is not stored in parts (or the parts do not hold what the
  // answerer reads: the mentions, for an empty date or place).
  std::unique_ptr<nlohmann::json> EventPart(const std::string& id, const std::string& slot);

  // Reads part of event `id`'s stored JSON (its highest-ranked row) with `read`, which gets
  // the JSON text and returns null when it is not in the expected form. `found` tells
  // whether the event is stored at all.
  std::unique_ptr<nlohmann::json> ReadStoredEvent(
      const std::string& id, const std::function<std::unique_ptr<nlohmann::json>(std::string_view)>& read,
      bool* found);

  // A prepared statement kept for the life of the index (lookups run hundreds of times).
  sqlite3_stmt* Cached(const char* sql);


  Store* store_;
  sqlite3* db_;
  bool parts_checked_ = false;
  bool has_parts_ = false;
  std::unique_ptr<SentenceRanker> ranker_;  // Search() on this connection
  struct Prefetched;
  std::unique_ptr<Prefetched> prefetch_;  // Prefetch()
  bool prefetch_on_ = false;
  std::unique_ptr<store::StatementCache> stmts_;  // Cached()
  std::map<std::string, std::string> meta_;
  bool meta_read_ = false;
  std::unordered_map<std::string, std::vector<nlohmann::json>> named_;
  std::unordered_map<std::string, std::unique_ptr<nlohmann::json>> events_;
  std::unordered_map<std::string, std::unique_ptr<nlohmann::json>> event_slots_;  // id \n slot
  std::unordered_map<std::string, std::string> doc_names_;
};

}  // namespace dossier

#endif  // DOSSIER_STORE_ASK_INDEX_H_
