#include "fusion/assemble.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstdio>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "fusion/places.h"
#include "fusion/vocab.h"
#include "fusion/words.h"

namespace dossier {
namespace fusion {

namespace {

const EventRecord& RecordOf(const std::vector<EventRecord>& records, const std::vector<MentionFeatures>& features,
                            int fi) {
  return records[static_cast<size_t>(features[static_cast<size_t>(fi)].record)];
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string StripThe(const std::string& s) {
  std::string t = Squash(s);
  if (t.rfind("the ", 0) == 0 || t.rfind("The ", 0) == 0) t = t.substr(4);
  return t;
}

// Accumulates the values of one slot.
class SlotBuilder {
 public:
  explicit SlotBuilder(std::string name) { slot_.name = std::move(name); }

  void Add(const std::string& key, const std::string& display, const EventRecord& r, const std::string& evidence,
           bool hedged, bool numeric = false, const std::string& qualifier = "", int64_t high = 0) {
    if (key.empty()) return;
    auto it = index_.find(key);
    size_t i;
    if (it == index_.end()) {
      i = slot_.values.size();
      index_.emplace(key, i);
      SlotValue v;
      v.value = display;
      v.numeric = numeric;
      v.qualifier = qualifier;
      v.high = high;
      v.hedged = true;
      slot_.values.push_back(std::move(v));
      firm_.push_back(0);
    } else {
      i = it->second;
    }
    SlotValue& v = slot_.values[i];
    if (!hedged) firm_[i]++;
    if (std::find(v.docs.begin(), v.docs.end(), r.doc) == v.docs.end()) v.docs.push_back(r.doc);
    std::string ev = Squash(evidence);
    for (size_t k = 0; k < v.evidence.size(); ++k)
      if (v.evidence_docs[k] == r.doc && v.evidence[k] == ev) return;
    v.evidence.push_back(ev);
    v.evidence_docs.push_back(r.doc);
    v.attributed_to.push_back(r.attributed_to);
    v.sourcing.push_back(r.sourcing);
  }

  bool empty() const { return slot_.values.empty(); }

  Slot Finish() {
    for (size_t i = 0; i < slot_.values.size(); ++i) {
      slot_.values[i].hedged = firm_[i] == 0;
      std::sort(slot_.values[i].docs.begin(), slot_.values[i].docs.end());
    }
    std::stable_sort(slot_.values.begin(), slot_.values.end(), [](const SlotValue& a, const SlotValue& b) {
      if (a.docs.size() != b.docs.size()) return a.docs.size() > b.docs.size();
      if (a.numeric && b.numeric) {
        long long x = std::atoll(a.value.c_str()), y = std::atoll(b.value.c_str());
        if (x != y) return x > y;
        return a.qualifier < b.qualifier;
      }
      return a.value < b.value;
    });
    return std::move(slot_);
  }

 private:
  Slot slot_;
  std::map<std::string, size_t> index_;
  std::vector<int> firm_;
};

// Picks the value with the most documents (ties: `better`, then the smaller value).
template <typename Better>
std::string Vote(const std::map<std::string, std::set<std::string>>& docs_by_value, Better better) {
  std::string best;
  size_t best_n = 0;
  for (const auto& [value, docs] : docs_by_value) {
    if (value.empty()) continue;
    if (best.empty() || docs.size() > best_n || (docs.size() == best_n && better(value, best))) {
      best = value;
      best_n = docs.size();
    }
  }
  return best;
}

bool Hedged(const EventRecord& r) { return r.mention.modality == Modality::kHedged; }

std::string ActorName(const EventArg& arg, int id, const Resolution& entities) {
  if (id >= 0 && static_cast<size_t>(id) < entities.entities.size() &&
      !entities.entities[static_cast<size_t>(id)].name.empty())
    return entities.entities[static_cast<size_t>(id)].name;
  return StripThe(arg.text);
}

std::string ActorKey(const EventArg& arg, int id) {
  if (id >= 0) return "e" + std::to_string(id);
  std::string k = Key(arg.text);
  return k.empty() ? k : "t" + k;
}

void AddActors(SlotBuilder* slot, std::map<std::string, std::set<std::string>>* support,
               std::map<std::string, std::string>* names, const std::vector<EventArg>& args,
               const std::vector<int>& ids, const EventRecord& r, const Resolution& entities) {
  for (size_t i = 0; i < args.size(); ++i) {
    int id = i < ids.size() ? ids[i] : -1;
    std::string key = ActorKey(args[i], id);
    if (key.empty()) continue;
    std::string name = ActorName(args[i], id, entities);
    slot->Add(key, name, r, r.sentence, Hedged(r));
    (*support)[key].insert(r.doc);
    names->emplace(key, name);
  }
}

std::vector<std::string> RankedNames(const std::map<std::string, std::set<std::string>>& support,
                                     const std::map<std::string, std::string>& names) {
  // Resolved entities when there are any: a stray phrase ("mourning ceremony") is no actor.
  bool any_entity = false;
  for (const auto& [key, docs] : support) any_entity = any_entity || key[0] == 'e';
  std::vector<std::pair<std::string, size_t>> v;
  for (const auto& [key, docs] : support)
    if (!any_entity || key[0] == 'e') v.emplace_back(key, docs.size());
  std::stable_sort(v.begin(), v.end(), [&](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    return names.at(a.first) < names.at(b.first);
  });
  std::vector<std::string> out;
  for (const auto& [key, n] : v) {
    const std::string& name = names.at(key);
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

const char* ModalityName(Modality m) { return ToString(m); }

}  // namespace

Event AssembleEvent(const std::vector<EventRecord>& records, const std::vector<MentionFeatures>& features,
                    const MentionCluster& cluster, const Resolution& entities) {
  Event e;
  std::vector<int> members = cluster.members;
  std::sort(members.begin(), members.end(), [&](int a, int b) {
    const EventRecord& x = RecordOf(records, features, a);
    const EventRecord& y = RecordOf(records, features, b);
    if (x.doc != y.doc) return x.doc < y.doc;
    return x.index < y.index;
  });
  const MentionFeatures& seed = features[static_cast<size_t>(cluster.members.front())];
  const EventRecord& seed_r = records[static_cast<size_t>(seed.record)];
  e.family = seed.family;
  e.real = seed.group == "real";
  e.id = "V" + Hex(Hash64(seed_r.doc + "#" + std::to_string(seed_r.index) + "#" + seed.group + "#" + seed.family +
                          "#" + seed_r.mention.cameo + "#" + seed_r.sentence),
                   12);
  e.merge_reasons = cluster.reasons;
  e.near_misses = cluster.near_misses;

  std::map<std::string, std::set<std::string>> cameo, plover, mode, modality;
  e.mentions.reserve(members.size());
  for (int fi : members) {
    const EventRecord& r = RecordOf(records, features, fi);
    e.mentions.push_back(r);
    // Members are in document order: a document's mentions are consecutive.
    if (e.docs.empty() || e.docs.back() != r.doc) e.docs.push_back(r.doc);
    cameo[r.mention.cameo].insert(r.doc);
    plover[r.mention.plover].insert(r.doc);
    mode[r.mention.mode].insert(r.doc);
    modality[ModalityName(r.mention.modality)].insert(r.doc);
  }
  std::sort(e.docs.begin(), e.docs.end());
  auto longer = [](const std::string& a, const std::string& b) { return a.size() > b.size(); };
  e.cameo = Vote(cameo, longer);
  e.plover = Vote(plover, longer);
  e.mode = Vote(mode, longer);
  if (e.real)
    e.modality = modality.count("asserted") ? "asserted" : "hedged";
  else
    e.modality = Vote(modality, longer);

  // ---- date: the best basis present decides; values vote by documents, a coarser value
  // counting half for the finer values it contains.
  DateBasis top = DateBasis::kNone;
  for (int fi : members) top = std::max(top, features[static_cast<size_t>(fi)].basis);
  SlotBuilder date_slot("date");
  if (top >= DateBasis::kContext) {
    std::map<std::string, std::set<std::string>> by_value;
    std::map<std::string, DayInterval> interval;
    for (int fi : members) {
      const MentionFeatures& m = features[static_cast<size_t>(fi)];
      if (m.basis != top) continue;
      const EventRecord& r = RecordOf(records, features, fi);
      by_value[m.date.value].insert(r.doc);
      interval[m.date.value] = m.date;
      date_slot.Add(m.date.value, m.date.value, r, r.sentence, Hedged(r));
    }
    double best_score = -1;
    for (const auto& [value, docs] : by_value) {
      const DayInterval& iv = interval[value];
      double s = static_cast<double>(docs.size());
      for (const auto& [other, odocs] : by_value)
        if (other != value && Contains(interval[other], iv)) s += 0.5 * static_cast<double>(odocs.size());
      const DayInterval* cur = e.date.empty() ? nullptr : &interval[e.date];
      bool better = s > best_score ||
                    (s == best_score && cur != nullptr &&
                     (iv.Width() < cur->Width() || (iv.Width() == cur->Width() && iv.lo < cur->lo)));
      if (better) {
        best_score = s;
        e.date = value;
      }
    }
    e.precision = interval[e.date].precision;
    e.date_basis = ToString(top);
  } else if (top == DateBasis::kPublished) {
    // Only document dates: the event happened on or before its first report.
    for (int fi : members) {
      const MentionFeatures& m = features[static_cast<size_t>(fi)];
      if (!m.published.valid()) continue;
      if (e.date.empty() || m.published.value < e.date) e.date = m.published.value;
    }
    if (!e.date.empty()) {
      e.precision = ParseDate(e.date).precision;
      e.date_basis = "published";
    }
  }

  // ---- place
  SlotBuilder place_slot("place");
  std::map<std::string, std::set<std::string>> place_docs;
  std::map<std::string, PlaceInfo> place_info;
  std::map<std::string, std::map<std::string, int>> place_surface;
  for (int fi : members) {
    const MentionFeatures& m = features[static_cast<size_t>(fi)];
    if (m.place().empty()) continue;
    const EventRecord& r = RecordOf(records, features, fi);
    std::string surface = StripThe(r.mention.place.text);
    place_slot.Add(m.place().key, surface, r, r.sentence, Hedged(r) || !m.place().alternatives.empty());
    place_docs[m.place().key].insert(r.doc);
    place_info.emplace(m.place().key, m.place());
    place_surface[m.place().key][surface]++;
  }
  {
    double best = -1;
    std::string best_key;
    for (const auto& [key, docs] : place_docs) {
      double s = static_cast<double>(docs.size());
      for (const auto& [other, odocs] : place_docs) {
        if (other == key) continue;
        PlaceRelation rel = ComparePlaces(place_info[key], place_info[other]);
        if (rel == PlaceRelation::kNarrower || rel == PlaceRelation::kSame) s += 0.5 * static_cast<double>(odocs.size());
      }
      const PlaceInfo& p = place_info[key];
      bool better = s > best;
      if (!better && s == best) {
        const PlaceInfo& q = place_info[best_key];
        better = p.known.size() > q.known.size() ||
                 (p.known.size() == q.known.size() && p.words.size() > q.words.size());
      }
      if (better) {
        best = s;
        best_key = key;
      }
    }
    if (!best_key.empty()) {
      std::string surface;
      int n = -1;
      for (const auto& [s, c] : place_surface[best_key])
        if (c > n) {
          surface = s;
          n = c;
        }
      const PlaceInfo& p = place_info[best_key];
      if (p.Anchor().empty()) {
        // "the airport": name the known place another report gives.
        for (const auto& [key, docs] : place_docs) {
          const PlaceInfo& q = place_info[key];
          if (!q.Anchor().empty() && ComparePlaces(p, q) != PlaceRelation::kDifferent) {
            surface += ", " + q.Anchor();
            break;
          }
        }
      } else {
        // Name the country when the text does not: "Baghdad International Airport, Iraq".
        std::vector<std::string> anc = PlaceAncestors(p.Anchor());
        if (!anc.empty() && PlaceAncestors(anc[0]).size() == 1 && !MentionsName(surface, anc[0]) &&
            anc.size() >= 2)
          surface += ", " + anc[0];
      }
      e.place = surface;
    }
  }

  // ---- actors, instrument, counts
  SlotBuilder source_slot("source"), target_slot("target"), instrument_slot("instrument");
  std::map<std::string, std::set<std::string>> source_support, target_support;
  std::map<std::string, std::string> source_names, target_names;
  std::map<std::string, SlotBuilder> counts;
  for (int fi : members) {
    const EventRecord& r = RecordOf(records, features, fi);
    const EventMention& em = r.mention;
    AddActors(&source_slot, &source_support, &source_names, em.source, r.source_entities, r, entities);
    AddActors(&target_slot, &target_support, &target_names, em.target, r.target_entities, r, entities);
    if (!Key(em.instrument.text).empty())
      instrument_slot.Add(Key(em.instrument.text), StripThe(em.instrument.text), r, r.sentence, Hedged(r));
    else if (!em.mode.empty() && !InstrumentClass(em.mode).empty())
      instrument_slot.Add(Key(em.mode), em.mode, r, r.sentence, Hedged(r));
    for (const Count& c : em.counts) {
      std::string slot = Lower(c.slot);
      if (slot.empty()) continue;
      auto it = counts.find(slot);
      if (it == counts.end()) it = counts.emplace(slot, SlotBuilder(slot)).first;
      int64_t high = c.high > c.value ? c.high : c.value;
      std::string key = std::to_string(c.value) + "|" + std::to_string(high) + "|" + c.qualifier;
      it->second.Add(key, std::to_string(c.value), r, r.sentence, Hedged(r), true, c.qualifier, high);
    }
  }
  e.source = RankedNames(source_support, source_names);
  e.target = RankedNames(target_support, target_names);

  auto push = [&](SlotBuilder& b) {
    if (!b.empty()) e.slots.push_back(b.Finish());
  };
  push(date_slot);
  push(place_slot);
  push(source_slot);
  push(target_slot);
  push(instrument_slot);
  for (const char* first : {"killed", "injured"}) {
    auto it = counts.find(first);
    if (it != counts.end()) push(it->second);
  }
  for (auto& [name, b] : counts)
    if (name != "killed" && name != "injured") push(b);
  return e;
}

// ---------------------------------------------------------------- conflicts

namespace {

// Count values as intervals: "at least 7" is [7, inf).
struct Bounds {
  int64_t lo = 0, hi = 0;
};

Bounds CountBounds(const SlotValue& v) {
  int64_t n = std::atoll(v.value.c_str());
  int64_t high = v.high > n ? v.high : n;
  const int64_t kInf = INT64_MAX / 4;
  const std::string& q = v.qualifier;
  if (q == "at_least") return {n, kInf};
  if (q == "more_than" || q == "over") return {n + 1, kInf};
  if (q == "at_most" || q == "up_to") return {0, high};
  if (q == "less_than" || q == "fewer_than") return {0, n > 0 ? n - 1 : 0};
  if (q == "about" || q == "approximately" || q == "nearly" || q == "around") {
    int64_t slack = std::max<int64_t>(1, n / 5);
    return {n - slack, high + slack};
  }
  return {n, high};
}

bool SameNumber(const SlotValue& a, const SlotValue& b) {
  int64_t ha = std::max<int64_t>(a.high, std::atoll(a.value.c_str()));
  int64_t hb = std::max<int64_t>(b.high, std::atoll(b.value.c_str()));
  return a.value == b.value && ha == hb;
}

// True if document `a` was published strictly before document `b`.
bool PublishedBefore(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return false;
  DayInterval x = ParseDate(a), y = ParseDate(b);
  if (!x.valid() || !y.valid()) return false;
  if (x.lo != y.lo) return x.hi < y.lo;
  if (a.size() > 10 && b.size() > 10) return a < b;
  return false;
}

// True if every document that reports `older` only was published before every document
// that reports `newer` only.
bool Later(const SlotValue& older, const SlotValue& newer, const std::map<std::string, std::string>& published) {
  std::vector<std::string> da, db;
  for (const auto& d : older.docs)
    if (std::find(newer.docs.begin(), newer.docs.end(), d) == newer.docs.end()) da.push_back(d);
  for (const auto& d : newer.docs)
    if (std::find(older.docs.begin(), older.docs.end(), d) == older.docs.end()) db.push_back(d);
  if (da.empty() || db.empty()) return false;
  for (const auto& x : da)
    for (const auto& y : db) {
      auto px = published.find(x), py = published.find(y);
      if (px == published.end() || py == published.end() || !PublishedBefore(px->second, py->second)) return false;
    }
  return true;
}

std::string Short(const std::string& doc, const std::map<std::string, std::string>& outlet) {
  auto it = outlet.find(doc);
  if (it != outlet.end() && !it->second.empty()) return it->second;
  return doc.substr(0, std::min<size_t>(doc.size(), 12));
}

std::string Describe(const SlotValue& v, const std::map<std::string, std::string>& outlet) {
  std::string s;
  if (v.qualifier == "at_least") s = "at least ";
  else if (v.qualifier == "more_than") s = "more than ";
  else if (v.qualifier == "at_most") s = "at most ";
  else if (v.qualifier == "about") s = "about ";
  s += v.value;
  if (v.numeric && v.high > std::atoll(v.value.c_str())) s += "-" + std::to_string(v.high);
  s += " (";
  for (size_t i = 0; i < v.docs.size(); ++i) {
    if (i) s += ", ";
    s += Short(v.docs[i], outlet);
  }
  s += ")";
  return s;
}

enum class PairKind { kNone, kUncertain, kUpdate, kDispute };

// True if some document reports `a` but not `b`.
bool OwnDoc(const SlotValue& a, const SlotValue& b) {
  for (const auto& d : a.docs)
    if (std::find(b.docs.begin(), b.docs.end(), d) == b.docs.end()) return true;
  return false;
}

}  // namespace

std::vector<Conflict> FindConflicts(const Event& event, const Resolution& entities) {
  std::vector<Conflict> out;
  if (!event.real) return out;
  std::map<std::string, std::string> published, outlet;
  // The distinct sentences (copies of one wire story are one), each split into words once,
  // when first asked of.
  std::vector<std::string_view> sentences;
  {
    std::set<std::string_view> distinct;
    for (const auto& r : event.mentions) {
      published.emplace(r.doc, r.published);
      outlet.emplace(r.doc, r.outlet);
      if (distinct.insert(r.sentence).second) sentences.push_back(r.sentence);
    }
  }
  std::vector<std::vector<std::string>> sentence_words(sentences.size());
  std::vector<char> split(sentences.size(), 0);
  auto sentence_names = [&](size_t k, const std::string& name) {
    if (!split[k]) {
      sentence_words[k] = Words(sentences[k]);
      split[k] = 1;
    }
    return MentionsName(sentences[k], sentence_words[k], name);
  };
  std::set<std::string> source_entities;
  for (const auto& r : event.mentions)
    for (size_t i = 0; i < r.mention.source.size() && i < r.source_entities.size(); ++i) {
      int id = r.source_entities[i];
      if (id >= 0 && static_cast<size_t>(id) < entities.entities.size())
        source_entities.insert(entities.entities[static_cast<size_t>(id)].name);
    }
  // Text-dated values only: a date inferred from context or the page date is no claim.
  std::set<std::string> text_dates;
  for (const auto& r : event.mentions)
    if (!r.timex_value.empty() || r.mention.timex >= 0) text_dates.insert(r.mention.date.empty() ? r.timex_value : r.mention.date);

  for (const Slot& slot : event.slots) {
    const std::vector<SlotValue>& vals = slot.values;
    if (vals.size() < 2) continue;
    bool is_count = vals.front().numeric;
    if (slot.name == "target") continue;  // one strike, many victims: not a contradiction
    if (slot.name == "date" && event.date_basis != "text") continue;
    PairKind kind = PairKind::kNone;
    bool any_pair = false;
    const SlotValue* main_date = nullptr;
    for (const auto& v : vals)
      if (slot.name == "date" && v.value == event.date) main_date = &v;
    std::string why;
    for (size_t i = 0; i < vals.size(); ++i) {
      for (size_t j = i + 1; j < vals.size(); ++j) {
        const SlotValue& a = vals[i];
        const SlotValue& b = vals[j];
        // A contradiction is between reports: some document must give one value and not
        // the other, both ways (a document that gives both tells of a change itself).
        if (!OwnDoc(a, b) || !OwnDoc(b, a)) continue;
        // A date given only by documents that also give the event's date is most likely
        // the date of something else in their sentence ("said on Sunday that the strike").
        if (slot.name == "date" && main_date != nullptr &&
            ((&a != main_date && !OwnDoc(a, *main_date)) || (&b != main_date && !OwnDoc(b, *main_date))))
          continue;
        bool compatible = true;
        bool counts_differ = false;
        bool rising_ab = true, rising_ba = true;  // for counts: which way a rise goes
        if (is_count) {
          if (SameNumber(a, b)) continue;
          counts_differ = true;
          Bounds x = CountBounds(a), y = CountBounds(b);
          compatible = !(x.hi < y.lo || y.hi < x.lo);
          int64_t na = std::atoll(a.value.c_str()), nb = std::atoll(b.value.c_str());
          rising_ab = nb > na;
          rising_ba = na > nb;
        } else if (slot.name == "date") {
          if (!text_dates.count(a.value) || !text_dates.count(b.value)) continue;
          compatible = Gap(ParseDate(a.value), ParseDate(b.value)) == 0;
        } else if (slot.name == "place") {
          PlaceInfo pa = AnalyzePlace(a.value), pb = AnalyzePlace(b.value);
          PlaceRelation rel = ComparePlaces(pa, pb);
          if (rel == PlaceRelation::kUnknown) {
            bool shared = false;
            for (const auto& w : pa.words) shared = shared || std::find(pb.words.begin(), pb.words.end(), w) != pb.words.end();
            compatible = shared || !(pa.proper && pb.proper);
          } else {
            compatible = Compatible(rel);
          }
        } else if (slot.name == "instrument") {
          compatible = InstrumentsCompatible(InstrumentClass(a.value), InstrumentClass(b.value));
        } else if (slot.name == "source") {
          // Only resolved actors can contradict; a stray phrase is no claim of who did it.
          if (!source_entities.count(a.value) || !source_entities.count(b.value)) continue;
          // Actors that one sentence names together, or one inside the other's name or titles
          // ("US President Donald Trump" and "US"), do not contradict each other.
          compatible = MentionsName(a.value, b.value) || MentionsName(b.value, a.value);
          for (size_t k = 0; !compatible && k < sentences.size(); ++k)
            compatible = sentence_names(k, a.value) && sentence_names(k, b.value);
          // The entities so named (found by name, not by scanning every entity: this runs
          // for every event of a corpus).
          for (const std::string* named : {&a.value, &b.value}) {
            const std::string& other = named == &a.value ? b.value : a.value;
            std::set<int> seen;
            for (EntityType type : {EntityType::kPerson, EntityType::kOrg, EntityType::kGpe, EntityType::kNorp}) {
              int ei = entities.EntityOf(type, *named);
              if (compatible || ei < 0 || !seen.insert(ei).second) continue;
              const Entity& ent = entities.entities[static_cast<size_t>(ei)];
              if (ent.name != *named) continue;
              for (const auto& t : ent.titles) compatible = compatible || MentionsName(t, other);
            }
          }
        } else {
          if (a.value != b.value) compatible = false;
        }
        if (compatible && !counts_differ) continue;
        any_pair = true;
        PairKind pk;
        if (compatible) {
          pk = PairKind::kUncertain;
        } else if (a.hedged || b.hedged) {
          pk = PairKind::kUncertain;
        } else if ((Later(a, b, published) && (!is_count || rising_ab)) ||
                   (Later(b, a, published) && (!is_count || rising_ba))) {
          pk = PairKind::kUpdate;
        } else {
          pk = PairKind::kDispute;
        }
        kind = std::max(kind, pk);
      }
    }
    if (!any_pair) continue;
    Conflict c;
    c.event = event.id;
    c.slot = slot.name;
    c.kind = kind == PairKind::kDispute ? "dispute" : kind == PairKind::kUpdate ? "update" : "uncertainty";
    c.values = vals;
    std::string note = slot.name + ": ";
    for (size_t i = 0; i < vals.size(); ++i) {
      if (i) note += " vs ";
      note += Describe(vals[i], outlet);
    }
    if (kind == PairKind::kUpdate)
      note += is_count ? "; later reports give higher numbers" : "; later reports give a new value";
    else if (kind == PairKind::kUncertain)
      note += "; bounded or hedged values that may agree";
    else
      note += "; sources disagree";
    c.note = note;
    out.push_back(std::move(c));
  }
  return out;
}

// ---------------------------------------------------------------- summary

namespace {

// Words that open a new clause after a comma ("..., prompting US airstrikes", "..., which
// reacted by"): the places where a sentence may be cut. A comma before a name or "and" is
// more often a list and is kept.
bool OpensClause(std::string_view sentence, size_t pos) {
  static const std::set<std::string> kOpeners = {
      "which", "who", "whose", "where", "when", "while", "prompting", "killing", "leaving", "wounding",
      "injuring", "according", "said", "says", "saying", "adding", "after", "before", "as", "but",
      "although", "though", "amid", "despite", "including", "in", "on", "at", "officials", "sources",
      "reports", "reported", "claiming", "blaming", "sparking", "triggering", "causing", "marking",
      "following", "then", "because", "since", "with", "he", "she", "they", "it"};
  size_t end = pos;
  while (end < sentence.size() && ((sentence[end] >= 'a' && sentence[end] <= 'z'))) ++end;
  if (end == pos) return false;
  return kOpeners.count(std::string(sentence.substr(pos, end - pos))) > 0;
}

size_t WordCount(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool sp = c == ' ';
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

}  // namespace

std::string TrimToTerms(const std::string& sentence, const std::vector<std::string>& terms) {
  // Segments between clause separators.
  struct Seg {
    size_t start, end;
  };
  std::vector<Seg> segs;
  size_t start = 0;
  for (size_t i = 0; i < sentence.size(); ++i) {
    size_t sep = 0;
    if ((sentence[i] == ',' || sentence[i] == ';' || sentence[i] == ':') && i + 1 < sentence.size() &&
        sentence[i + 1] == ' ') {
      // Cut after a short opening phrase ("On December 27,") or before a clause opener.
      bool intro = segs.empty() && WordCount(std::string_view(sentence).substr(start, i - start)) <= 5;
      bool opener = OpensClause(sentence, i + 2);
      bool digit = i + 2 < sentence.size() && sentence[i + 2] >= '0' && sentence[i + 2] <= '9';
      if (sentence[i] == ';' || ((intro || opener) && !digit)) sep = 2;
    } else if (sentence.compare(i, 5, " \xE2\x80\x94 ") == 0) {
      sep = 5;
    } else if (sentence.compare(i, 3, " - ") == 0) {
      sep = 3;
    }
    if (sep == 0) continue;
    segs.push_back({start, i});
    start = i + sep;
    i += sep - 1;
  }
  segs.push_back({start, sentence.size()});
  std::string lower = Lower(sentence);
  size_t lo = segs.size(), hi = 0;
  for (const auto& t : terms) {
    std::string lt = Lower(Squash(t));
    if (lt.size() < 2) continue;
    size_t pos = lower.find(lt);
    if (pos == std::string::npos) continue;
    size_t end = pos + lt.size();
    for (size_t k = 0; k < segs.size(); ++k) {
      if (pos < segs[k].end + 1 && pos >= segs[k].start) lo = std::min(lo, k);
      if (end <= segs[k].end + 1 && end > segs[k].start) hi = std::max(hi, k);
    }
  }
  std::string text;
  if (lo > hi) {
    text = sentence;
  } else {
    while (segs[hi].end - segs[lo].start < 40 && (lo > 0 || hi + 1 < segs.size())) {
      if (hi + 1 < segs.size())
        ++hi;
      else
        --lo;
    }
    text = sentence.substr(segs[lo].start, segs[hi].end - segs[lo].start);
  }
  text = Squash(text);
  // No leading bullets or dashes.
  while (!text.empty()) {
    if (text.compare(0, 3, "\xE2\x80\xA2") == 0) {
      text = Squash(text.substr(3));
    } else if (text[0] == '-' || text[0] == '*' || text[0] == ' ') {
      text = text.substr(1);
    } else {
      break;
    }
  }
  while (!text.empty() && (text.back() == ',' || text.back() == ';' || text.back() == ':' || text.back() == ' '))
    text.pop_back();
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  const size_t kMax = 220;
  if (text.size() > kMax) {
    size_t cut = text.rfind(' ', kMax - 20);
    if (cut == std::string::npos) cut = kMax - 20;
    text = text.substr(0, cut) + " \xE2\x80\xA6";
  }
  return text;
}

namespace {

// The part of SummaryUsable() that reads only the text and the trigger.
bool TextUsable(const std::string& text, const std::string& trigger_text) {
  std::string t = Squash(text);
  while (!t.empty() && (t.back() == ' ' || t.back() == '"' || t.back() == '\'')) t.pop_back();
  if (!t.empty() && t.back() == '?') return false;
  std::vector<std::string> w = Words(Lower(t));
  if (w.empty()) return false;
  static const char* kQuestionStarts[] = {"is", "are", "was", "were", "why", "how", "what", "who", "does", "did", "do"};
  for (const char* q : kQuestionStarts)
    if (w[0] == q && t.find('?') != std::string::npos) return false;
  for (const auto& x : w)
    if (x == "denied" || x == "denies" || x == "deny" || x == "denying" || x == "could" || x == "might")
      return false;
  // A dateline ("March 3, 2023 4:47 PM GMT") names no event.
  static const char* kDateWords[] = {"january", "february", "march", "april", "may", "june", "july", "august",
                                     "september", "october", "november", "december", "am", "pm", "gmt", "utc",
                                     "updated", "published"};
  bool dateline = true;
  for (const auto& x : w) {
    bool date_word = !x.empty() && x.find_first_not_of("0123456789:") == std::string::npos;
    for (const char* d : kDateWords) date_word = date_word || x == d;
    dateline = dateline && date_word;
  }
  if (dateline) return false;
  // The trigger itself must be in the text: a dateline alone is no summary.
  if (!trigger_text.empty() && Lower(t).find(Lower(trigger_text)) == std::string::npos) return false;
  return true;
}

bool RecordUsable(const EventRecord& r) {
  if (r.sourcing == Sourcing::kQuestion || r.sourcing == Sourcing::kComment) return false;
  return r.mention.modality == Modality::kAsserted || r.mention.modality == Modality::kHedged;
}

}  // namespace

bool SummaryUsable(const EventRecord& r, const std::string& text) {
  return RecordUsable(r) && TextUsable(text, r.trigger_text);
}

std::string Summarize(const Event& event, const std::vector<MentionFeatures>& features,
                      const MentionCluster& cluster, const std::vector<EventRecord>& records,
                      const Resolution& entities) {
  // Words that name the event's main targets: full names and surnames.
  std::vector<std::string> target_words;
  for (size_t i = 0; i < event.target.size() && i < 3; ++i) {
    target_words.push_back(event.target[i]);
    std::vector<std::string> w = Words(event.target[i]);
    if (w.size() > 1 && w.back().size() >= 4) target_words.push_back(w.back());
  }
  std::string best;
  double best_score = -1e9;
  std::string best_key;
  // What the candidate text of a mention earns, which depends only on its text and terms:
  // copies of one sentence (wire copy, repeats) are read once per event.
  struct TextFacts {
    bool skip = false;  // no text
    std::string text;
    bool names_target = false, has_trigger = false, has_timex = false, usable = false;
  };
  std::unordered_map<std::string, TextFacts> seen;
  std::string memo_key;
  for (int fi : cluster.members) {
    const MentionFeatures& m = features[static_cast<size_t>(fi)];
    const EventRecord& r = records[static_cast<size_t>(m.record)];
    std::string_view base = r.sentence;
    const Span& sp = r.mention.span;
    if (r.sentence_start >= 0 && sp.start >= r.sentence_start &&
        sp.end <= r.sentence_start + static_cast<int64_t>(r.sentence.size()) && sp.size() >= 30)
      base = base.substr(static_cast<size_t>(sp.start - r.sentence_start), sp.size());
    const std::string* target_text = nullptr;
    for (const auto& t : r.mention.target)
      if (!t.text.empty()) {
        target_text = &t.text;
        break;
      }
    memo_key.assign(base).append("\x1f").append(r.trigger_text).append("\x1f").append(r.timex_text);
    memo_key.append("\x1f").append(target_text ? *target_text : "");
    auto [it, fresh] = seen.try_emplace(memo_key);
    TextFacts& f = it->second;
    if (fresh) {
      if (Squash(base).empty()) {
        f.skip = true;
      } else {
        std::vector<std::string> terms;
        if (!r.trigger_text.empty()) terms.push_back(r.trigger_text);
        if (!r.timex_text.empty()) terms.push_back(r.timex_text);
        if (target_text) terms.push_back(*target_text);
        f.text = TrimToTerms(std::string(base), terms);
        std::string lower = Lower(f.text);
        for (const auto& w : target_words) f.names_target = f.names_target || MentionsName(f.text, w);
        f.has_trigger = !r.trigger_text.empty() && lower.find(Lower(r.trigger_text)) != std::string::npos;
        f.has_timex = !r.timex_text.empty() && lower.find(Lower(r.timex_text)) != std::string::npos;
        f.usable = TextUsable(f.text, r.trigger_text);
      }
    }
    if (f.skip) continue;
    const std::string& text = f.text;
    double s = 0;
    if (f.names_target) s += 4;
    if (f.has_trigger) s += 1;
    if (m.basis == DateBasis::kText) s += 1;
    // The sentence that states the date itself is the event's own report, not a follow-up.
    if (f.has_timex) s += 1;
    if (r.sourcing == Sourcing::kAuthor || r.sourcing == Sourcing::kNamed) s += 0.3;
    if (r.mention.modality == Modality::kHedged) s -= 0.5;
    // Not a report of the event: a question, a denial, a possibility, a bare dateline.
    if (!RecordUsable(r) || !f.usable) s -= 20;
    size_t len = DisplayWidth(text);
    if (len < 30) s -= 2;
    if (len > 140) s -= static_cast<double>(len - 140) / 40.0;
    std::string key = r.doc + "#" + std::to_string(r.index);
    if (s > best_score || (s == best_score && (text.size() < best.size() ||
                                               (text.size() == best.size() && key < best_key)))) {
      best_score = s;
      best = text;
      best_key = key;
    }
  }
  if (!best.empty()) return best;
  // No evidence text: "<source> <event> <target> in <place>".
  std::string s = event.source.empty() ? "" : event.source.front() + " ";
  s += event.family;
  if (!event.target.empty()) s += " " + event.target.front();
  if (!event.place.empty()) s += " in " + event.place;
  return s;
}

}  // namespace fusion
}  // namespace dossier
