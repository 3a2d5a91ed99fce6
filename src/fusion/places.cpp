#include "fusion/places.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/data_dir.h"
#include "fusion/words.h"

namespace dossier {
namespace fusion {

namespace {

struct Gazetteer {
  std::unordered_map<std::string, std::string> by_key;   // Key(any spelling) -> canonical
  std::unordered_map<std::string, std::string> parent;   // canonical -> canonical
  size_t max_words = 1;
};

const Gazetteer& Places() {
  static const Gazetteer* g = [] {
    auto* out = new Gazetteer;
    for (const auto& row : ReadDataTable("places_containment.tsv")) {
      if (row.empty() || row[0].empty()) continue;
      const std::string& name = row[0];
      auto add = [&](const std::string& spelling) {
        std::string k = Key(spelling);
        if (k.empty()) return;
        out->by_key.emplace(k, name);
        out->max_words = std::max(out->max_words, Words(spelling).size());
      };
      add(name);
      // "Tripoli, Lebanon" is also reachable as written with its country.
      if (row.size() > 1 && !row[1].empty()) out->parent.emplace(name, row[1]);
      if (row.size() > 2) {
        size_t pos = 0;
        const std::string& al = row[2];
        while (pos <= al.size()) {
          size_t bar = al.find('|', pos);
          std::string a = al.substr(pos, bar == std::string::npos ? std::string::npos : bar - pos);
          if (!a.empty()) add(a);
          if (bar == std::string::npos) break;
          pos = bar + 1;
        }
      }
    }
    return out;
  }();
  return *g;
}

bool IsStopWord(const std::string& w) {
  static const std::unordered_set<std::string> kStop = {
      "the", "a", "an", "of", "in", "at", "on", "near", "outside", "inside", "to", "from",
      "and", "its", "their", "his", "her", "city", "capital"};
  return kStop.count(w) > 0;
}

bool HasCapital(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '-' || text[i - 1] == '\''))
      return true;
  }
  return false;
}

// Splits "either Lebanon or Syria", "Lebanon or Syria", "Lebanon, Syria or Iraq".
std::vector<std::string> SplitAlternatives(std::string_view text) {
  std::vector<std::string> w = Words(text);
  bool has_or = std::find(w.begin(), w.end(), "or") != w.end();
  if (!has_or) return {};
  std::vector<std::string> parts;
  std::string cur;
  std::string s(text);
  size_t i = 0;
  auto flush = [&] {
    std::string t = Squash(cur);
    if (t.rfind("either ", 0) == 0 || t.rfind("Either ", 0) == 0) t = t.substr(7);
    if (!t.empty()) parts.push_back(t);
    cur.clear();
  };
  while (i < s.size()) {
    if (s.compare(i, 4, " or ") == 0) {
      flush();
      i += 4;
      continue;
    }
    if (s[i] == ',') {
      flush();
      ++i;
      continue;
    }
    cur.push_back(s[i]);
    ++i;
  }
  flush();
  return parts.size() >= 2 ? parts : std::vector<std::string>{};
}

void AddWithAncestors(const std::string& canonical, std::vector<std::string>* known) {
  const Gazetteer& g = Places();
  std::string cur = canonical;
  for (int depth = 0; depth < 8 && !cur.empty(); ++depth) {
    if (std::find(known->begin(), known->end(), cur) == known->end()) known->push_back(cur);
    auto it = g.parent.find(cur);
    if (it == g.parent.end()) break;
    cur = it->second;
  }
}

int Depth(const std::string& canonical) {
  return static_cast<int>(PlaceAncestors(canonical).size());
}

bool InList(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool SubsetOf(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty()) return false;
  for (const auto& w : a)
    if (!InList(b, w)) return false;
  return true;
}

}  // namespace

const std::string& PlaceInfo::Anchor() const {
  static const std::string kEmpty;
  return known.empty() ? kEmpty : known.front();
}

std::vector<std::string> PlaceAncestors(const std::string& canonical) {
  const Gazetteer& g = Places();
  std::vector<std::string> out;
  std::string cur = canonical;
  for (int depth = 0; depth < 8; ++depth) {
    auto it = g.parent.find(cur);
    if (it == g.parent.end() || it->second.empty()) break;
    out.push_back(it->second);
    cur = it->second;
  }
  return out;
}

PlaceInfo AnalyzePlace(std::string_view text) {
  PlaceInfo out;
  out.key = Key(text);
  if (out.key.empty()) return out;
  out.proper = HasCapital(text);
  std::vector<std::string> all = Words(text);
  for (auto& w : all)
    if (!IsStopWord(w)) out.words.push_back(w);
  // Known places named in the text, longest match first at each position.
  const Gazetteer& g = Places();
  std::vector<std::string> found;
  for (size_t i = 0; i < all.size(); ++i) {
    for (size_t n = std::min(g.max_words, all.size() - i); n >= 1; --n) {
      std::string k;
      for (size_t j = i; j < i + n; ++j) {
        if (!k.empty()) k.push_back(' ');
        k += all[j];
      }
      auto it = g.by_key.find(k);
      if (it != g.by_key.end()) {
        found.push_back(it->second);
        i += n - 1;
        break;
      }
    }
  }
  // Most specific first: deeper in the containment tree first, then text order.
  std::stable_sort(found.begin(), found.end(),
                   [](const std::string& a, const std::string& b) { return Depth(a) > Depth(b); });
  for (const auto& f : found) AddWithAncestors(f, &out.known);
  for (const auto& alt : SplitAlternatives(text)) out.alternatives.push_back(AnalyzePlace(alt));
  if (out.alternatives.size() < 2) out.alternatives.clear();
  return out;
}

bool Compatible(PlaceRelation r) {
  return r == PlaceRelation::kSame || r == PlaceRelation::kNarrower || r == PlaceRelation::kBroader ||
         r == PlaceRelation::kNear;
}

PlaceRelation ComparePlaces(const PlaceInfo& a, const PlaceInfo& b) {
  if (a.empty() || b.empty()) return PlaceRelation::kUnknown;
  auto rank = [](PlaceRelation r) {
    switch (r) {
      case PlaceRelation::kSame: return 0;
      case PlaceRelation::kNarrower: return 1;
      case PlaceRelation::kBroader: return 1;
      case PlaceRelation::kNear: return 2;
      case PlaceRelation::kUnknown: return 3;
      case PlaceRelation::kDifferent: return 4;
    }
    return 4;
  };
  if (!a.alternatives.empty() || !b.alternatives.empty()) {
    const std::vector<PlaceInfo> one_a{a}, one_b{b};
    const auto& as = a.alternatives.empty() ? one_a : a.alternatives;
    const auto& bs = b.alternatives.empty() ? one_b : b.alternatives;
    PlaceRelation best = PlaceRelation::kDifferent;
    for (const auto& x : as)
      for (const auto& y : bs) {
        PlaceRelation r = ComparePlaces(x, y);
        if (rank(r) < rank(best)) best = r;
      }
    return best;
  }
  if (a.key == b.key) return PlaceRelation::kSame;
  const std::string& aa = a.Anchor();
  const std::string& ba = b.Anchor();
  // Text containment: every word of one is in the other ("airport" in "Baghdad airport").
  if (SubsetOf(a.words, b.words) && a.words.size() < b.words.size()) return PlaceRelation::kBroader;
  if (SubsetOf(b.words, a.words) && b.words.size() < a.words.size()) return PlaceRelation::kNarrower;
  if (SubsetOf(a.words, b.words) && SubsetOf(b.words, a.words)) return PlaceRelation::kSame;
  if (!aa.empty() && !ba.empty()) {
    // One is exactly a known place (an alias of it, or the place itself)?
    bool a_is_place = Key(aa) == a.key || (a.words.size() == 1 && a.known.size() > 0 && Places().by_key.count(a.key));
    bool b_is_place = Key(ba) == b.key || (b.words.size() == 1 && b.known.size() > 0 && Places().by_key.count(b.key));
    if (aa == ba) {
      if (a_is_place && b_is_place) return PlaceRelation::kSame;
      if (a_is_place) return PlaceRelation::kBroader;
      if (b_is_place) return PlaceRelation::kNarrower;
      return PlaceRelation::kNear;
    }
    if (InList(b.known, aa)) return a_is_place ? PlaceRelation::kBroader : PlaceRelation::kNear;
    if (InList(a.known, ba)) return b_is_place ? PlaceRelation::kNarrower : PlaceRelation::kNear;
    return PlaceRelation::kDifferent;
  }
  return PlaceRelation::kUnknown;
}

}  // namespace fusion
}  // namespace dossier
