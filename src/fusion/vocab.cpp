#include "fusion/vocab.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <utility>

#include "core/data_dir.h"
#include "fusion/words.h"

namespace dossier {
namespace fusion {

namespace {

const std::unordered_map<std::string, std::string>& Families() {
  static const auto* m = [] {
    auto* out = new std::unordered_map<std::string, std::string>;
    for (const auto& row : ReadDataTable("fusion_event_families.tsv"))
      if (row.size() >= 2) out->emplace(row[0], row[1]);
    return out;
  }();
  return *m;
}

struct Instruments {
  std::unordered_map<std::string, std::string> by_key;  // Key(phrase) -> class
  std::set<std::pair<std::string, std::string>> compatible;
  size_t max_words = 1;
};

const Instruments& InstrumentTable() {
  static const Instruments* t = [] {
    auto* out = new Instruments;
    for (const auto& row : ReadDataTable("fusion_instruments.tsv")) {
      if (row.size() < 2) continue;
      out->by_key.emplace(Key(row[0]), row[1]);
      out->max_words = std::max(out->max_words, Words(row[0]).size());
      if (row.size() >= 3) {
        size_t pos = 0;
        while (pos <= row[2].size()) {
          size_t comma = row[2].find(',', pos);
          std::string c = row[2].substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
          if (!c.empty()) {
            out->compatible.emplace(row[1], c);
            out->compatible.emplace(c, row[1]);
          }
          if (comma == std::string::npos) break;
          pos = comma + 1;
        }
      }
    }
    return out;
  }();
  return *t;
}

}  // namespace

std::string EventFamily(std::string_view cameo, std::string_view plover) {
  const auto& fam = Families();
  if (cameo.size() >= 2) {
    auto it = fam.find("cameo:" + std::string(cameo.substr(0, 2)));
    if (it != fam.end()) return it->second;
  }
  std::string p(plover);
  for (auto& c : p)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (!p.empty()) {
    auto it = fam.find("plover:" + p);
    if (it != fam.end()) return it->second;
  }
  if (!cameo.empty()) return "other:" + std::string(cameo);
  return "other:" + p;
}

std::string InstrumentClass(std::string_view text) {
  const Instruments& t = InstrumentTable();
  std::vector<std::string> w = Words(text);
  std::string best;
  size_t best_len = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    for (size_t n = std::min(t.max_words, w.size() - i); n >= 1 && n > best_len; --n) {
      std::string k;
      for (size_t j = i; j < i + n; ++j) {
        if (!k.empty()) k.push_back(' ');
        k += w[j];
      }
      auto it = t.by_key.find(k);
      if (it != t.by_key.end()) {
        best = it->second;
        best_len = n;
        break;
      }
    }
  }
  return best;
}

bool InstrumentsCompatible(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty() || a == b) return true;
  return InstrumentTable().compatible.count({a, b}) > 0;
}

}  // namespace fusion
}  // namespace dossier
