// Answer assembly (src/ask/answer.h) over hand-made dossier JSON and a fake sentence search.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ask/answer.h"

namespace dossier {
namespace ask {
namespace {

using nlohmann::json;

// Returns every stored sentence that contains one of the terms (case-insensitive), in order.
class FakeSearch : public SentenceSearch {
 public:
  void Add(const std::string& doc, int idx, const std::string& text, Sourcing s = Sourcing::kAuthor,
           const std::string& who = "") {
    SentenceHit h;
    h.doc = doc;
    h.sentence = idx;
    h.text = text;
    h.sourcing = s;
    h.attributed_to = who;
    hits_.push_back(h);
  }
  std::vector<SentenceHit> Search(const std::vector<std::string>& terms, int limit) const override {
    std::vector<SentenceHit> out;
    for (const SentenceHit& h : hits_) {
      std::string low = Lower(h.text);
      for (const std::string& t : terms)
        if (low.find(Lower(t)) != std::string::npos) {
          out.push_back(h);
          break;
        }
      if (static_cast<int>(out.size()) >= limit) break;
    }
    return out;
  }

 private:
  static std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  std::vector<SentenceHit> hits_;
};

DossierView FictionalDossier() {
  DossierView d;
  d.entities = json::parse(R"([
    {"id": "E1", "type": "PERSON", "name": "Marten Vosk", "aliases": ["Vosk", "Martin Vosk"],
     "mentions": 12, "docs": ["d1", "d2", "d3"], "titles": ["harbour commissioner"]},
    {"id": "E2", "type": "GPE", "name": "Norland", "aliases": [], "mentions": 9, "docs": ["d1", "d2"]},
    {"id": "E3", "type": "GPE", "name": "Port Ilse", "aliases": [], "mentions": 5, "docs": ["d1", "d2"]}
  ])");
  d.events = json::parse(R"([
    {"id": "V1", "cameo": "190", "plover": "ASSAULT", "date": "2031-05-02", "place": "Port Ilse",
     "source": ["Norland"], "target": ["Marten Vosk"],
     "slots": {
       "killed": [
         {"value": 4, "docs": ["d1", "d2"],
          "evidence": ["The strike on the pier killed Vosk and three guards.",
                       "Four people died in the strike, Norland said."],
          "evidence_docs": ["d1", "d2"], "attributed_to": ["", "Norland"],
          "sourcing": ["author", "named"]},
         {"value": 6, "qualifier": "at_least", "docs": ["d3"],
          "evidence": ["At least six were killed in the strike, a medic said."],
          "evidence_docs": ["d3"], "attributed_to": ["a medic"], "sourcing": ["anonymous"]}],
       "date": [{"value": "2031-05-02", "docs": ["d1"],
                 "evidence": ["The strike on the pier killed Vosk and three guards."],
                 "evidence_docs": ["d1"], "attributed_to": [""], "sourcing": ["author"]}],
       "source": [{"value": "Norland", "docs": ["d2"],
                   "evidence": ["Four people died in the strike, Norland said."],
                   "evidence_docs": ["d2"], "attributed_to": ["Norland"], "sourcing": ["named"]}]},
     "mentions": [
       {"doc": "d1", "text": "The strike on the pier killed Vosk and three guards.", "modality": "asserted",
        "attributed_to": "", "sourcing": "author"},
       {"doc": "d2", "text": "Four people died in the strike, Norland said.", "modality": "asserted",
        "attributed_to": "Norland", "sourcing": "named"}]}
  ])");
  d.names = {{"d1", "Harbour Gazette"}, {"d2", "Norland Wire"}, {"d3", "Coast Daily"}};
  return d;
}

TEST(AskAnswer, CountsAreNeverAveraged) {
  FakeSearch search;
  json a = AnswerQuestion("How many people were killed in the strike on Vosk?", FictionalDossier(), search, nullptr);
  EXPECT_EQ(a["type"], "count");
  ASSERT_GE(a["answers"].size(), 2u);
  EXPECT_EQ(a["answers"][0]["value"], 4);
  EXPECT_EQ(a["answers"][0]["sources_count"], 2);
  EXPECT_EQ(a["answers"][1]["value"], 6);
  EXPECT_EQ(a["answers"][1]["text"], "at least 6 killed");
  EXPECT_FALSE(a["answers"][0]["contradicted_by"].empty());
  for (const json& ans : a["answers"])
    for (const json& s : ans["support"]) EXPECT_FALSE(s["quote"].get<std::string>().empty());
}

TEST(AskAnswer, DatesAndActorsFromTheEvent) {
  FakeSearch search;
  json a = AnswerQuestion("When was Martin Vosk killed?", FictionalDossier(), search, nullptr);
  ASSERT_FALSE(a["answers"].empty());
  EXPECT_EQ(a["answers"][0]["value"], "2031-05-02");
  json w = AnswerQuestion("Who carried out the strike on Vosk?", FictionalDossier(), search, nullptr);
  ASSERT_FALSE(w["answers"].empty());
  EXPECT_EQ(w["answers"][0]["text"], "Norland");
  EXPECT_EQ(w["answers"][0]["support"][0]["doc"], "d2");
  EXPECT_EQ(w["answers"][0]["support"][0]["sourcing"], "named");
}

TEST(AskAnswer, ReasonsGroupedAndOpinionsLast) {
  FakeSearch search;
  search.Add("d1", 3, "Vosk was in Port Ilse to sign the grain treaty with the harbour board.");
  search.Add("d2", 7, "Officials said Vosk flew to Port Ilse to sign a grain treaty.", Sourcing::kNamed, "Officials");
  search.Add("d3", 2, "Surely Vosk was there to enjoy the regatta.", Sourcing::kOpinion);
  search.Add("d3", 5, "Why was Vosk in Port Ilse?");
  json a = AnswerQuestion("Why was Vosk in Port Ilse?", FictionalDossier(), search, nullptr);
  EXPECT_EQ(a["type"], "reason");
  ASSERT_EQ(a["answers"].size(), 2u);
  EXPECT_NE(a["answers"][0]["text"].get<std::string>().find("grain treaty"), std::string::npos);
  EXPECT_EQ(a["answers"][0]["sources_count"], 2);
  EXPECT_EQ(a["answers"][1]["label"], "opinion (unsourced)");
}

TEST(AskAnswer, SaysSoWhenNothingAnswers) {
  FakeSearch search;
  json a = AnswerQuestion("How many bridges were closed in Oslo?", FictionalDossier(), search, nullptr);
  EXPECT_TRUE(a["answers"].empty());
  EXPECT_TRUE(a.contains("note"));
  EXPECT_FALSE(RenderAnswerText(a).empty());
}

}  // namespace
}  // namespace ask
}  // namespace dossier
