// The read-only commands: docs, entities, events, timeline, conflicts, export.
// Each prints JSON (--json, DESIGN.md shapes) or an aligned text form for people.
#include "cli/commands.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "store/store.h"

namespace dossier {

using nlohmann::json;

namespace {

std::unique_ptr<Store> OpenOrDie(const std::string& db, int* rc) {
  std::unique_ptr<Store> store;
  Status s = Store::Open(db, /*create=*/false, &store);
  if (!s.ok()) {
    std::fprintf(stderr, "dossier: %s\n", s.message().c_str());
    *rc = 1;
    return nullptr;
  }
  *rc = 0;
  return store;
}

// Opens the store and loads one of its stored result arrays. On failure prints the error and
// returns the exit code; 0 on success.
int LoadResults(const std::string& db, Status (Store::*load)(json*), std::unique_ptr<Store>* store,
                json* out) {
  int rc;
  *store = OpenOrDie(db, &rc);
  if (!*store) return rc;
  Status s = ((**store).*load)(out);
  if (!s.ok()) {
    std::fprintf(stderr, "dossier: %s: %s\n", db.c_str(), s.message().c_str());
    return 1;
  }
  return 0;
}

void PrintJson(const json& j) {
  std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

// Cuts a UTF-8 string to at most `width` code points, adding "…" when cut.
std::string Fit(const std::string& s, size_t width) {
  size_t cps = 0, i = 0;
  while (i < s.size()) {
    if (cps == width) return s.substr(0, i) + "…";
    unsigned char c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++cps;
  }
  return s;
}

size_t Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string Pad(const std::string& s, size_t width) {
  std::string out = Fit(s, width);
  size_t w = Width(out);
  if (w < width) out.append(width - w, ' ');
  return out;
}

std::string OneLine(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\t') c = ' ';
  return s;
}

// Short display names of the documents: the outlet, else the file name.
std::map<std::string, std::string> ShortNames(Store* store) {
  std::map<std::string, std::string> names;
  std::vector<DocRow> rows;
  if (!store->ListDocs(false, &rows).ok()) return names;
  for (const DocRow& r : rows) {
    std::string n = r.outlet;
    if (n.empty()) n = std::filesystem::path(r.path).filename().string();
    names[r.id] = n;
  }
  return names;
}

std::string Sources(const json& docs, const std::map<std::string, std::string>& names) {
  std::vector<std::string> out;
  for (const auto& d : docs) {
    std::string id = d.is_string() ? d.get<std::string>() : d.dump();
    auto it = names.find(id);
    std::string n = it == names.end() ? id : it->second;
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  }
  std::string s;
  for (const auto& n : out) s += (s.empty() ? "" : ", ") + n;
  return s;
}

std::string ValueText(const json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

}  // namespace

int RunDocs(const std::string& db, bool with_text, bool as_json) {
  int rc;
  auto store = OpenOrDie(db, &rc);
  if (!store) return rc;
  std::vector<DocRow> rows;
  Status s = store->ListDocs(with_text, &rows);
  if (!s.ok()) {
    std::fprintf(stderr, "dossier: %s: %s\n", db.c_str(), s.message().c_str());
    return 1;
  }
  if (as_json) {
    json docs = json::array();
    for (const DocRow& r : rows) {
      json d{{"id", r.id},          {"path", r.path},     {"title", r.title},
             {"outlet", r.outlet},  {"author", r.author}, {"url", r.url},
             {"published", r.published.empty() ? json(nullptr) : json(r.published)},
             {"published_precision", r.precision},
             {"published_inferred", r.inferred},
             {"kind", r.kind},      {"format", r.format}};
      if (r.inferred) d["published_range"] = {r.earliest, r.latest};
      if (with_text) d["text"] = r.text;
      docs.push_back(d);
    }
    PrintJson(json{{"docs", docs}});
    return 0;
  }
  std::printf("%-16s  %-16s  %-24s  %-6s  %s\n", "ID", "PUBLISHED", "OUTLET", "KIND", "TITLE");
  for (const DocRow& r : rows) {
    std::string pub = r.published.empty() ? "?" : r.published + (r.inferred ? "~" : "");
    std::printf("%s  %s  %s  %s  %s\n", Pad(r.id, 16).c_str(), Pad(pub, 16).c_str(),
                Pad(r.outlet.empty() ? "-" : r.outlet, 24).c_str(), Pad(r.kind, 6).c_str(),
                Fit(OneLine(r.title), 70).c_str());
    if (with_text) std::printf("\n%s\n\n", r.text.c_str());
  }
  std::printf("%zu documents in %s (~ marks an inferred date)\n", rows.size(), db.c_str());
  return 0;
}

int RunEntities(const std::string& db, bool as_json) {
  std::unique_ptr<Store> store;
  json ents;
  if (int rc = LoadResults(db, &Store::LoadEntitiesJson, &store, &ents); rc != 0) return rc;
  if (as_json) {
    PrintJson(json{{"entities", ents}});
    return 0;
  }
  std::printf("%-6s  %-32s  %8s  %4s  %s\n", "TYPE", "NAME", "MENTIONS", "DOCS", "ALIASES / TITLES");
  for (const auto& e : ents) {
    std::string aliases;
    for (const auto& a : e.value("aliases", json::array())) aliases += (aliases.empty() ? "" : "; ") + ValueText(a);
    std::string titles;
    for (const auto& t : e.value("titles", json::array())) titles += (titles.empty() ? "" : "; ") + ValueText(t);
    std::string extra = aliases;
    if (!titles.empty()) extra += (extra.empty() ? "" : " | ") + titles;
    std::printf("%s  %s  %8d  %4zu  %s\n", Pad(e.value("type", ""), 6).c_str(),
                Pad(e.value("name", ""), 32).c_str(), e.value("mentions", 0),
                e.value("docs", json::array()).size(), Fit(extra, 90).c_str());
  }
  return 0;
}

int RunEvents(const std::string& db, bool as_json) {
  std::unique_ptr<Store> store;
  json events;
  if (int rc = LoadResults(db, &Store::LoadEventsJson, &store, &events); rc != 0) return rc;
  if (as_json) {
    PrintJson(json{{"events", events}});
    return 0;
  }
  auto names = ShortNames(store.get());
  for (const auto& e : events) {
    auto join = [](const json& a) {
      std::string s;
      for (const auto& x : a) s += (s.empty() ? "" : ", ") + ValueText(x);
      return s;
    };
    std::printf("%s  %-10s  %-5s %-9s  %s -> %s  @ %s\n", e.value("id", "").c_str(),
                e.value("date", "?").c_str(), e.value("cameo", "").c_str(), e.value("plover", "").c_str(),
                join(e.value("source", json::array())).c_str(), join(e.value("target", json::array())).c_str(),
                e.value("place", "").c_str());
    if (!e.value("summary", "").empty()) std::printf("    %s\n", Fit(OneLine(e.value("summary", "")), 110).c_str());
    const json slots = e.value("slots", json::object());
    for (const auto& [slot, values] : slots.items()) {
      if (slot == "source" || slot == "target") continue;
      for (const auto& v : values) {
        std::string q = v.value("qualifier", "");
        std::printf("    %-10s %-24s %s\n", slot.c_str(),
                    Fit((q.empty() ? "" : q + " ") + ValueText(v["value"]), 24).c_str(),
                    Sources(v.value("docs", json::array()), names).c_str());
      }
    }
    std::printf("    %zu mentions\n\n", e.value("mentions", json::array()).size());
  }
  std::printf("%zu events\n", events.size());
  return 0;
}

int RunTimeline(const std::string& db, bool as_json) {
  std::unique_ptr<Store> store;
  json tl;
  if (int rc = LoadResults(db, &Store::LoadTimelineJson, &store, &tl); rc != 0) return rc;
  if (as_json) {
    PrintJson(json{{"timeline", tl}});
    return 0;
  }
  auto names = ShortNames(store.get());
  for (const auto& t : tl) {
    std::printf("%s  %s  %s\n", Pad(t.value("date", "?"), 16).c_str(),
                Fit(OneLine(t.value("summary", "")), 90).c_str(),
                ("[" + Sources(t.value("docs", json::array()), names) + "]").c_str());
  }
  return 0;
}

int RunConflicts(const std::string& db, bool as_json) {
  std::unique_ptr<Store> store;
  json cs;
  if (int rc = LoadResults(db, &Store::LoadConflictsJson, &store, &cs); rc != 0) return rc;
  if (as_json) {
    PrintJson(json{{"conflicts", cs}});
    return 0;
  }
  auto names = ShortNames(store.get());
  for (const auto& c : cs) {
    std::printf("%s  %-10s %-12s %s\n", c.value("event", "").c_str(), c.value("slot", "").c_str(),
                c.value("kind", "").c_str(), c.value("note", "").c_str());
    for (const auto& v : c.value("values", json::array())) {
      std::string q = v.value("qualifier", "");
      std::printf("    %-24s %s\n", Fit((q.empty() ? "" : q + " ") + ValueText(v["value"]), 24).c_str(),
                  Sources(v.value("docs", json::array()), names).c_str());
    }
  }
  std::printf("%zu conflicts\n", cs.size());
  return 0;
}

}  // namespace dossier
