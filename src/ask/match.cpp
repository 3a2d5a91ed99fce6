#include "ask/match.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "core/data_dir.h"
#include "entities/name_key.h"
#include "events/lexicon.h"

namespace dossier {
namespace ask {

using nlohmann::json;

namespace {

std::string KeyOfWord(const std::string& text) {
  NameKey k = MakeNameKey(text);
  if (!k.full.empty()) return k.full;
  return std::string();
}

std::vector<std::string> NameWordsKeys(const std::string& name) {
  std::vector<std::string> out;
  for (const std::string& k : WordKeys(Words(name)))
    if (!k.empty()) out.push_back(k);
  return out;
}

// "US", "UN", "IS": all capitals, so a name even when the word is also a function word.
bool AllCaps(const std::string& text) {
  int letters = 0;
  for (char c : text) {
    if (std::islower(static_cast<unsigned char>(c))) return false;
    if (std::isupper(static_cast<unsigned char>(c))) ++letters;
  }
  return letters >= 2;
}

// When the word keys starting at `i` spell `name` (empty keys inside the run are skipped),
// the index just past the match; else 0.
size_t NameEndAt(const std::vector<std::string>& keys, size_t i, const std::vector<std::string>& name) {
  size_t j = i, k = 0;
  while (k < name.size() && j < keys.size()) {
    if (keys[j].empty() && j > i) {
      ++j;
      continue;
    }
    if (keys[j] != name[k]) break;
    ++j;
    ++k;
  }
  return k == name.size() && !name.empty() ? j : 0;
}

bool NameWord(const Word& w) { return w.capitalized && (AllCaps(w.text) || !IsStopword(w.fold)); }

std::string Str(const json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_null()) return "";
  return j.dump();
}

const std::unordered_map<std::string, std::string>& Families() {
  static const auto* m = [] {
    auto* f = new std::unordered_map<std::string, std::string>;
    for (const auto& row : ReadDataTable("fusion_event_families.tsv"))
      if (row.size() >= 2) (*f)[row[0]] = row[1];
    return f;
  }();
  return *m;
}

// Stem of a trigger lemma -> CAMEO codes of its patterns.
const std::unordered_map<std::string, std::vector<std::string>>& TriggerCodes() {
  static const auto* m = [] {
    auto* t = new std::unordered_map<std::string, std::vector<std::string>>;
    for (const auto& [lemma, patterns] : events::PatternsByTrigger())
      for (const events::VerbPattern* p : patterns)
        if (!p->report && p->words.size() == 1) (*t)[Stem(lemma)].push_back(p->code);
    return t;
  }();
  return *m;
}

}  // namespace

std::vector<std::string> WordKeys(const std::vector<Word>& words) {
  std::vector<std::string> keys;
  keys.reserve(words.size());
  for (const Word& w : words) {
    if (w.fold == "al" || w.fold == "el" || w.fold == "the") {
      keys.emplace_back();
      continue;
    }
    std::string t = w.text;
    // Possessives name the same entity: "Soleimani's".
    if (w.fold.size() > 2 && w.fold.compare(w.fold.size() - 2, 2, "'s") == 0) {
      size_t cut = t.rfind('\'');
      if (cut == std::string::npos) cut = t.rfind("\xE2\x80\x99");
      if (cut != std::string::npos) t = t.substr(0, cut);
    }
    keys.push_back(KeyOfWord(t));
  }
  return keys;
}

std::vector<std::string> NameKeys(const std::string& name) { return NameWordsKeys(name); }

namespace {

std::string JoinKeys(const std::vector<std::string>& keys) {
  std::string out;
  for (const std::string& k : keys) {
    out += k;
    out += '\x1f';
  }
  return out;
}

}  // namespace

EntityIndex::EntityIndex(const json& entities, EntityLookup* more) : more_(more) {
  if (!entities.is_array()) return;
  int64_t i = 0;
  for (const json& e : entities) {
    int64_t order = e.contains("_seq") && e["_seq"].is_number_integer() ? e["_seq"].get<int64_t>() : i;
    Add(e, order);
    ++i;
  }
}

void EntityIndex::Add(const json& e, int64_t order) const {
  if (!orders_.insert(order).second) return;
  EntityRef r;
  r.id = e.value("id", "");
  r.name = e.value("name", "");
  r.type = e.value("type", "");
  r.mentions = e.value("mentions", 0);
  r.order = order;
  r.names.push_back(r.name);
  for (const json& a : e.value("aliases", json::array())) r.names.push_back(Str(a));
  for (const json& t : e.value("titles", json::array())) r.titles.push_back(Str(t));
  for (const std::string& n : r.names) {
    std::vector<std::string> k = NameWordsKeys(n);
    if (!k.empty()) r.keys.push_back(std::move(k));
  }
  int at = static_cast<int>(entities_.size());
  for (const std::string& n : r.names) {
    std::vector<int>& v = by_fold_[FoldName(n)];
    if (v.empty() || v.back() != at) v.push_back(at);
  }
  for (const auto& k : r.keys) {
    std::vector<int>& v = by_keys_[JoinKeys(k)];
    if (v.empty() || v.back() != at) v.push_back(at);
  }
  entities_.push_back(std::move(r));
}

std::vector<EntityIndex::Match> EntityIndex::FindIn(const std::vector<Word>& words) const {
  std::vector<std::string> keys = WordKeys(words);
  // Candidate (length, first, entity) for every name occurrence.
  struct Cand {
    size_t first, last, len;
    int entity;
  };
  std::vector<Cand> cands;
  for (size_t ei = 0; ei < entities_.size(); ++ei) {
    const EntityRef& e = entities_[ei];
    for (const auto& name : e.keys) {
      for (size_t i = 0; i < keys.size(); ++i) {
        size_t j = NameEndAt(keys, i, name);
        if (j == 0) continue;
        if (name.size() == 1) {
          const Word& w = words[i];
          if (!NameWord(w)) continue;
          if (i == 0 && w.fold.size() <= 3) continue;
        }
        cands.push_back({i, j, name.size(), static_cast<int>(ei)});
      }
    }
  }
  std::sort(cands.begin(), cands.end(), [&](const Cand& a, const Cand& b) {
    if (a.len != b.len) return a.len > b.len;
    int ma = entities_[a.entity].mentions, mb = entities_[b.entity].mentions;
    if (ma != mb) return ma > mb;
    return a.first < b.first;
  });
  std::vector<bool> used(words.size(), false);
  std::vector<Match> out;
  for (const Cand& c : cands) {
    bool free = true;
    for (size_t i = c.first; i < c.last && free; ++i) free = !used[i];
    if (!free) continue;
    bool dup = false;
    for (const Match& m : out) dup = dup || m.entity == c.entity;
    for (size_t i = c.first; i < c.last; ++i) used[i] = true;
    if (!dup) out.push_back({c.entity, c.first, c.last});
  }
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) { return a.first < b.first; });
  return out;
}

bool EntityIndex::Mentions(const EntityRef& e, const std::vector<Word>& words,
                           const std::vector<std::string>& keys) const {
  for (const auto& name : e.keys) {
    for (size_t i = 0; i < keys.size(); ++i) {
      if (NameEndAt(keys, i, name) == 0) continue;
      if (name.size() == 1 && !NameWord(words[i])) continue;
      return true;
    }
  }
  return false;
}

int EntityIndex::ByName(const std::string& name) const {
  auto memo = by_name_.find(name);
  if (memo != by_name_.end()) return memo->second;
  if (more_ != nullptr)
    for (const json& e : more_->EntitiesNamed(name))
      if (e.contains("_seq") && e["_seq"].is_number_integer()) Add(e, e["_seq"].get<int64_t>());
  // Every entity with a name or alias of the same fold, or of the same name keys; the most
  // mentioned wins, then the first stored.
  std::vector<int> hits;
  auto f = by_fold_.find(FoldName(name));
  if (f != by_fold_.end()) hits = f->second;
  std::vector<std::string> k = NameWordsKeys(name);
  if (!k.empty()) {
    auto kk = by_keys_.find(JoinKeys(k));
    if (kk != by_keys_.end()) hits.insert(hits.end(), kk->second.begin(), kk->second.end());
  }
  int best = -1;
  for (int i : hits) {
    const EntityRef& e = entities_[static_cast<size_t>(i)];
    if (best < 0) {
      best = i;
      continue;
    }
    const EntityRef& b = entities_[static_cast<size_t>(best)];
    if (e.mentions > b.mentions || (e.mentions == b.mentions && e.order < b.order)) best = i;
  }
  by_name_.emplace(name, best);
  return best;
}

int EntityIndex::MostMentioned(const std::string& type) const {
  int best = -1;
  for (size_t i = 0; i < entities_.size(); ++i) {
    if (entities_[i].type != type) continue;
    if (best < 0 || entities_[i].mentions > entities_[best].mentions ||
        (entities_[i].mentions == entities_[best].mentions && entities_[i].order < entities_[best].order))
      best = static_cast<int>(i);
  }
  return best;
}

QuestionEntities ResolveQuestionEntities(const Question& q, const EntityIndex& index) {
  QuestionEntities qe;
  std::vector<bool> covered(q.words.size(), false);
  for (const EntityIndex::Match& m : index.FindIn(q.words)) {
    qe.entities.push_back(m.entity);
    size_t first = m.first;
    if (q.subject_word != static_cast<size_t>(-1)) {
      size_t s = q.subject_word;
      while (s < q.words.size() && q.words[s].fold == "the") ++s;
      if (first == s) qe.subject.push_back(m.entity);
    }
    for (size_t i = m.first; i < m.last; ++i) covered[i] = true;
  }
  // Capitalized content words the dossier does not know, as search terms.
  std::string cur;
  for (size_t i : q.content) {
    if (covered[i] || !q.words[i].capitalized || i == 0) continue;
    qe.unknown_names.push_back(q.words[i].text);
  }
  bool has_person = false;
  for (int e : qe.entities) has_person = has_person || index.at(e).type == "PERSON";
  if (q.pronoun && !has_person) {
    int p = index.MostMentioned("PERSON");
    if (p >= 0) {
      qe.entities.push_back(p);
      qe.assumed = true;
      // "did he retaliate" / "was he killed": the pronoun is the subject.
      if (q.subject_word != static_cast<size_t>(-1) && q.subject_word < q.words.size()) {
        const std::string& s = q.words[q.subject_word].fold;
        if (s == "he" || s == "she" || s == "they") qe.subject.push_back(p);
      }
    }
  }
  return qe;
}

std::string FamilyOf(const std::string& cameo) {
  if (cameo.size() < 2) return "";
  auto it = Families().find("cameo:" + cameo.substr(0, 2));
  return it == Families().end() ? "" : it->second;
}

bool WordInFamilies(const std::string& stem, const std::vector<std::string>& families) {
  auto it = TriggerCodes().find(stem);
  if (it == TriggerCodes().end()) return false;
  for (const std::string& code : it->second)
    if (std::find(families.begin(), families.end(), FamilyOf(code)) != families.end()) return true;
  return false;
}

std::vector<std::string> QuestionFamilies(const Question& q) {
  std::vector<std::string> out;
  for (size_t i : q.content) {
    if (q.words[i].capitalized && i > 0) continue;
    std::vector<std::string> stems = {q.words[i].stem};
    int g = SynonymGroup(q.words[i].stem);
    auto it = TriggerCodes().find(q.words[i].stem);
    if (it == TriggerCodes().end() && g >= 0)
      for (const std::string& s : SynonymWords(g)) {
        it = TriggerCodes().find(Stem(s));
        if (it != TriggerCodes().end()) break;
      }
    if (it == TriggerCodes().end()) continue;
    for (const std::string& code : it->second) {
      std::string f = FamilyOf(code);
      if (!f.empty() && std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
    }
  }
  return out;
}

std::vector<std::string> CameoRootsOf(const std::vector<std::string>& families) {
  std::vector<std::string> out;
  for (const auto& [key, family] : Families()) {
    if (key.size() != 8 || key.compare(0, 6, "cameo:") != 0) continue;
    if (std::find(families.begin(), families.end(), family) != families.end()) out.push_back(key.substr(6));
  }
  std::sort(out.begin(), out.end());
  return out;
}

EventFacts FactsOf(const json& e) {
  EventFacts f;
  f.event = &e;
  f.id = e.value("id", "");
  f.cameo = e.value("cameo", "");
  f.place = e.value("place", "");
  f.date = e.value("date", "");
  for (const json& n : e.value("source", json::array())) f.source.push_back(Str(n));
  for (const json& n : e.value("target", json::array())) f.target.push_back(Str(n));
  static const json kNone = json::array();
  const json& mentions = e.contains("mentions") ? e["mentions"] : kNone;
  std::set<std::string> docs, texts;
  for (const json& mn : mentions) {
    std::string text = mn.value("text", "");
    if (texts.insert(text).second) f.texts.push_back(std::move(text));
    std::string mod = mn.value("modality", "asserted");
    if (mod == "asserted" || mod == "hedged") ++f.asserted;
    docs.insert(mn.value("doc", ""));
  }
  f.mentions = static_cast<int>(mentions.size());
  f.docs = static_cast<int>(docs.size());
  return f;
}

EventFacts FactsOfCompact(const json& c, int docs, int mentions, int asserted) {
  EventFacts f;
  f.id = c.value("id", "");
  f.cameo = c.value("cameo", "");
  f.place = c.value("place", "");
  f.date = c.value("date", "");
  for (const json& n : c.value("source", json::array())) f.source.push_back(Str(n));
  for (const json& n : c.value("target", json::array())) f.target.push_back(Str(n));
  for (const json& t : c.value("texts", json::array())) f.texts.push_back(Str(t));
  f.docs = docs;
  f.mentions = mentions;
  f.asserted = asserted;
  return f;
}

std::vector<size_t> MatchWords(const Question& q, const EntityIndex& index) {
  std::set<size_t> in_names;
  for (const EntityIndex::Match& m : index.FindIn(q.words))
    for (size_t i = m.first; i < m.last; ++i) in_names.insert(i);
  std::vector<size_t> out;
  for (size_t i : q.content)
    if (!in_names.count(i)) out.push_back(i);
  return out;
}

std::vector<EventMatch> MatchEvents(const Question& q, const QuestionEntities& qe,
                                    const EntityIndex& index, const std::vector<EventFacts>& events) {
  std::vector<EventMatch> out;
  std::vector<std::string> families = QuestionFamilies(q);
  // Content stems of the question that are not entity names.
  std::vector<std::string> stems;
  for (size_t i : MatchWords(q, index)) stems.push_back(q.words[i].stem);
  std::vector<int> groups;
  for (const std::string& st : stems) groups.push_back(SynonymGroup(st));

  // Words and keys of the names events give (many events share them).
  struct Named {
    std::vector<Word> words;
    std::vector<std::string> keys;
  };
  std::unordered_map<std::string, Named> named;
  auto name_words = [&](const std::string& name) -> const Named& {
    auto it = named.find(name);
    if (it != named.end()) return it->second;
    Named n;
    n.words = Words(name);
    n.keys = WordKeys(n.words);
    return named.emplace(name, std::move(n)).first->second;
  };

  // The words of mention sentences (events share them): words, keys, and how many of the
  // question's stems they have, each worked out when first needed.
  struct Text {
    std::vector<Word> words;
    std::vector<std::string> keys;
    bool keyed = false;
    double stems = -1;
  };
  std::unordered_map<std::string, Text> texts;
  auto text_of = [&](const std::string& t) -> Text& {
    auto it = texts.find(t);
    if (it == texts.end()) {
      it = texts.emplace(t, Text{}).first;
      it->second.words = Words(t);
    }
    return it->second;
  };
  auto keys_of = [&](Text& t) -> const std::vector<std::string>& {
    if (!t.keyed) {
      t.keys = WordKeys(t.words);
      t.keyed = true;
    }
    return t.keys;
  };
  auto stems_in = [&](Text& t) {
    if (t.stems < 0) {
      double n = 0;
      for (size_t si = 0; si < stems.size(); ++si) {
        const std::string& st = stems[si];
        int g = groups[si];
        for (const Word& w : t.words)
          if (w.stem == st || (g >= 0 && SynonymGroup(w.stem) == g)) {
            n += 1;
            break;
          }
      }
      t.stems = n;
    }
    return t.stems;
  };

  for (const EventFacts& e : events) {
    EventMatch m;
    m.facts = &e;
    double s = 0;
    auto role_has = [&](const std::vector<std::string>& names, int ent) {
      for (const std::string& name : names) {
        if (index.ByName(name) == ent) return true;
        const Named& n = name_words(name);
        if (index.Mentions(index.at(ent), n.words, n.keys)) return true;
      }
      return false;
    };

    for (int ent : qe.entities) {
      bool subj = std::find(qe.subject.begin(), qe.subject.end(), ent) != qe.subject.end();
      bool src = role_has(e.source, ent), tgt = role_has(e.target, ent);
      const char* expected = nullptr;
      if (subj) expected = q.passive ? "target" : "source";
      bool in_expected = (expected && std::string(expected) == "source" && src) ||
                         (expected && std::string(expected) == "target" && tgt);
      if (in_expected) {
        s += 3;
        m.entity = true;
      } else if (src || tgt) {
        s += expected ? 1.5 : 2.5;
        m.entity = true;
      } else {
        bool in_text = false;
        for (size_t k = 0; k < e.texts.size() && !in_text; ++k) {
          Text& t = text_of(e.texts[k]);
          in_text = index.Mentions(index.at(ent), t.words, keys_of(t));
        }
        if (!in_text) {
          const Named& pw = name_words(e.place);
          in_text = index.Mentions(index.at(ent), pw.words, pw.keys);
        }
        if (in_text) {
          s += 1;
          m.entity = true;
        }
      }
    }
    std::string fam = FamilyOf(e.cameo);
    if (!fam.empty() && std::find(families.begin(), families.end(), fam) != families.end()) {
      s += 2;
      m.family = true;
    }
    // Words of the question in the mention sentences (best mention).
    double best_words = 0;
    if (!stems.empty()) {
      for (const std::string& t : e.texts) {
        best_words = std::max(best_words, stems_in(text_of(t)));
        if (best_words >= static_cast<double>(stems.size())) break;
      }
    }
    s += 0.5 * best_words;
    m.words = static_cast<int>(best_words);
    if (s <= 0) continue;
    s += 0.3 * std::log2(1.0 + static_cast<double>(e.docs));
    double real = e.mentions == 0 ? 1.0 : static_cast<double>(e.asserted) / e.mentions;
    s *= 0.5 + 0.5 * real;
    m.score = s;
    out.push_back(m);
  }
  std::stable_sort(out.begin(), out.end(), [](const EventMatch& a, const EventMatch& b) {
    return a.score > b.score;
  });
  return out;
}

}  // namespace ask
}  // namespace dossier
