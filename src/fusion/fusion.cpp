// Fuse(): features, identity clusters, events with slots, conflicts, timeline.
#include "fusion/fusion.h"

#include <algorithm>
#include <set>

#include "fusion/assemble.h"
#include "fusion/cluster.h"
#include "fusion/dates.h"

namespace dossier {

Dossier Fuse(const std::vector<EventRecord>& records, const Resolution& entities) {
  using namespace fusion;
  Dossier out;
  // One feature vector per distinct (doc, index); a record given twice counts once.
  std::vector<MentionFeatures> features;
  features.reserve(records.size());
  {
    std::set<std::pair<std::string, int>> seen;
    for (size_t i = 0; i < records.size(); ++i) {
      const EventRecord& r = records[i];
      if (r.index >= 0 && !seen.emplace(r.doc, r.index).second) continue;
      features.push_back(ComputeFeatures(records, static_cast<int>(i), entities));
    }
  }
  out.stats.mentions = features.size();
  std::vector<MentionCluster> clusters = ClusterMentions(records, features, entities, &out.stats.comparisons);

  std::vector<std::pair<Event, const MentionCluster*>> built;
  built.reserve(clusters.size());
  std::set<std::string> ids;
  for (const MentionCluster& c : clusters) {
    if (c.members.empty()) continue;
    Event e = AssembleEvent(records, features, c, entities);
    // Ids come from the seed mention; an exact duplicate seed gets a suffix.
    std::string id = e.id;
    for (int n = 2; !ids.insert(id).second; ++n) id = e.id + "-" + std::to_string(n);
    e.id = id;
    e.summary = Summarize(e, features, c, records, entities);
    built.emplace_back(std::move(e), &c);
  }
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
  for (auto& [e, c] : built) {
    for (Conflict& k : FindConflicts(e, records, entities)) out.conflicts.push_back(std::move(k));
    // Events the text dates: an event known only by its page's date is no timeline entry.
    if (e.real && !e.date.empty() && e.date_basis != "published") {
      TimelineEntry t;
      t.date = e.date;
      t.precision = e.precision;
      t.summary = e.summary;
      t.event = e.id;
      t.docs = e.docs;
      t.basis = e.date_basis;
      out.timeline.push_back(std::move(t));
    }
    out.events.push_back(std::move(e));
  }
  out.stats.events = out.events.size();
  std::sort(out.timeline.begin(), out.timeline.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
    DayInterval x = ParseDate(a.date), y = ParseDate(b.date);
    if (x.lo != y.lo) return x.lo < y.lo;
    if (x.hi != y.hi) return x.hi < y.hi;
    return a.event < b.event;
  });
  return out;
}

}  // namespace dossier
