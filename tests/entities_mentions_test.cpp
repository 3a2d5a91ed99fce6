// The mentions stage: names found with their types, titles kept as attributes, aliases linked.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "entities/mentions.h"
#include "text/text.h"

namespace dossier {
namespace {

Document Annotate(const std::string& text) {
  Document d;
  d.text = text;
  d.blocks.push_back(Block{BlockKind::kParagraph, 0, {0, static_cast<uint32_t>(text.size())}});
  AnalyzeText(&d);
  FindEntities(&d);
  return d;
}

// The mention whose text is exactly `s`, or null.
const EntityMention* Mention(const Document& d, const std::string& s) {
  for (const EntityMention& e : d.entities)
    if (d.Text(e.span) == s) return &e;
  return nullptr;
}

std::vector<std::string> Texts(const Document& d) {
  std::vector<std::string> out;
  for (const EntityMention& e : d.entities) out.emplace_back(d.Text(e.span));
  return out;
}

TEST(Mentions, TitlesAreAttributesNotPartOfTheName) {
  Document d = Annotate("Iranian Maj. Gen. Kaveh Rostami met US President John Hartley in Baghdad.");
  const EntityMention* k = Mention(d, "Kaveh Rostami");
  ASSERT_NE(k, nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(k->type, EntityType::kPerson);
  ASSERT_FALSE(k->titles.empty());
  EXPECT_EQ(k->titles[0], "Maj. Gen.");
  const EntityMention* j = Mention(d, "John Hartley");
  ASSERT_NE(j, nullptr);
  EXPECT_EQ(j->titles, std::vector<std::string>{"President"});
  ASSERT_NE(Mention(d, "Iranian"), nullptr);
  EXPECT_EQ(Mention(d, "Iranian")->type, EntityType::kNorp);
  ASSERT_NE(Mention(d, "US"), nullptr);
  EXPECT_EQ(Mention(d, "US")->type, EntityType::kGpe);
  ASSERT_NE(Mention(d, "Baghdad"), nullptr);
  EXPECT_EQ(Mention(d, "Baghdad")->type, EntityType::kGpe);
}

TEST(Mentions, ArabicNameParticlesMakeOnePerson) {
  Document d = Annotate("He travelled with Abu Yasir al-Karimi and Sheikh Omar bin Talal to Mosul.");
  const EntityMention* a = Mention(d, "Abu Yasir al-Karimi");
  ASSERT_NE(a, nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(a->type, EntityType::kPerson);
  const EntityMention* b = Mention(d, "Omar bin Talal");
  ASSERT_NE(b, nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(b->type, EntityType::kPerson);
}

TEST(Mentions, PossessivesAndBackedCompounds) {
  Document d = Annotate("Iran's envoy praised the Syria-backed Northern Shield Brigades.");
  ASSERT_NE(Mention(d, "Iran"), nullptr) << ::testing::PrintToString(Texts(d));
  ASSERT_NE(Mention(d, "Syria"), nullptr);
  const EntityMention* o = Mention(d, "Northern Shield Brigades");
  ASSERT_NE(o, nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(o->type, EntityType::kOrg);
}

TEST(Mentions, ParentheticalAndKnownAsAliases) {
  Document d = Annotate(
      "The Southern Defence Forces (SDF) clashed with the Popular Rescue Units, known as the "
      "Najda, near Basra.");
  const EntityMention* sdf = Mention(d, "SDF");
  ASSERT_NE(sdf, nullptr) << ::testing::PrintToString(Texts(d));
  ASSERT_GE(sdf->alias_of, 0);
  EXPECT_EQ(d.Text(d.entities[sdf->alias_of].span), "Southern Defence Forces");
  const EntityMention* najda = Mention(d, "Najda");
  ASSERT_NE(najda, nullptr) << ::testing::PrintToString(Texts(d));
  ASSERT_GE(najda->alias_of, 0);
  EXPECT_EQ(d.Text(d.entities[najda->alias_of].span), "Popular Rescue Units");
  EXPECT_EQ(najda->type, EntityType::kOrg);
}

TEST(Mentions, ParentheticalAcronymWithArticle) {
  Document d = Annotate("Tareq Hamdawi, the head of Saraya Al-Fajr (SAF), was killed.");
  const EntityMention* saf = Mention(d, "SAF");
  ASSERT_NE(saf, nullptr) << ::testing::PrintToString(Texts(d));
  ASSERT_GE(saf->alias_of, 0);
  EXPECT_EQ(d.Text(d.entities[saf->alias_of].span), "Saraya Al-Fajr");
  EXPECT_EQ(d.entities[saf->alias_of].type, EntityType::kOrg);
  // Initials make an organisation of a name that looks like a person's.
  Document d2 = Annotate("Fighters of Nadim Karsh (NK) attacked the town.");
  const EntityMention* nk = Mention(d2, "Nadim Karsh");
  ASSERT_NE(nk, nullptr) << ::testing::PrintToString(Texts(d2));
  EXPECT_EQ(nk->type, EntityType::kOrg);
  Document d3 = Annotate("The historian Alan John Percivale (A.J.P.) Taylor wrote it in Tel Aviv.");
  const EntityMention* a = Mention(d3, "Alan John Percivale");
  ASSERT_NE(a, nullptr) << ::testing::PrintToString(Texts(d3));
  EXPECT_EQ(a->type, EntityType::kPerson);
  ASSERT_NE(Mention(d3, "Tel Aviv"), nullptr) << ::testing::PrintToString(Texts(d3));
}

TEST(Mentions, RepublicsArePlacesAndPeoplesPair) {
  Document d = Annotate("Troops left the Chechen Republic. Iraqi Kurds met envoys of the Republic of Ireland.");
  const EntityMention* c = Mention(d, "Chechen Republic");
  ASSERT_NE(c, nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(c->type, EntityType::kGpe);
  const EntityMention* r = Mention(d, "Republic of Ireland");
  ASSERT_NE(r, nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(r->type, EntityType::kGpe);
  const EntityMention* k = Mention(d, "Iraqi Kurds");
  ASSERT_NE(k, nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(k->type, EntityType::kNorp);
}

TEST(Mentions, FamilyNameShapeMakesAPerson) {
  Document d = Annotate("The goal came late. Then Panayiotopoulos scored and McAteer missed.");
  const EntityMention* p = Mention(d, "Panayiotopoulos");
  ASSERT_NE(p, nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(p->type, EntityType::kPerson);
  const EntityMention* m = Mention(d, "McAteer");
  ASSERT_NE(m, nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(m->type, EntityType::kPerson);
}

TEST(Mentions, CampNamesAFacility) {
  Document d = Annotate("Rockets hit Camp Halvard, a base north of the city, on Tuesday.");
  const EntityMention* c = Mention(d, "Camp Halvard");
  ASSERT_NE(c, nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(c->type, EntityType::kFac);
}

TEST(Mentions, ScorecardNamesArePeople) {
  Document d = Annotate(
      "Sri Lanka beat Australia in the cricket match. The innings had 30 runs and 4 wickets.\n"
      "S. Waugh b Muralitharan 22\nI. Healy c Ranatunga b Muralitharan 8\n"
      "Hove : Sussex 363 , Lancashire 197");
  int seen = 0;
  for (const EntityMention& e : d.entities) {
    if (d.Text(e.span) == "Muralitharan") {
      EXPECT_EQ(e.type, EntityType::kPerson);
      ++seen;
    }
  }
  EXPECT_EQ(seen, 2) << ::testing::PrintToString(Texts(d));
  const EntityMention* hove = Mention(d, "Hove");
  ASSERT_NE(hove, nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(hove->type, EntityType::kGpe);
}

TEST(Mentions, GivenNameAloneIsThePersonNamedInFull) {
  Document d = Annotate("Randall Cunningham retired on Thursday. Fans loved him. \"Randall was great.\"");
  int seen = 0;
  for (const EntityMention& e : d.entities) {
    if (d.Text(e.span) == "Randall") {
      EXPECT_EQ(e.type, EntityType::kPerson);
      ++seen;
    }
  }
  EXPECT_EQ(seen, 1) << ::testing::PrintToString(Texts(d));
}

TEST(Mentions, GivenNameThatIsAWordInAHeadline) {
  Document d = Annotate("GOALS FOR MARK HUGHES AND DEAN SAUNDERS\nWales won on Saturday.");
  const EntityMention* m = Mention(d, "MARK HUGHES");
  ASSERT_NE(m, nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(m->type, EntityType::kPerson);
  ASSERT_NE(Mention(d, "DEAN SAUNDERS"), nullptr) << ::testing::PrintToString(Texts(d));
}

TEST(Mentions, TableAbbreviationsAreNoNames) {
  Document d = Annotate("Net profit rose. Shr 1.20 vs 1.10. Avg shrs 40 mln.");
  EXPECT_EQ(Mention(d, "Shr"), nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(Mention(d, "Avg"), nullptr) << ::testing::PrintToString(Texts(d));
}

TEST(Mentions, AppositionRoleBecomesATitle) {
  Document d = Annotate("Tariq Hamdani, the deputy head of the Popular Rescue Units, was killed.");
  const EntityMention* t = Mention(d, "Tariq Hamdani");
  ASSERT_NE(t, nullptr) << ::testing::PrintToString(Texts(d));
  ASSERT_FALSE(t->titles.empty());
  EXPECT_EQ(t->titles[0], "deputy head of the Popular Rescue Units");
}

TEST(Mentions, SentenceInitialWordsAreNotNames) {
  Document d = Annotate("And Rostami left. Since Rostami was there, nothing happened.");
  for (const EntityMention& e : d.entities) EXPECT_EQ(d.Text(e.span), "Rostami");
  EXPECT_EQ(d.entities.size(), 2u) << ::testing::PrintToString(Texts(d));
}

TEST(Mentions, SurnameTakesThePersonTypeFromTheDocument) {
  Document d = Annotate("Kaveh Rostami arrived on Friday. Officials said Rostami met Zarif.");
  for (const EntityMention& e : d.entities) {
    if (d.Text(e.span) == "Rostami") {
      EXPECT_EQ(e.type, EntityType::kPerson);
    }
  }
  ASSERT_NE(Mention(d, "Rostami"), nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(Mention(d, "Friday"), nullptr);
}

TEST(Mentions, AllCapsHeadlineUsesTheBody) {
  Document d = Annotate("ROSTAMI VISITS BAGHDAD\nKaveh Rostami arrived in Baghdad on Friday.");
  const EntityMention* head = Mention(d, "ROSTAMI");
  ASSERT_NE(head, nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(head->type, EntityType::kPerson);
  ASSERT_NE(Mention(d, "BAGHDAD"), nullptr);
  EXPECT_EQ(Mention(d, "VISITS"), nullptr);
}

TEST(Mentions, SpansIndexTheText) {
  Document d = Annotate("Kata\u2019ib Hezbollah fighters gathered outside the U.S. embassy in Baghdad.");
  for (const EntityMention& e : d.entities) {
    ASSERT_LE(e.span.end, d.text.size());
    ASSERT_LT(e.span.start, e.span.end);
  }
  const EntityMention* k = Mention(d, "Kata\u2019ib Hezbollah");
  ASSERT_NE(k, nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(k->type, EntityType::kOrg);
  ASSERT_NE(Mention(d, "U.S."), nullptr);
}

TEST(Mentions, DemonymOfAPlaceInTheDocumentIsNorp) {
  Document d = Annotate(
      "Troops crossed into Quorvania on Monday. Quorvanian officials said the border was "
      "closed. Several Quorvanians were hurt.");
  const EntityMention* q = Mention(d, "Quorvanian");
  ASSERT_NE(q, nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(q->type, EntityType::kNorp) << q->rule;
  const EntityMention* qs = Mention(d, "Quorvanians");
  ASSERT_NE(qs, nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(qs->type, EntityType::kNorp) << qs->rule;
}

TEST(Mentions, NameWhoseDemonymAppearsIsAPlace) {
  Document d = Annotate(
      "Zelbora rejected the plan. Zelboran diplomats walked out of the talks on Tuesday.");
  const EntityMention* z = Mention(d, "Zelbora");
  ASSERT_NE(z, nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(z->type, EntityType::kGpe) << z->rule;
  const EntityMention* zn = Mention(d, "Zelboran");
  ASSERT_NE(zn, nullptr) << ::testing::PrintToString(Texts(d));
  EXPECT_EQ(zn->type, EntityType::kNorp) << zn->rule;
}

TEST(Mentions, NameCalledACityIsAPlaceThroughoutTheDocument) {
  Document d = Annotate(
      "Shelling hit the city of Dervo Palan overnight. Dervo Palan has been without power "
      "since March.");
  int n = 0;
  for (const EntityMention& e : d.entities) {
    if (d.Text(e.span) != "Dervo Palan") continue;
    ++n;
    EXPECT_EQ(e.type, EntityType::kGpe) << e.rule;
  }
  EXPECT_EQ(n, 2) << ::testing::PrintToString(Texts(d));
}

}  // namespace
}  // namespace dossier
