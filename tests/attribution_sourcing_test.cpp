// Sourcing kinds and chains of the attribution stage.
#include <gtest/gtest.h>

#include "attribution/attribution.h"
#include "text/text.h"

namespace dossier {
namespace {

Document Make(const std::string& text) {
  Document d;
  d.text = text;
  d.blocks.push_back(Block{BlockKind::kParagraph, 0, {0, static_cast<uint32_t>(text.size())}});
  AnalyzeText(&d);
  Attribute(&d);
  return d;
}

const Attribution& First(const Document& d) { return d.attributions.at(0); }

TEST(AttributionSourcing, OnePerSentence) {
  Document d = Make("The general arrived on Friday. He left on Saturday.");
  EXPECT_EQ(d.attributions.size(), d.sentences.size());
  EXPECT_EQ(First(d).sourcing, Sourcing::kAuthor);
}

TEST(AttributionSourcing, NamedSpeaker) {
  Document d = Make("Abdul Mahdi said the strike was a political assassination.");
  EXPECT_EQ(First(d).sourcing, Sourcing::kNamed);
  EXPECT_EQ(First(d).source, "Abdul Mahdi");
  EXPECT_EQ(First(d).cue, "said");
}

TEST(AttributionSourcing, OutletReported) {
  Document d = Make("Soleimani met militia leaders in October, Reuters reported.");
  EXPECT_EQ(First(d).sourcing, Sourcing::kOutlet);
  EXPECT_EQ(First(d).source, "Reuters");
}

TEST(AttributionSourcing, AccordingToOutlet) {
  Document d = Make("He told them to prepare for a proxy war, according to The Guardian.");
  EXPECT_EQ(First(d).sourcing, Sourcing::kOutlet);
  EXPECT_NE(First(d).source.find("Guardian"), std::string::npos);
}

TEST(AttributionSourcing, OutletIsTheChannelSpeakerTheSource) {
  Document d = Make("Two militia commanders told Reuters that the plan was approved.");
  const Attribution& a = First(d);
  EXPECT_EQ(a.sourcing, Sourcing::kAnonymous);
  EXPECT_EQ(a.source, "Two militia commanders");
  ASSERT_EQ(a.chain.size(), 2u);
  EXPECT_EQ(a.chain[0].source, "Reuters");
  EXPECT_EQ(a.chain[0].sourcing, Sourcing::kOutlet);
  EXPECT_EQ(a.chain[1].sourcing, Sourcing::kAnonymous);
}

TEST(AttributionSourcing, SecuritySourcesToldAfp) {
  Document d = Make("Mortar rounds hit an area near the embassy, security sources told AFP.");
  const Attribution& a = First(d);
  EXPECT_EQ(a.sourcing, Sourcing::kAnonymous);
  ASSERT_EQ(a.chain.size(), 2u);
  EXPECT_EQ(a.chain[0].source, "AFP");
}

TEST(AttributionSourcing, ConditionOfAnonymity) {
  Document d = Make("The official, speaking on condition of anonymity, said the convoy had arrived.");
  EXPECT_EQ(First(d).sourcing, Sourcing::kAnonymous);
  EXPECT_EQ(First(d).source, "official");
}

TEST(AttributionSourcing, UsOfficials) {
  Document d = Make("US officials said the strike was defensive.");
  EXPECT_EQ(First(d).sourcing, Sourcing::kAnonymous);
}

TEST(AttributionSourcing, SaidInAStatement) {
  Document d = Make("The ministry said in a statement that the talks had failed.");
  EXPECT_EQ(First(d).sourcing, Sourcing::kNamed);
  EXPECT_EQ(First(d).cue, "said in a statement");
}

TEST(AttributionSourcing, InvertedSaid) {
  Document d = Make("He ordered the group to direct the plan, said the militia sources briefed on the meetings.");
  EXPECT_EQ(First(d).sourcing, Sourcing::kAnonymous);
}

TEST(AttributionSourcing, HedgedAndOpinion) {
  Document d = Make("The trip likely had a secret purpose. This was a reckless and stupid decision.");
  ASSERT_EQ(d.attributions.size(), 2u);
  EXPECT_TRUE(d.attributions[0].hedged);
  EXPECT_EQ(d.attributions[0].sourcing, Sourcing::kAuthor);
  EXPECT_EQ(d.attributions[1].sourcing, Sourcing::kOpinion);
}

TEST(AttributionSourcing, PronounTakesThePreviousSpeaker) {
  Document d = Make("Abdul Mahdi said the strike was illegal. He said the general came to deliver a message.");
  ASSERT_EQ(d.attributions.size(), 2u);
  EXPECT_EQ(d.attributions[1].sourcing, Sourcing::kNamed);
  EXPECT_EQ(d.attributions[1].source, "Abdul Mahdi");
}

TEST(AttributionSourcing, QuoteContinuesItsSpeaker) {
  Document d;
  d.text =
      "Cohen said: \"He knows very well that his assassination is not impossible, and he knows "
      "that we know where he lives and where he travels every month of the year. His actions "
      "are identified and felt everywhere across the region and beyond it.\"";
  d.blocks.push_back(Block{BlockKind::kParagraph, 0, {0, static_cast<uint32_t>(d.text.size())}});
  AnalyzeText(&d);
  Attribute(&d);
  ASSERT_GE(d.attributions.size(), 1u);
  EXPECT_EQ(d.attributions[0].source, "Cohen");
  for (const Attribution& a : d.attributions) {
    EXPECT_EQ(a.sourcing, Sourcing::kNamed);
    EXPECT_EQ(a.source, "Cohen");
  }
}

// A Q&A thread: question, an answer quoting Reuters quoting militia commanders, a comment.
TEST(AttributionSourcing, QAChainsAndRoles) {
  Document d;
  std::string q = "Why was he in Baghdad?";
  std::string a1 = "Reuters published an article about it.";
  std::string a2 = "Two militia commanders told Reuters that he ordered new attacks.";
  std::string c = "This answer is pure speculation.";
  d.text = q + "\n\n" + a1 + "\n\n" + a2 + "\n\n" + c;
  d.parts.assign(3, ThreadPart{});
  d.parts[0].role = Role::kQuestion;
  d.parts[1].role = Role::kAnswer;
  d.parts[2].role = Role::kComment;
  uint32_t p = 0;
  auto add = [&](BlockKind k, int part, const std::string& s) {
    d.blocks.push_back(Block{k, part, {p, static_cast<uint32_t>(p + s.size())}});
    p += s.size() + 2;
  };
  add(BlockKind::kParagraph, 0, q);
  add(BlockKind::kParagraph, 1, a1);
  add(BlockKind::kBlockQuote, 1, a2);
  add(BlockKind::kParagraph, 2, c);
  AnalyzeText(&d);
  Attribute(&d);
  ASSERT_EQ(d.attributions.size(), 4u);
  EXPECT_EQ(d.attributions[0].sourcing, Sourcing::kQuestion);
  const Attribution& quoted = d.attributions[2];
  ASSERT_EQ(quoted.chain.size(), 3u);
  EXPECT_EQ(quoted.chain[0].sourcing, Sourcing::kAnswer);
  EXPECT_EQ(quoted.chain[1].sourcing, Sourcing::kOutlet);
  EXPECT_EQ(quoted.chain[1].source, "Reuters");
  EXPECT_EQ(quoted.chain[2].sourcing, Sourcing::kAnonymous);
  EXPECT_EQ(quoted.sourcing, Sourcing::kAnonymous);
  EXPECT_EQ(d.attributions[3].sourcing, Sourcing::kComment);
}

}  // namespace
}  // namespace dossier
