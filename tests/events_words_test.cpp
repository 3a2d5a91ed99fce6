// The word view shared by the attribution and events stages (src/events/lexicon.h):
// DocumentWords() gives what SentenceWords() gives, and is made again when the document
// changes; each word's number and lexicon numbers agree with its text.
#include <gtest/gtest.h>

#include <string>

#include "events/lexicon.h"
#include "text/text.h"

namespace dossier {
namespace {

using events::Word;

Document Analyzed(const std::string& text) {
  Document d;
  d.text = text;
  d.blocks.push_back(Block{BlockKind::kParagraph, 0, {0, static_cast<uint32_t>(text.size())}});
  AnalyzeText(&d);
  return d;
}

void ExpectSameWord(const Word& a, const Word& b) {
  EXPECT_EQ(a.span, b.span);
  EXPECT_EQ(a.lower, b.lower);
  EXPECT_EQ(a.lemma, b.lemma);
  EXPECT_EQ(a.flags, b.flags);
  EXPECT_EQ(a.cls, b.cls);
  EXPECT_EQ(a.past_participle, b.past_participle);
  EXPECT_EQ(a.past, b.past);
  EXPECT_EQ(a.ing, b.ing);
  EXPECT_EQ(a.possessive, b.possessive);
  EXPECT_EQ(a.cues, b.cues);
  EXPECT_EQ(a.cue_starts, b.cue_starts);
  EXPECT_EQ(a.lower_id, b.lower_id);
  EXPECT_EQ(a.lemma_id, b.lemma_id);
  EXPECT_EQ(a.number, b.number);
  EXPECT_EQ(a.lemma_patterns, b.lemma_patterns);
  EXPECT_EQ(a.lower_patterns, b.lower_patterns);
  EXPECT_EQ(a.lemma_instruments, b.lemma_instruments);
  EXPECT_EQ(a.lower_instruments, b.lower_instruments);
  EXPECT_EQ(a.lower_cues, b.lower_cues);
  EXPECT_EQ(a.lemma_cues, b.lemma_cues);
}

void ExpectSameAsSentenceWords(const Document& d) {
  const std::vector<events::Words>& all = events::DocumentWords(d);
  ASSERT_EQ(all.size(), d.sentences.size());
  for (size_t s = 0; s < d.sentences.size(); ++s) {
    std::vector<Word> one = events::SentenceWords(d, static_cast<int>(s), nullptr);
    ASSERT_EQ(all[s].size(), one.size()) << "sentence " << s;
    for (size_t k = 0; k < one.size(); ++k) ExpectSameWord(all[s][k], one[k]);
  }
}

const char kStory[] =
    "Two militia commanders said a US drone strike killed twenty-five people, including "
    "Iran\xE2\x80\x99s top general, on Friday. The Pentagon didn't deny it. \"We will respond,\" "
    "officials speaking on condition of anonymity told Reuters. Dozens were injured; 1,200 "
    "troops were deployed.";

TEST(EventsWords, DocumentWordsEqualSentenceWords) {
  Document d = Analyzed(kStory);
  ASSERT_GE(d.sentences.size(), 3u);
  ExpectSameAsSentenceWords(d);
  ExpectSameAsSentenceWords(d);  // the kept words, given again
}

TEST(EventsWords, MadeAgainForAnotherOrAChangedDocument) {
  Document a = Analyzed(kStory);
  Document b = Analyzed("Rockets hit the embassy. Nobody was hurt.");
  ExpectSameAsSentenceWords(a);
  ExpectSameAsSentenceWords(b);
  ExpectSameAsSentenceWords(a);
  // Same length, one letter changed: not the kept document.
  std::string changed = kStory;
  changed[changed.find("killed")] = 'K';
  Document c = Analyzed(changed);
  ExpectSameAsSentenceWords(a);
  ExpectSameAsSentenceWords(c);
  const std::vector<events::Words>& words = events::DocumentWords(c);
  bool found = false;
  for (const events::Words& s : words)
    for (const Word& w : s) found = found || w.lower == "killed";
  EXPECT_TRUE(found);
  // The same text, tokens changed by hand: made again too.
  Document e = a;
  e.tokens.back().flags ^= kTokCapitalized;
  ExpectSameAsSentenceWords(e);
}

TEST(EventsWords, NumbersAndLexiconNumbers) {
  Document d = Analyzed("Twenty-five, 1,200, seven, a dozen and forty-two-ish people; says and said.");
  for (const events::Words& s : events::DocumentWords(d)) {
    for (const Word& w : s) {
      EXPECT_EQ(w.number, events::NumberValue(w.lower)) << w.lower;
      EXPECT_EQ(w.lower_id, events::LexiconWordId(w.lower)) << w.lower;
      EXPECT_EQ(w.lemma_id, events::LexiconWordId(w.lemma)) << w.lemma;
    }
  }
  EXPECT_EQ(events::NumberValue("twenty-five"), 25);
  EXPECT_EQ(events::NumberValue("1,200"), 1200);
  EXPECT_EQ(events::NumberValue("dozen"), 12);
  EXPECT_EQ(events::NumberValue("forty-two-ish"), -1);
  EXPECT_GE(events::LexiconWordId("say"), 0);
  EXPECT_EQ(events::LexiconWordId("zzzq"), -1);
}

TEST(EventsWords, CueCategoriesAreDistinctBits) {
  const events::CueCategories& c = events::Categories();
  EXPECT_EQ(c.hedge, events::CueCategory("hedge"));
  EXPECT_NE(c.hedge, 0u);
  EXPECT_NE(c.outlet, c.outlet_word);
  EXPECT_EQ(c.hedge & (c.hedge - 1), 0u);  // one bit
  EXPECT_EQ(events::CueCategory("no such category"), 0u);
}

}  // namespace
}  // namespace dossier
