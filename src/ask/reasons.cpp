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
      "trip", "visit", "there", "arrived", "flew", "came", "come", "travelled", "traveled",
      "sent", "flown", "went", "stay", "stayed", "journey", "mission", "returned", "landed",
      "headed", "arrive", "return", "travel", "fly", "visiting", "trips", "visits"};
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
    if (c.kind == "occasion") {
      // "for" + up to four words + the occasion noun.
      for (size_t i = 0; i + 1 < w.size(); ++i) {
        if (w[i].fold != "for" || taken[i]) continue;
        for (size_t k = i + 1; k < w.size() && k <= i + 5; ++k)
          if (w[k].fold == c.words[0]) {
            taken[i] = true;
            out.push_back({w[i].start, sentence.size(), "for ... " + c.phrase, "purpose", c.weight});
            break;
          }
      }
      continue;
    }
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
      // "was in Iraq to meet": being somewhere.
      if ((w[i].fold == "was" || w[i].fold == "were") && w[i + 1].fold == "in") seen_presence = true;
      if (!seen_presence || taken[i] || w[i].fold != "to") continue;
      const Word& v = w[i + 1];
      if (v.capitalized || IsStopword(v.fold) || std::isdigit(static_cast<unsigned char>(v.fold[0])))
        continue;
      taken[i] = true;
      out.push_back({w[i].start, sentence.size(), "to", "purpose", 0.6});
    }
  }
  // A trailing attribution is not part of the reason: ", a ministry official said",
  // ", according to two commanders".
  static const std::unordered_set<std::string> report = {
      "said", "says", "told", "confirmed", "reported", "according", "added", "claimed", "stated"};
  for (ReasonClause& r : out) {
    size_t comma = std::string_view::npos;
    for (const Word& x : w) {
      if (x.start <= r.start) continue;
      size_t c = sentence.rfind(',', x.start);
      if (report.count(x.fold) && c != std::string_view::npos && c > r.start && x.start - c < 60) {
        comma = c;
        break;
      }
    }
    if (comma != std::string_view::npos) r.end = comma;
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

std::vector<std::string> ReasonSearchWords(bool presence) {
  std::set<std::string> words;
  for (const Cue& c : Cues()) {
    if ((c.focus == "presence" && !presence) || (c.focus == "action" && presence)) continue;
    for (const std::string& w : c.words)
      if (!IsStopword(w) && w.size() > 2) words.insert(w);
  }
  return std::vector<std::string>(words.begin(), words.end());
}

std::vector<std::string> ClauseKeys(std::string_view clause, const std::vector<std::string>& ignore) {
  std::set<std::string> keys;
  for (const Word& w : Words(clause)) {
    if (IsStopword(w.fold) || w.fold.size() < 3) continue;
    if (std::find(ignore.begin(), ignore.end(), w.stem) != ignore.end()) continue;
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
  if (shared < 2 && std::min(a.size(), b.size()) > 3) return 0;
  // A short clause does not swallow a long one that only starts the same way.
  if (static_cast<double>(shared) / static_cast<double>(std::max(a.size(), b.size())) < 0.2) return 0;
  return static_cast<double>(shared) / static_cast<double>(std::min(a.size(), b.size()));
}

}  // namespace ask
}  // namespace dossier
