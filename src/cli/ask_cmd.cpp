// dossier ask "QUESTION": grounded answers from the store (see ask/answer.h).
//
// A small store is read whole into an ask::DossierView. A large one (more than
// kWholeStoreEvents events) with the ask index (store/ask_index.h) is read through it: only
// the entities, events and timeline entries the question can be answered from are loaded,
// the rest on demand, and the evidence search runs on a second connection while the view
// loads. DOSSIER_ASK_INDEX=always|never overrides the choice (tests, checks);
// DOSSIER_ASK_PREFETCH=0 runs the search in line; DOSSIER_ASK_TIMES=1 prints the time (wall
// and CPU) of each step on stderr.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "ask/answer.h"
#include "cli/commands.h"
#include "store/ask_index.h"
#include "store/store.h"

namespace dossier {

namespace {

// Up to this many events the store is read whole: answers are then the same as reading it
// all by construction, and reading it is fast.
constexpr int64_t kWholeStoreEvents = 2000;

// Loads the cited documents from the store on first use and keeps them. With an ask index
// (large stores), documents are loaded with only the layers the answerer asks for.
class StoreDocuments : public ask::DocumentSource {
 public:
  StoreDocuments(Store* store, AskIndex* index) : store_(store), index_(index) {}
  const Document* Get(const std::string& id) override {
    auto it = docs_.find(id);
    if (it != docs_.end()) return it->second.get();
    auto doc = std::make_unique<Document>();
    if (!store_->LoadDocument(id, doc.get()).ok()) doc.reset();
    const Document* p = doc.get();
    docs_.emplace(id, std::move(doc));
    return p;
  }
  const Document* GetLayers(const std::string& id, unsigned layers, int sentence) override {
    if (index_ == nullptr || docs_.count(id)) return Get(id);
    layers |= kGrounding;
    // A load for one sentence holds only what concerns it (AskIndex::LoadDocumentLayers).
    if (!(layers & kEvents)) sentence = -1;
    // Documents loaded before stay valid: another load is kept beside them.
    auto& loads = partial_[id];
    for (const Load& l : loads)
      if ((l.layers & layers) == layers && (l.sentence < 0 || l.sentence == sentence)) return l.doc.get();
    auto doc = std::make_unique<Document>();
    std::clock_t t0 = std::clock();
    bool ok = index_->LoadDocumentLayers(id, layers, doc.get(), sentence).ok();
    layers_cpu_ += std::clock() - t0;
    if (!ok) return Get(id);
    loads.push_back(Load{layers, sentence, std::move(doc)});
    return loads.back().doc.get();
  }
  const ask::GroundingText* GetGroundingText(const std::string& id) override {
    if (index_ == nullptr || docs_.count(id)) return DocumentSource::GetGroundingText(id);
    auto it = grounding_.find(id);
    if (it != grounding_.end()) return it->second.get();
    std::clock_t t0 = std::clock();
    auto g = std::make_unique<ask::GroundingText>();
    bool ok = index_->LoadGroundingText(id, g.get()).ok();
    grounding_cpu_ += std::clock() - t0;
    if (!ok) return DocumentSource::GetGroundingText(id);
    return grounding_.emplace(id, std::move(g)).first->second.get();
  }
  double layers_ms() const { return 1000.0 * static_cast<double>(layers_cpu_) / CLOCKS_PER_SEC; }
  double grounding_ms() const { return 1000.0 * static_cast<double>(grounding_cpu_) / CLOCKS_PER_SEC; }
  size_t loaded() const { return docs_.size(); }
  size_t grounded() const { return grounding_.size(); }
  size_t loaded_partly() const { return partial_.size(); }

 private:
  Store* store_;
  AskIndex* index_;
  std::unordered_map<std::string, std::unique_ptr<Document>> docs_;
  struct Load {
    unsigned layers;
    int sentence;  // the only sentence it holds the layers of, or -1
    std::unique_ptr<Document> doc;
  };
  std::unordered_map<std::string, std::vector<Load>> partial_;
  std::unordered_map<std::string, std::unique_ptr<ask::GroundingText>> grounding_;
  std::clock_t layers_cpu_ = 0, grounding_cpu_ = 0;  // reading them (DOSSIER_ASK_TIMES)
};

// Wall and CPU time of each step (the machine may be busy: CPU time is the steadier).
class StepTimes {
 public:
  StepTimes() : on_(std::getenv("DOSSIER_ASK_TIMES") != nullptr), last_(Clock::now()), last_cpu_(Cpu()) {}
  void Mark(const char* step) {
    if (!on_) return;
    auto now = Clock::now();
    double cpu = Cpu();
    std::fprintf(stderr, "ask-times %s %.1f ms (cpu %.1f ms)\n", step,
                 std::chrono::duration<double, std::milli>(now - last_).count(), cpu - last_cpu_);
    last_ = now;
    last_cpu_ = cpu;
  }

 private:
  using Clock = std::chrono::steady_clock;
  static double Cpu() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }
  bool on_;
  Clock::time_point last_;
  double last_cpu_;
};

// The whole dossier of the store.
Status LoadWhole(Store* store, ask::DossierView* view) {
  for (auto [load, out] : {std::pair{&Store::LoadEntitiesJson, &view->entities},
                           std::pair{&Store::LoadEventsJson, &view->events},
                           std::pair{&Store::LoadTimelineJson, &view->timeline},
                           std::pair{&Store::LoadConflictsJson, &view->conflicts}}) {
    Status ls = (store->*load)(out);
    if (!ls.ok()) return ls;
    if (!out->is_array()) *out = nlohmann::json::array();
  }
  std::vector<DocRow> rows;
  if (store->ListDocs(false, &rows).ok())
    for (const DocRow& r : rows)
      view->names[r.id] = r.outlet.empty() ? std::filesystem::path(r.path).filename().string() : r.outlet;
  return Status::Ok();
}

}  // namespace

int RunAsk(const std::string& db, const std::string& question, bool as_json) {
  StepTimes times;
  std::unique_ptr<Store> store;
  Status s = Store::Open(db, /*create=*/false, &store);
  if (!s.ok()) {
    std::fprintf(stderr, "dossier: %s\n", s.message().c_str());
    return 1;
  }
  times.Mark("open");
  AskIndex index(store.get());
  const char* mode = std::getenv("DOSSIER_ASK_INDEX");
  bool bounded;
  if (mode != nullptr && std::strcmp(mode, "never") == 0) bounded = false;
  else if (mode != nullptr && std::strcmp(mode, "always") == 0) bounded = index.Usable();
  else bounded = index.EventCount() > kWholeStoreEvents;
  if (bounded) {
    // The evidence search runs on a second connection while the view loads (unless
    // DOSSIER_ASK_PREFETCH=0).
    const char* prefetch = std::getenv("DOSSIER_ASK_PREFETCH");
    index.set_prefetch(prefetch == nullptr || std::strcmp(prefetch, "0") != 0);
    index.BeginRead();
  }
  ask::DossierView view;
  Status ls = bounded ? index.LoadView(question, &view) : LoadWhole(store.get(), &view);
  if (!ls.ok()) {
    std::fprintf(stderr, "dossier: %s: %s\n", db.c_str(), ls.message().c_str());
    return 1;
  }
  times.Mark(bounded ? "load-bounded" : "load-whole");

  StoreDocuments docs(store.get(), bounded ? &index : nullptr);
  const SentenceSearch& search = bounded ? static_cast<const SentenceSearch&>(index) : *store;
  nlohmann::json answer = ask::AnswerQuestion(question, view, search, &docs);
  if (bounded) index.EndRead();
  times.Mark("answer");
  if (std::getenv("DOSSIER_ASK_TIMES") != nullptr)
    std::fprintf(stderr,
                 "ask-sizes entities %zu events %zu facts %zu timeline %zu documents %zu whole %zu in part %zu "
                 "grounded from sentence rows (cpu reading layers %.1f ms, grounding text %.1f ms)\n",
                 view.entities.size(), view.events.size(), view.event_facts.size(), view.timeline.size(),
                 docs.loaded(), docs.loaded_partly(), docs.grounded(), docs.layers_ms(), docs.grounding_ms());
  if (as_json) {
    std::cout << answer.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    std::cout << ask::RenderAnswerText(answer);
  }
  times.Mark("print");
  return 0;
}

}  // namespace dossier
