#include "store/dossier_json.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/document_json.h"
#include "core/json_writer.h"

namespace dossier {

using nlohmann::json;


json EntityToJson(const Entity& e, const std::vector<std::string>& doc_ids) {
  std::vector<std::string> docs;
  docs.reserve(e.docs.size());
  for (DocNumber d : e.docs)
    if (d < doc_ids.size()) docs.push_back(doc_ids[d]);
  std::sort(docs.begin(), docs.end());
  json reasons = json::array();
  for (const MergeReason& r : e.reasons)
    reasons.push_back({{"rule", r.rule}, {"a", r.a}, {"b", r.b}, {"evidence", r.evidence}});
  return json{{"id", e.id},          {"type", ToString(e.type)}, {"name", e.name},
              {"aliases", e.aliases}, {"mentions", e.mentions},   {"docs", docs},
              {"titles", e.titles},   {"merges", reasons}};
}

json SlotValueToJson(const SlotValue& v) {
  json j;
  if (v.numeric) {
    try {
      j["value"] = std::stoll(v.value);
    } catch (...) {
      j["value"] = v.value;
    }
  } else {
    j["value"] = v.value;
  }
  if (!v.qualifier.empty()) j["qualifier"] = v.qualifier;
  if (v.numeric && v.high > 0) j["high"] = v.high;
  j["hedged"] = v.hedged;
  j["docs"] = v.docs;
  j["evidence_docs"] = v.evidence_docs;
  j["evidence"] = v.evidence;
  j["attributed_to"] = v.attributed_to;
  json sourcing = json::array();
  for (Sourcing s : v.sourcing) sourcing.push_back(ToString(s));
  j["sourcing"] = sourcing;
  return j;
}

json EventToJson(const Event& e) {
  json slots = json::object();
  for (const Slot& s : e.slots) {
    json vals = json::array();
    for (const SlotValue& v : s.values) vals.push_back(SlotValueToJson(v));
    slots[s.name] = vals;
  }
  json mentions = json::array();
  for (const EventRecord& r : e.mentions) {
    mentions.push_back({{"doc", r.doc},
                        {"outlet", r.outlet},
                        {"start", r.mention.span.start},
                        {"end", r.mention.span.end},
                        {"text", r.sentence},
                        {"cameo", r.mention.cameo},
                        {"modality", ToString(r.mention.modality)},
                        {"date", r.mention.date},
                        {"attributed_to", r.attributed_to},
                        {"sourcing", ToString(r.sourcing)}});
  }
  return json{{"id", e.id},           {"cameo", e.cameo},       {"plover", e.plover},
              {"mode", e.mode},       {"date", e.date},         {"precision", e.precision},
              {"place", e.place},     {"source", e.source},     {"target", e.target},
              {"summary", e.summary}, {"slots", slots},         {"mentions", mentions},
              {"merge_reasons", e.merge_reasons}, {"near_misses", e.near_misses},
              {"docs", e.docs},       {"family", e.family},     {"modality", e.modality},
              {"real", e.real},       {"date_basis", e.date_basis}};
}

namespace {

// SlotValueToJson's members, written in its key order; evidence sentences that repeat a
// mention's sentence are written as that mention's index (`mention_of`).
void WriteSlotValue(const SlotValue& v, const std::unordered_map<std::string_view, int>& mention_of,
                    JsonWriter& w) {
  w.BeginObject();
  w.Key("attributed_to");
  w.StringArray(v.attributed_to);
  w.Key("docs");
  w.StringArray(v.docs);
  w.Key("evidence");
  w.BeginArray();
  for (const std::string& ev : v.evidence) {
    auto it = mention_of.find(ev);
    if (it != mention_of.end())
      w.Int(it->second);
    else
      w.String(ev);
  }
  w.EndArray();
  w.Key("evidence_docs");
  w.StringArray(v.evidence_docs);
  w.Key("hedged");
  w.Bool(v.hedged);
  if (v.numeric && v.high > 0) {
    w.Key("high");
    w.Int(v.high);
  }
  if (!v.qualifier.empty()) {
    w.Key("qualifier");
    w.String(v.qualifier);
  }
  w.Key("sourcing");
  w.BeginArray();
  for (Sourcing s : v.sourcing) w.String(ToString(s));
  w.EndArray();
  w.Key("value");
  bool written = false;
  if (v.numeric) {
    try {
      w.Int(std::stoll(v.value));
      written = true;
    } catch (...) {
    }
  }
  if (!written) w.String(v.value);
  w.EndObject();
}

}  // namespace

// EventToJson's shape written directly (keys in sorted order, as nlohmann keeps them), with
// evidence as mention indexes: the same bytes as dumping the tree, without building it.
std::string StoredEventJson(const Event& e) {
  std::unordered_map<std::string_view, int> mention_of;
  for (size_t i = 0; i < e.mentions.size(); ++i) mention_of.emplace(e.mentions[i].sentence, static_cast<int>(i));
  JsonWriter w;
  w.BeginObject();
  w.Key("cameo");
  w.String(e.cameo);
  w.Key("date");
  w.String(e.date);
  w.Key("date_basis");
  w.String(e.date_basis);
  w.Key("docs");
  w.StringArray(e.docs);
  w.Key("family");
  w.String(e.family);
  w.Key("id");
  w.String(e.id);
  w.Key("mentions");
  w.BeginArray();
  for (const EventRecord& r : e.mentions) {
    w.BeginObject();
    w.Key("attributed_to");
    w.String(r.attributed_to);
    w.Key("cameo");
    w.String(r.mention.cameo);
    w.Key("date");
    w.String(r.mention.date);
    w.Key("doc");
    w.String(r.doc);
    w.Key("end");
    w.Uint(r.mention.span.end);
    w.Key("modality");
    w.String(ToString(r.mention.modality));
    w.Key("outlet");
    w.String(r.outlet);
    w.Key("sourcing");
    w.String(ToString(r.sourcing));
    w.Key("start");
    w.Uint(r.mention.span.start);
    w.Key("text");
    w.String(r.sentence);
    w.EndObject();
  }
  w.EndArray();
  w.Key("merge_reasons");
  w.StringArray(e.merge_reasons);
  w.Key("modality");
  w.String(e.modality);
  w.Key("mode");
  w.String(e.mode);
  w.Key("near_misses");
  w.StringArray(e.near_misses);
  w.Key("place");
  w.String(e.place);
  w.Key("plover");
  w.String(e.plover);
  w.Key("precision");
  w.String(e.precision);
  w.Key("real");
  w.Bool(e.real);
  w.Key("slots");
  {
    // One member per slot name, in name order; a repeated name keeps its last slot, as
    // assigning into a JSON object does.
    std::map<std::string_view, const Slot*> by_name;
    for (const Slot& s : e.slots) by_name[s.name] = &s;
    w.BeginObject();
    for (const auto& [name, slot] : by_name) {
      w.Key(name);
      w.BeginArray();
      for (const SlotValue& v : slot->values) WriteSlotValue(v, mention_of, w);
      w.EndArray();
    }
    w.EndObject();
  }
  w.Key("source");
  w.StringArray(e.source);
  w.Key("summary");
  w.String(e.summary);
  w.Key("target");
  w.StringArray(e.target);
  w.EndObject();
  return w.Take();
}

void ExpandStoredEvent(json* event) {
  if (!event->is_object() || !event->contains("slots") || !event->contains("mentions")) return;
  const json& mentions = (*event)["mentions"];
  for (auto& [name, values] : (*event)["slots"].items()) {
    if (!values.is_array()) continue;
    for (json& v : values) {
      if (!v.is_object() || !v.contains("evidence") || !v["evidence"].is_array()) continue;
      for (json& ev : v["evidence"]) {
        if (!ev.is_number_integer()) continue;
        int64_t i = ev.get<int64_t>();
        ev = i >= 0 && i < static_cast<int64_t>(mentions.size()) ? mentions[static_cast<size_t>(i)].value("text", "")
                                                                 : "";
      }
    }
  }
}

json ConflictToJson(const Conflict& c) {
  json vals = json::array();
  for (const SlotValue& v : c.values) vals.push_back(SlotValueToJson(v));
  return json{{"event", c.event}, {"slot", c.slot}, {"kind", c.kind}, {"values", vals}, {"note", c.note}};
}

json TimelineEntryToJson(const TimelineEntry& t) {
  return json{{"date", t.date},   {"precision", t.precision}, {"summary", t.summary},
              {"event", t.event}, {"docs", t.docs},           {"basis", t.basis}};
}

}  // namespace dossier
