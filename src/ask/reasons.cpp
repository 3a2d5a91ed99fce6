#include "ask/reasons.h"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "ask/question.h"
#include "core/data_dir.h"

namespace dossier {
namespace ask {

namespace {

struct Cue {
  std::vector<std::string> words;
  std::string phrase, kind, focus;
  double weight = 0;
};

const std::vector<Cue>& Cues() {
  static const auto* cues = [] {
    auto* v = new std::vector<Cue>;
    for (const auto& row : ReadDataTable("ask_reason_cues.tsv")) {
      if (row.size() < 4) continue;
      Cue c;
      c.phrase = row[0];
      for (const Word& w : Words(row[0])) c.words.push_back(w.fold);
      c.kind = row[1];
      c.focus = row[2];
      c.weight = std::atof(row[3].c_str());
      if (!c.words.empty()) v->push_back(std::move(c));
    }
    std::stable_sort(v->begin(), v->end(),
                     [](const Cue& a, const Cue& b) { return a.words.size() > b.words.size(); });
    return v;
  }();
  return *cues;
}

bool IsPresenceWord(const std::string& f) {
  static const std::unordered_set<std::string> words = {
      "trip", "visit", "there", "arrived", "flew", "came", "travelled", "traveled", "sent",
      "flown", "was", "were", "went", "stay", "stayed", "journey", "mission", "in"};
  return words.count(f) > 0;
}

}  // namespace

std::vector<ReasonClause> FindReasonClauses(std::string_view sentence, bool presence) {
  std::vector<ReasonClause> out;
  size_t last = sentence.find_last_not_of(" \t\r\n\"'\xE2\x80\x9D)");
  if (last != std::string_view::npos && sentence[last] == '?') return out;
  std::vector<Word> w = Words(sentence);
  std::vector<bool> taken(w.size(), false);
  for (const Cue& c : Cues()) {
    if (c.focus == "presence" && !presence) continue;
    if (c.focus == "action" && presence) continue;
    for (size_t i = 0; i + c.words.size() <= w.size(); ++i) {
      bool ok = !taken[i];
      for (size_t k = 0; k < c.words.size() && ok; ++k) ok = w[i + k].fold == c.words[k];
      if (!ok) continue;
      for (size_t k = 0; k < c.words.size(); ++k) taken[i + k] = true;
      out.push_back({w[i].start, sentence.size(), c.phrase, c.kind, c.weight});
    }
  }
  // An infinitive of purpose after a word of presence: "a trip to Iraq to meet ...".
  if (presence) {
    bool seen_presence = false;
    for (size_t i = 0; i + 1 < w.size(); ++i) {
      if (IsPresenceWord(w[i].fold)) seen_presence = true;
      if (!seen_presence || taken[i] || w[i].fold != "to") continue;
      const Word& v = w[i + 1];
      if (v.capitalized || IsStopword(v.fold) || std::isdigit(static_cast<unsigned char>(v.fold[0])))
        continue;
      taken[i] = true;
      out.push_back({w[i].start, sentence.size(), "to", "purpose", 0.6});
    }
  }
  // Trim each clause's end: closing punctuation stays out.
  for (ReasonClause& r : out) {
    while (r.end > r.start) {
      char ch = sentence[r.end - 1];
      if (ch == '.' || ch == ' ' || ch == ':' || ch == ';' || ch == ',') --r.end;
      else break;
    }
  }
  std::sort(out.begin(), out.end(),
            [](const ReasonClause& a, const ReasonClause& b) { return a.start < b.start; });
  return out;
}

std::vector<std::string> ClauseKeys(std::string_view clause) {
  std::set<std::string> keys;
  for (const Word& w : Words(clause)) {
    if (IsStopword(w.fold) || w.fold.size() < 3) continue;
    int g = SynonymGroup(w.stem);
    keys.insert(g >= 0 ? "#" + std::to_string(g) : w.stem);
  }
  return std::vector<std::string>(keys.begin(), keys.end());
}

double ClauseOverlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t shared = 0;
  for (const std::string& k : a)
    if (std::binary_search(b.begin(), b.end(), k)) ++shared;
  if (shared < 2) return 0;
  return static_cast<double>(shared) / static_cast<double>(std::min(a.size(), b.size()));
}

}  // namespace ask
}  // namespace dossier
