// Prints how long Fuse() takes on 10,000 and 100,000 synthetic records (no assertion on time).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "fusion/dates.h"
#include "fusion/fusion.h"

namespace dossier {
namespace {

// A synthetic corpus: `events` real events over two years, each told by several documents
// with differing tolls, places at different precision, and some undated follow-ups.
std::vector<EventRecord> Corpus(int records, Resolution* res) {
  const int kPeople = 5000;
  res->entities.clear();
  for (int i = 0; i < kPeople; ++i) {
    Entity e;
    e.name = "Person " + std::to_string(i);
    e.type = EntityType::kPerson;
    res->entities.push_back(e);
  }
  static const char* kPlaces[] = {"Baghdad", "Baghdad International Airport", "Kabul", "Aleppo", "Gaza City",
                                  "Kharkiv", "Mosul", "Erbil"};
  std::vector<EventRecord> out;
  int events = records / 6 | 1;
  while (events % 7 == 0) events += 2;  // coprime with the stride below
  for (int i = 0; i < records; ++i) {
    int ev = (i * 7) % events;
    EventRecord r;
    r.doc = "doc" + std::to_string(i / 4);
    r.index = i % 4;
    r.outlet = "Outlet " + std::to_string(i % 13);
    int day = ev % 730;
    std::string date = fusion::CivilFromDays(fusion::DaysFromCivil(2030, 1, 1) + day);
    r.published = fusion::CivilFromDays(fusion::DaysFromCivil(2030, 1, 1) + day + (i % 3));
    if (i % 5 != 0) {
      r.mention.date = date;
      r.timex_value = date;
      r.mention.timex = 0;
    }
    r.mention.cameo = (ev % 4 == 0) ? "040" : "190";
    r.mention.plover = (ev % 4 == 0) ? "CONSULT" : "ASSAULT";
    int person = ev % kPeople;
    EventArg t;
    t.text = "Person " + std::to_string(person);
    r.mention.target.push_back(t);
    r.target_entities.push_back(person);
    r.mention.place.text = kPlaces[(ev + (i % 2)) % 8];
    Count c;
    c.slot = "killed";
    c.value = 3 + (i % 3);
    c.high = c.value;
    r.mention.counts.push_back(c);
    r.sentence = "Person " + std::to_string(person) + " was killed with " + std::to_string(c.value) +
                 " others in " + r.mention.place.text + ".";
    out.push_back(std::move(r));
  }
  return out;
}

TEST(FusionScale, PrintsFuseTime) {
  for (int n : {10000, 100000}) {
    Resolution res;
    std::vector<EventRecord> records = Corpus(n, &res);
    auto start = std::chrono::steady_clock::now();
    Dossier d = Fuse(records, res);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("[fusion] Fuse(%d records): %.0f ms, %zu events, %zu comparisons (%.1f per mention), "
                "%zu conflicts, %zu timeline entries\n",
                n, ms, d.events.size(), d.stats.comparisons,
                static_cast<double>(d.stats.comparisons) / n, d.conflicts.size(), d.timeline.size());
    EXPECT_GT(d.events.size(), 0u);
    EXPECT_LT(d.events.size(), static_cast<size_t>(n));  // reports of one event were fused
  }
}

}  // namespace
}  // namespace dossier
