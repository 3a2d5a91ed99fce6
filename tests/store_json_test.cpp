// The dossier's JSON written without trees (JsonWriter, StoredEventJson) is byte-identical
// to nlohmann's dump of the same values, and the stored form of an event expands back to
// EventToJson's shape.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include <filesystem>

#include "core/document_json.h"
#include "core/json_writer.h"
#include "ingest/reader.h"
#include "pipeline/pipeline.h"
#include "store/dossier_json.h"

namespace dossier {
namespace {

using nlohmann::json;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

TEST(JsonWriter, StringsAreEscapedAsNlohmannDoes) {
  std::vector<std::string> cases = {
      "", "plain", "quote \" and \\ backslash", "tab\tnew\nline\rret\bback\fform",
      std::string("nul \0 inside", 12), "\x01\x1f\x7f", "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80",
      // Invalid UTF-8: a lone continuation byte, a truncated sequence, an overlong form, a
      // surrogate: replaced as nlohmann replaces them.
      "bad \x80 byte", "cut \xE2\x80", "overlong \xC0\xAF", "surrogate \xED\xA0\x80 end"};
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    std::string s;
    int n = static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) s.push_back(static_cast<char>(rng() % 256));
    cases.push_back(s);
  }
  for (const std::string& s : cases) {
    JsonWriter w;
    w.String(s);
    EXPECT_EQ(w.text(), Dump(json(s))) << json(s).dump(-1, ' ', true, json::error_handler_t::replace);
  }
}

TEST(JsonWriter, ContainersPlaceCommasAndColons) {
  JsonWriter w;
  w.BeginObject();
  w.Key("a");
  w.BeginArray();
  w.Int(-3);
  w.Uint(4);
  w.Bool(true);
  w.Null();
  w.BeginObject();
  w.EndObject();
  w.BeginArray();
  w.EndArray();
  w.EndArray();
  w.Key("b");
  w.StringArray({"x", "y"});
  w.EndObject();
  EXPECT_EQ(w.text(), Dump(json{{"a", {-3, 4, true, nullptr, json::object(), json::array()}}, {"b", {"x", "y"}}}));
}

SlotValue Value(const std::string& v, bool numeric, const std::string& evidence) {
  SlotValue s;
  s.value = v;
  s.numeric = numeric;
  s.docs = {"d1", "d2"};
  s.evidence = {evidence, "a phrase of its own"};
  s.evidence_docs = {"d1", "d2"};
  s.attributed_to = {"", "officials"};
  s.sourcing = {Sourcing::kAuthor, Sourcing::kAnonymous};
  return s;
}

Event SampleEvent() {
  Event e;
  e.id = "V1";
  e.cameo = "190";
  e.plover = "ASSAULT";
  e.family = "attack";
  e.modality = "asserted";
  e.date = "2023-03-03";
  e.precision = "day";
  e.date_basis = "text";
  e.place = "Port \"Vasra\"";
  e.source = {"the army"};
  e.target = {"rebels", "a convoy"};
  e.summary = "army struck rebels\n(Port Vasra)";
  e.docs = {"d1", "d2"};
  e.merge_reasons = {"same target"};
  for (int i = 0; i < 2; ++i) {
    EventRecord r;
    r.doc = i == 0 ? "d1" : "d2";
    r.outlet = "Outlet \xE2\x80\x94 " + std::to_string(i);
    r.mention.cameo = "190";
    r.mention.span = {static_cast<uint32_t>(10 * i), static_cast<uint32_t>(10 * i + 40)};
    r.mention.date = "2023-03-03";
    r.sentence = i == 0 ? "Three were killed, officials said." : "The army struck rebels.";
    r.sourcing = i == 0 ? Sourcing::kAnonymous : Sourcing::kAuthor;
    r.attributed_to = i == 0 ? "officials" : "";
    e.mentions.push_back(r);
  }
  Slot killed;
  killed.name = "killed";
  killed.values = {Value("3", true, "Three were killed, officials said."), Value("12abc", true, "x"),
                   Value("many", true, "y")};
  killed.values[0].qualifier = "at_least";
  killed.values[0].high = 5;
  killed.values[1].hedged = true;
  Slot source;
  source.name = "source";
  source.values = {Value("the army", false, "The army struck rebels.")};
  e.slots = {source, killed};  // written in name order whatever their order here
  return e;
}

TEST(StoredEventJson, SameBytesAsTheTreeWithEvidenceAsIndexes) {
  Event e = SampleEvent();
  // The reference: EventToJson's tree, evidence repeating a mention's sentence replaced by
  // the first such mention's index.
  json ref = EventToJson(e);
  for (auto& [name, values] : ref["slots"].items())
    for (json& v : values)
      for (json& ev : v["evidence"])
        for (size_t i = 0; i < e.mentions.size(); ++i)
          if (ev == e.mentions[i].sentence) {
            ev = static_cast<int>(i);
            break;
          }
  std::string stored = StoredEventJson(e);
  EXPECT_EQ(stored, Dump(ref));
  json back = json::parse(stored);
  EXPECT_EQ(back["slots"]["killed"][0]["evidence"][0], 0);
  ExpandStoredEvent(&back);
  EXPECT_EQ(Dump(back), Dump(EventToJson(e)));
}

// Every document of the bundled examples (HTML, text dumps, a Q&A thread, JSON Lines), and
// the seed pages when ../shared is there: the direct writer gives DocumentToJson's bytes.
TEST(DocumentJsonText, SameBytesAsTheTree) {
  std::vector<std::string> dirs = {std::string(DOSSIER_SOURCE_DIR) + "/examples/corpus"};
  std::string seeds = std::string(DOSSIER_SOURCE_DIR) + "/../shared/corpus/seeds";
  if (std::filesystem::exists(seeds)) dirs.push_back(seeds);
  size_t docs = 0;
  for (const std::string& dir : dirs) {
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      std::vector<RawInput> inputs;
      std::vector<std::string> errors;
      ASSERT_TRUE(ReadPath(entry.path().string(), IngestLimits{}, &inputs, &errors).ok()) << entry.path();
      for (RawInput& in : inputs) {
        Document doc;
        ASSERT_TRUE(AnnotateInput(std::move(in), AnnotateOptions{}, &doc).ok());
        json tree = DocumentToJson(doc);
        EXPECT_EQ(DocumentJsonText(doc), Dump(tree)) << doc.path;
        tree.erase("text");
        tree.erase("origin");
        tree["id"] = 17;
        DocumentJsonOptions shape;
        shape.text = false;
        shape.origin = false;
        shape.id_json = "17";
        EXPECT_EQ(DocumentJsonText(doc, shape), Dump(tree)) << doc.path;
        ++docs;
      }
    }
  }
  EXPECT_GE(docs, 7u);
}

}  // namespace
}  // namespace dossier
