#include "fusion/cluster.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <future>
#include <unordered_map>

#include "fusion/vocab.h"
#include "fusion/words.h"

namespace dossier {
namespace fusion {

namespace {

// How deep each block is scanned (most recent clusters first): bounds the work per mention.
constexpr size_t kBlockDepth = 32;
// Score a mention needs to join a cluster (an identity anchor is needed too).
constexpr double kJoinScore = 3.0;
// Score needed when the only anchor is a weak one.
constexpr double kWeakJoinScore = 4.5;
// Scores from here up that do not join are kept as near-misses.
constexpr double kNearMissScore = 1.5;
constexpr size_t kMaxNearMisses = 20;
constexpr size_t kMaxNames = 24;
constexpr size_t kMaxDates = 16;
constexpr size_t kMaxPlaces = 8;
constexpr size_t kMaxDocs = 64;

bool IsNamedType(EntityType t) {
  return t == EntityType::kPerson || t == EntityType::kOrg || t == EntityType::kFac;
}

// Key of the last word of a capitalised name of at least four letters, else 0.
uint64_t SurnameKey(const std::string& name) {
  size_t end = name.size();
  while (end > 0 && (name[end - 1] == ' ' || name[end - 1] == '.')) --end;
  size_t start = name.rfind(' ', end == 0 ? 0 : end - 1);
  start = start == std::string::npos ? 0 : start + 1;
  if (start >= end || !(name[start] >= 'A' && name[start] <= 'Z')) return 0;
  std::vector<std::string> w = Words(name.substr(start, end - start));
  if (w.size() != 1 || w[0].size() < 4) return 0;
  return (1ull << 62) | (Hash64("surname:" + w[0]) >> 3);
}

// Surname keys of resolved people carry this bit: two resolved people who share a surname
// are different people (resolution said so), so their surnames must not meet.
constexpr uint64_t kResolvedSurname = 1ull << 61;

std::vector<Actor> Actors(const std::vector<EventArg>& args, const std::vector<int>& ids,
                          const Resolution& entities) {
  std::vector<Actor> out;
  for (size_t i = 0; i < args.size() || i < ids.size(); ++i) {
    Actor a;
    int id = i < ids.size() ? ids[i] : -1;
    if (id >= 0) {
      a.entity = id;
      a.key = static_cast<uint64_t>(id);
      if (static_cast<size_t>(id) < entities.entities.size()) {
        a.name = entities.entities[static_cast<size_t>(id)].name;
        a.named = IsNamedType(entities.entities[static_cast<size_t>(id)].type);
      } else {
        a.named = true;
      }
      if (a.name.empty() && i < args.size()) a.name = Squash(args[i].text);
    } else {
      if (i >= args.size()) continue;
      std::string k = Key(args[i].text);
      if (k.empty()) continue;
      a.key = (1ull << 63) | Hash64(k);
      a.name = Squash(args[i].text);
    }
    bool person = a.entity < 0 || (static_cast<size_t>(a.entity) < entities.entities.size() &&
                                   entities.entities[static_cast<size_t>(a.entity)].type == EntityType::kPerson);
    a.surname = person ? SurnameKey(a.name) : 0;
    if (a.surname != 0 && a.entity >= 0) a.surname |= kResolvedSurname;
    bool dup = false;
    for (const auto& b : out) dup = dup || b.key == a.key;
    if (!dup) out.push_back(std::move(a));
  }
  return out;
}

struct DatedBasis {
  DayInterval date;
  DateBasis basis;
};

struct NameWords {
  std::string name;
  uint64_t hash = 0;        // NgramHash of its words; 0 for short names checked as written
};

constexpr size_t kMaxNgram = 4;

uint64_t NgramHash(const std::vector<std::string>& words, size_t from, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = from; i < from + n; ++i) {
    h ^= Hash64(words[i]);
    h *= 1099511628211ull;
  }
  return h | 1;
}

// Hashes of every word sequence of up to kMaxNgram words of a sentence, sorted.
std::vector<uint64_t> SentenceNgrams(std::string_view sentence) {
  std::vector<std::string> w = Words(sentence);
  std::vector<uint64_t> out;
  for (size_t i = 0; i < w.size(); ++i)
    for (size_t n = 1; n <= kMaxNgram && i + n <= w.size(); ++n) out.push_back(NgramHash(w, i, n));
  std::sort(out.begin(), out.end());
  return out;
}

NameWords MakeName(const std::string& name) {
  NameWords n;
  n.name = name;
  std::vector<std::string> w = Words(name);
  if (Key(name).size() > 3 && !w.empty() && w.size() <= kMaxNgram) n.hash = NgramHash(w, 0, w.size());
  return n;
}

// The running state of one cluster.
struct State {
  std::string group, family;
  std::vector<int> members;
  std::vector<uint64_t> targets;
  bool has_named_target = false;
  std::vector<NameWords> target_names;
  std::vector<uint64_t> sources;
  bool has_named_source = false;
  std::vector<DatedBasis> dates;           // context and text dates, distinct
  int32_t min_fallback_pub = INT_MAX;      // earliest publication of undated members
  std::vector<const PlaceInfo*> places;    // the members' own (features outlive clustering)
  std::vector<std::string> instruments;
  std::vector<std::string_view> docs;      // documents of the members (first kMaxDocs), the
                                           // records' own (records outlive clustering)
  std::vector<std::string> reasons;
  std::vector<std::string> near_misses;
};

struct Decision {
  double score = 0;
  bool veto = false;
  bool anchor = false;      // strong evidence of identity: a shared named target, or the
                            // same day and place
  bool weak_anchor = false; // weaker: a shared unnamed target, the target named in the
                            // sentence, a follow-up sentence of the same document
  bool explain = false;     // build `why` (only for decisions that are kept)
  std::string why;
  // Adds `s` to the score; the reason is the concatenation of `parts`.
  template <typename... Parts>
  void Add(double s, const Parts&... parts) {
    score += s;
    if (!explain) return;
    char buf[32];
    std::snprintf(buf, sizeof buf, " (%+.1f)", s);
    if (!why.empty()) why += "; ";
    ((why += parts), ...);
    why += buf;
  }
  template <typename... Parts>
  void Veto(const Parts&... parts) {
    veto = true;
    if (!explain) return;
    if (!why.empty()) why += "; ";
    why += "VETO ";
    ((why += parts), ...);
  }
};

// A country or a world region: too wide to tell events apart.
bool IsWide(const PlaceInfo& p) {
  if (p.Anchor().empty()) return false;
  return Key(p.Anchor()) == p.key && PlaceAncestors(p.Anchor()).size() <= 1;
}

bool HasKey(const std::vector<uint64_t>& v, uint64_t k) { return std::find(v.begin(), v.end(), k) != v.end(); }

bool SentenceNames(const std::vector<uint64_t>& ngrams, std::string_view sentence, const NameWords& n) {
  if (n.hash == 0) return MentionsName(sentence, n.name);
  return std::binary_search(ngrams.begin(), ngrams.end(), n.hash);
}

// What clustering reads of a mention's record.
struct MentionText {
  std::string_view doc;
  int index = -1;
  std::string_view sentence;
};

// Scores mention `m` against cluster `c`. Without `explain` the reasons are not written
// and a veto returns at once.
Decision Score(const MentionFeatures& m, const MentionText& r, const std::vector<uint64_t>& sentence_words,
               const State& c, bool explain) {
  Decision d;
  d.explain = explain;
  // ---- time: against the finest dates the cluster has ("2020-01-03" rather than its week).
  const DatedBasis* best = nullptr;
  int32_t best_gap = INT_MAX;
  int32_t finest = INT_MAX;
  for (const auto& cd : c.dates) finest = std::min(finest, cd.date.Width());
  for (const auto& cd : c.dates) {
    if (cd.date.Width() != finest) continue;
    int32_t g = m.date.valid() ? Gap(m.date, cd.date) : INT_MAX;
    if (best == nullptr || g < best_gap || (g == best_gap && cd.basis > best->basis)) {
      best = &cd;
      best_gap = g;
    }
  }
  bool same_time = false;
  if (m.basis >= DateBasis::kContext && best != nullptr) {
    bool strongest = m.basis == DateBasis::kText && best->basis == DateBasis::kText;
    bool coarse = m.date.Width() > 1 || best->date.Width() > 1;
    if (best_gap == 0) {
      same_time = !coarse;
      d.Add(strongest ? (coarse ? 1.0 : 3.0) : (coarse ? 0.5 : 1.5), "same date ", best->date.value);
    } else if (best_gap == 1) {
      if (strongest) d.Add(-1.0, "dates one day apart");
    } else if (best_gap <= 3) {
      // A report's own date often sticks to the event it tells of ("said on Sunday that the
      // strike..."): a near date costs, but a shared target can still carry the merge.
      d.Add(strongest ? (best_gap == 2 ? -2.0 : -3.0) : -1.0, "dates ", std::to_string(best_gap), " days apart");
    } else if (strongest) {
      d.Veto("dates ", m.date.value, " and ", best->date.value, " apart");
    } else {
      d.Add(best_gap <= 7 ? -2.0 : -4.0, "dates ", m.date.value, " and ", best->date.value, " apart");
    }
  } else if (m.basis >= DateBasis::kContext && c.min_fallback_pub != INT_MAX) {
    if (m.date.lo > c.min_fallback_pub) {
      if (m.basis == DateBasis::kText)
        d.Veto("dated after a report of the event");
      else
        d.Add(-4.0, "dated after a report of the event");
    } else if (c.min_fallback_pub - m.date.hi <= 3) {
      d.Add(0.5, "reported within days of its date");
    }
  } else if (m.basis == DateBasis::kPublished && best != nullptr) {
    int32_t lo = INT_MAX, hi = INT_MIN;
    bool text_lo = false;
    for (const auto& cd : c.dates) {
      if (cd.date.lo < lo) {
        lo = cd.date.lo;
        text_lo = cd.basis == DateBasis::kText;
      }
      hi = std::max(hi, cd.date.hi);
    }
    if (lo > m.published.hi) {
      if (text_lo)
        d.Veto("reported (", m.published.value, ") before the event's date");
      else
        d.Add(-4.0, "reported before the event's date");
    } else if (m.published.lo - hi <= 3) {
      d.Add(0.5, "reported within days of the event");
    }
  } else if (m.basis == DateBasis::kPublished && c.min_fallback_pub != INT_MAX) {
    int32_t g = std::abs(m.published.lo - c.min_fallback_pub);
    if (g <= 2) d.Add(0.5, "reported the same days");
  }

  if (d.veto && !explain) return d;

  // ---- targets
  bool m_named_target = false;
  for (const auto& t : m.targets) m_named_target = m_named_target || t.named;
  const Actor* shared = nullptr;
  const NameWords* named = nullptr;  // a cluster target the sentence names
  for (const auto& t : m.targets)
    if (HasKey(c.targets, t.key) && (shared == nullptr || (t.named && !shared->named))) shared = &t;
  if (shared != nullptr) {
    bool proper = shared->named || (!shared->name.empty() && shared->name[0] >= 'A' && shared->name[0] <= 'Z');
    d.Add(shared->named ? 4.0 : 1.5, "same target ", shared->name);
    if (shared->named)
      d.anchor = true;
    else if (proper)
      d.weak_anchor = true;
  } else {
    if (c.has_named_target) {
      for (const auto& n : c.target_names) {
        if (!SentenceNames(sentence_words, r.sentence, n)) continue;
        // "Anna Osterhold" names her own target, not "Osterhold" of the cluster.
        bool inside_own = false;
        for (const auto& t : m.targets) inside_own = inside_own || (t.entity >= 0 && MentionsName(t.name, n.name));
        if (inside_own) continue;
        named = &n;
        break;
      }
    }
    if (named != nullptr) {
      d.Add(2.0, "sentence names target ", named->name);
      d.weak_anchor = true;
    } else if (m_named_target && c.has_named_target) {
      // Resolution says these are different people or groups.
      std::string mine;
      for (const auto& t : m.targets)
        if (t.named) mine = t.name;
      d.Veto("different targets: ", mine, " vs ", (c.target_names.empty() ? "?" : c.target_names[0].name));
    } else {
      // An unresolved name meets a person by surname ("Soleimani", "Qassem Soleimani").
      const Actor* same_surname = nullptr;
      for (const auto& t : m.targets)
        if (t.surname != 0 && (HasKey(c.targets, t.surname & ~kResolvedSurname) ||
                               (t.entity < 0 && HasKey(c.targets, t.surname | kResolvedSurname))))
          same_surname = &t;
      if (same_surname != nullptr) {
        d.Add(1.5, "same target surname ", same_surname->name);
        d.weak_anchor = true;
      }
    }
  }

  if (d.veto && !explain) return d;

  // ---- sources
  bool source_shared = false;
  for (const auto& s : m.sources)
    if (HasKey(c.sources, s.key)) {
      d.Add(1.5, "same source ", s.name);
      source_shared = true;
      break;
    }
  if (!source_shared && c.has_named_source) {
    bool m_named = false;
    for (const auto& s : m.sources) m_named = m_named || s.named;
    if (m_named) d.Add(-1.0, "different sources");
  }

  // ---- place: a shared city or spot counts more than a shared country
  bool place_contained = false;
  if (!m.place().empty() && !c.places.empty()) {
    double best_place = -10;
    std::string what;
    bool contained = false;
    for (const PlaceInfo* pp : c.places) {
      const PlaceInfo& p = *pp;
      PlaceRelation rel = ComparePlaces(m.place(), p);
      double s = 0;
      std::string w;
      switch (rel) {
        case PlaceRelation::kSame: s = IsWide(m.place()) ? 1.0 : 2.0; break;
        case PlaceRelation::kNarrower: s = IsWide(p) ? 0.5 : 1.5; break;
        case PlaceRelation::kBroader: s = IsWide(m.place()) ? 0.5 : 1.5; break;
        case PlaceRelation::kNear: s = 0.5; break;
        case PlaceRelation::kUnknown: s = -0.5; break;
        case PlaceRelation::kDifferent: s = -3.0; break;
      }
      if (explain && s > best_place) {
        switch (rel) {
          case PlaceRelation::kSame: w = "same place " + p.key; break;
          case PlaceRelation::kNarrower: w = "place " + m.place().key + " in " + p.key; break;
          case PlaceRelation::kBroader: w = "place " + p.key + " in " + m.place().key; break;
          case PlaceRelation::kNear: w = "places in " + p.Anchor(); break;
          case PlaceRelation::kUnknown: w = "unrelated places " + m.place().key + " / " + p.key; break;
          case PlaceRelation::kDifferent: w = "different places " + m.place().key + " / " + p.key; break;
        }
      }
      if (s > best_place) {
        best_place = s;
        what = w;
        contained = s >= 1.0;
      }
    }
    d.Add(best_place, what);
    place_contained = contained;
    if (same_time && contained) d.anchor = true;
    // The sentence names the target at the same spot or city: strong enough.
    if (named != nullptr && best_place >= 1.5) d.anchor = true;
  }

  // ---- the same document, the same time, no actor against it: a follow-up sentence
  // ("Seven people were killed in the strike").
  bool same_doc = false;
  for (std::string_view d : c.docs) same_doc = same_doc || d == r.doc;
  bool time_ok = same_time || (m.basis == DateBasis::kPublished && place_contained);
  bool sources_agree = m.sources.empty() || c.sources.empty() || source_shared;
  bool targets_agree = m.targets.empty() || c.targets.empty() || shared != nullptr;
  if (same_doc && time_ok && sources_agree && targets_agree) {
    d.Add(1.0, "same document");
    if (same_time)
      d.anchor = true;
    else
      d.weak_anchor = true;
  }

  // ---- instrument
  if (!m.instrument.empty() && !c.instruments.empty()) {
    bool ok = false;
    for (const auto& i : c.instruments) ok = ok || InstrumentsCompatible(m.instrument, i);
    if (ok)
      d.Add(0.5, "compatible instrument ", m.instrument);
    else
      d.Add(-1.0, "different instrument ", m.instrument);
  }
  return d;
}

std::string MentionLabel(const MentionText& r) { return std::string(r.doc) + "#" + std::to_string(r.index); }

uint64_t BlockKey(const MentionFeatures& m, const char* kind, const std::string& value) {
  std::string k = m.group;
  k += '|';
  k += m.family;
  k += '|';
  k += kind;
  k += '|';
  k += value;
  return Hash64(k);
}

// Keys a mention is indexed under and looks up: days (with one day of slack), months,
// target actors, the most specific place.
void BlockKeys(const MentionFeatures& m, bool for_query, std::vector<uint64_t>* out) {
  out->clear();
  if (m.basis >= DateBasis::kContext && m.date.valid()) {
    if (m.date.Width() <= 7) {
      int32_t slack = for_query ? 1 : 0;
      for (int32_t day = m.date.lo - slack; day <= m.date.hi + slack; ++day)
        out->push_back(BlockKey(m, "D", std::to_string(day)));
    }
    if (m.date.Width() <= 62) {
      // Day-precise clusters are indexed under "MD" + month, coarse ones under "MC" + month;
      // a day-precise mention looks for coarse clusters only, a coarse mention for both.
      bool coarse = m.date.Width() > 7;
      std::string lo = CivilFromDays(m.date.lo).substr(0, 7);
      std::string hi = CivilFromDays(m.date.hi).substr(0, 7);
      std::vector<std::string> months{lo};
      if (hi != lo) months.push_back(hi);
      for (const std::string& month : months) {
        if (!for_query) {
          out->push_back(BlockKey(m, coarse ? "MC" : "MD", month));
        } else {
          out->push_back(BlockKey(m, "MC", month));
          if (coarse) out->push_back(BlockKey(m, "MD", month));
        }
      }
    }
  }
  for (const auto& t : m.targets) {
    out->push_back(BlockKey(m, "T", std::to_string(t.key)));
    if (t.surname != 0) out->push_back(BlockKey(m, "S", std::to_string(t.surname & ~kResolvedSurname)));
  }
  if (!m.place().empty()) {
    const std::string& a = m.place().Anchor();
    out->push_back(BlockKey(m, "P", a.empty() ? m.place().key : a));
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

void Join(const MentionFeatures& m, const MentionText& r, int feature_index, const Resolution& entities,
          State* c) {
  c->members.push_back(feature_index);
  if (c->docs.size() < kMaxDocs) {
    bool known = false;
    for (std::string_view d : c->docs) known = known || d == r.doc;
    if (!known) c->docs.push_back(r.doc);
  }
  for (const auto& t : m.targets) {
    if (!HasKey(c->targets, t.key)) c->targets.push_back(t.key);
    if (t.surname != 0 && !HasKey(c->targets, t.surname)) c->targets.push_back(t.surname);
    if (!t.named) continue;
    c->has_named_target = true;
    auto add_name = [&](const std::string& n) {
      if (c->target_names.size() >= kMaxNames || Key(n).size() < 2) return;
      for (const auto& x : c->target_names)
        if (x.name == n) return;
      c->target_names.push_back(MakeName(n));
    };
    add_name(t.name);
    if (t.entity >= 0 && static_cast<size_t>(t.entity) < entities.entities.size())
      for (const auto& a : entities.entities[static_cast<size_t>(t.entity)].aliases) add_name(a);
  }
  for (const auto& s : m.sources) {
    if (!HasKey(c->sources, s.key)) c->sources.push_back(s.key);
    c->has_named_source = c->has_named_source || s.named;
  }
  if (m.basis >= DateBasis::kContext && m.date.valid() && c->dates.size() < kMaxDates) {
    bool dup = false;
    for (auto& d : c->dates)
      if (d.date.value == m.date.value) {
        dup = true;
        d.basis = std::max(d.basis, m.basis);
      }
    if (!dup) c->dates.push_back({m.date, m.basis});
  }
  if (m.basis == DateBasis::kPublished && m.published.valid())
    c->min_fallback_pub = std::min(c->min_fallback_pub, m.published.hi);
  if (!m.place().empty() && c->places.size() < kMaxPlaces) {
    bool dup = false;
    for (const PlaceInfo* p : c->places) dup = dup || p->key == m.place().key;
    if (!dup) c->places.push_back(m.place_info);
  }
  if (!m.instrument.empty() &&
      std::find(c->instruments.begin(), c->instruments.end(), m.instrument) == c->instruments.end())
    c->instruments.push_back(m.instrument);
}

}  // namespace

const PlaceInfo& MentionFeatures::place() const {
  static const PlaceInfo kNone;
  return place_info != nullptr ? *place_info : kNone;
}

const char* ToString(DateBasis b) {
  switch (b) {
    case DateBasis::kNone: return "";
    case DateBasis::kPublished: return "published";
    case DateBasis::kContext: return "context";
    case DateBasis::kText: return "text";
  }
  return "";
}

MentionFeatures ComputeFeatures(const EventRecord& r, int index, const Resolution& entities) {
  const EventMention& e = r.mention;
  MentionFeatures m;
  m.record = index;
  m.family = EventFamily(e.cameo, e.plover);
  m.group = (e.modality == Modality::kAsserted || e.modality == Modality::kHedged) ? "real" : ToString(e.modality);
  m.published = ParseDate(r.published);
  const std::string& date = e.date.empty() ? r.timex_value : e.date;
  DayInterval d = ParseDate(date);
  bool from_text = !r.timex_value.empty() || e.timex >= 0;
  if (d.valid()) {
    m.date = d;
    if (from_text)
      m.basis = DateBasis::kText;
    else if (m.published.valid() && d.value == m.published.value.substr(0, d.value.size()))
      m.basis = DateBasis::kPublished;
    else
      m.basis = DateBasis::kContext;
  } else if (m.published.valid()) {
    m.date = m.published;
    m.basis = DateBasis::kPublished;
  }
  m.targets = Actors(e.target, r.target_entities, entities);
  m.sources = Actors(e.source, r.source_entities, entities);
  std::string instrument = InstrumentClass(e.instrument.text);
  if (instrument.empty() && !e.mode.empty()) instrument = InstrumentClass(e.mode);
  m.instrument = instrument;
  return m;
}

std::vector<MentionCluster> ClusterMentions(const PartRecords& records,
                                            const std::vector<MentionFeatures>& features,
                                            const Resolution& entities, size_t* comparisons, int threads) {
  // Canonical order: strongest evidence first, then by document and index.
  std::vector<int> order(features.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  auto named_targets = [&](const MentionFeatures& m) {
    int n = 0;
    for (const auto& t : m.targets) n += t.named;
    return n;
  };
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    const MentionFeatures& x = features[static_cast<size_t>(a)];
    const MentionFeatures& y = features[static_cast<size_t>(b)];
    if (x.basis != y.basis) return x.basis > y.basis;
    if (x.date.Width() != y.date.Width()) return x.date.Width() < y.date.Width();
    int nx = named_targets(x), ny = named_targets(y);
    if (nx != ny) return nx > ny;
    if (x.place().empty() != y.place().empty()) return !x.place().empty();
    size_t rx = static_cast<size_t>(x.record), ry = static_cast<size_t>(y.record);
    std::string_view dx = records.Doc(rx), dy = records.Doc(ry);
    if (dx != dy) return dx < dy;
    if (records.Index(rx) != records.Index(ry)) return records.Index(rx) < records.Index(ry);
    return records.Sentence(rx) < records.Sentence(ry);
  });

  // The sentence n-grams of the mentions, a chunk of the visiting order at a time: the next
  // chunk is computed on another thread while this one is clustered (clustering itself is
  // sequential), so at most two chunks are held.
  const size_t kChunk = 4096;
  using Ngrams = std::vector<std::vector<uint64_t>>;
  auto ngrams_chunk = [&records, &features, &order, kChunk](size_t from) {
    Ngrams out(std::min(kChunk, order.size() - std::min(from, order.size())));
    for (size_t k = 0; k < out.size(); ++k)
      out[k] = SentenceNgrams(records.Sentence(static_cast<size_t>(features[static_cast<size_t>(order[from + k])].record)));
    return out;
  };
  Ngrams ngrams;
  std::future<Ngrams> ahead;
  std::vector<State> clusters;
  // At most one cluster per mention: reserved, so the vector never holds two buffers.
  clusters.reserve(features.size());
  std::unordered_map<uint64_t, std::vector<int>> blocks;
  std::vector<uint32_t> seen_stamp;
  uint32_t stamp = 0;
  std::vector<uint64_t> keys;
  std::vector<int> candidates;
  for (size_t oi = 0; oi < order.size(); ++oi) {
    if (oi % kChunk == 0) {
      ngrams = oi == 0 ? ngrams_chunk(0) : ahead.get();
      if (oi + kChunk < order.size())
        ahead = std::async(threads > 1 ? std::launch::async : std::launch::deferred, ngrams_chunk, oi + kChunk);
    }
    const std::vector<uint64_t>& sentence_words = ngrams[oi % kChunk];
    int fi = order[oi];
    const MentionFeatures& m = features[static_cast<size_t>(fi)];
    const size_t ri = static_cast<size_t>(m.record);
    const MentionText r{records.Doc(ri), records.Index(ri), records.Sentence(ri)};
    ++stamp;
    candidates.clear();
    BlockKeys(m, /*for_query=*/true, &keys);
    for (uint64_t k : keys) {
      auto it = blocks.find(k);
      if (it == blocks.end()) continue;
      const std::vector<int>& b = it->second;
      size_t from = b.size() > kBlockDepth ? b.size() - kBlockDepth : 0;
      for (size_t i = from; i < b.size(); ++i) {
        int ci = b[i];
        if (seen_stamp[static_cast<size_t>(ci)] == stamp) continue;
        seen_stamp[static_cast<size_t>(ci)] = stamp;
        candidates.push_back(ci);
      }
    }
    std::sort(candidates.begin(), candidates.end());
    int chosen = -1;
    Decision chosen_d;
    int near = -1;
    Decision near_d;
    if (!candidates.empty()) {
      for (int ci : candidates) {
        const State& c = clusters[static_cast<size_t>(ci)];
        if (c.group != m.group || c.family != m.family) continue;
        Decision d = Score(m, r, sentence_words, c, /*explain=*/false);
        if (comparisons != nullptr) ++*comparisons;
        bool joins = !d.veto && ((d.anchor && d.score >= kJoinScore) || (d.weak_anchor && d.score >= kWeakJoinScore));
        if (joins && (chosen < 0 || d.score > chosen_d.score)) {
          chosen = ci;
          chosen_d = d;
        } else if (!joins && d.score >= kNearMissScore && (near < 0 || d.score > near_d.score)) {
          near = ci;
          near_d = d;
        }
      }
    }
    char score[32];
    if (chosen >= 0) chosen_d = Score(m, r, sentence_words, clusters[static_cast<size_t>(chosen)], true);
    if (near >= 0) near_d = Score(m, r, sentence_words, clusters[static_cast<size_t>(near)], true);
    if (chosen < 0) {
      chosen = static_cast<int>(clusters.size());
      clusters.emplace_back();
      clusters.back().group = m.group;
      clusters.back().family = m.family;
      seen_stamp.push_back(0);
    } else {
      std::snprintf(score, sizeof score, "%.1f", chosen_d.score);
      clusters[static_cast<size_t>(chosen)].reasons.push_back(MentionLabel(r) + " joined (score " + score +
                                                                "): " + chosen_d.why);
    }
    if (near >= 0 && near != chosen) {
      std::snprintf(score, sizeof score, "%.1f", near_d.score);
      std::string why = MentionLabel(r) + " stayed apart (score " + score + "): " + near_d.why;
      for (int ci : {near, chosen}) {
        auto& nm = clusters[static_cast<size_t>(ci)].near_misses;
        if (nm.size() < kMaxNearMisses) nm.push_back(why);
      }
    }
    Join(m, r, fi, entities, &clusters[static_cast<size_t>(chosen)]);
    BlockKeys(m, /*for_query=*/false, &keys);
    for (uint64_t k : keys) {
      std::vector<int>& b = blocks[k];
      if (b.empty() || b.back() != chosen) b.push_back(chosen);
    }
  }
  std::unordered_map<uint64_t, std::vector<int>>().swap(blocks);
  std::vector<MentionCluster> out;
  out.reserve(clusters.size());
  for (auto& c : clusters) {
    MentionCluster mc;
    mc.members = std::move(c.members);
    mc.reasons = std::move(c.reasons);
    mc.near_misses = std::move(c.near_misses);
    out.push_back(std::move(mc));
    c = State{};  // released as it goes
  }
  return out;
}

}  // namespace fusion
}  // namespace dossier
