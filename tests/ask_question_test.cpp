// Question analysis and reason clauses (src/ask/question.h, src/ask/reasons.h).
#include <gtest/gtest.h>

#include "ask/question.h"
#include "ask/reasons.h"

namespace dossier {
namespace ask {
namespace {

TEST(AskQuestion, AnswerTypes) {
  EXPECT_EQ(AnalyzeQuestion("How many people were killed?").type, AnswerType::kCount);
  EXPECT_EQ(AnalyzeQuestion("What was the death toll?").type, AnswerType::kCount);
  EXPECT_EQ(AnalyzeQuestion("When did the army retaliate?").type, AnswerType::kDate);
  EXPECT_EQ(AnalyzeQuestion("Where did the attack happen?").type, AnswerType::kPlace);
  EXPECT_EQ(AnalyzeQuestion("In which city was the minister shot?").type, AnswerType::kPlace);
  EXPECT_EQ(AnalyzeQuestion("Who carried out the raid?").type, AnswerType::kAgent);
  EXPECT_EQ(AnalyzeQuestion("Why was he in the capital?").type, AnswerType::kReason);
  EXPECT_EQ(AnalyzeQuestion("What was the reason for the raid?").type, AnswerType::kReason);
  EXPECT_EQ(AnalyzeQuestion("What happened after the raid?").type, AnswerType::kEvents);
  EXPECT_EQ(AnalyzeQuestion("Who was Jane Roe?").type, AnswerType::kDescription);
}

TEST(AskQuestion, RolesAndSlots) {
  Question q = AnalyzeQuestion("Who carried out the strike on the convoy?");
  EXPECT_EQ(q.asked_role, ArgRole::kSource);
  q = AnalyzeQuestion("Who was killed in the blast?");
  EXPECT_EQ(q.asked_role, ArgRole::kTarget);
  q = AnalyzeQuestion("How many were wounded in the blast?");
  EXPECT_EQ(q.count_slot, "injured");
  q = AnalyzeQuestion("How many US soldiers were injured?");
  EXPECT_EQ(q.count_slot, "injured");
  EXPECT_EQ(q.count_noun, "soldiers");
  q = AnalyzeQuestion("How many rockets were fired?");
  EXPECT_EQ(q.count_slot, "");
  EXPECT_EQ(q.count_noun, "rockets");
  q = AnalyzeQuestion("Why was she in the capital?");
  EXPECT_TRUE(q.presence);
  EXPECT_TRUE(q.pronoun);
  q = AnalyzeQuestion("Why did the army kill him?");
  EXPECT_FALSE(q.presence);
  q = AnalyzeQuestion("What happened after the raid?");
  EXPECT_EQ(q.relation, "after");
}

TEST(AskQuestion, WordsAndStems) {
  std::vector<Word> w = Words("Why was Jane’s convoy in Baghdad? U.S. troops, al-Muhandis.");
  ASSERT_GE(w.size(), 8u);
  EXPECT_EQ(w[2].text, "Jane’s");
  EXPECT_EQ(w[2].stem, Stem("jane"));
  EXPECT_TRUE(w[2].capitalized);
  bool us = false, hy = false;
  for (const Word& x : w) {
    us = us || x.text == "U.S.";
    hy = hy || x.text == "al-Muhandis";
  }
  EXPECT_TRUE(us);
  EXPECT_TRUE(hy);
  EXPECT_EQ(Stem("coordinating"), Stem("coordinated"));
  EXPECT_EQ(Stem("coordination"), Stem("coordinate"));
  EXPECT_EQ(Stem("strikes"), Stem("strike"));
  EXPECT_EQ(Stem("plotting"), Stem("plot"));
  EXPECT_NE(Stem("response"), Stem("responsible"));
}

TEST(AskReasons, FindsPurposeAndCauseClauses) {
  std::string s = "The minister was in the capital to sign a trade pact, aides said.";
  std::vector<ReasonClause> rc = FindReasonClauses(s, /*presence=*/true);
  ASSERT_FALSE(rc.empty());
  EXPECT_EQ(s.substr(rc[0].start, rc[0].end - rc[0].start), "to sign a trade pact");  // the attribution is not the reason
  EXPECT_EQ(rc[0].kind, "purpose");

  s = "The raid was carried out in retaliation for the bombing of the depot.";
  rc = FindReasonClauses(s, /*presence=*/false);
  ASSERT_FALSE(rc.empty());
  EXPECT_EQ(rc[0].cue, "in retaliation for");
  EXPECT_EQ(s.substr(rc[0].start, rc[0].end - rc[0].start), "in retaliation for the bombing of the depot");

  // Questions state no reasons; presence cues do not answer why something was done.
  EXPECT_TRUE(FindReasonClauses("Why was the minister in the capital?", true).empty());
  EXPECT_TRUE(FindReasonClauses("He flew there to meet the envoy.", false).empty());
}

TEST(AskReasons, GroupsTheSameReasonInOtherWords) {
  auto a = ClauseKeys("to deliver a response to the northern proposal");
  auto b = ClauseKeys("to bring a reply to the northern proposal");
  auto c = ClauseKeys("to attend a wedding of his cousin");
  EXPECT_GE(ClauseOverlap(a, b), 0.5);
  EXPECT_LT(ClauseOverlap(a, c), 0.5);
}

}  // namespace
}  // namespace ask
}  // namespace dossier
