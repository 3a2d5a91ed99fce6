// Fuse(): features, identity clusters, events with slots, conflicts, timeline.
#include "fusion/fusion.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/parallel.h"
#include "fusion/assemble.h"
#include "fusion/cluster.h"
#include "fusion/dates.h"
#include "fusion/places.h"
#include "fusion/vocab.h"
#include "fusion/words.h"

namespace dossier {

namespace {

using fusion::DayInterval;

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
                       FusedSoFar* so_far, const EventSink& sink) {
  DecodedRecords part(std::move(records));
  return FuseEvents(part, entities, threads, so_far, sink);
}

FusedEvents FuseEvents(PartRecords& records, const Resolution& entities, int threads, FusedSoFar* so_far,
                       const EventSink& sink) {
  using namespace fusion;
  FusedEvents out;
  // One feature vector per distinct (doc, index); a record given twice counts once. Records
  // in (doc, index) order, as the store gives them, show their repeats side by side.
  std::vector<int> distinct;
  distinct.reserve(records.size());
  {
    bool sorted = true;
    for (size_t i = 1; i < records.size() && sorted; ++i) {
      std::string_view a = records.Doc(i - 1), b = records.Doc(i);
      sorted = a < b || (a == b && records.Index(i - 1) < records.Index(i));
    }
    std::set<std::pair<std::string_view, int>> seen;
    for (size_t i = 0; i < records.size(); ++i) {
      if (records.Index(i) >= 0 && !sorted && !seen.emplace(records.Doc(i), records.Index(i)).second) continue;
      distinct.push_back(static_cast<int>(i));
    }
  }
  std::vector<MentionFeatures> features(distinct.size());
  std::vector<char> readable(distinct.size(), 0);
  std::vector<std::string> place_texts(distinct.size());
  ParallelFor(distinct.size(), threads, [&](size_t i) {
    readable[i] = records.Read(static_cast<size_t>(distinct[i]), [&](const EventRecord& r) {
      features[i] = ComputeFeatures(r, distinct[i], entities);
      place_texts[i] = r.mention.place.text;
    });
  });
  // Each distinct place text is analysed once; its mentions share the result.
  std::vector<PlaceInfo> places;
  {
    std::unordered_map<std::string_view, uint32_t> number;
    std::vector<uint32_t> place_of(place_texts.size());
    std::vector<std::string_view> texts;
    for (size_t i = 0; i < place_texts.size(); ++i) {
      auto [it, fresh] = number.try_emplace(place_texts[i], static_cast<uint32_t>(texts.size()));
      if (fresh) texts.push_back(place_texts[i]);
      place_of[i] = it->second;
    }
    places.resize(texts.size());
    ParallelFor(texts.size(), threads, [&](size_t k) { places[k] = AnalyzePlace(texts[k]); });
    for (size_t i = 0; i < features.size(); ++i) features[i].place_info = &places[place_of[i]];
  }
  std::vector<std::string>().swap(place_texts);
  if (std::find(readable.begin(), readable.end(), 0) != readable.end()) {
    size_t kept = 0;
    for (size_t i = 0; i < features.size(); ++i)
      if (readable[i]) features[kept++] = std::move(features[i]);
    features.resize(kept);
  }
  out.stats.mentions = features.size();
  std::vector<MentionCluster> clusters = ClusterMentions(records, features, entities, &out.stats.comparisons, threads);

  // Clusters are disjoint: each is assembled on its own. Events are made a chunk of
  // clusters at a time and, with a sink, handed over and dropped, so a part's events are
  // never all in memory. A chunk holds up to kChunk clusters and stops at the cluster that
  // brings its mentions to kChunkMentions (an event holds a copy of every mention, and the
  // largest events have thousands). A chunk takes its members' records into one vector, and
  // each member's features are pointed at its place there. Two chunks are in memory at
  // once (the sink's and the next): at 250k documents, 8,192 mentions a chunk instead of
  // 16,384 lowers the peak by 37 MB (4,096 no further).
  const size_t kChunk = 2048, kChunkMentions = 8192;
  // The chunk the sink has (its events and conflicts live here until it returns).
  std::vector<Event> written_events;
  std::vector<Conflict> written_conflicts;
  std::future<Status> writing;
  auto wait_for_sink = [&] {
    auto start = std::chrono::steady_clock::now();
    if (writing.valid()) out.status = writing.get();
    out.wait_ns +=
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
  };
  for (size_t first = 0, n = 0; first < clusters.size(); first += n) {
    n = 0;
    for (size_t mentions = 0; n < kChunk && first + n < clusters.size() && mentions < kChunkMentions; ++n)
      mentions += clusters[first + n].members.size();
    std::vector<int> taken;
    for (size_t i = 0; i < n; ++i)
      for (int m : clusters[first + i].members) {
        MentionFeatures& f = features[static_cast<size_t>(m)];
        taken.push_back(f.record);
        f.record = static_cast<int>(taken.size() - 1);
      }
    std::vector<EventRecord> chunk(taken.size());
    ParallelFor(taken.size(), threads, [&](size_t k) { chunk[k] = records.Take(static_cast<size_t>(taken[k])); });
    std::vector<Event> assembled(n);
    ParallelFor(n, threads, [&](size_t i) {
      const MentionCluster& c = clusters[first + i];
      if (c.members.empty()) return;
      Event e = AssembleEvent(chunk, features, c, entities);
      e.summary = Summarize(e, features, c, chunk, entities);
      for (int m : c.members) chunk[static_cast<size_t>(features[static_cast<size_t>(m)].record)] = EventRecord{};
      assembled[i] = std::move(e);
    });
    std::vector<EventRecord>().swap(chunk);
    std::vector<Event> events;
    for (size_t i = 0; i < n; ++i) {
      if (clusters[first + i].members.empty()) continue;
      Event& e = assembled[i];
      // Ids come from the seed mention; an exact duplicate seed gets a suffix.
      std::string id = e.id;
      for (int k = 2; !so_far->ids.Insert(id); ++k) id = e.id + "-" + std::to_string(k);
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
      if (dated[i]) so_far->timeline.Add(cands[i]);
    out.stats.events += events.size();
    std::vector<Conflict> flat;
    for (auto& cs : conflicts)
      for (Conflict& c : cs) flat.push_back(std::move(c));
    // The sink takes this chunk on another thread while the next chunk is assembled (with
    // one thread, when the next chunk is done); chunks reach it one at a time, in order.
    wait_for_sink();
    if (!out.status.ok()) return out;
    written_events = std::move(events);
    written_conflicts = std::move(flat);
    writing = std::async(threads > 1 ? std::launch::async : std::launch::deferred,
                         [&] { return sink(written_events, written_conflicts); });
  }
  wait_for_sink();
  return out;
}

Dossier Fuse(std::vector<EventRecord> records, const Resolution& entities, int threads) {
  // A part at a time, as the build does it, so both give the same events.
  std::map<std::string, std::vector<EventRecord>> parts;
  for (EventRecord& r : records) parts[FusionPart(r.mention)].push_back(std::move(r));
  std::vector<EventRecord>().swap(records);
  Dossier out;
  FusedSoFar so_far;
  std::map<std::string, std::vector<Conflict>> conflicts_of;
  auto keep = [&](std::vector<Event>& events, std::vector<Conflict>& conflicts) {
    for (Event& e : events) out.events.push_back(std::move(e));
    for (Conflict& c : conflicts) conflicts_of[c.event].push_back(std::move(c));
    return Status::Ok();
  };
  for (auto& [part, part_records] : parts) {
    FusedEvents f = FuseEvents(std::move(part_records), entities, threads, &so_far, keep);
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
  out.timeline = so_far.timeline.Build();
  return out;
}

}  // namespace dossier
