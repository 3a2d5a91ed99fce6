// CAMEO/PLOVER coding, arguments and modality of the events stage. Documents here have no
// entity or timex layers, so the stage must find arguments from the clause alone.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "attribution/attribution.h"
#include "events/events.h"
#include "text/text.h"

namespace dossier {
namespace {

Document Make(const std::string& text) {
  Document d;
  d.text = text;
  d.blocks.push_back(Block{BlockKind::kParagraph, 0, {0, static_cast<uint32_t>(text.size())}});
  AnalyzeText(&d);
  Attribute(&d);
  CodeEvents(&d);
  return d;
}

std::vector<std::string> Codes(const Document& d) {
  std::vector<std::string> out;
  for (const auto& e : d.events) out.push_back(e.cameo);
  return out;
}

const EventMention* WithRoot(const Document& d, const std::string& root) {
  for (const auto& e : d.events)
    if (e.cameo.compare(0, root.size(), root) == 0) return &e;
  return nullptr;
}

std::string Joined(const std::vector<EventArg>& args) {
  std::string s;
  for (const auto& a : args) s += (s.empty() ? "" : "|") + a.text;
  return s;
}

TEST(EventsCoding, ArrestWithActorsAndCount) {
  Document d = Make("Israeli soldiers arrested 20 Palestinians in Hebron on Saturday.");
  const EventMention* e = WithRoot(d, "173");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->plover, "COERCE");
  EXPECT_NE(Joined(e->source).find("Israeli"), std::string::npos);
  EXPECT_NE(Joined(e->target).find("Palestinians"), std::string::npos);
  EXPECT_EQ(e->place.text, "Hebron");
  ASSERT_EQ(e->counts.size(), 1u);
  EXPECT_EQ(e->counts[0].slot, "arrested");
  EXPECT_EQ(e->counts[0].value, 20);
}

TEST(EventsCoding, NominalDroneStrikeNamesItsActor) {
  Document d = Make("A US drone strike killed the commander near the airport.");
  ASSERT_EQ(d.events.size(), 1u);
  const EventMention& e = d.events[0];
  EXPECT_EQ(e.cameo, "1952");
  EXPECT_EQ(e.plover, "ASSAULT");
  EXPECT_EQ(e.mode, "drone");
  EXPECT_EQ(Joined(e.source), "US");
  EXPECT_NE(Joined(e.target).find("commander"), std::string::npos);
  EXPECT_EQ(e.modality, Modality::kAsserted);
}

TEST(EventsCoding, PassiveKilledInAnAirstrikeAtAPlace) {
  Document d = Make("The general was killed in an airstrike at Baghdad International Airport.");
  ASSERT_EQ(d.events.size(), 1u);
  const EventMention& e = d.events[0];
  EXPECT_EQ(e.cameo, "195");
  EXPECT_NE(Joined(e.target).find("general"), std::string::npos);
  EXPECT_EQ(e.place.text, "Baghdad International Airport");
  EXPECT_EQ(e.instrument.text, "airstrike");
}

TEST(EventsCoding, PassiveByAgent) {
  Document d = Make("The envoy was kidnapped by gunmen in the capital.");
  const EventMention* e = WithRoot(d, "181");
  ASSERT_NE(e, nullptr);
  EXPECT_NE(Joined(e->source).find("gunmen"), std::string::npos);
  EXPECT_NE(Joined(e->target).find("envoy"), std::string::npos);
}

TEST(EventsCoding, AssassinateAndRiot) {
  EXPECT_EQ(Codes(Make("The US assassinated him in Baghdad.")), std::vector<std::string>{"186"});
  EXPECT_EQ(Codes(Make("Prisoners rioted at the jail on Monday.")), std::vector<std::string>{"145"});
  EXPECT_EQ(Codes(Make("The foreign ministers met in Geneva on Monday.")), std::vector<std::string>{"040"});
}

TEST(EventsCoding, NoEventInADescription) {
  EXPECT_TRUE(Make("The sky over the city was blue and the streets were quiet.").events.empty());
}

TEST(EventsCoding, ThreatOfRevengeIsNotAnAttack) {
  Document d = Make("The supreme leader promised severe revenge for the death of the general.");
  ASSERT_FALSE(d.events.empty());
  for (const auto& e : d.events) {
    EXPECT_EQ(e.cameo.substr(0, 2), "13") << e.cameo;
    EXPECT_EQ(e.modality, Modality::kThreatened);
  }
}

TEST(EventsCoding, ThreatenedAttack) {
  Document d = Make("The minister threatened to attack the rebels.");
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].cameo.substr(0, 3), "138");
  EXPECT_EQ(d.events[0].modality, Modality::kThreatened);
}

TEST(EventsCoding, PlannedMeetingIsNotAMeeting) {
  for (const char* text : {"Mahdi said he planned to meet Soleimani on Friday.",
                           "The prime minister was due to meet the general.",
                           "The minister was scheduled to meet his counterpart.",
                           "The president will visit Moscow next week."}) {
    Document d = Make(text);
    ASSERT_EQ(d.events.size(), 1u) << text;
    EXPECT_EQ(d.events[0].cameo, "036") << text;
    EXPECT_EQ(d.events[0].modality, Modality::kPlanned) << text;
  }
}

TEST(EventsCoding, Negated) {
  Document d = Make("The army did not attack the village.");
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].modality, Modality::kNegated);
}

TEST(EventsCoding, Denied) {
  Document d = Make("The government denied that its troops attacked the village.");
  const EventMention* e = WithRoot(d, "18");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->modality, Modality::kDenied);
}

TEST(EventsCoding, Hedged) {
  Document d = Make("Rebels reportedly attacked the town overnight.");
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].modality, Modality::kHedged);
}

TEST(EventsCoding, Hypothetical) {
  Document d = Make("The army could attack the town.");
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].modality, Modality::kHypothetical);
}

TEST(EventsCoding, AppealRecastsTheGovernedAction) {
  Document d = Make("The UN urged the rebels to release the hostages.");
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].cameo, "0253");
  EXPECT_EQ(d.events[0].plover, "REQUEST");
}

TEST(EventsCoding, CountBelongsToTheEventOfItsClause) {
  Document d = Make("Rocket strikes killed one contractor and wounded four soldiers.");
  ASSERT_FALSE(d.events.empty());
  const EventMention* e = WithRoot(d, "19");
  ASSERT_NE(e, nullptr);
  int64_t killed = -1;
  for (const auto& e2 : d.events)
    for (const auto& c : e2.counts)
      if (c.slot == "killed") killed = c.value;
  EXPECT_EQ(killed, 1);
}

TEST(EventsCoding, EventsLinkTheirAttribution) {
  Document d = Make("Iraqi officials said the strike killed seven people.");
  ASSERT_EQ(d.events.size(), 1u);
  ASSERT_GE(d.events[0].attribution, 0);
  EXPECT_EQ(d.attributions[d.events[0].attribution].sourcing, Sourcing::kAnonymous);
  ASSERT_EQ(d.events[0].counts.size(), 1u);
  EXPECT_EQ(d.events[0].counts[0].value, 7);
}

}  // namespace
}  // namespace dossier
