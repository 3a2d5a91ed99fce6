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

}  // namespace
}  // namespace dossier
