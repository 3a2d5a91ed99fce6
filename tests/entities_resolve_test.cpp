// Cross-document resolution: variants join, distinct entities stay apart, the result does
// not depend on the order of the records, and every join says why.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "entities/resolve.h"

namespace dossier {
namespace {

// The test's documents, numbered as they are first named.
std::vector<std::string>& DocIds() {
  static std::vector<std::string> ids;
  return ids;
}

DocNumber Doc(const std::string& id) {
  auto& ids = DocIds();
  auto it = std::find(ids.begin(), ids.end(), id);
  if (it != ids.end()) return static_cast<DocNumber>(it - ids.begin());
  ids.push_back(id);
  return static_cast<DocNumber>(ids.size() - 1);
}

Resolution Resolve(const std::vector<MentionRecord>& records) { return ResolveEntities(records, DocIds()); }

// One mention (`index` only tells the test's mentions apart).
MentionRecord Rec(const std::string& doc, int /*index*/, EntityType type, const std::string& text,
                  const std::string& alias = "") {
  MentionRecord r;
  r.docs = {Doc(doc)};
  r.type = type;
  r.text = text;
  r.alias_text = alias;
  return r;
}

std::vector<MentionRecord> Corpus() {
  const EntityType P = EntityType::kPerson, O = EntityType::kOrg, G = EntityType::kGpe;
  std::vector<MentionRecord> r;
  r.push_back(Rec("d1", 0, P, "Qassem Soleimani"));
  r.push_back(Rec("d1", 1, P, "Soleimani"));
  r.push_back(Rec("d1", 2, P, "Abu Mahdi al-Muhandis"));
  r.push_back(Rec("d1", 3, O, "Popular Mobilization Forces"));
  r.push_back(Rec("d1", 4, O, "PMF", "Popular Mobilization Forces"));
  r.push_back(Rec("d1", 5, G, "Baghdad"));
  r.push_back(Rec("d2", 0, P, "Qasem Soleimani"));
  r.push_back(Rec("d2", 1, P, "Suleimani"));
  r.push_back(Rec("d2", 2, P, "Adel Abdul Mahdi"));
  r.push_back(Rec("d2", 3, P, "Abdul Mahdi"));
  r.push_back(Rec("d2", 4, P, "Mahdi"));
  r.push_back(Rec("d2", 5, O, "Kata'ib Hezbollah"));
  r.push_back(Rec("d2", 6, O, "Hezbollah"));
  r.push_back(Rec("d3", 0, P, "Adil Abdul-Mahdi"));
  r.push_back(Rec("d3", 1, O, "Kata\u2019ib Hezbollah"));
  r.push_back(Rec("d3", 2, O, "Kataib Hezbollah"));
  r.push_back(Rec("d3", 3, O, "Kataeb Hezbollah"));
  r.push_back(Rec("d3", 4, O, "Popular Mobilisation Forces"));
  r.push_back(Rec("d3", 5, O, "Hashed", "Popular Mobilisation Forces"));
  r.push_back(Rec("d3", 6, P, "Muhandis"));
  r.push_back(Rec("d3", 7, P, "al-Muhandis"));
  r.push_back(Rec("d4", 0, P, "Abu Bakr al Baghdadi"));
  r.push_back(Rec("d4", 1, G, "Baghdad"));
  r.push_back(Rec("d4", 2, P, "Donald Trump"));
  r.push_back(Rec("d5", 0, P, "Trump"));
  r.push_back(Rec("d5", 1, O, "Islamic Revolutionary Guard Corps"));
  r.push_back(Rec("d5", 2, O, "IRGC"));
  return r;
}

// The entity holding spelling `name`, or null.
const Entity* Find(const Resolution& res, const std::string& name) {
  for (const Entity& e : res.entities) {
    if (e.name == name) return &e;
    if (std::find(e.aliases.begin(), e.aliases.end(), name) != e.aliases.end()) return &e;
  }
  return nullptr;
}

void ExpectSame(const Resolution& res, const std::vector<std::string>& names) {
  const Entity* first = Find(res, names[0]);
  ASSERT_NE(first, nullptr) << names[0];
  for (const std::string& n : names) EXPECT_EQ(Find(res, n), first) << n << " vs " << names[0];
}

void ExpectApart(const Resolution& res, const std::string& a, const std::string& b) {
  const Entity* ea = Find(res, a);
  const Entity* eb = Find(res, b);
  ASSERT_NE(ea, nullptr) << a;
  ASSERT_NE(eb, nullptr) << b;
  EXPECT_NE(ea, eb) << a << " merged with " << b;
}

TEST(Resolve, VariantsJoin) {
  Resolution res = Resolve(Corpus());
  ExpectSame(res, {"Qassem Soleimani", "Qasem Soleimani", "Suleimani", "Soleimani"});
  ExpectSame(res, {"Kata'ib Hezbollah", "Kata\u2019ib Hezbollah", "Kataib Hezbollah", "Kataeb Hezbollah"});
  ExpectSame(res, {"Popular Mobilization Forces", "Popular Mobilisation Forces", "PMF", "Hashed"});
  ExpectSame(res, {"Adel Abdul Mahdi", "Adil Abdul-Mahdi", "Abdul Mahdi", "Mahdi"});
  ExpectSame(res, {"Abu Mahdi al-Muhandis", "al-Muhandis", "Muhandis"});
  ExpectSame(res, {"Donald Trump", "Trump"});
  ExpectSame(res, {"Islamic Revolutionary Guard Corps", "IRGC"});
}

TEST(Resolve, AcronymMayKeepTheArticle) {
  const EntityType O = EntityType::kOrg;
  std::vector<MentionRecord> r;
  r.push_back(Rec("d1", 0, O, "Saraya al-Fajr"));
  r.push_back(Rec("d2", 0, O, "SAF"));
  r.push_back(Rec("d2", 1, O, "Jaish al-Nasr"));
  Resolution res = Resolve(r);
  ExpectSame(res, {"Saraya al-Fajr", "SAF"});
  ExpectApart(res, "SAF", "Jaish al-Nasr");
}

TEST(Resolve, DistinctEntitiesStayApart) {
  Resolution res = Resolve(Corpus());
  ExpectApart(res, "Abu Mahdi al-Muhandis", "Adel Abdul Mahdi");
  ExpectApart(res, "Mahdi", "Abu Mahdi al-Muhandis");
  ExpectApart(res, "Hezbollah", "Kata'ib Hezbollah");
  ExpectApart(res, "Baghdad", "Abu Bakr al Baghdadi");
  ExpectApart(res, "Soleimani", "Adel Abdul Mahdi");
}

TEST(Resolve, TypesNameAndReasons) {
  Resolution res = Resolve(Corpus());
  const Entity* pmf = Find(res, "PMF");
  ASSERT_NE(pmf, nullptr);
  EXPECT_EQ(pmf->type, EntityType::kOrg);
  // The most complete spelling names the entity, not the acronym.
  EXPECT_TRUE(pmf->name == "Popular Mobilization Forces" || pmf->name == "Popular Mobilisation Forces")
      << pmf->name;
  const Entity* s = Find(res, "Soleimani");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->type, EntityType::kPerson);
  EXPECT_EQ(s->mentions, 4);
  std::vector<std::string> docs;
  for (DocNumber d : s->docs) docs.push_back(res.doc_ids[d]);
  std::sort(docs.begin(), docs.end());
  EXPECT_EQ(docs, (std::vector<std::string>{"d1", "d2"}));
  std::set<std::string> rules;
  for (const MergeReason& r : s->reasons) rules.insert(r.rule);
  EXPECT_TRUE(rules.count("same-key"));
  EXPECT_TRUE(rules.count("short-form"));
  std::set<std::string> pmf_rules;
  for (const MergeReason& r : pmf->reasons) pmf_rules.insert(r.rule);
  EXPECT_TRUE(pmf_rules.count("alias"));
  EXPECT_EQ(Find(res, "Baghdad")->type, EntityType::kGpe);
  EXPECT_EQ(Find(res, "Abu Bakr al Baghdadi")->type, EntityType::kPerson);
  for (const Entity& e : res.entities) {
    ASSERT_FALSE(e.id.empty());
    EXPECT_EQ(e.id[0], 'E');
  }
}

TEST(Resolve, AmbiguousSurnameStaysAlone) {
  const EntityType P = EntityType::kPerson;
  std::vector<MentionRecord> r = {Rec("a", 0, P, "John Smith"), Rec("b", 0, P, "Mary Smith"),
                                  Rec("c", 0, P, "Smith")};
  Resolution res = Resolve(r);
  ExpectApart(res, "Smith", "John Smith");
  ExpectApart(res, "Smith", "Mary Smith");
  // The same documents name only one of them: the surname is that one.
  r.push_back(Rec("a", 1, P, "Smith"));
  res = Resolve(r);
  EXPECT_EQ(Find(res, "Smith"), Find(res, "John Smith"));
}

TEST(Resolve, IndependentOfRecordOrder) {
  std::vector<MentionRecord> records = Corpus();
  Resolution base = Resolve(records);
  std::mt19937 rng(7);
  for (int round = 0; round < 5; ++round) {
    std::vector<size_t> perm(records.size());
    for (size_t i = 0; i < perm.size(); ++i) perm[i] = i;
    std::shuffle(perm.begin(), perm.end(), rng);
    std::vector<MentionRecord> shuffled;
    for (size_t i : perm) shuffled.push_back(records[i]);
    Resolution res = Resolve(shuffled);
    ASSERT_EQ(res.entities.size(), base.entities.size());
    for (size_t k = 0; k < res.entities.size(); ++k) {
      EXPECT_EQ(res.entities[k].id, base.entities[k].id);
      EXPECT_EQ(res.entities[k].name, base.entities[k].name);
      EXPECT_EQ(res.entities[k].aliases, base.entities[k].aliases);
      EXPECT_EQ(res.entities[k].mentions, base.entities[k].mentions);
      EXPECT_EQ(res.entities[k].reasons.size(), base.entities[k].reasons.size());
    }
    for (size_t i = 0; i < perm.size(); ++i)
      EXPECT_EQ(res.entities[res.assignment[i]].id, base.entities[base.assignment[perm[i]]].id);
  }
}

TEST(Resolve, EmptyInput) {
  Resolution res = Resolve({});
  EXPECT_TRUE(res.entities.empty());
  EXPECT_TRUE(res.assignment.empty());
}

TEST(Resolve, TypeVoteJoinsPlaceAndPeopleNamesByMajority) {
  const EntityType P = EntityType::kPerson, O = EntityType::kOrg, G = EntityType::kGpe,
                   N = EntityType::kNorp;
  std::vector<MentionRecord> r;
  for (int i = 0; i < 5; ++i) r.push_back(Rec("g" + std::to_string(i), 0, G, "Tessaly"));
  r.push_back(Rec("p0", 0, P, "Tessaly"));
  r.push_back(Rec("o0", 0, O, "Tessaly"));
  for (int i = 0; i < 3; ++i) r.push_back(Rec("n" + std::to_string(i), 0, N, "Tessalian"));
  r.push_back(Rec("o1", 0, O, "Tessalian"));
  Resolution res = Resolve(r);
  int tessaly = -1, tessalian = -1;
  for (size_t i = 0; i < res.entities.size(); ++i) {
    if (res.entities[i].name == "Tessaly") tessaly = static_cast<int>(i);
    if (res.entities[i].name == "Tessalian") tessalian = static_cast<int>(i);
  }
  ASSERT_GE(tessaly, 0);
  ASSERT_GE(tessalian, 0);
  EXPECT_EQ(res.entities.size(), 2u);
  EXPECT_EQ(res.entities[tessaly].type, G);
  EXPECT_EQ(res.entities[tessaly].mentions, 7);
  EXPECT_EQ(res.entities[tessalian].type, N);
  bool vote = false;
  for (const MergeReason& m : res.entities[tessaly].reasons)
    if (m.rule == "same-key-type-vote") vote = true;
  EXPECT_TRUE(vote);
}

TEST(Resolve, TypeVoteNeverMakesAPersonFullNameAPlaceNorAPlaceAPerson) {
  const EntityType P = EntityType::kPerson, G = EntityType::kGpe;
  std::vector<MentionRecord> r;
  for (int i = 0; i < 4; ++i) r.push_back(Rec("g" + std::to_string(i), 0, G, "Moren Hald"));
  r.push_back(Rec("p0", 0, P, "Moren Hald"));
  for (int i = 0; i < 4; ++i) r.push_back(Rec("q" + std::to_string(i), 0, P, "Vesk"));
  r.push_back(Rec("h0", 0, G, "Vesk"));
  r.push_back(Rec("h1", 0, G, "Brannad"));
  r.push_back(Rec("h2", 0, P, "Brannadi"));
  Resolution res = Resolve(r);
  EXPECT_EQ(res.entities.size(), 6u);
}

TEST(Resolve, AggregatedRecordsCountLikeSingleMentionsAndResolveByName) {
  // Three mentions of one spelling given once with a count and two documents weigh as much as
  // three single records.
  MentionRecord many = Rec("a", 0, EntityType::kPerson, "Hana Koval");
  many.docs = {Doc("a"), Doc("b")};
  std::sort(many.docs.begin(), many.docs.end());
  many.count = 3;
  std::vector<MentionRecord> r = {many, Rec("c", 0, EntityType::kPerson, "Koval")};
  Resolution res = Resolve(r);
  ASSERT_EQ(res.entities.size(), 1u);
  EXPECT_EQ(res.entities[0].mentions, 4);
  std::vector<std::string> docs;
  for (DocNumber d : res.entities[0].docs) docs.push_back(res.doc_ids[d]);
  std::sort(docs.begin(), docs.end());
  EXPECT_EQ(docs, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(res.EntityOf(EntityType::kPerson, "Koval"), 0);
  EXPECT_EQ(res.EntityOf(EntityType::kPerson, "Hana Koval"), 0);
  EXPECT_EQ(res.EntityOf(EntityType::kGpe, "Koval"), -1);
  EXPECT_EQ(res.EntityOf(EntityType::kPerson, "Someone Else"), -1);
}

}  // namespace
}  // namespace dossier
