// Fusion from synthetic event records: identity, slots, conflicts, timeline, determinism,
// blocking.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "fusion/assemble.h"
#include "fusion/dates.h"
#include "fusion/fusion.h"
#include "fusion/places.h"
#include "fusion/vocab.h"
#include "fusion/words.h"

namespace dossier {
namespace {

// A small corpus of entities (fictional names) the records point at.
Resolution Entities() {
  Resolution res;
  auto add = [&](const std::string& name, EntityType type, std::vector<std::string> aliases = {},
                 std::vector<std::string> titles = {}) {
    Entity e;
    e.id = "E" + std::to_string(res.entities.size());
    e.name = name;
    e.type = type;
    e.aliases = std::move(aliases);
    e.titles = std::move(titles);
    res.entities.push_back(e);
  };
  add("Valdoria", EntityType::kGpe, {"Valdorian forces"});          // 0
  add("Marek Osterhold", EntityType::kPerson, {"Osterhold"});       // 1
  add("Ilse Brandvik", EntityType::kPerson, {"Brandvik"});          // 2
  add("Northern Front", EntityType::kOrg);                          // 3
  add("Karsten", EntityType::kGpe);                                 // 4
  add("Tomas Velde", EntityType::kPerson, {"Velde"}, {"Valdoria President"});  // 5
  add("Anna Osterhold", EntityType::kPerson);                        // 6
  return res;
}

struct Spec {
  std::string doc;
  int index = 0;
  std::string published;
  std::string cameo = "190";
  std::string plover = "ASSAULT";
  std::string date;                  // from a time expression
  std::string context_date;          // no time expression
  std::vector<std::pair<std::string, int>> targets;
  std::vector<std::pair<std::string, int>> sources;
  std::string place;
  std::string instrument;
  std::vector<Count> counts;
  Modality modality = Modality::kAsserted;
  std::string sentence;
  std::string trigger;
  std::string outlet;
};

EventRecord Make(const Spec& s) {
  EventRecord r;
  r.doc = s.doc;
  r.outlet = s.outlet.empty() ? "Outlet " + s.doc : s.outlet;
  r.published = s.published;
  r.index = s.index;
  r.mention.cameo = s.cameo;
  r.mention.plover = s.plover;
  if (!s.date.empty()) {
    r.mention.date = s.date;
    r.mention.timex = 0;
    r.timex_value = s.date;
    r.timex_text = "on " + s.date;
  } else {
    r.mention.date = s.context_date;
  }
  for (const auto& [name, id] : s.targets) {
    EventArg a;
    a.text = name;
    r.mention.target.push_back(a);
    r.target_entities.push_back(id);
  }
  for (const auto& [name, id] : s.sources) {
    EventArg a;
    a.text = name;
    r.mention.source.push_back(a);
    r.source_entities.push_back(id);
  }
  r.mention.place.text = s.place;
  r.mention.instrument.text = s.instrument;
  r.mention.counts = s.counts;
  r.mention.modality = s.modality;
  r.sentence = s.sentence;
  r.trigger_text = s.trigger;
  return r;
}

Count Killed(int64_t n, const std::string& qualifier = "") {
  Count c;
  c.slot = "killed";
  c.value = n;
  c.high = n;
  c.qualifier = qualifier;
  return c;
}

const Event* EventWithDoc(const Dossier& d, const std::string& doc, int index) {
  for (const Event& e : d.events)
    for (const EventRecord& r : e.mentions)
      if (r.doc == doc && r.index == index) return &e;
  return nullptr;
}

const Slot* FindSlot(const Event& e, const std::string& name) {
  for (const Slot& s : e.slots)
    if (s.name == name) return &s;
  return nullptr;
}

const Conflict* FindConflict(const Dossier& d, const std::string& event, const std::string& slot) {
  for (const Conflict& c : d.conflicts)
    if (c.event == event && c.slot == slot) return &c;
  return nullptr;
}

// The strike on Osterhold at Karsten airport told by three outlets with different tolls.
std::vector<EventRecord> StrikeReports() {
  std::vector<EventRecord> v;
  Spec a;
  a.doc = "d1";
  a.published = "2031-05-04";
  a.date = "2031-05-04";
  a.targets = {{"Marek Osterhold", 1}};
  a.sources = {{"Valdoria", 0}};
  a.place = "Karsten International Airport";
  a.instrument = "a drone";
  a.counts = {Killed(7, "at_least")};
  a.sentence = "A Valdorian drone strike killed Marek Osterhold and at least seven others at Karsten International Airport on Sunday.";
  a.trigger = "strike";
  v.push_back(Make(a));
  Spec a2 = a;
  a2.index = 3;
  a2.counts = {Killed(7)};
  a2.sentence = "Seven people were killed in the strike, officials said.";
  a2.place = "";
  a2.targets = {};
  a2.instrument = "";
  v.push_back(Make(a2));
  Spec b;
  b.doc = "d2";
  b.published = "2031-05-05";
  b.date = "2031-05-04";
  b.targets = {{"Osterhold", 1}};
  b.sources = {{"Valdoria", 0}};
  b.place = "Karsten";
  b.instrument = "missiles";
  b.counts = {Killed(10)};
  b.sentence = "Osterhold and nine others were killed when missiles hit his convoy in Karsten.";
  b.trigger = "killed";
  v.push_back(Make(b));
  Spec c;
  c.doc = "d3";
  c.published = "2031-05-08";
  c.context_date = "";  // no date in the text: only the page date
  c.targets = {{"Marek Osterhold", 1}};
  c.sources = {{"Valdoria", 0}};
  c.counts = {Killed(10)};
  c.sentence = "The strike that killed Marek Osterhold and nine others was ordered by Valdoria.";
  c.trigger = "strike";
  v.push_back(Make(c));
  return v;
}

TEST(FusionIdentity, SameEventWithDifferentNumbersMerges) {
  Dossier d = Fuse(StrikeReports(), Entities());
  const Event* e = EventWithDoc(d, "d1", 0);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->docs, (std::vector<std::string>{"d1", "d2", "d3"}));
  EXPECT_EQ(e->mentions.size(), 4u);
  EXPECT_EQ(e->date, "2031-05-04");
  EXPECT_EQ(e->precision, "day");
  EXPECT_NE(e->place.find("Karsten"), std::string::npos) << e->place;
  ASSERT_FALSE(e->target.empty());
  EXPECT_EQ(e->target[0], "Marek Osterhold");
  ASSERT_FALSE(e->source.empty());
  EXPECT_EQ(e->source[0], "Valdoria");
  EXPECT_EQ(e->merge_reasons.size(), 3u);
  for (const auto& r : e->merge_reasons) EXPECT_NE(r.find("joined"), std::string::npos) << r;
}

TEST(FusionSlots, CountsKeepEveryValueWithSupportOncePerDocument) {
  Dossier d = Fuse(StrikeReports(), Entities());
  const Event* e = EventWithDoc(d, "d1", 0);
  ASSERT_NE(e, nullptr);
  const Slot* killed = FindSlot(*e, "killed");
  ASSERT_NE(killed, nullptr);
  // 10 (d2, d3), 7 (d1), at least 7 (d1): never averaged.
  ASSERT_EQ(killed->values.size(), 3u);
  EXPECT_EQ(killed->values[0].value, "10");
  EXPECT_EQ(killed->values[0].docs, (std::vector<std::string>{"d2", "d3"}));
  int sevens = 0;
  for (const SlotValue& v : killed->values) {
    EXPECT_TRUE(v.numeric);
    if (v.value == "7") {
      ++sevens;
      EXPECT_EQ(v.docs, (std::vector<std::string>{"d1"}));
      EXPECT_EQ(v.evidence.size(), 1u);
      EXPECT_EQ(v.evidence.size(), v.attributed_to.size());
      EXPECT_EQ(v.evidence.size(), v.sourcing.size());
      EXPECT_EQ(v.evidence.size(), v.evidence_docs.size());
    }
  }
  EXPECT_EQ(sevens, 2);
  const Slot* place = FindSlot(*e, "place");
  ASSERT_NE(place, nullptr);
  EXPECT_EQ(place->values.size(), 2u);
}

TEST(FusionIdentity, TwoStrikesSameDaySameCityDifferentTargetsStayApart) {
  std::vector<EventRecord> v;
  Spec a;
  a.doc = "d1";
  a.published = "2031-05-04";
  a.date = "2031-05-04";
  a.targets = {{"Marek Osterhold", 1}};
  a.sources = {{"Valdoria", 0}};
  a.place = "Karsten";
  a.sentence = "A strike in Karsten killed Marek Osterhold.";
  v.push_back(Make(a));
  Spec b = a;
  b.doc = "d2";
  b.targets = {{"Ilse Brandvik", 2}};
  b.sentence = "Another strike in Karsten killed Ilse Brandvik.";
  v.push_back(Make(b));
  Dossier d = Fuse(v, Entities());
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_NE(d.events[0].id, d.events[1].id);
  // The decision is recorded as a near-miss with its reason.
  bool vetoed = false;
  for (const Event& e : d.events)
    for (const auto& n : e.near_misses) vetoed = vetoed || n.find("different targets") != std::string::npos;
  EXPECT_TRUE(vetoed);
}

TEST(FusionIdentity, ThreatIsNotMergedIntoTheAttack) {
  std::vector<EventRecord> v = StrikeReports();
  Spec t;
  t.doc = "d4";
  t.published = "2031-05-04";
  t.date = "2031-05-04";
  t.targets = {{"Marek Osterhold", 1}};
  t.sources = {{"Valdoria", 0}};
  t.place = "Karsten";
  t.modality = Modality::kThreatened;
  t.sentence = "Valdoria threatened to strike Marek Osterhold in Karsten.";
  v.push_back(Make(t));
  Dossier d = Fuse(v, Entities());
  const Event* attack = EventWithDoc(d, "d1", 0);
  const Event* threat = EventWithDoc(d, "d4", 0);
  ASSERT_NE(attack, nullptr);
  ASSERT_NE(threat, nullptr);
  EXPECT_NE(attack, threat);
  EXPECT_FALSE(threat->real);
  EXPECT_EQ(threat->modality, "threatened");
  for (const TimelineEntry& e : d.timeline) EXPECT_NE(e.event, threat->id);
}

TEST(FusionIdentity, ConsultIsNotAnAttack) {
  std::vector<EventRecord> v = StrikeReports();
  Spec m;
  m.doc = "d5";
  m.published = "2031-05-04";
  m.date = "2031-05-04";
  m.cameo = "040";
  m.plover = "CONSULT";
  m.targets = {{"Marek Osterhold", 1}};
  m.place = "Karsten";
  m.sentence = "Marek Osterhold met officials in Karsten.";
  v.push_back(Make(m));
  Dossier d = Fuse(v, Entities());
  EXPECT_NE(EventWithDoc(d, "d1", 0), EventWithDoc(d, "d5", 0));
  EXPECT_EQ(EventWithDoc(d, "d5", 0)->family, "consult");
}

TEST(FusionIdentity, DifferentDaysStayApartAndCoarseDatesJoin) {
  std::vector<EventRecord> v = StrikeReports();
  Spec later;
  later.doc = "d6";
  later.published = "2031-05-12";
  later.date = "2031-05-11";
  later.targets = {{"Marek Osterhold", 1}};
  later.place = "Karsten";
  later.sentence = "Marek Osterhold was attacked again in Karsten.";
  v.push_back(Make(later));
  Spec month;
  month.doc = "d7";
  month.published = "2031-06-01";
  month.date = "2031-05";
  month.targets = {{"Osterhold", 1}};
  month.place = "Karsten International Airport";
  month.sentence = "In May, a drone strike killed Osterhold at Karsten International Airport.";
  v.push_back(Make(month));
  Dossier d = Fuse(v, Entities());
  EXPECT_NE(EventWithDoc(d, "d6", 0), EventWithDoc(d, "d1", 0));
  EXPECT_EQ(EventWithDoc(d, "d7", 0), EventWithDoc(d, "d1", 0));
  EXPECT_EQ(EventWithDoc(d, "d1", 0)->date, "2031-05-04");  // the finer, better supported date
}

TEST(FusionIdentity, UnresolvedSurnameMeetsTheResolvedPerson) {
  std::vector<EventRecord> v;
  Spec a;
  a.doc = "d1";
  a.published = "2031-05-04";
  a.date = "2031-05-04";
  a.targets = {{"Marek Osterhold", 1}};
  a.sentence = "A strike killed Marek Osterhold.";
  v.push_back(Make(a));
  Spec b = a;
  b.doc = "d2";
  b.targets = {{"Osterhold", -1}};  // not resolved
  b.sentence = "Osterhold died in the attack.";
  v.push_back(Make(b));
  Spec c = a;
  c.doc = "d3";
  c.targets = {{"Anna Osterhold", 6}};  // resolved to someone else of the same name
  c.sentence = "Anna Osterhold was shot.";
  v.push_back(Make(c));
  Dossier d = Fuse(v, Entities());
  EXPECT_EQ(EventWithDoc(d, "d1", 0), EventWithDoc(d, "d2", 0));
  EXPECT_NE(EventWithDoc(d, "d1", 0), EventWithDoc(d, "d3", 0));
}

TEST(FusionConflicts, RisingTollIsAnUpdate) {
  Dossier d = Fuse(StrikeReports(), Entities());
  const Event* e = EventWithDoc(d, "d1", 0);
  ASSERT_NE(e, nullptr);
  const Conflict* c = FindConflict(d, e->id, "killed");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->kind, "update") << c->note;
  std::vector<std::string> values;
  for (const auto& v : c->values) values.push_back(v.value);
  EXPECT_NE(std::find(values.begin(), values.end(), "7"), values.end());
  EXPECT_NE(std::find(values.begin(), values.end(), "10"), values.end());
}

std::vector<EventRecord> TwoReports(const std::string& pub1, int64_t n1, const std::string& q1,
                                    const std::string& pub2, int64_t n2, const std::string& q2) {
  std::vector<EventRecord> v;
  Spec a;
  a.doc = "d1";
  a.published = pub1;
  a.date = "2031-05-04";
  a.targets = {{"Marek Osterhold", 1}};
  a.place = "Karsten";
  a.counts = {Killed(n1, q1)};
  a.sentence = "The strike killed Marek Osterhold.";
  v.push_back(Make(a));
  Spec b = a;
  b.doc = "d2";
  b.published = pub2;
  b.counts = {Killed(n2, q2)};
  v.push_back(Make(b));
  return v;
}

TEST(FusionConflicts, SameDayDifferentTollsAreADispute) {
  Dossier d = Fuse(TwoReports("2031-05-05", 10, "", "2031-05-05", 7, ""), Entities());
  ASSERT_EQ(d.events.size(), 1u);
  const Conflict* c = FindConflict(d, d.events[0].id, "killed");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->kind, "dispute");
}

TEST(FusionConflicts, FallingTollLaterIsADispute) {
  Dossier d = Fuse(TwoReports("2031-05-05", 10, "", "2031-05-07", 7, ""), Entities());
  const Conflict* c = FindConflict(d, d.events[0].id, "killed");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->kind, "dispute");
}

TEST(FusionConflicts, AtLeastSevenVersusTenIsListedAsUncertainty) {
  Dossier d = Fuse(TwoReports("2031-05-05", 7, "at_least", "2031-05-05", 10, ""), Entities());
  const Conflict* c = FindConflict(d, d.events[0].id, "killed");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->kind, "uncertainty");
  EXPECT_EQ(c->values.size(), 2u);
}

TEST(FusionConflicts, SameNumberNoConflict) {
  Dossier d = Fuse(TwoReports("2031-05-05", 7, "at_least", "2031-05-06", 7, ""), Entities());
  EXPECT_EQ(FindConflict(d, d.events[0].id, "killed"), nullptr);
}

TEST(FusionConflicts, InstrumentsAndPlaces) {
  std::vector<EventRecord> v;
  Spec a;
  a.doc = "d1";
  a.published = "2031-05-04";
  a.date = "2031-05-04";
  a.targets = {{"Marek Osterhold", 1}};
  a.place = "Karsten International Airport";
  a.instrument = "Katyusha rockets";
  a.sentence = "Katyusha rockets hit the convoy of Marek Osterhold.";
  v.push_back(Make(a));
  Spec b = a;
  b.doc = "d2";
  b.place = "Karsten";
  b.instrument = "a drone strike";
  v.push_back(Make(b));
  Spec c = a;
  c.doc = "d3";
  c.place = "either Lebanon or Syria";
  c.instrument = "";
  v.push_back(Make(c));
  Dossier d = Fuse(v, Entities());
  ASSERT_EQ(d.events.size(), 1u) << d.events.size();
  const Conflict* inst = FindConflict(d, d.events[0].id, "instrument");
  ASSERT_NE(inst, nullptr);
  EXPECT_EQ(inst->kind, "dispute");
  const Conflict* place = FindConflict(d, d.events[0].id, "place");
  ASSERT_NE(place, nullptr);
  EXPECT_EQ(place->kind, "uncertainty") << place->note;  // "either ... or" is a hedge
}

TEST(FusionConflicts, DatesThatDiffer) {
  std::vector<EventRecord> v;
  Spec a;
  a.doc = "d1";
  a.published = "2031-05-06";
  a.date = "2031-05-04";
  a.targets = {{"Marek Osterhold", 1}};
  a.place = "Karsten";
  a.sentence = "Marek Osterhold was killed in Karsten.";
  v.push_back(Make(a));
  Spec b = a;
  b.doc = "d2";
  b.date = "2031-05-03";
  v.push_back(Make(b));
  Spec c = a;
  c.doc = "d3";
  v.push_back(Make(c));
  Dossier d = Fuse(v, Entities());
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].date, "2031-05-04");
  const Conflict* k = FindConflict(d, d.events[0].id, "date");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->kind, "dispute");
}

TEST(FusionConflicts, SourcesNamedTogetherDoNotConflict) {
  std::vector<EventRecord> v;
  Spec a;
  a.doc = "d1";
  a.published = "2031-05-04";
  a.date = "2031-05-04";
  a.targets = {{"Marek Osterhold", 1}};
  a.sources = {{"Valdoria", 0}};
  a.sentence = "Valdoria killed Marek Osterhold on orders of Valdoria President Tomas Velde.";
  v.push_back(Make(a));
  Spec b = a;
  b.doc = "d2";
  b.sources = {{"Tomas Velde", 5}};
  b.sentence = "Velde ordered the strike that killed Osterhold.";
  v.push_back(Make(b));
  Spec c = a;
  c.doc = "d3";
  c.sources = {{"Northern Front", 3}};
  c.sentence = "The Northern Front killed Osterhold, its statement said.";
  v.push_back(Make(c));
  Dossier d = Fuse(v, Entities());
  ASSERT_EQ(d.events.size(), 1u);
  const Conflict* k = FindConflict(d, d.events[0].id, "source");
  ASSERT_NE(k, nullptr);  // Northern Front vs Valdoria
  EXPECT_EQ(k->values.size(), 3u);
  // Without the Northern Front claim, Valdoria and its president agree.
  v.pop_back();
  Dossier d2 = Fuse(v, Entities());
  EXPECT_EQ(FindConflict(d2, d2.events[0].id, "source"), nullptr);
}

TEST(FusionConflicts, ValuesOfOneDocumentAreNoContradiction) {
  std::vector<EventRecord> v;
  Spec a;
  a.doc = "d1";
  a.published = "2031-05-06";
  a.date = "2031-05-04";
  a.targets = {{"Marek Osterhold", 1}};
  a.place = "Karsten";
  a.counts = {Killed(7)};
  a.sentence = "The strike on Marek Osterhold in Karsten first killed seven.";
  v.push_back(Make(a));
  Spec b = a;
  b.index = 1;
  b.date = "2031-05-06";  // the date of the report, stuck to the strike
  b.counts = {Killed(10)};
  b.sentence = "Officials said on Tuesday that the strike on Osterhold in Karsten killed 10.";
  v.push_back(Make(b));
  Spec c = a;
  c.doc = "d2";
  c.counts = {};
  v.push_back(Make(c));
  Dossier d = Fuse(v, Entities());
  ASSERT_EQ(d.events.size(), 1u);
  const Slot* killed = FindSlot(d.events[0], "killed");
  ASSERT_NE(killed, nullptr);
  EXPECT_EQ(killed->values.size(), 2u);
  EXPECT_EQ(FindConflict(d, d.events[0].id, "killed"), nullptr);
  EXPECT_EQ(d.events[0].date, "2031-05-04");
  EXPECT_EQ(FindConflict(d, d.events[0].id, "date"), nullptr);
}

TEST(FusionConflicts, StrayPhraseIsNoSourceClaim) {
  std::vector<EventRecord> v;
  Spec a;
  a.doc = "d1";
  a.published = "2031-05-04";
  a.date = "2031-05-04";
  a.targets = {{"Marek Osterhold", 1}};
  a.sources = {{"Valdoria", 0}};
  a.sentence = "Valdoria killed Marek Osterhold.";
  v.push_back(Make(a));
  Spec b = a;
  b.doc = "d2";
  b.sources = {{"the mourning ceremony", -1}};
  b.sentence = "At the mourning ceremony for Osterhold, killed on Sunday, crowds gathered.";
  v.push_back(Make(b));
  Dossier d = Fuse(v, Entities());
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(FindConflict(d, d.events[0].id, "source"), nullptr);
}

TEST(FusionTimeline, OrderedWithPrecisionAndEvidenceSummaries) {
  std::vector<EventRecord> v = StrikeReports();
  Spec early;
  early.doc = "d2";
  early.index = 5;
  early.published = "2031-05-05";
  early.date = "2031-04-27";
  early.cameo = "183";
  early.targets = {{"a contractor", -1}};
  early.sources = {{"Northern Front", 3}};
  early.sentence = "On April 27, Northern Front rockets killed a contractor, prompting strikes against the group.";
  early.trigger = "killed";
  v.push_back(Make(early));
  Spec month;
  month.doc = "d3";
  month.index = 2;
  month.published = "2031-05-08";
  month.date = "2031-04";
  month.cameo = "145";
  month.plover = "PROTEST";
  month.targets = {{"the embassy", -1}};
  month.sentence = "In April, protesters stormed the embassy in Karsten.";
  month.trigger = "stormed";
  v.push_back(Make(month));
  Spec undated;
  undated.doc = "d3";
  undated.index = 4;
  undated.published = "2031-05-08";
  undated.cameo = "195";
  undated.targets = {{"a radar site", -1}};
  undated.sentence = "Jets also bombed a radar site.";
  v.push_back(Make(undated));
  Dossier d = Fuse(v, Entities());
  ASSERT_EQ(d.timeline.size(), 3u);
  EXPECT_EQ(d.timeline[0].date, "2031-04");
  EXPECT_EQ(d.timeline[0].precision, "month");
  EXPECT_NE(d.timeline[0].summary.find("embassy"), std::string::npos);
  EXPECT_EQ(d.timeline[1].date, "2031-04-27");
  EXPECT_EQ(d.timeline[1].precision, "day");
  EXPECT_NE(d.timeline[1].summary.find("contractor"), std::string::npos) << d.timeline[1].summary;
  // The clause, not the whole sentence.
  EXPECT_EQ(d.timeline[1].summary.find("prompting"), std::string::npos) << d.timeline[1].summary;
  EXPECT_EQ(d.timeline[2].date, "2031-05-04");
  EXPECT_NE(d.timeline[2].summary.find("Osterhold"), std::string::npos) << d.timeline[2].summary;
  EXPECT_EQ(d.timeline[2].docs, (std::vector<std::string>{"d1", "d2", "d3"}));
  EXPECT_EQ(d.timeline[2].basis, "text");
  // Dated only by its page: an event, but not on the timeline.
  const Event* undated_event = EventWithDoc(d, "d3", 4);
  ASSERT_NE(undated_event, nullptr);
  EXPECT_EQ(undated_event->date_basis, "published");
  EXPECT_EQ(undated_event->date, "2031-05-08");
  for (const TimelineEntry& t : d.timeline) EXPECT_NE(t.event, undated_event->id);
}

// One entry per event: a week entry and a day entry of one attack meet; questions,
// denials and datelines give no summary; an event told only by a question is left out.
TEST(FusionTimeline, OneEntryPerEventWithAnAssertedSummary) {
  std::vector<EventRecord> v;
  Spec day;
  day.doc = "q1";
  day.index = 1;
  day.published = "2031-03-02";
  day.date = "2031-02-24";
  day.targets = {{"the base", -1}};
  day.place = "Karsten";
  day.sentence = "March 3, 2031 4:47 PM GMT";
  day.trigger = "attack";
  v.push_back(Make(day));
  day.index = 2;
  day.sentence = "The group denied it.";
  v.push_back(Make(day));
  day.index = 3;
  day.sentence = "A drone attack hit the base near Karsten on Friday.";
  v.push_back(Make(day));
  Spec week;
  week.doc = "q2";
  week.index = 1;
  week.published = "2031-03-02";
  week.date = "2031-W09";
  week.targets = {{"the base", -1}};
  week.sentence = "Last week a drone attack hit the base near Karsten.";
  week.trigger = "attack";
  v.push_back(Make(week));
  Spec question;
  question.doc = "q3";
  question.index = 1;
  question.published = "2031-03-02";
  question.date = "2031-01-10";
  question.cameo = "195";
  question.targets = {{"a convoy", -1}};
  question.sentence = "Is there any well sourced information on why the convoy was bombed?";
  question.trigger = "bombed";
  EventRecord qr = Make(question);
  qr.sourcing = Sourcing::kQuestion;
  v.push_back(qr);
  Dossier d = Fuse(v, Entities());
  ASSERT_EQ(d.timeline.size(), 1u) << RenderTimelineText(d);
  EXPECT_EQ(d.timeline[0].date, "2031-02-24");
  EXPECT_EQ(d.timeline[0].summary.find("denied"), std::string::npos) << d.timeline[0].summary;
  EXPECT_NE(d.timeline[0].summary.find("attack"), std::string::npos) << d.timeline[0].summary;
  EXPECT_EQ(d.timeline[0].docs, (std::vector<std::string>{"q1", "q2"}));
  EventRecord dateline = v[0];
  dateline.trigger_text.clear();
  EXPECT_FALSE(fusion::SummaryUsable(dateline, "March 3, 2031 4:47 PM GMT"));
  EXPECT_FALSE(fusion::SummaryUsable(v[1], "The group denied it."));
  EXPECT_TRUE(fusion::SummaryUsable(v[2], v[2].sentence));
}

// One sentence coded twice (an attack and a protest) in one document: one timeline entry.
TEST(FusionTimeline, SameSentenceOfOneDocumentIsOneEntry) {
  std::vector<EventRecord> v;
  Spec a;
  a.doc = "m1";
  a.index = 1;
  a.published = "2031-03-02";
  a.date = "2031-02";
  a.sentence = "Rocket and drone attacks on bases hosting Valdorian troops have grown since mid-February.";
  a.trigger = "attacks";
  v.push_back(Make(a));
  a.index = 2;
  a.cameo = "145";
  a.plover = "PROTEST";
  v.push_back(Make(a));
  Dossier d = Fuse(v, Entities());
  ASSERT_EQ(d.timeline.size(), 1u) << RenderTimelineText(d);
  EXPECT_EQ(d.timeline[0].date, "2031-02");
}

TEST(FusionDeterminism, ShuffledInputGivesTheSameDossier) {
  std::vector<EventRecord> v = StrikeReports();
  Spec other;
  other.doc = "d9";
  other.published = "2031-05-04";
  other.date = "2031-05-04";
  other.targets = {{"Ilse Brandvik", 2}};
  other.place = "Karsten";
  other.sentence = "Ilse Brandvik was shot in Karsten.";
  v.push_back(Make(other));
  Dossier base = Fuse(v, Entities());
  std::mt19937 rng(7);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(v.begin(), v.end(), rng);
    Dossier d = Fuse(v, Entities());
    ASSERT_EQ(d.events.size(), base.events.size());
    for (size_t i = 0; i < d.events.size(); ++i) {
      EXPECT_EQ(d.events[i].id, base.events[i].id);
      EXPECT_EQ(d.events[i].docs, base.events[i].docs);
      EXPECT_EQ(d.events[i].summary, base.events[i].summary);
      EXPECT_EQ(d.events[i].merge_reasons, base.events[i].merge_reasons);
    }
    EXPECT_EQ(RenderEventsText(d), RenderEventsText(base));
    EXPECT_EQ(RenderTimelineText(d), RenderTimelineText(base));
    EXPECT_EQ(RenderConflictsText(d), RenderConflictsText(base));
  }
}

// Many distinct events over many days: the comparisons made grow linearly, not as n^2.
TEST(FusionBlocking, ComparisonsAreNearLinear) {
  Resolution res;
  for (int i = 0; i < 2000; ++i) {
    Entity e;
    e.name = "Person " + std::to_string(i);
    e.type = EntityType::kPerson;
    res.entities.push_back(e);
  }
  auto corpus = [&](int n) {
    std::vector<EventRecord> v;
    for (int i = 0; i < n; ++i) {
      Spec s;
      s.doc = "doc" + std::to_string(i / 5);
      s.index = i % 5;
      int day = i % 60;
      s.date = fusion::CivilFromDays(fusion::DaysFromCivil(2030, 1, 1) + day);
      s.published = s.date;
      int person = (i * 7919) % 2000;
      s.targets = {{"Person " + std::to_string(person), person}};
      s.place = (i % 3 == 0) ? "Karsten" : "Baghdad";
      s.sentence = "Person " + std::to_string(person) + " was attacked.";
      v.push_back(Make(s));
    }
    return v;
  };
  Dossier small = Fuse(corpus(6000), res);
  Dossier large = Fuse(corpus(18000), res);
  ASSERT_GT(small.stats.comparisons, 0u);
  double per_small = static_cast<double>(small.stats.comparisons) / 6000.0;
  double per_large = static_cast<double>(large.stats.comparisons) / 18000.0;
  // Each mention is scored against a bounded number of clusters: the work per mention does
  // not grow with the corpus (an all-pairs step would triple it here).
  EXPECT_LT(per_large, 1.5 * per_small) << per_small << " vs " << per_large;
  EXPECT_LT(per_large, 200.0);
}

TEST(FusionHelpers, DatesPlacesInstruments) {
  using namespace fusion;
  EXPECT_TRUE(Contains(ParseDate("2020-01"), ParseDate("2020-01-03")));
  EXPECT_EQ(ParseDate("2020-01-03T08:30").value, "2020-01-03");
  EXPECT_EQ(ParseDate("2019-W52").Width(), 7);
  EXPECT_FALSE(ParseDate("PRESENT_REF").valid());
  EXPECT_EQ(Gap(ParseDate("2020-01-03"), ParseDate("2020-01-08")), 5);
  EXPECT_EQ(CivilFromDays(DaysFromCivil(2020, 2, 29)), "2020-02-29");

  PlaceInfo airport = AnalyzePlace("Baghdad International Airport");
  PlaceInfo city = AnalyzePlace("Baghdad");
  PlaceInfo country = AnalyzePlace("Iraq");
  PlaceInfo possessive = AnalyzePlace("Baghdad\xE2\x80\x99s airport");
  EXPECT_EQ(ComparePlaces(airport, city), PlaceRelation::kNarrower);
  EXPECT_EQ(ComparePlaces(city, country), PlaceRelation::kNarrower);
  EXPECT_EQ(ComparePlaces(country, airport), PlaceRelation::kBroader);
  EXPECT_TRUE(Compatible(ComparePlaces(possessive, airport)));
  EXPECT_EQ(ComparePlaces(city, AnalyzePlace("Erbil")), PlaceRelation::kDifferent);
  EXPECT_EQ(ComparePlaces(AnalyzePlace("the airport"), airport), PlaceRelation::kBroader);
  EXPECT_TRUE(Compatible(ComparePlaces(AnalyzePlace("either Lebanon or Syria"), AnalyzePlace("Syria"))));

  EXPECT_EQ(InstrumentClass("MQ-9 Reaper drone"), "aerial");
  EXPECT_EQ(InstrumentClass("Katyusha rockets"), "rocket");
  EXPECT_TRUE(InstrumentsCompatible("aerial", "missile"));
  EXPECT_FALSE(InstrumentsCompatible("aerial", "rocket"));
  EXPECT_EQ(EventFamily("1823", ""), "attack");
  EXPECT_EQ(EventFamily("", "FIGHT"), "attack");
  EXPECT_EQ(EventFamily("040", "CONSULT"), "consult");

  EXPECT_EQ(Key("The U.S. Embassy"), "us embassy");
  EXPECT_TRUE(MentionsName("Officials blamed the US for it.", "US"));
  EXPECT_FALSE(MentionsName("They told us nothing.", "US"));
}

TEST(FusionRender, AlignedColumnsWithOutlets) {
  Dossier d = Fuse(StrikeReports(), Entities());
  std::string events = RenderEventsText(d);
  EXPECT_NE(events.find("Outlet d1"), std::string::npos) << events;
  EXPECT_NE(events.find("killed"), std::string::npos) << events;
  std::string timeline = RenderTimelineText(d);
  EXPECT_EQ(timeline.rfind("DATE", 0), 0u) << timeline;
  EXPECT_NE(timeline.find("2031-05-04"), std::string::npos) << timeline;
  std::string conflicts = RenderConflictsText(d);
  EXPECT_NE(conflicts.find("update"), std::string::npos) << conflicts;
  // Columns aligned: "SLOT" header and the slot value start at the same column.
  size_t nl = conflicts.find('\n');
  ASSERT_NE(nl, std::string::npos);
  size_t header_col = conflicts.find("SLOT");
  size_t row_col = conflicts.find("killed", nl) - nl - 1;
  EXPECT_EQ(header_col, row_col) << conflicts;
}

}  // namespace
}  // namespace dossier
