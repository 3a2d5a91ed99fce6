// What fusion keeps across a corpus's parts (fusion.h): the compact timeline candidates,
// which must merge and lead as the full candidates would, and the event ids given so far.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fusion/dates.h"
#include "fusion/fusion.h"
#include "fusion/words.h"

namespace dossier {
namespace {

TimelineCandidate Candidate(const std::string& event, const std::string& date, const std::string& summary,
                            std::vector<std::string> docs, std::vector<std::string> target = {},
                            const std::string& place = "", bool usable = true) {
  TimelineCandidate c;
  c.event = event;
  c.date = date;
  c.interval = fusion::ParseDate(date);
  c.precision = std::string(c.interval.precision);
  c.basis = "text";
  c.summary = summary;
  c.family = "attack";
  c.place = place;
  c.target = std::move(target);
  c.docs = std::move(docs);
  c.usable = usable;
  for (const std::string& w : fusion::Words(summary))
    if (w.size() >= 4) c.words.push_back(w);
  std::sort(c.words.begin(), c.words.end());
  c.words.erase(std::unique(c.words.begin(), c.words.end()), c.words.end());
  return c;
}

TEST(TimelineCandidates, SharedTargetMergesAndTheMostPreciseLeads) {
  TimelineCandidates set;
  // The month-precise report and the day-precise one share their target: one entry, dated
  // by the day, with both reports' documents (sorted, each once).
  set.Add(Candidate("V2", "2031-04", "Rebels shelled the harbour of Velmora", {"d3", "d1"}, {"Velmora"}));
  set.Add(Candidate("V1", "2031-04-12", "The harbour of Velmora was shelled", {"d2", "d1"}, {"Velmora"}));
  // Another target, other words, another day: its own entry.
  set.Add(Candidate("V3", "2031-04-20", "Protesters marched through Ostrava", {"d4"}, {"Ostrava"}));
  ASSERT_EQ(set.size(), 3u);
  std::vector<TimelineEntry> t = set.Build();
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].event, "V1");
  EXPECT_EQ(t[0].date, "2031-04-12");
  EXPECT_EQ(t[0].precision, "day");
  EXPECT_EQ(t[0].summary, "The harbour of Velmora was shelled");
  EXPECT_EQ(t[0].docs, (std::vector<std::string>{"d1", "d2", "d3"}));
  EXPECT_EQ(t[1].event, "V3");
}

TEST(TimelineCandidates, EntryWithNoUsableReportIsLeftOut) {
  TimelineCandidates set;
  set.Add(Candidate("V1", "2031-05-02", "Was the depot bombed?", {"d1"}, {}, "", /*usable=*/false));
  EXPECT_TRUE(set.Build().empty());
  // A usable report of the same sentence in the same document leads the merged entry.
  set.Add(Candidate("V2", "2031-05-02", "Was the depot bombed?", {"d1"}, {}, "", /*usable=*/true));
  std::vector<TimelineEntry> t = set.Build();
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].event, "V2");
}

TEST(TimelineCandidates, SameDayAndPlaceMergeButAnEmptyPlaceDoesNot) {
  TimelineCandidates set;
  set.Add(Candidate("V1", "2031-06-01", "Gunfire near the stadium", {"d1"}, {}, "Karsk"));
  set.Add(Candidate("V2", "2031-06-01", "Explosions heard after midnight", {"d2"}, {}, "Karsk"));
  set.Add(Candidate("V3", "2031-06-01", "Shops closed across the valley", {"d3"}));
  set.Add(Candidate("V4", "2031-06-01", "Flights grounded until further notice", {"d4"}));
  std::vector<TimelineEntry> t = set.Build();
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].docs, (std::vector<std::string>{"d1", "d2"}));
}

TEST(EventIds, UsualAndOtherIdsAreEachGivenOnce) {
  EventIds ids;
  EXPECT_TRUE(ids.Insert("V0123456789ab"));
  EXPECT_FALSE(ids.Insert("V0123456789ab"));
  // Not the usual form (upper case, suffix, other length): kept as written, so a different
  // spelling is a different id.
  EXPECT_TRUE(ids.Insert("V0123456789AB"));
  EXPECT_FALSE(ids.Insert("V0123456789AB"));
  EXPECT_TRUE(ids.Insert("V0123456789ab-2"));
  EXPECT_FALSE(ids.Insert("V0123456789ab-2"));
  EXPECT_TRUE(ids.Insert("V000000000000"));
  EXPECT_TRUE(ids.Insert("V00000000000"));
  EXPECT_TRUE(ids.Insert(""));
  EXPECT_FALSE(ids.Insert(""));
}

}  // namespace
}  // namespace dossier
