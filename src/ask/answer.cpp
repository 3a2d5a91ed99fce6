#include "ask/answer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <set>
#include <sstream>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "ask/match.h"
#include "ask/question.h"
#include "ask/reasons.h"
#include "entities/name_key.h"
#include "events/lexicon.h"

namespace dossier {
namespace ask {

using nlohmann::json;

namespace {

std::string Str(const json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_null()) return "";
  return j.dump();
}

// How much a sourcing kind is worth as support: named and outlet sources first, then
// anonymous ones, the author, Q&A answers, and last opinions, comments and questions.
double SourcingWeight(const std::string& s) {
  if (s == "named" || s == "outlet") return 1.0;
  if (s == "anonymous") return 0.8;
  if (s == "author") return 0.7;
  if (s == "answer") return 0.6;
  if (s == "question") return 0.3;
  if (s == "opinion") return 0.3;
  if (s == "comment") return 0.25;
  return 0.6;
}

bool Unsourced(const std::string& s) { return s == "opinion" || s == "comment" || s == "question"; }

std::string LabelFor(const std::string& s) {
  if (s == "opinion") return "opinion (unsourced)";
  if (s == "comment") return "reader comment";
  if (s == "question") return "asked, not stated";
  return "";
}

struct Support {
  std::string doc, quote, attributed_to, sourcing;
  double weight = 0;
  // Supports taken from the dossier's evidence are grounded (Answerer::Ground) when they
  // are about to be shown (Answerer::Finish), not before: until then `quote` is the
  // evidence and the attribution the one the evidence was stored with (what grounding
  // gives in all but odd cases), and `weight` is computed from them.
  bool grounded = true;  // else `quote` is the evidence
  std::string given_attributed_to, given_sourcing;  // what Ground() starts from
  enum class Weigh { kEvidence, kSourcing } weigh = Weigh::kSourcing;  // how `weight` follows
  const std::string* place = nullptr;  // kEvidence: the event's place
};

struct Candidate {
  std::string key, text;
  json value;
  std::vector<Support> support;
  std::vector<std::string> keys;  // reasons: content keys for grouping
  double bonus = 0;
  double score = 0;
  std::string label;
  // Add(): where each (doc, quote) of `support` is, by a hash of both (kept in step with it).
  std::unordered_multimap<uint64_t, size_t> support_at;
};

bool IsoDate(const std::string& v) {
  return v.size() >= 4 && std::isdigit(static_cast<unsigned char>(v[0])) &&
         std::isdigit(static_cast<unsigned char>(v[1])) && std::isdigit(static_cast<unsigned char>(v[2])) &&
         std::isdigit(static_cast<unsigned char>(v[3]));
}

std::string CutDate(const std::string& v) {
  // "2020-01-03T08:30" keeps its time; week and fuzzy values stay as they are.
  return v;
}

// DOSSIER_ASK_TIMES=1: the time of each step of answering on stderr (as `dossier ask`
// prints its own steps).
class StepTimer {
 public:
  StepTimer() : on_(std::getenv("DOSSIER_ASK_TIMES") != nullptr), wall_(Clock::now()), cpu_(std::clock()) {}
  void Mark(const char* step) {
    if (!on_) return;
    auto wall = Clock::now();
    std::clock_t cpu = std::clock();
    std::fprintf(stderr, "ask-times   answer/%s %.1f ms (cpu %.1f ms)\n", step,
                 std::chrono::duration<double, std::milli>(wall - wall_).count(),
                 1000.0 * static_cast<double>(cpu - cpu_) / CLOCKS_PER_SEC);
    wall_ = wall;
    cpu_ = cpu;
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool on_;
  Clock::time_point wall_;
  std::clock_t cpu_;
};

class Answerer {
 public:
  Answerer(const Answerer&) = delete;  // facts_ may point into the answerer itself
  Answerer& operator=(const Answerer&) = delete;
  Answerer(const std::string& question, const DossierView& d, const SentenceSearch& search,
           DocumentSource* docs)
      : q_(AnalyzeQuestion(question)), d_(d), search_(search), docs_(docs), index_(d.entities, d.lookup) {
    qe_ = ResolveQuestionEntities(q_, index_);
    families_ = QuestionFamilies(q_);
    std::set<size_t> in_names;
    for (const EntityIndex::Match& m : index_.FindIn(q_.words))
      for (size_t i = m.first; i < m.last; ++i) in_names.insert(i);
    for (size_t i : q_.content)
      if (!in_names.count(i) && !(q_.words[i].capitalized && i > 0)) stems_.push_back(q_.words[i].stem);
    for (size_t i : q_.content)
      if (!in_names.count(i) && q_.words[i].capitalized && i > 0) name_stems_.push_back(q_.words[i].stem);
  }

  json Run();

 private:
  double Relevance(const std::vector<Word>& w, const std::vector<std::string>& keys, int* entities) const;
  // True when `w` has a content word of the question (or a synonym, or a word of its event).
  bool HasWord(const std::vector<Word>& w) const;
  bool Matches(const std::string& st, const Word& x) const;
  // For "did X verb": 1.5 when the sentence names X before the question's verb (X is its
  // doer), 0.7 when it names X only after it, 1 otherwise.
  double SubjectOrder(const std::vector<Word>& w) const;
  // True when one of the two sentences before hit `h` names a question entity (or when
  // the document layers are not at hand).
  bool PronounRefers(const SentenceHit& h) const;
  // How well a name at bytes [start, end) of a sentence with words `w` fits the argument a
  // who-question asks for: next to the question's verb, after "verb by" for its doer.
  double AgentFit(const std::vector<Word>& w, size_t start, size_t end) const;
  std::vector<SentenceHit> Hits(int limit, const std::vector<std::string>& extra = {}) const;
  // The quote as a verified whole sentence of `doc` (the evidence itself when it cannot be
  // placed), with the document's attribution of it; false when it is not in the document.
  bool Ground(const std::string& doc, const std::string& evidence, Support* s);
  // A support of evidence `evidence` in document `doc`, grounded later (see Support); false
  // when grounding would surely fail (no evidence).
  bool Deferred(const std::string& doc, const std::string& evidence, Support* s);
  // Grounds a deferred support and weighs it again; false when its quote is not in its
  // document (the support is then dropped).
  bool GroundDeferred(Support* s);
  // The weight of slot evidence: its relevance to the question (and to the event's place)
  // and its sourcing.
  double EvidenceWeight(const Support& s, const std::string& place);
  void Add(std::vector<Candidate>* c, const std::string& key, const std::string& text, const json& value,
           const Support& s);

  void FromEvents(std::vector<Candidate>* c);
  void FromSearch(std::vector<Candidate>* c);
  void Reasons(std::vector<Candidate>* c);
  void Describe(std::vector<Candidate>* c);
  void EventList(std::vector<Candidate>* c);
  json Finish(std::vector<Candidate> c, bool keep_order);

  std::string SlotName() const;
  // The whole stored event of a match (fetched through the view's lookup when the view
  // holds only its facts); an empty object when it cannot be had.
  const json& Full(const EventFacts& f) const;
  // Full() with, of the slots, only `slot` at least (what FromEvents reads).
  const json& FullSlot(const EventFacts& f, const std::string& slot) const;
  bool EntityOfQuestion(int e) const {
    return std::find(qe_.entities.begin(), qe_.entities.end(), e) != qe_.entities.end();
  }

  Question q_;
  const DossierView& d_;
  const SentenceSearch& search_;
  DocumentSource* docs_;
  EntityIndex index_;
  QuestionEntities qe_;
  std::vector<std::string> stems_;       // content stems that are not names
  std::vector<std::string> name_stems_;  // capitalized words that are no known entity
  std::vector<EventFacts> own_facts_;    // of every event of a whole view (made from its events)
  const std::vector<EventFacts>* facts_ = &own_facts_;  // of every event of the view
  std::vector<EventMatch> events_;
  std::vector<std::string> families_;    // event families the question's words name
  std::string note_;
  std::deque<std::string> places_;       // event places deferred supports point to
  // EvidenceWeight: place -> quote -> relevance.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view v) const { return std::hash<std::string_view>()(v); }
  };
  std::unordered_map<std::string, std::unordered_map<std::string, double, Hash, std::equal_to<>>> relevance_;
  std::unordered_map<std::string, bool> names_question_;  // EventList: sentence -> names a question entity
};

const json& Answerer::FullSlot(const EventFacts& f, const std::string& slot) const {
  static const json kEmpty = json::object();
  if (f.event != nullptr) return *f.event;
  if (d_.lookup != nullptr) {
    const json* e = d_.lookup->EventSlot(f.id, slot);
    if (e != nullptr) return *e;
  }
  return kEmpty;
}

const json& Answerer::Full(const EventFacts& f) const {
  static const json kEmpty = json::object();
  if (f.event != nullptr) return *f.event;
  if (d_.lookup != nullptr) {
    const json* e = d_.lookup->Event(f.id);
    if (e != nullptr) return *e;
  }
  return kEmpty;
}

bool Answerer::Matches(const std::string& st, const Word& x) const {
  if (x.stem == st) return true;
  int g = SynonymGroup(st);
  if (g >= 0 && SynonymGroup(x.stem) == g) return true;
  return WordInFamilies(st, families_) && WordInFamilies(x.stem, families_);
}

double Answerer::SubjectOrder(const std::vector<Word>& w) const {
  if (qe_.subject.empty() || q_.passive || stems_.empty()) return 1.0;
  size_t verb = w.size();
  for (size_t i = 0; i < w.size() && verb == w.size(); ++i)
    for (const std::string& st : stems_)
      if (Matches(st, w[i])) {
        verb = i;
        break;
      }
  if (verb == w.size()) return 1.0;
  std::vector<Word> head(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(verb));
  std::vector<Word> tail(w.begin() + static_cast<std::ptrdiff_t>(verb), w.end());
  std::vector<std::string> hk = WordKeys(head), tk = WordKeys(tail);
  for (int e : qe_.subject) {
    if (index_.Mentions(index_.at(e), head, hk)) return 1.5;
    if (index_.Mentions(index_.at(e), tail, tk)) return 0.7;
  }
  return 1.0;
}

bool Answerer::PronounRefers(const SentenceHit& h) const {
  if (docs_ == nullptr) return true;
  const GroundingText* d = docs_->GetGroundingText(h.doc);
  if (d == nullptr || h.sentence < 0) return false;
  for (int k = h.sentence - 1; k >= 0 && k >= h.sentence - 2; --k) {
    if (static_cast<size_t>(k) >= d->sentences.size()) continue;
    const GroundingText::Sentence& sn = d->sentences[static_cast<size_t>(k)];
    std::vector<Word> w = Words(std::string_view(d->text).substr(sn.start, sn.end - sn.start));
    std::vector<std::string> keys = WordKeys(w);
    for (int e : qe_.entities)
      if (index_.Mentions(index_.at(e), w, keys)) return true;
  }
  return false;
}

bool Answerer::HasWord(const std::vector<Word>& w) const {
  for (const std::string& st : stems_)
    for (const Word& x : w)
      if (Matches(st, x)) return true;
  return false;
}

double Answerer::AgentFit(const std::vector<Word>& w, size_t start, size_t end) const {
  size_t first = w.size(), last = w.size();
  for (size_t i = 0; i < w.size(); ++i) {
    if (w[i].start == start || (w[i].start <= start && start < w[i].end)) first = i;
    if (w[i].end == end || (w[i].start < end && end <= w[i].end)) last = i;
  }
  if (first == w.size() || last == w.size()) return 1.0;
  double best = 0.3;
  for (size_t v = 0; v < w.size(); ++v) {
    bool verb = false;
    for (const std::string& st : stems_) verb = verb || Matches(st, w[v]);
    if (!verb) continue;
    double fit;
    if (first > v) {
      size_t dist = first - v;
      bool by = first >= 1 && w[first - 1].fold == "by" && dist <= 6;
      bool by_near = false;  // "ordered by US President Donald Trump"
      for (size_t k = first; k-- > 0 && k + 4 > first;) by_near = by_near || w[k].fold == "by";
      by = by || (by_near && dist <= 8);
      if (q_.asked_role != ArgRole::kTarget && by) fit = 2.0;
      else if (q_.asked_role == ArgRole::kTarget) fit = 1.5 / (1.0 + 0.15 * dist);
      else fit = 1.0 / (1.0 + 0.15 * dist);
    } else {
      size_t dist = v > last ? v - last : 0;
      fit = (q_.asked_role == ArgRole::kTarget ? 0.8 : 1.5) / (1.0 + 0.15 * dist);
    }
    best = std::max(best, fit);
  }
  return best;
}

double Answerer::Relevance(const std::vector<Word>& w, const std::vector<std::string>& keys,
                           int* entities) const {
  int ents = 0;
  for (int e : qe_.entities)
    if (index_.Mentions(index_.at(e), w, keys)) ++ents;
  double words = 0;
  auto has = [&](const std::string& st) {
    int g = SynonymGroup(st);
    // A verb of the question's event matches any word of its family ("kill" ~ "strike").
    bool trigger = WordInFamilies(st, families_);
    for (const Word& x : w)
      if (x.stem == st || (g >= 0 && SynonymGroup(x.stem) == g) || (trigger && WordInFamilies(x.stem, families_)))
        return true;
    return false;
  };
  for (const std::string& st : stems_) words += has(st) ? 1 : 0;
  for (const std::string& st : name_stems_) words += has(st) ? 1 : 0;
  if (entities) *entities = ents;
  double total = 2.0 * qe_.entities.size() + stems_.size() + name_stems_.size();
  return total <= 0 ? 0 : (2.0 * ents + words) / total;
}

std::vector<SentenceHit> Answerer::Hits(int limit, const std::vector<std::string>& extra) const {
  return search_.Search(SearchTerms(q_, qe_, index_, extra), limit);
}

bool Answerer::Ground(const std::string& doc, const std::string& evidence, Support* s) {
  s->doc = doc;
  s->quote = evidence;
  if (evidence.empty()) return false;
  if (docs_ == nullptr) return true;
  const GroundingText* d = docs_->GetGroundingText(doc);
  if (d == nullptr) return false;
  size_t pos = d->text.find(evidence);
  if (pos == std::string::npos) return false;
  int si = d->SentenceAt(static_cast<uint32_t>(pos));
  if (si >= 0) {
    const GroundingText::Sentence& sn = d->sentences[static_cast<size_t>(si)];
    if (sn.start <= pos && pos + evidence.size() <= sn.end) s->quote = d->text.substr(sn.start, sn.end - sn.start);
    if (sn.sourcing != Sourcing::kAuthor) {
      s->attributed_to = sn.attributed_to;
      s->sourcing = ToString(sn.sourcing);
    }
  }
  if (s->sourcing.empty() || s->sourcing == "author") {
    // The role of the part the quote is in: its sentence's, or (outside every sentence) the
    // document's own reading.
    Role role = Role::kArticle;
    if (d->doc != nullptr) {
      role = d->doc->RoleAt(static_cast<uint32_t>(pos));
    } else if (si >= 0) {
      role = d->sentences[static_cast<size_t>(si)].role;
    } else {
      const Document* whole = docs_->GetForGrounding(doc);
      if (whole != nullptr) role = whole->RoleAt(static_cast<uint32_t>(pos));
    }
    if (role == Role::kComment) s->sourcing = "comment";
    else if (role == Role::kQuestion) s->sourcing = "question";
    else if (role == Role::kAnswer && s->sourcing.empty()) s->sourcing = "answer";
  }
  if (s->sourcing.empty()) s->sourcing = "author";
  return true;
}

bool Answerer::Deferred(const std::string& doc, const std::string& evidence, Support* s) {
  s->doc = doc;
  s->quote = evidence;
  if (evidence.empty()) return false;  // as Ground()
  s->given_attributed_to = s->attributed_to;
  s->given_sourcing = s->sourcing;
  s->grounded = docs_ == nullptr;  // nothing to ground against: Ground() keeps it as it is
  return true;
}

bool Answerer::GroundDeferred(Support* s) {
  Support g;
  g.attributed_to = s->given_attributed_to;
  g.sourcing = s->given_sourcing;
  if (!Ground(s->doc, s->quote, &g)) return false;
  s->quote = g.quote;
  s->attributed_to = g.attributed_to;
  s->sourcing = g.sourcing;
  s->grounded = true;
  s->weight = s->weigh == Support::Weigh::kEvidence && s->place != nullptr ? EvidenceWeight(*s, *s->place)
                                                                             : SourcingWeight(s->sourcing);
  return true;
}

double Answerer::EvidenceWeight(const Support& s, const std::string& place) {
  auto& of_place = relevance_[place];
  auto known = of_place.find(std::string_view(s.quote));
  if (known == of_place.end()) {
    std::vector<Word> w = Words(s.quote);
    int ents = 0;
    double rel = Relevance(w, WordKeys(w), &ents);
    // Evidence that names the event's place fits the event better.
    if (!place.empty()) {
      std::vector<Word> pw = Words(place);
      if (!pw.empty()) {
        bool placed = false;
        for (const Word& x : w) placed = placed || x.stem == pw.front().stem;
        if (placed) rel += 0.2;
      }
    }
    known = of_place.emplace(s.quote, rel).first;
  }
  return (1.0 + known->second) * SourcingWeight(s.sourcing);
}

void Answerer::Add(std::vector<Candidate>* c, const std::string& key, const std::string& text,
                   const json& value, const Support& s) {
  Candidate* cand = nullptr;
  for (Candidate& x : *c)
    if (x.key == key) cand = &x;
  if (cand == nullptr) {
    c->push_back(Candidate{});
    cand = &c->back();
    cand->key = key;
    cand->text = text;
    cand->value = value;
  }
  auto hash = [](const Support& x) {
    uint64_t h = std::hash<std::string_view>()(x.doc);
    return h * 0x9E3779B97F4A7C15ull ^ std::hash<std::string_view>()(x.quote);
  };
  if (cand->support_at.size() != cand->support.size()) {  // supports added elsewhere
    cand->support_at.clear();
    for (size_t i = 0; i < cand->support.size(); ++i) cand->support_at.emplace(hash(cand->support[i]), i);
  }
  const uint64_t h = hash(s);
  auto [first, last] = cand->support_at.equal_range(h);
  for (auto it = first; it != last; ++it) {
    Support& x = cand->support[it->second];
    if (x.doc == s.doc && x.quote == s.quote) {
      x.weight = std::max(x.weight, s.weight);
      return;
    }
  }
  cand->support_at.emplace(h, cand->support.size());
  cand->support.push_back(s);
}

std::string Answerer::SlotName() const {
  switch (q_.type) {
    case AnswerType::kCount: return q_.count_slot.empty() ? "killed" : q_.count_slot;
    case AnswerType::kDate: return "date";
    case AnswerType::kPlace: return "place";
    case AnswerType::kAgent: return q_.asked_role == ArgRole::kTarget ? "target" : "source";
    default: return "";
  }
}

// Answers from the fused events' slots: every value of the slot of the best matching event.
void Answerer::FromEvents(std::vector<Candidate>* c) {
  if (events_.empty()) return;
  std::string slot = SlotName();
  if (slot.empty()) return;
  // Counting something other than people ("how many missiles") is not an event slot.
  if (q_.type == AnswerType::kCount && q_.count_slot.empty() && !q_.count_noun.empty() &&
      q_.count_noun != "people" && q_.count_noun != "persons")
    return;
  const double top = events_.front().score;
  int used = 0;
  for (const EventMatch& m : events_) {
    if (m.score < 0.75 * top || used >= 1) break;
    if (!qe_.entities.empty() && !m.entity) continue;
    // The question's verb must name the event: its family, or its words in the mentions.
    if (families_.empty() || !m.family) continue;
    if (!stems_.empty() && m.words == 0) continue;  // none of the question's words in its mentions
    const json& e = FullSlot(*m.facts, slot);
    static const json kNoSlots = json::object();
    static const json kNone = json::array();
    const json& slots = e.contains("slots") ? e["slots"] : kNoSlots;
    json own;  // the event's own value, when the slot has none
    const json* values_of = slots.contains(slot) ? &slots[slot] : &kNone;
    // For the event's own value: the attribution grounding its mentions will give (the
    // mention's, unless it is the author's).
    std::vector<std::pair<std::string, std::string>> own_attribution;
    if (values_of->empty() && (slot == "date" || slot == "place") && !Str(e.value(slot, json())).empty()) {
      // The event's own value, supported by its mentions.
      const json& whole = e.contains("mentions") ? e : Full(*m.facts);
      json v = {{"value", whole[slot]}, {"docs", json::array()}, {"evidence", json::array()}};
      for (const json& mn : whole.value("mentions", json::array())) {
        v["docs"].push_back(mn.value("doc", ""));
        v["evidence"].push_back(mn.value("text", ""));
        std::string sourcing = mn.value("sourcing", "");
        if (sourcing.empty() || sourcing == "author") own_attribution.emplace_back("", "author");
        else own_attribution.emplace_back(mn.value("attributed_to", ""), sourcing);
      }
      own = *values_of;
      own.push_back(v);
      values_of = &own;
    }
    const json& values = *values_of;
    if (values.empty()) continue;
    ++used;
    places_.push_back(e.value("place", ""));
    const std::string& event_place = places_.back();
    for (const json& v : values) {
      const bool own_value = !own_attribution.empty() && &v == &values.back();
      std::string val = Str(v.value("value", json()));
      if (val.empty()) continue;
      std::string text = val;
      json value = v.value("value", json());
      if (q_.type == AnswerType::kDate) {
        if (!IsoDate(val)) continue;
        value = CutDate(val);
      } else if (q_.type == AnswerType::kAgent) {
        int ent = index_.ByName(val);
        if (ent < 0) continue;
        const std::string& t = index_.at(ent).type;
        if (t != "PERSON" && t != "ORG" && t != "GPE" && t != "NORP") continue;
        if (slot == "target" && t == "GPE") continue;  // "who was killed" asks for people
        if (t == "NORP") continue;                       // "Iranian" names no one
        if (EntityOfQuestion(ent)) continue;
        text = index_.at(ent).name;
        value = text;
      } else if (q_.type == AnswerType::kCount) {
        std::string ql = v.value("qualifier", "");
        std::string qtext = ql == "at_least" ? "at least " : ql == "more_than" ? "more than "
                          : ql == "about" ? "about " : ql == "at_most" ? "at most " : "";
        text = qtext + val + " " + slot;
      }
      auto member = [&](const char* key) -> const json& { return v.contains(key) ? v[key] : kNone; };
      static const json kNull;
      const json& evidence = member("evidence");
      const json& edocs = v.contains("evidence_docs") ? v["evidence_docs"] : kNull;
      const json& docs = member("docs");
      const json& attr = member("attributed_to");
      const json& srcg = member("sourcing");
      const std::string key = (q_.type == AnswerType::kCount ? "n:" : "v:") + FoldName(Str(value));
      std::vector<std::string> cands;
      for (size_t i = 0; i < evidence.size(); ++i) {
        std::string doc;
        if (edocs.is_array() && i < edocs.size()) doc = Str(edocs[i]);
        else if (docs.size() == evidence.size()) doc = Str(docs[i]);
        cands.clear();
        if (!doc.empty()) cands.push_back(std::move(doc));
        else for (const json& dd : docs) cands.push_back(Str(dd));
        for (const std::string& dc : cands) {
          Support s;
          if (attr.is_array() && i < attr.size()) s.attributed_to = Str(attr[i]);
          if (srcg.is_array() && i < srcg.size()) s.sourcing = Str(srcg[i]);
          if (cands.size() == 1) {
            // Grounded when shown (Finish); weighed meanwhile as grounding would.
            if (!Deferred(dc, Str(evidence[i]), &s)) continue;
            if (own_value && !s.grounded && i < own_attribution.size())
              std::tie(s.attributed_to, s.sourcing) = own_attribution[i];
            s.weigh = Support::Weigh::kEvidence;
            s.place = &event_place;
          } else if (!Ground(dc, Str(evidence[i]), &s)) {  // the first document that has it
            continue;
          }
          s.weight = EvidenceWeight(s, event_place);
          Add(c, key, text, value, s);
          break;
        }
      }
    }
    for (Candidate& x : *c) x.bonus = std::max(x.bonus, 0.5);
  }
}

// Answers read from the layers of the documents whose sentences the search finds.
void Answerer::FromSearch(std::vector<Candidate>* c) {
  if (docs_ == nullptr) return;
  std::vector<std::string> families = QuestionFamilies(q_);
  std::vector<SentenceHit> hits = Hits(80);
  for (const SentenceHit& h : hits) {
    std::vector<Word> w = Words(h.text);
    std::vector<std::string> keys = WordKeys(w);
    int ents = 0;
    double rel = Relevance(w, keys, &ents);
    if (!qe_.entities.empty() && ents == 0) continue;
    if (!stems_.empty() && !HasWord(w)) continue;
    if (rel < 0.34) continue;
    // The layers read below: the sentence's event mentions always, their arguments' entity
    // mentions and the sentence's names for who/where, its time expressions for when.
    unsigned layers = DocumentSource::kEvents;
    if (q_.type == AnswerType::kAgent || q_.type == AnswerType::kPlace) layers |= DocumentSource::kEntities;
    if (q_.type == AnswerType::kDate) layers |= DocumentSource::kTimexes;
    const Document* d = docs_->GetLayers(h.doc, layers, h.sentence);
    if (d == nullptr || h.sentence < 0 || h.sentence >= static_cast<int>(d->sentences.size())) continue;
    Span span = d->sentences[static_cast<size_t>(h.sentence)].span;
    if (d->Text(span) != h.text) continue;
    Support base;
    if (!Ground(h.doc, h.text, &base)) continue;
    base.weight = 0.7 * rel * SourcingWeight(base.sourcing) * SubjectOrder(w);
    auto add_entity = [&](const std::string& surface, double factor) {
      int ent = index_.ByName(surface);
      std::string name = ent >= 0 ? index_.at(ent).name : surface;
      if (ent >= 0 && EntityOfQuestion(ent)) return;
      std::vector<Word> sw = Words(surface);
      for (int qe : qe_.entities)
        if (index_.Mentions(index_.at(qe), sw, WordKeys(sw))) return;
      Support s = base;
      s.weight *= factor;
      Add(c, "v:" + FoldName(name), name, name, s);
    };
    // Event mentions of the sentence with the question's family.
    bool coded = false;
    for (const EventMention& ev : d->events) {
      if (ev.sentence != h.sentence) continue;
      std::string fam = FamilyOf(ev.cameo);
      bool fits = std::find(families.begin(), families.end(), fam) != families.end();
      if (q_.type == AnswerType::kCount) fits = !q_.count_slot.empty();  // the count is the match
      if (!fits) continue;
      if (q_.type == AnswerType::kAgent) {
        const auto& args = q_.asked_role == ArgRole::kTarget ? ev.target : ev.source;
        for (const EventArg& a : args) {
          if (a.mention < 0 || a.mention >= static_cast<int>(d->entities.size())) continue;
          add_entity(std::string(d->Text(d->entities[static_cast<size_t>(a.mention)].span)), 1.0);
          coded = true;
        }
      } else if (q_.type == AnswerType::kCount && !q_.count_slot.empty()) {
        for (const Count& n : ev.counts) {
          if (n.slot != SlotName()) continue;
          std::string ql = n.qualifier;
          std::string qtext = ql == "at_least" ? "at least " : ql == "more_than" ? "more than " : "";
          Support s = base;
          Add(c, "n:" + std::to_string(n.value), qtext + std::to_string(n.value) + " " + n.slot, n.value, s);
          coded = true;
        }
      } else if (q_.type == AnswerType::kDate && !ev.date.empty() && IsoDate(ev.date)) {
        Add(c, "v:" + ev.date, ev.date, ev.date, base);
        coded = true;
      } else if (q_.type == AnswerType::kPlace && ev.place.mention >= 0 &&
                 ev.place.mention < static_cast<int>(d->entities.size())) {
        add_entity(std::string(d->Text(d->entities[static_cast<size_t>(ev.place.mention)].span)), 1.0);
        coded = true;
      }
    }
    if (coded) continue;
    // Otherwise the sentence's own layers, at a lower weight.
    if (q_.type == AnswerType::kDate) {
      for (const Timex& t : d->timexes)
        if (span.Contains(t.span) && (t.type == TimexType::kDate || t.type == TimexType::kTime) &&
            IsoDate(t.value)) {
          Support s = base;
          s.weight *= 0.8;
          Add(c, "v:" + t.value, t.value, t.value, s);
        }
    } else if (q_.type == AnswerType::kPlace || q_.type == AnswerType::kAgent) {
      for (const EntityMention& m : d->entities) {
        if (!span.Contains(m.span)) continue;
        bool place = m.type == EntityType::kGpe || m.type == EntityType::kLoc || m.type == EntityType::kFac;
        bool agent = m.type == EntityType::kPerson || m.type == EntityType::kOrg ||
                     m.type == EntityType::kGpe || m.type == EntityType::kNorp;
        if (q_.type == AnswerType::kPlace ? !place : !agent) continue;
        // Prefer a person for who-questions, a place after "in", "at", "near".
        double factor = 0.5;
        std::string before(d->text.substr(span.start, m.span.start - span.start));
        std::vector<Word> bw = Words(before);
        std::string prev = bw.empty() ? "" : bw.back().fold;
        if (q_.type == AnswerType::kPlace && (prev == "in" || prev == "at" || prev == "near" || prev == "to"))
          factor = 0.8;
        if (q_.type == AnswerType::kAgent) {
          if (m.type == EntityType::kPerson) factor = 0.7;
          if (m.type == EntityType::kNorp) factor = 0.15;  // "Iranian" names no one
          if (m.type == EntityType::kGpe && q_.asked_role == ArgRole::kTarget) factor = 0.15;
          factor *= AgentFit(w, m.span.start - span.start, m.span.end - span.start);
        }
        add_entity(std::string(d->Text(m.span)), factor);
      }
    } else if (q_.type == AnswerType::kCount && !q_.count_noun.empty()) {
      std::string noun = Stem(q_.count_noun);
      for (size_t i = 0; i < w.size(); ++i) {
        long long n = events::NumberValue(w[i].fold);
        if (n < 0) continue;
        for (size_t k = i + 1; k < w.size() && k <= i + 3; ++k)
          if (w[k].stem == noun) {
            std::string qual;
            if (i >= 2 && w[i - 2].fold == "more" && w[i - 1].fold == "than") qual = "more than ";
            if (i >= 2 && w[i - 2].fold == "at" && w[i - 1].fold == "least") qual = "at least ";
            Add(c, "n:" + std::to_string(n), qual + std::to_string(n) + " " + q_.count_noun, n, base);
            break;
          }
      }
    }
  }
}

// Why-questions: reason clauses of sentences about the question's entity and event.
void Answerer::Reasons(std::vector<Candidate>* c) {
  std::vector<SentenceHit> hits = Hits(300, ReasonSearchWords(q_.presence));
  std::vector<std::string> name_words;  // the question's names do not make reasons alike
  for (int e : qe_.entities)
    for (const std::string& n : index_.at(e).names)
      for (const Word& x : Words(n)) name_words.push_back(x.stem);
  for (const Word& x : q_.words)
    if (x.capitalized) name_words.push_back(x.stem);
  // Nor do the question's own verbs: every answer to "why did X kill Y" speaks of killing.
  for (const std::string& st : stems_) {
    name_words.push_back(st);
    for (const std::string& syn : SynonymWords(SynonymGroup(st))) name_words.push_back(Stem(FoldName(syn)));
  }
  std::vector<std::string> families = QuestionFamilies(q_);
  std::vector<Candidate> clauses;
  for (const SentenceHit& h : hits) {
    if (h.role == Role::kQuestion) continue;  // a question asks, it does not give reasons
    std::vector<ReasonClause> rc = FindReasonClauses(h.text, q_.presence);
    if (rc.empty()) continue;
    std::vector<Word> w = Words(h.text);
    std::vector<std::string> keys = WordKeys(w);
    int ents = 0;
    double rel = Relevance(w, keys, &ents);
    bool pronoun = false;
    for (const Word& x : w)
      pronoun = pronoun || x.fold == "he" || x.fold == "his" || x.fold == "him" || x.fold == "she" ||
                x.fold == "her" || x.fold == "they" || x.fold == "their" || x.fold == "it" || x.fold == "its";
    if (!qe_.entities.empty() && ents == 0) {
      // "He was due to meet...": the pronoun must follow a sentence that names the entity.
      if (!pronoun || !PronounRefers(h)) continue;
      rel = std::max(rel, 0.5) * 0.8;
    }
    if (rel <= 0) continue;
    Support s;
    s.attributed_to = h.attributed_to;
    s.sourcing = ToString(h.sourcing);
    if (h.role == Role::kComment) s.sourcing = "comment";
    if (!Ground(h.doc, h.text, &s)) continue;
    // One answer per sentence: the clause from its first cue to the end; the strongest
    // cue of the sentence sets the weight.
    // For "why did X do Y", a purpose counts when it is the action's ("the strike was aimed
    // at"), not some other purpose of the sentence ("his trip was intended to").
    auto near_event = [&](size_t cue_start) {
      size_t seen = 0;
      for (size_t i = w.size(); i-- > 0;) {
        if (w[i].start >= cue_start) continue;
        if (++seen > 4) break;
        if (WordInFamilies(w[i].stem, families)) return true;
        int g = -1;
        for (const std::string& st : stems_)
          if (w[i].stem == st || ((g = SynonymGroup(st)) >= 0 && SynonymGroup(w[i].stem) == g)) return true;
      }
      return false;
    };
    // "X did Z in retaliation for the strike": the question's event is what Z answers,
    // not something done for a reason.
    auto event_follows = [&](const ReasonClause& r) {
      size_t seen = 0;
      for (const Word& x : w) {
        if (x.start < r.start + r.cue.size() || x.start >= r.end) continue;
        if (++seen > 4) break;
        if (WordInFamilies(x.stem, families)) return true;
        for (const std::string& st : stems_)
          if (Matches(st, x)) return true;
      }
      return false;
    };
    // The question's actor ("why did Iran ...") named before the cue.
    auto subject_before = [&](size_t cue_start) {
      if (qe_.subject.empty()) return false;
      std::vector<Word> head;
      for (const Word& x : w)
        if (x.start < cue_start) head.push_back(x);
      std::vector<std::string> hk = WordKeys(head);
      for (int e : qe_.subject)
        if (index_.Mentions(index_.at(e), head, hk)) return true;
      return false;
    };
    double weight = 0;
    for (const ReasonClause& r : rc) {
      double f = 1.0;
      if (!q_.presence && r.kind == "purpose" && !near_event(r.start)) f = 0.45;
      bool reaction = r.cue == "in retaliation for" || r.cue == "in retaliation" || r.cue == "in response to" ||
                      r.cue == "in revenge for" || r.cue == "as punishment for";
      if (!q_.presence && reaction && event_follows(r) && !subject_before(r.start)) f = 0.3;
      weight = std::max(weight, r.weight * f);
    }
    const ReasonClause& first = rc.front();
    std::string clause = h.text.substr(first.start, first.end - first.start);
    // A short clause reads better with its subject: "Al Hamdawi was in Qasr Amin for one of
    // those meetings".
    if (Words(clause).size() < 6 && first.start < 120) clause = h.text.substr(0, first.end);
    s.weight = weight * (0.5 + rel) * SourcingWeight(s.sourcing);
    Candidate cand;
    cand.key = clause;
    cand.text = clause;
    cand.value = clause;
    cand.keys = ClauseKeys(clause, name_words);
    cand.support.push_back(s);
    clauses.push_back(std::move(cand));
  }
  // Best clauses first; each joins the first group it overlaps enough.
  std::stable_sort(clauses.begin(), clauses.end(), [](const Candidate& a, const Candidate& b) {
    return a.support[0].weight > b.support[0].weight;
  });
  for (Candidate& cl : clauses) {
    Candidate* group = nullptr;
    for (Candidate& g : *c)
      if (ClauseOverlap(g.keys, cl.keys) >= 0.5) {
        group = &g;
        break;
      }
    if (group == nullptr) {
      c->push_back(std::move(cl));
      continue;
    }
    // Groups keep the keys of their first (best) clause: no chaining of near-misses.
    bool dup = false;
    for (const Support& x : group->support) dup = dup || (x.doc == cl.support[0].doc && x.quote == cl.support[0].quote);
    if (!dup) group->support.push_back(cl.support[0]);
  }
}

// Who/what is X: the entity's titles and roles, each with a sentence that gives it.
void Answerer::Describe(std::vector<Candidate>* c) {
  if (qe_.entities.empty()) return;
  const EntityRef& e = index_.at(qe_.entities.front());
  std::vector<SentenceHit> hits = Hits(120);
  for (const std::string& title : e.titles) {
    std::string ft = FoldName(title);
    if (ft.size() < 3) continue;
    for (const SentenceHit& h : hits) {
      if (FoldName(h.text).find(ft) == std::string::npos) continue;
      std::vector<Word> w = Words(h.text);
      if (!index_.Mentions(e, w, WordKeys(w))) continue;
      Support s;
      s.attributed_to = h.attributed_to;
      s.sourcing = ToString(h.sourcing);
      if (!Ground(h.doc, h.text, &s)) continue;
      s.weight = SourcingWeight(s.sourcing);
      Add(c, "t:" + ft, e.name + ": " + title, title, s);
      for (Candidate& x : *c)
        if (x.key == "t:" + ft) x.bonus = 0.25 * std::min<size_t>(Words(title).size(), 8);
    }
    if (c->size() >= 6) break;
  }
  if (!c->empty()) return;
  // No titles: the sentences that say what the entity is.
  for (const SentenceHit& h : hits) {
    std::vector<Word> w = Words(h.text);
    if (!index_.Mentions(e, w, WordKeys(w))) continue;
    bool copula = false;
    for (const Word& x : w) copula = copula || x.fold == "is" || x.fold == "was";
    if (!copula) continue;
    Support s;
    s.attributed_to = h.attributed_to;
    s.sourcing = ToString(h.sourcing);
    if (!Ground(h.doc, h.text, &s)) continue;
    s.weight = SourcingWeight(s.sourcing);
    Add(c, "s:" + h.text, h.text, h.text, s);
    if (c->size() >= 5) break;
  }
}

// What happened: timeline entries about the question's entities, after/before its event.
void Answerer::EventList(std::vector<Candidate>* c) {
  std::unordered_map<std::string, const EventFacts*> by_id;
  for (const EventFacts& f : *facts_) by_id[f.id] = &f;
  std::string pivot;
  if (!q_.relation.empty() && !events_.empty()) pivot = events_.front().facts->date;
  auto calendar = [](const std::string& v) {  // "2020", "2020-01", "2020-01-03"
    if (!IsoDate(v)) return false;
    for (size_t i = 4; i < v.size() && i < 10; ++i)
      if (!(std::isdigit(static_cast<unsigned char>(v[i])) || v[i] == '-')) return false;
    return true;
  };
  if (!pivot.empty() && !calendar(pivot)) pivot.clear();
  std::set<std::string> seen;
  for (const json& t : d_.timeline) {
    std::string date = t.value("date", "");
    if (!seen.insert(t.value("summary", "")).second) continue;
    if (!pivot.empty()) {
      if (!calendar(date)) continue;
      std::string a = date.substr(0, std::min(date.size(), pivot.size()));
      if (q_.relation == "after" && !(a > pivot.substr(0, a.size()))) continue;
      if (q_.relation == "before" && !(a < pivot.substr(0, a.size()))) continue;
    }
    // A bounded view fetches the events of its timeline entries (their mentions are all
    // that is read here).
    const json* found = nullptr;
    auto it = by_id.find(t.value("event", ""));
    if (it != by_id.end() && it->second->event != nullptr) found = it->second->event;
    else if (d_.lookup != nullptr) found = d_.lookup->EventMentions(t.value("event", ""));
    if (found == nullptr) continue;
    const json& e = *found;
    // With "after"/"before", the question's entities name the pivot event, not the answers.
    bool open = qe_.entities.empty() || !pivot.empty();
    bool about = open;
    std::vector<const json*> mentions;
    static const json kNone = json::array();
    const json& all = e.contains("mentions") && e["mentions"].is_array() ? e["mentions"] : kNone;
    for (const json& mn : all) {
      bool names = open;
      if (!names) {
        // Mentions repeat their sentences: each is read once.
        std::string text = mn.value("text", "");
        auto known = names_question_.find(text);
        if (known == names_question_.end()) {
          std::vector<Word> w = Words(text);
          std::vector<std::string> keys = WordKeys(w);
          bool any = false;
          for (int qe : qe_.entities) any = any || index_.Mentions(index_.at(qe), w, keys);
          known = names_question_.emplace(std::move(text), any).first;
        }
        names = known->second;
      }
      if (names) {
        about = true;
        mentions.push_back(&mn);
      }
    }
    if (!about) continue;
    for (const json* mn : mentions) {
      Support s;
      s.attributed_to = mn->value("attributed_to", "");
      s.sourcing = mn->value("sourcing", "");
      // Grounded when shown (Finish).
      if (!Deferred(mn->value("doc", ""), mn->value("text", ""), &s)) continue;
      s.weight = SourcingWeight(s.sourcing);
      Add(c, "e:" + t.value("event", "") + date, date + ": " + t.value("summary", ""), date, s);
    }
  }
}

json Answerer::Finish(std::vector<Candidate> c, bool keep_order) {
  // Who-questions: a name the matched event gives in the other role is not the answer
  // ("who ordered the strike" is not answered by its target).
  std::set<std::string> other_role;
  if (q_.type == AnswerType::kAgent && !events_.empty() && events_.front().family) {
    const EventFacts& f = *events_.front().facts;
    for (const std::string& n : q_.asked_role == ArgRole::kTarget ? f.source : f.target)
      other_role.insert("v:" + FoldName(n));
  }
  const size_t max_answers = q_.type == AnswerType::kEvents || q_.type == AnswerType::kReason ? 12 : 8;
  const size_t max_quotes = 6;
  // Supports in the order they were added; each pass ranks the answers and their supports,
  // and grounds the deferred supports that would be shown (their weight may change, or they
  // may go), until every support shown is grounded.
  auto by_weight = [](const std::vector<Support>& sup) {
    std::vector<size_t> order(sup.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return sup[a].weight > sup[b].weight; });
    return order;
  };
  std::vector<size_t> shown;  // answers, best first
  for (bool changed = true; changed;) {
    changed = false;
    for (Candidate& x : c) {
      std::map<std::string, double> per_doc;
      for (const Support& s : x.support) per_doc[s.doc] = std::max(per_doc[s.doc], s.weight);
      x.score = x.bonus;
      for (const auto& [doc, w] : per_doc) x.score += w;
      if (other_role.count(x.key)) x.score *= 0.3;
      bool low = !x.support.empty();
      std::string kind;
      for (const Support& s : x.support) {
        low = low && Unsourced(s.sourcing);
        if (kind.empty()) kind = s.sourcing;
      }
      x.label = low ? LabelFor(kind) : "";
    }
    shown.clear();
    for (size_t i = 0; i < c.size(); ++i)
      if (!c[i].support.empty()) shown.push_back(i);
    if (!keep_order)
      std::stable_sort(shown.begin(), shown.end(), [&](size_t i, size_t j) {
        const Candidate& a = c[i];
        const Candidate& b = c[j];
        bool la = !a.label.empty(), lb = !b.label.empty();
        if (la != lb) return lb;
        return a.score > b.score;
      });
    if (shown.size() > max_answers) shown.resize(max_answers);
    for (size_t i : shown) {
      Candidate& x = c[i];
      std::vector<bool> gone(x.support.size(), false);
      bool dropped = false;
      size_t quoted = 0;
      for (size_t k : by_weight(x.support)) {
        if (quoted >= max_quotes) break;
        Support& s = x.support[k];
        if (!s.grounded) {
          const double weight = s.weight;
          if (!GroundDeferred(&s)) {
            gone[k] = true;
            dropped = changed = true;
            continue;
          }
          if (s.weight != weight) changed = true;
        }
        ++quoted;
      }
      if (dropped) {
        std::vector<Support> kept;
        for (size_t k = 0; k < x.support.size(); ++k)
          if (!gone[k]) kept.push_back(std::move(x.support[k]));
        x.support = std::move(kept);
        x.support_at.clear();
      }
    }
  }
  std::vector<Candidate> ranked;
  for (size_t i : shown) {
    Candidate& x = c[i];
    std::vector<Support> sorted;
    for (size_t k : by_weight(x.support)) sorted.push_back(std::move(x.support[k]));
    x.support = std::move(sorted);
    ranked.push_back(std::move(x));
  }
  c = std::move(ranked);

  json answers = json::array();
  bool contradict = q_.type == AnswerType::kCount || q_.type == AnswerType::kDate;
  for (const Candidate& x : c) {
    json support = json::array();
    std::set<std::string> docs;
    size_t n = 0;
    for (const Support& s : x.support) {
      docs.insert(s.doc);
      if (++n > 6) continue;
      auto nm = d_.names.find(s.doc);
      std::string outlet = nm != d_.names.end() ? nm->second : d_.lookup != nullptr ? d_.lookup->DocName(s.doc) : "";
      support.push_back({{"doc", s.doc},
                         {"quote", s.quote},
                         {"attributed_to", s.attributed_to},
                         {"sourcing", s.sourcing},
                         {"outlet", outlet}});
    }
    json a = {{"text", x.text}, {"value", x.value}, {"support", support},
              {"sources_count", docs.size()}, {"score", std::round(x.score * 1000) / 1000}};
    if (!x.label.empty()) a["label"] = x.label;
    if (contradict && c.size() > 1) {
      json others = json::array();
      for (const Candidate& y : c)
        if (&y != &x) others.push_back(y.value);
      a["contradicted_by"] = others;
    }
    answers.push_back(a);
  }
  json out = {{"question", q_.text}, {"type", ToString(q_.type)}, {"answers", answers}};
  json ents = json::array();
  for (int e : qe_.entities) ents.push_back(index_.at(e).name);
  out["entities"] = ents;
  if (!events_.empty() && q_.type != AnswerType::kReason && q_.type != AnswerType::kDescription)
    out["event"] = events_.front().facts->id;
  if (answers.empty()) {
    out["note"] = "Nothing in the dossier answers this question.";
  } else if (!note_.empty()) {
    out["note"] = note_;
  }
  return out;
}

json Answerer::Run() {
  StepTimer t;
  if (qe_.assumed && !qe_.entities.empty())
    note_ = "The pronoun is taken to mean " + index_.at(qe_.entities.back()).name +
            ", the person the dossier mentions most.";
  if (d_.events.is_array() && !d_.events.empty()) {
    own_facts_.reserve(d_.events.size());
    for (const json& e : d_.events) own_facts_.push_back(FactsOf(e));
  } else {
    facts_ = &d_.event_facts;  // a bounded view's, read in place
  }
  events_ = MatchEvents(q_, qe_, index_, *facts_);
  t.Mark("match");
  std::vector<Candidate> c;
  switch (q_.type) {
    case AnswerType::kReason:
      Reasons(&c);
      t.Mark("reasons");
      break;
    case AnswerType::kDescription:
      Describe(&c);
      t.Mark("describe");
      break;
    case AnswerType::kEvents:
      EventList(&c);
      t.Mark("events");
      break;
    default:
      FromEvents(&c);
      t.Mark("slots");
      FromSearch(&c);
      t.Mark("search");
      break;
  }
  json out = Finish(std::move(c), false);
  t.Mark("finish");
  return out;
}

}  // namespace

std::vector<std::string> SearchTerms(const Question& q, const QuestionEntities& qe, const EntityIndex& index,
                                     const std::vector<std::string>& extra) {
  std::vector<std::string> terms;
  auto add = [&](const std::string& t) {
    bool caps = std::none_of(t.begin(), t.end(), [](char ch) { return std::islower(static_cast<unsigned char>(ch)); });
    if (t.size() < 2 || (!caps && IsStopword(FoldName(t)))) return;
    if (std::find(terms.begin(), terms.end(), t) == terms.end()) terms.push_back(t);
  };
  for (int e : qe.entities) {
    const EntityRef& r = index.at(e);
    size_t n = 0;
    for (const std::string& name : r.names) {
      if (++n > 6) break;
      for (const Word& w : Words(name))
        if (w.fold != "al" && w.fold.size() > 1) add(w.text);
    }
  }
  for (size_t i : q.content) {
    add(q.words[i].text);
    int g = SynonymGroup(q.words[i].stem);
    for (const std::string& s : SynonymWords(g)) add(s);
  }
  for (const std::string& t : extra) add(t);
  return terms;
}

bool PlanSearch(const Question& q, const QuestionEntities& qe, const EntityIndex& index, PlannedSearch* out) {
  // As Answerer::Run calls Hits(): Reasons, Describe (with an entity) and FromSearch.
  switch (q.type) {
    case AnswerType::kReason:
      out->limit = 300;
      out->terms = SearchTerms(q, qe, index, ReasonSearchWords(q.presence));
      return true;
    case AnswerType::kDescription:
      if (qe.entities.empty()) return false;
      out->limit = 120;
      out->terms = SearchTerms(q, qe, index, {});
      return true;
    case AnswerType::kEvents:
      return false;
    default:
      out->limit = 80;
      out->terms = SearchTerms(q, qe, index, {});
      return true;
  }
}

int GroundingText::SentenceAt(uint32_t offset) const {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), offset,
                             [](uint32_t off, const Sentence& s) { return off < s.start; });
  if (it == sentences.begin()) return -1;
  --it;
  return offset < it->end ? static_cast<int>(it - sentences.begin()) : -1;
}

GroundingText GroundingText::Of(const Document& d) {
  GroundingText g;
  g.text = d.text;
  g.doc = &d;
  g.sentences.resize(d.sentences.size());
  for (size_t i = 0; i < d.sentences.size(); ++i) {
    g.sentences[i].start = d.sentences[i].span.start;
    g.sentences[i].end = d.sentences[i].span.end;
    g.sentences[i].role = d.RoleAt(d.sentences[i].span.start);
  }
  // Each sentence's first attribution that is not the author's.
  std::vector<bool> set(d.sentences.size(), false);
  for (const Attribution& a : d.attributions) {
    if (a.sentence < 0 || static_cast<size_t>(a.sentence) >= g.sentences.size()) continue;
    if (a.sourcing == Sourcing::kAuthor || set[static_cast<size_t>(a.sentence)]) continue;
    set[static_cast<size_t>(a.sentence)] = true;
    g.sentences[static_cast<size_t>(a.sentence)].attributed_to = a.source;
    g.sentences[static_cast<size_t>(a.sentence)].sourcing = a.sourcing;
  }
  return g;
}

const GroundingText* DocumentSource::GetGroundingText(const std::string& id) {
  auto it = grounding_.find(id);
  if (it != grounding_.end()) return it->second.get();
  std::unique_ptr<GroundingText> g;
  if (const Document* d = GetForGrounding(id)) g = std::make_unique<GroundingText>(GroundingText::Of(*d));
  return grounding_.emplace(id, std::move(g)).first->second.get();
}

json AnswerQuestion(const std::string& question, const DossierView& dossier, const SentenceSearch& search,
                    DocumentSource* docs) {
  Answerer a(question, dossier, search, docs);
  return a.Run();
}

std::string RenderAnswerText(const json& answer) {
  std::ostringstream out;
  out << "Q: " << answer.value("question", "") << "  (" << answer.value("type", "") << ")\n";
  const json answers = answer.value("answers", json::array());
  if (answers.empty()) out << "  " << answer.value("note", "No answer.") << "\n";
  int i = 0;
  for (const json& a : answers) {
    std::set<std::string> outlets;
    std::vector<std::string> order;
    for (const json& s : a.value("support", json::array())) {
      std::string o = s.value("outlet", "");
      if (o.empty()) o = s.value("doc", "");
      if (outlets.insert(o).second) order.push_back(o);
    }
    std::string srcs;
    for (const std::string& o : order) srcs += (srcs.empty() ? "" : ", ") + o;
    out << "\n" << ++i << ". " << a.value("text", "");
    if (a.contains("label")) out << "  [" << a.value("label", "") << "]";
    out << "\n   " << a.value("sources_count", 0) << " source" << (a.value("sources_count", 0) == 1 ? "" : "s")
        << ": " << srcs << "\n";
    if (a.contains("contradicted_by")) {
      std::string o;
      for (const json& v : a["contradicted_by"]) o += (o.empty() ? "" : ", ") + Str(v);
      out << "   contradicted by: " << o << "\n";
    }
    for (const json& s : a.value("support", json::array())) {
      std::string who = s.value("attributed_to", "");
      std::string kind = s.value("sourcing", "");
      std::string o = s.value("outlet", "");
      out << "   > \"" << s.value("quote", "") << "\"\n     — " << (o.empty() ? s.value("doc", "") : o);
      if (!who.empty()) out << ", attributed to " << who;
      if (!kind.empty()) out << " (" << kind << ")";
      out << "\n";
    }
  }
  if (!answers.empty() && answer.contains("note")) out << "\nNote: " << answer.value("note", "") << "\n";
  return out.str();
}

}  // namespace ask
}  // namespace dossier
