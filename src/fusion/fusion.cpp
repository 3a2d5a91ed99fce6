// Fuse(): features, identity clusters, events with slots, conflicts, timeline.
#include "fusion/fusion.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "core/parallel.h"
#include "fusion/assemble.h"
#include "fusion/cluster.h"
#include "fusion/dates.h"
#include "fusion/vocab.h"
#include "fusion/words.h"

namespace dossier {

namespace {

using fusion::DayInterval;

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
bool SameEntry(const TimelineCandidate& a, const TimelineCandidate& b) {
  if (!fusion::Contains(a.interval, b.interval) && !fusion::Contains(b.interval, a.interval)) return false;
  // The same sentence told twice (one document, one date) is one entry whatever its codes.
  if (ShareAny(a.docs, b.docs) && (a.summary == b.summary || Overlap(a.words, b.words) >= 0.8)) return true;
  if (a.family != b.family) return false;
  if (!a.target.empty() && ShareAny(a.target, b.target)) return true;
  bool same_day = a.interval.Width() == 1 && b.interval.Width() == 1;
  if (same_day && !a.place.empty() && a.place == b.place) return true;
  double o = Overlap(a.words, b.words);
  if (o >= 0.6) return true;
  return ShareAny(a.docs, b.docs) && o >= 0.4;
}

int Find(std::vector<int>& p, int i) {
  while (p[static_cast<size_t>(i)] != i) i = p[static_cast<size_t>(i)] = p[static_cast<size_t>(p[static_cast<size_t>(i)])];
  return i;
}

// One entry per group of candidates that report one event: the most precise date, the
// summary of a usable member; groups with no usable member are left out.
void TimelineMerge(std::vector<TimelineCandidate>& cands, std::vector<TimelineEntry>* out) {
  std::sort(cands.begin(), cands.end(), [&](const TimelineCandidate& a, const TimelineCandidate& b) {
    if (a.interval.lo != b.interval.lo) return a.interval.lo < b.interval.lo;
    if (a.interval.hi != b.interval.hi) return a.interval.hi < b.interval.hi;
    return a.event < b.event;
  });
  std::vector<int> parent(cands.size());
  for (size_t i = 0; i < cands.size(); ++i) parent[i] = static_cast<int>(i);
  for (size_t i = 0; i < cands.size(); ++i) {
    size_t seen = 0;
    for (size_t j = i + 1; j < cands.size() && seen < kMergeDepth; ++j) {
      if (cands[j].interval.lo > cands[i].interval.hi) break;
      ++seen;
      if (SameEntry(cands[i], cands[j]))
        parent[static_cast<size_t>(Find(parent, static_cast<int>(j)))] = Find(parent, static_cast<int>(i));
    }
  }
  std::vector<std::vector<size_t>> groups(cands.size());
  for (size_t i = 0; i < cands.size(); ++i) groups[static_cast<size_t>(Find(parent, static_cast<int>(i)))].push_back(i);
  for (const auto& g : groups) {
    if (g.empty()) continue;
    // The leader: a usable member, most precise date, most documents, then id.
    const TimelineCandidate* lead = nullptr;
    for (size_t i : g) {
      const TimelineCandidate& c = cands[i];
      if (lead == nullptr) { lead = &c; continue; }
      const TimelineCandidate& l = *lead;
      if (c.usable != l.usable) { if (c.usable) lead = &c; continue; }
      if (c.interval.Width() != l.interval.Width()) { if (c.interval.Width() < l.interval.Width()) lead = &c; continue; }
      if (c.docs.size() != l.docs.size()) { if (c.docs.size() > l.docs.size()) lead = &c; continue; }
      if (c.event < l.event) lead = &c;
    }
    if (!lead->usable) continue;
    TimelineEntry t;
    t.date = lead->date;
    t.precision = lead->precision;
    t.summary = lead->summary;
    t.event = lead->event;
    t.basis = lead->basis;
    std::set<std::string> docs;
    for (size_t i : g) docs.insert(cands[i].docs.begin(), cands[i].docs.end());
    t.docs.assign(docs.begin(), docs.end());
    out->push_back(std::move(t));
  }
}

// The timeline candidate of an event the text dates, with an asserted report of its own
// (an event known only by its page's date is no timeline entry); false for other events.
bool CandidateOf(const Event& e, TimelineCandidate* k) {
  if (!e.real || e.date.empty() || e.date_basis == "published") return false;
  k->interval = fusion::ParseDate(e.date);
  if (!k->interval.valid()) return false;
  k->event = e.id;
  k->date = e.date;
  k->precision = e.precision;
  k->basis = e.date_basis;
  k->summary = e.summary;
  k->family = e.family;
  k->place = e.place;
  k->target = e.target;
  k->docs = e.docs;
  k->usable = false;
  for (const EventRecord& r : e.mentions) k->usable = k->usable || fusion::SummaryUsable(r, r.sentence);
  for (const auto& w : fusion::Words(e.summary + " " + e.place))
    if (w.size() >= 4) k->words.push_back(w);
  for (const auto& t : e.target)
    for (const auto& w : fusion::Words(t)) k->words.push_back(w);
  std::sort(k->words.begin(), k->words.end());
  k->words.erase(std::unique(k->words.begin(), k->words.end()), k->words.end());
  return true;
}

}  // namespace

std::string FusionPart(const EventMention& m) {
  bool real = m.modality == Modality::kAsserted || m.modality == Modality::kHedged;
  return fusion::EventFamily(m.cameo, m.plover) + "/" + (real ? "real" : ToString(m.modality));
}

bool EventOrder(const Event& a, const Event& b) {
  if (a.real != b.real) return a.real;
  if (a.docs.size() != b.docs.size()) return a.docs.size() > b.docs.size();
  if (a.mentions.size() != b.mentions.size()) return a.mentions.size() > b.mentions.size();
  if (a.date != b.date) return a.date < b.date;
  return a.id < b.id;
}

FusedEvents FuseEvents(std::vector<EventRecord> records, const Resolution& entities, int threads,
                       std::unordered_set<std::string>* ids, const EventSink& sink) {
  using namespace fusion;
  FusedEvents out;
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
  std::vector<MentionCluster> clusters = ClusterMentions(records, features, entities, &out.stats.comparisons, threads);

  // Clusters are disjoint: each is assembled on its own, and its records are released
  // once its event holds their copies. Events are made a chunk of clusters at a time and,
  // with a sink, handed over and dropped, so a part's events are never all in memory.
  std::unordered_set<std::string> local_ids;
  if (ids == nullptr) ids = &local_ids;
  const size_t kChunk = 2048;
  for (size_t first = 0; first < clusters.size(); first += kChunk) {
    size_t n = std::min(kChunk, clusters.size() - first);
    std::vector<Event> assembled(n);
    ParallelFor(n, threads, [&](size_t i) {
      const MentionCluster& c = clusters[first + i];
      if (c.members.empty()) return;
      Event e = AssembleEvent(records, features, c, entities);
      e.summary = Summarize(e, features, c, records, entities);
      for (int m : c.members) records[static_cast<size_t>(features[static_cast<size_t>(m)].record)] = EventRecord{};
      assembled[i] = std::move(e);
    });
    std::vector<Event> events;
    for (size_t i = 0; i < n; ++i) {
      if (clusters[first + i].members.empty()) continue;
      Event& e = assembled[i];
      // Ids come from the seed mention; an exact duplicate seed gets a suffix.
      std::string id = e.id;
      for (int k = 2; !ids->insert(id).second; ++k) id = e.id + "-" + std::to_string(k);
      e.id = id;
      events.push_back(std::move(e));
    }
    std::vector<Event>().swap(assembled);
    std::vector<std::vector<Conflict>> conflicts(events.size());
    std::vector<TimelineCandidate> cands(events.size());
    std::vector<char> dated(events.size(), 0);
    ParallelFor(events.size(), threads, [&](size_t i) {
      conflicts[i] = FindConflicts(events[i], entities);
      dated[i] = CandidateOf(events[i], &cands[i]);
    });
    for (size_t i = 0; i < events.size(); ++i)
      if (dated[i]) out.timeline_candidates.push_back(std::move(cands[i]));
    out.stats.events += events.size();
    std::vector<Conflict> flat;
    for (auto& cs : conflicts)
      for (Conflict& c : cs) flat.push_back(std::move(c));
    out.status = sink(events, flat);
    if (!out.status.ok()) return out;
  }
  return out;
}

std::vector<TimelineEntry> BuildTimeline(std::vector<TimelineCandidate> candidates) {
  std::vector<TimelineEntry> timeline;
  TimelineMerge(candidates, &timeline);
  std::sort(timeline.begin(), timeline.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
    fusion::DayInterval x = fusion::ParseDate(a.date), y = fusion::ParseDate(b.date);
    if (x.lo != y.lo) return x.lo < y.lo;
    if (x.hi != y.hi) return x.hi < y.hi;
    return a.event < b.event;
  });
  return timeline;
}

Dossier Fuse(std::vector<EventRecord> records, const Resolution& entities, int threads) {
  // A part at a time, as the build does it, so both give the same events.
  std::map<std::string, std::vector<EventRecord>> parts;
  for (EventRecord& r : records) parts[FusionPart(r.mention)].push_back(std::move(r));
  std::vector<EventRecord>().swap(records);
  Dossier out;
  std::unordered_set<std::string> ids;
  std::vector<TimelineCandidate> candidates;
  std::map<std::string, std::vector<Conflict>> conflicts_of;
  auto keep = [&](std::vector<Event>& events, std::vector<Conflict>& conflicts) {
    for (Event& e : events) out.events.push_back(std::move(e));
    for (Conflict& c : conflicts) conflicts_of[c.event].push_back(std::move(c));
    return Status::Ok();
  };
  for (auto& [part, part_records] : parts) {
    FusedEvents f = FuseEvents(std::move(part_records), entities, threads, &ids, keep);
    for (TimelineCandidate& c : f.timeline_candidates) candidates.push_back(std::move(c));
    out.stats.mentions += f.stats.mentions;
    out.stats.comparisons += f.stats.comparisons;
  }
  std::sort(out.events.begin(), out.events.end(), EventOrder);
  for (const Event& e : out.events) {
    auto it = conflicts_of.find(e.id);
    if (it == conflicts_of.end()) continue;
    for (Conflict& c : it->second) out.conflicts.push_back(std::move(c));
  }
  out.stats.events = out.events.size();
  out.timeline = BuildTimeline(std::move(candidates));
  return out;
}

}  // namespace dossier
