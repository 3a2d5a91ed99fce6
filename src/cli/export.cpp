// `dossier export --format jsonl|gdelt|plover`: the fused dossier for other tools.
#include <cstdio>
#include <iostream>
#include <set>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "store/store.h"

namespace dossier {

using nlohmann::json;

namespace {

std::string Field(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

std::string Join(const json& a, const char* sep) {
  std::string s;
  for (const auto& x : a) s += (s.empty() ? "" : sep) + (x.is_string() ? x.get<std::string>() : x.dump());
  return s;
}

// The largest reported value of a count slot, or "" when none.
std::string MaxCount(const json& slots, const char* name) {
  if (!slots.contains(name)) return "";
  long long best = -1;
  for (const auto& v : slots[name])
    if (v.contains("value") && v["value"].is_number_integer()) best = std::max(best, v["value"].get<long long>());
  return best < 0 ? "" : std::to_string(best);
}

}  // namespace

int RunExport(const std::string& db, const std::string& format) {
  std::unique_ptr<Store> store;
  Status s = Store::Open(db, false, &store);
  if (!s.ok()) {
    std::fprintf(stderr, "dossier: %s\n", s.message().c_str());
    return 1;
  }
  json events, entities, timeline, conflicts;
  s = store->LoadEventsJson(&events);
  if (s.ok()) s = store->LoadEntitiesJson(&entities);
  if (s.ok()) s = store->LoadTimelineJson(&timeline);
  if (s.ok()) s = store->LoadConflictsJson(&conflicts);
  if (!s.ok()) {
    std::fprintf(stderr, "dossier: %s: %s\n", db.c_str(), s.message().c_str());
    return 1;
  }
  if (format == "jsonl") {
    // One record per line, each with a "record" kind.
    for (const auto& [kind, arr] : {std::pair<const char*, json*>{"entity", &entities}, {"event", &events},
                                    {"timeline", &timeline}, {"conflict", &conflicts}}) {
      for (json x : *arr) {
        x["record"] = kind;
        std::cout << x.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
      }
    }
  } else if (format == "gdelt") {
    // GDELT-style event table: one row per fused event, tab-separated, with a header.
    std::cout << "GLOBALEVENTID\tSQLDATE\tActor1Name\tActor2Name\tEventCode\tEventRootCode\t"
                 "QuadClass\tPLOVER\tActionGeo_FullName\tNumMentions\tNumSources\tKilled\tInjured\t"
                 "SOURCEURL\n";
    for (const auto& e : events) {
      std::string code = e.value("cameo", "");
      std::string root = code.substr(0, std::min<size_t>(2, code.size()));
      int r = root.empty() ? 0 : std::atoi(root.c_str());
      int quad = r == 0 ? 0 : r <= 5 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4;
      std::string date = e.value("date", "");
      std::string sqldate;
      for (char c : date.substr(0, 10))
        if (c != '-') sqldate += c;
      std::set<std::string> docs;
      for (const auto& m : e.value("mentions", json::array())) docs.insert(m.value("doc", ""));
      std::cout << Field(e.value("id", "")) << '\t' << sqldate << '\t'
                << Field(Join(e.value("source", json::array()), "; ")) << '\t'
                << Field(Join(e.value("target", json::array()), "; ")) << '\t' << code << '\t' << root
                << '\t' << quad << '\t' << e.value("plover", "") << '\t' << Field(e.value("place", ""))
                << '\t' << e.value("mentions", json::array()).size() << '\t' << docs.size() << '\t'
                << MaxCount(e.value("slots", json::object()), "killed") << '\t'
                << MaxCount(e.value("slots", json::object()), "injured") << '\t'
                << (docs.empty() ? "" : *docs.begin()) << "\n";
    }
  } else {
    // PLOVER JSON: one event object per line with the PLOVER fields.
    for (const auto& e : events) {
      json p{{"id", e.value("id", "")},
             {"date", e.value("date", "")},
             {"event_type", e.value("plover", "")},
             {"mode", e.value("mode", "")},
             {"actor1", Join(e.value("source", json::array()), "; ")},
             {"actor2", Join(e.value("target", json::array()), "; ")},
             {"location", e.value("place", "")},
             {"cameo", e.value("cameo", "")},
             {"context", json::array()},
             {"summary", e.value("summary", "")},
             {"slots", e.value("slots", json::object())}};
      std::cout << p.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    }
  }
  return 0;
}

}  // namespace dossier
