// Fuse(): features, identity clusters, events with slots, conflicts, timeline.
#include "fusion/fusion.h"

#include <algorithm>
#include <set>

#include "core/parallel.h"
#include "fusion/assemble.h"
#include "fusion/cluster.h"
#include "fusion/dates.h"
#include "fusion/words.h"

namespace dossier {

namespace {

using fusion::DayInterval;

// A timeline candidate: one dated real event.
struct Cand {
  size_t event;                     // index into the events
  DayInterval date;
  bool usable;                      // some mention reports the event (see SummaryUsable)
  std::vector<std::string> words;   // content words of the summary, place and targets
};

constexpr size_t kMergeDepth = 64;

bool ShareAny(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const auto& x : a)
    if (std::find(b.begin(), b.end(), x) != b.end()) return true;
  return false;
}

// Share of the smaller set of (sorted) content words found in the other.
double Overlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t n = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++n, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(n) / static_cast<double>(std::min(a.size(), b.size()));
}

// Whether two dated events of one family are one timeline entry: compatible dates (one
// interval holds the other) and a shared target, or the same day and place, or most of
// their content words (less needed when one document reports both).
bool SameEntry(const Event& a, const Cand& x, const Event& b, const Cand& y) {
  if (!fusion::Contains(x.date, y.date) && !fusion::Contains(y.date, x.date)) return false;
  // The same sentence told twice (one document, one date) is one entry whatever its codes.
  if (ShareAny(a.docs, b.docs) && (a.summary == b.summary || Overlap(x.words, y.words) >= 0.8)) return true;
  if (a.family != b.family) return false;
  if (!a.target.empty() && ShareAny(a.target, b.target)) return true;
  bool same_day = x.date.Width() == 1 && y.date.Width() == 1;
  if (same_day && !a.place.empty() && a.place == b.place) return true;
  double o = Overlap(x.words, y.words);
  if (o >= 0.6) return true;
  return ShareAny(a.docs, b.docs) && o >= 0.4;
}

int Find(std::vector<int>& p, int i) {
  while (p[static_cast<size_t>(i)] != i) i = p[static_cast<size_t>(i)] = p[static_cast<size_t>(p[static_cast<size_t>(i)])];
  return i;
}

// One entry per group of candidates that report one event: the most precise date, the
// summary of a usable member; groups with no usable member are left out.
void TimelineMerge(const std::vector<Event>& events, std::vector<Cand>& cands, std::vector<TimelineEntry>* out) {
  std::sort(cands.begin(), cands.end(), [&](const Cand& a, const Cand& b) {
    const Event& x = events[a.event];
    const Event& y = events[b.event];
    if (a.date.lo != b.date.lo) return a.date.lo < b.date.lo;
    if (a.date.hi != b.date.hi) return a.date.hi < b.date.hi;
    return x.id < y.id;
  });
  std::vector<int> parent(cands.size());
  for (size_t i = 0; i < cands.size(); ++i) parent[i] = static_cast<int>(i);
  for (size_t i = 0; i < cands.size(); ++i) {
    const Event& a = events[cands[i].event];
    size_t seen = 0;
    for (size_t j = i + 1; j < cands.size() && seen < kMergeDepth; ++j) {
      const Event& b = events[cands[j].event];
      if (cands[j].date.lo > cands[i].date.hi) break;
      ++seen;
      if (SameEntry(a, cands[i], b, cands[j]))
        parent[static_cast<size_t>(Find(parent, static_cast<int>(j)))] = Find(parent, static_cast<int>(i));
    }
  }
  std::vector<std::vector<size_t>> groups(cands.size());
  for (size_t i = 0; i < cands.size(); ++i) groups[static_cast<size_t>(Find(parent, static_cast<int>(i)))].push_back(i);
  for (const auto& g : groups) {
    if (g.empty()) continue;
    // The leader: a usable member, most precise date, most documents, then id.
    const Cand* lead = nullptr;
    for (size_t i : g) {
      const Cand& c = cands[i];
      if (lead == nullptr) { lead = &c; continue; }
      const Event& e = events[c.event];
      const Event& l = events[lead->event];
      if (c.usable != lead->usable) { if (c.usable) lead = &c; continue; }
      if (c.date.Width() != lead->date.Width()) { if (c.date.Width() < lead->date.Width()) lead = &c; continue; }
      if (e.docs.size() != l.docs.size()) { if (e.docs.size() > l.docs.size()) lead = &c; continue; }
      if (e.id < l.id) lead = &c;
    }
    if (!lead->usable) continue;
    const Event& e = events[lead->event];
    TimelineEntry t;
    t.date = e.date;
    t.precision = e.precision;
    t.summary = e.summary;
    t.event = e.id;
    t.basis = e.date_basis;
    std::set<std::string> docs;
    for (size_t i : g) docs.insert(events[cands[i].event].docs.begin(), events[cands[i].event].docs.end());
    t.docs.assign(docs.begin(), docs.end());
    out->push_back(std::move(t));
  }
}

}  // namespace

Dossier Fuse(std::vector<EventRecord> records, const Resolution& entities, int threads) {
  using namespace fusion;
  Dossier out;
  // One feature vector per distinct (doc, index); a record given twice counts once.
  std::vector<int> distinct;
  distinct.reserve(records.size());
  {
    std::set<std::pair<std::string_view, int>> seen;
    for (size_t i = 0; i < records.size(); ++i) {
      const EventRecord& r = records[i];
      if (r.index >= 0 && !seen.emplace(r.doc, r.index).second) continue;
      distinct.push_back(static_cast<int>(i));
    }
  }
  std::vector<MentionFeatures> features(distinct.size());
  ParallelFor(distinct.size(), threads,
              [&](size_t i) { features[i] = ComputeFeatures(records, distinct[i], entities); });
  out.stats.mentions = features.size();
  std::vector<MentionCluster> clusters = ClusterMentions(records, features, entities, &out.stats.comparisons);

  // Clusters are disjoint: each is assembled on its own, and its records are released
  // once its event holds their copies, so the records are not held twice.
  std::vector<Event> assembled(clusters.size());
  ParallelFor(clusters.size(), threads, [&](size_t i) {
    const MentionCluster& c = clusters[i];
    if (c.members.empty()) return;
    Event e = AssembleEvent(records, features, c, entities);
    e.summary = Summarize(e, features, c, records, entities);
    for (int m : c.members) records[static_cast<size_t>(features[static_cast<size_t>(m)].record)] = EventRecord{};
    assembled[i] = std::move(e);
  });
  records.clear();
  records.shrink_to_fit();
  std::vector<std::pair<Event, const MentionCluster*>> built;
  built.reserve(clusters.size());
  std::set<std::string> ids;
  for (size_t i = 0; i < clusters.size(); ++i) {
    if (clusters[i].members.empty()) continue;
    Event& e = assembled[i];
    // Ids come from the seed mention; an exact duplicate seed gets a suffix.
    std::string id = e.id;
    for (int n = 2; !ids.insert(id).second; ++n) id = e.id + "-" + std::to_string(n);
    e.id = id;
    built.emplace_back(std::move(e), &clusters[i]);
  }
  assembled.clear();
  // Real events first, most documents first, then by date and id.
  std::sort(built.begin(), built.end(), [](const auto& x, const auto& y) {
    const Event& a = x.first;
    const Event& b = y.first;
    if (a.real != b.real) return a.real;
    if (a.docs.size() != b.docs.size()) return a.docs.size() > b.docs.size();
    if (a.mentions.size() != b.mentions.size()) return a.mentions.size() > b.mentions.size();
    if (a.date != b.date) return a.date < b.date;
    return a.id < b.id;
  });
  // Timeline candidates: real events the text dates, with an asserted report of their own.
  std::vector<std::vector<Conflict>> conflicts(built.size());
  ParallelFor(built.size(), threads, [&](size_t i) { conflicts[i] = FindConflicts(built[i].first, entities); });
  std::vector<Cand> cands;
  for (size_t i = 0; i < built.size(); ++i) {
    Event& e = built[i].first;
    for (Conflict& k : conflicts[i]) out.conflicts.push_back(std::move(k));
    // Events the text dates: an event known only by its page's date is no timeline entry.
    if (e.real && !e.date.empty() && e.date_basis != "published") {
      Cand k;
      k.event = out.events.size();
      k.date = ParseDate(e.date);
      k.usable = false;
      for (const EventRecord& r : e.mentions) k.usable = k.usable || SummaryUsable(r, r.sentence);
      for (const auto& w : Words(e.summary + " " + e.place))
        if (w.size() >= 4) k.words.push_back(w);
      for (const auto& t : e.target)
        for (const auto& w : Words(t)) k.words.push_back(w);
      std::sort(k.words.begin(), k.words.end());
      k.words.erase(std::unique(k.words.begin(), k.words.end()), k.words.end());
      if (k.date.valid()) cands.push_back(std::move(k));
    }
    out.events.push_back(std::move(e));
  }
  out.stats.events = out.events.size();
  TimelineMerge(out.events, cands, &out.timeline);
  std::sort(out.timeline.begin(), out.timeline.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
    DayInterval x = ParseDate(a.date), y = ParseDate(b.date);
    if (x.lo != y.lo) return x.lo < y.lo;
    if (x.hi != y.hi) return x.hi < y.hi;
    return a.event < b.event;
  });
  return out;
}

}  // namespace dossier
