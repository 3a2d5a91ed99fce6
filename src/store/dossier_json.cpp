#include "store/dossier_json.h"

#include <algorithm>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/document_json.h"

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

std::string StoredEventJson(const Event& e) {
  json j = EventToJson(e);
  std::unordered_map<std::string, int> mention_of;
  const json& mentions = j["mentions"];
  for (size_t i = 0; i < mentions.size(); ++i)
    mention_of.emplace(mentions[i]["text"].get<std::string>(), static_cast<int>(i));
  for (auto& [name, values] : j["slots"].items()) {
    for (json& v : values) {
      for (json& ev : v["evidence"]) {
        auto it = mention_of.find(ev.get<std::string>());
        if (it != mention_of.end()) ev = it->second;
      }
    }
  }
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
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

namespace {

// Argument names as [type, spelling] pairs ([] for an argument with no entity mention).
json NameRefsToJson(const std::vector<EventRecord::NameRef>& names) {
  json out = json::array();
  for (const auto& n : names)
    out.push_back(n.text.empty() ? json::array() : json::array({ToString(n.type), n.text}));
  return out;
}

std::vector<EventRecord::NameRef> NameRefsFromJson(const json& j) {
  std::vector<EventRecord::NameRef> out;
  if (!j.is_array()) return out;
  for (const json& n : j) {
    EventRecord::NameRef r;
    if (n.is_array() && n.size() == 2 && n[0].is_string() && n[1].is_string()) {
      r.type = EntityTypeFromString(n[0].get<std::string>());
      r.text = n[1].get<std::string>();
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

json EventRecordToJson(const EventRecord& r) {
  Document empty;
  json m = EventMentionToJson(empty, r.mention);
  return json{{"doc", r.doc},
              {"outlet", r.outlet},
              {"published", r.published},
              {"index", r.index},
              {"mention", m},
              {"sentence", r.sentence},
              {"timex_text", r.timex_text},
              {"timex_value", r.timex_value},
              {"attributed_to", r.attributed_to},
              {"sourcing", ToString(r.sourcing)},
              {"trigger_text", r.trigger_text},
              {"sentence_start", r.sentence_start},
              {"source_names", NameRefsToJson(r.source_names)},
              {"target_names", NameRefsToJson(r.target_names)},
              {"place_name", NameRefsToJson({r.place_name})}};
}

EventRecord EventRecordFromJson(const json& j) {
  EventRecord r;
  r.doc = j.value("doc", "");
  r.outlet = j.value("outlet", "");
  r.published = j.value("published", "");
  r.index = j.value("index", -1);
  if (j.contains("mention")) r.mention = EventMentionFromJson(j["mention"]);
  r.sentence = j.value("sentence", "");
  r.timex_text = j.value("timex_text", "");
  r.timex_value = j.value("timex_value", "");
  r.attributed_to = j.value("attributed_to", "");
  r.sourcing = SourcingFromString(j.value("sourcing", "author"));
  r.trigger_text = j.value("trigger_text", "");
  r.sentence_start = j.value("sentence_start", int64_t{-1});
  if (j.contains("source_names")) r.source_names = NameRefsFromJson(j["source_names"]);
  if (j.contains("target_names")) r.target_names = NameRefsFromJson(j["target_names"]);
  if (j.contains("place_name")) {
    auto place = NameRefsFromJson(j["place_name"]);
    if (!place.empty()) r.place_name = place[0];
  }
  return r;
}

}  // namespace dossier
