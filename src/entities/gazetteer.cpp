#include "entities/gazetteer.h"

#include <algorithm>

#include "core/data_dir.h"
#include "entities/name_key.h"

namespace dossier {
namespace {

int WordCount(const std::string& key) {
  return 1 + static_cast<int>(std::count(key.begin(), key.end(), ' '));
}

// Folded, single-spaced form of a lexicon entry.
std::string EntryKey(const std::string& s) {
  std::string f = FoldName(s);
  std::string out;
  for (char c : f) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool AllCaps(const std::string& s) {
  int upper = 0;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++upper;
  }
  return upper >= 1;
}

EntityType TypeOf(const std::string& s) {
  if (s == "PERSON") return EntityType::kPerson;
  if (s == "ORG") return EntityType::kOrg;
  if (s == "LOC") return EntityType::kLoc;
  if (s == "FAC") return EntityType::kFac;
  if (s == "NORP") return EntityType::kNorp;
  return EntityType::kGpe;
}

EntityLexicons* Load() {
  auto* lex = new EntityLexicons();
  for (const auto& row : ReadDataTable("entities/english_words.tsv")) {
    if (!row.empty() && !row[0].empty()) lex->english.Add(row[0]);
  }
  for (const auto& row : ReadDataTable("entities/gazetteer.tsv")) {
    if (row.size() < 2 || row[0].empty()) continue;
    std::string key = EntryKey(row[0]);
    if (lex->gazetteer.count(key)) continue;  // first entry wins
    GazetteerEntry e;
    e.type = TypeOf(row[1]);
    e.kind = row.size() > 2 ? row[2] : "";
    e.exact_case = AllCaps(row[0]) && row[0].size() <= 4;
    e.common_word = lex->english.Contains(key);
    lex->gazetteer.emplace(key, e);
    for (size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1))
      lex->gazetteer_prefixes.insert(key.substr(0, sp));
    lex->gazetteer_prefixes.insert(key);
    lex->max_gazetteer_words = std::max(lex->max_gazetteer_words, WordCount(key));
  }
  for (const auto& row : ReadDataTable("entities/titles.tsv")) {
    if (row.empty() || row[0].empty()) continue;
    std::string key = EntryKey(row[0]);
    lex->titles.insert(key);
    for (size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1))
      lex->title_prefixes.insert(key.substr(0, sp));
    lex->title_prefixes.insert(key);
    for (size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1))
      lex->title_suffixes.insert(key.substr(sp + 1));
    lex->title_suffixes.insert(key);
    lex->max_title_words = std::max(lex->max_title_words, WordCount(key));
  }
  for (const auto& row : ReadDataTable("entities/org_words.tsv")) {
    if (row.size() < 2) continue;
    if (row[1] == "head") lex->org_head.insert(EntryKey(row[0]));
    else if (row[1] == "tail") lex->org_tail.insert(EntryKey(row[0]));
    else if (row[1] == "fachead") lex->fac_head.insert(EntryKey(row[0]));
    else lex->place_tail[EntryKey(row[0])] = TypeOf(row[1] == "loc" ? "LOC" : row[1] == "fac" ? "FAC" : "GPE");
  }
  for (const auto& row : ReadDataTable("entities/person_names.tsv")) {
    if (row.size() < 2) continue;
    (row[1] == "given" ? lex->given_names : lex->family_names).insert(EntryKey(row[0]));
  }
  for (const auto& row : ReadDataTable("entities/name_particles.tsv")) {
    if (!row.empty()) lex->particles.insert(EntryKey(row[0]));
  }
  return lex;
}

}  // namespace

const EntityLexicons& GetEntityLexicons() {
  static const EntityLexicons* lex = Load();
  return *lex;
}

}  // namespace dossier
