// dossier ask "QUESTION": grounded answers from the store (see ask/answer.h).
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "ask/answer.h"
#include "cli/commands.h"
#include "store/store.h"

namespace dossier {

namespace {

// Loads the cited documents from the store on first use and keeps them.
class StoreDocuments : public ask::DocumentSource {
 public:
  explicit StoreDocuments(Store* store) : store_(store) {}
  const Document* Get(const std::string& id) override {
    auto it = docs_.find(id);
    if (it != docs_.end()) return it->second.get();
    auto doc = std::make_unique<Document>();
    if (!store_->LoadDocument(id, doc.get()).ok()) doc.reset();
    const Document* p = doc.get();
    docs_.emplace(id, std::move(doc));
    return p;
  }

 private:
  Store* store_;
  std::unordered_map<std::string, std::unique_ptr<Document>> docs_;
};

}  // namespace

int RunAsk(const std::string& db, const std::string& question, bool as_json) {
  std::unique_ptr<Store> store;
  Status s = Store::Open(db, /*create=*/false, &store);
  if (!s.ok()) {
    std::fprintf(stderr, "dossier: %s\n", s.message().c_str());
    return 1;
  }
  ask::DossierView view;
  for (auto [load, out] : {std::pair{&Store::LoadEntitiesJson, &view.entities},
                           std::pair{&Store::LoadEventsJson, &view.events},
                           std::pair{&Store::LoadTimelineJson, &view.timeline},
                           std::pair{&Store::LoadConflictsJson, &view.conflicts}}) {
    Status ls = (store.get()->*load)(out);
    if (!ls.ok()) {
      std::fprintf(stderr, "dossier: %s: %s\n", db.c_str(), ls.message().c_str());
      return 1;
    }
    if (!out->is_array()) *out = nlohmann::json::array();
  }
  std::vector<DocRow> rows;
  if (store->ListDocs(false, &rows).ok())
    for (const DocRow& r : rows)
      view.names[r.id] = r.outlet.empty() ? std::filesystem::path(r.path).filename().string() : r.outlet;

  StoreDocuments docs(store.get());
  nlohmann::json answer = ask::AnswerQuestion(question, view, *store, &docs);
  if (as_json) {
    std::cout << answer.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    std::cout << ask::RenderAnswerText(answer);
  }
  return 0;
}

}  // namespace dossier
