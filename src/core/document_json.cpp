#include "core/document_json.h"

#include <nlohmann/json.hpp>

namespace dossier {
namespace {

using nlohmann::json;

template <typename E>
E FromName(const std::string& s, E last, E fallback) {
  for (int i = 0; i <= static_cast<int>(last); ++i) {
    if (s == ToString(static_cast<E>(i))) return static_cast<E>(i);
  }
  return fallback;
}

json SpanJson(const Document& doc, Span s) {
  return json{{"start", s.start}, {"end", s.end}, {"text", std::string(doc.Text(s))}};
}

Span SpanOf(const json& j) {
  return Span{j.value("start", 0u), j.value("end", 0u)};
}

json ArgJson(const Document& doc, const EventArg& a) {
  if (a.text.empty()) return nullptr;
  json j{{"text", a.text}, {"start", a.span.start}, {"end", a.span.end}};
  if (a.mention >= 0) j["mention"] = a.mention;
  return j;
}

EventArg ArgOf(const json& j) {
  EventArg a;
  if (!j.is_object()) return a;
  a.text = j.value("text", "");
  a.span = SpanOf(j);
  a.mention = j.value("mention", -1);
  return a;
}

}  // namespace

json EventMentionToJson(const Document& doc, const EventMention& e) {
  json ej{{"start", e.span.start}, {"end", e.span.end}, {"sentence", e.sentence},
          {"trigger", std::string(doc.Text(e.trigger))},
          {"trigger_span", {e.trigger.start, e.trigger.end}},
          {"cameo", e.cameo}, {"plover", e.plover}, {"modality", ToString(e.modality)}};
  if (!e.mode.empty()) ej["mode"] = e.mode;
  json src = json::array(), tgt = json::array(), src_args = json::array(), tgt_args = json::array();
  for (const EventArg& a : e.source) { src.push_back(a.text); src_args.push_back(ArgJson(doc, a)); }
  for (const EventArg& a : e.target) { tgt.push_back(a.text); tgt_args.push_back(ArgJson(doc, a)); }
  ej["source"] = src;
  ej["target"] = tgt;
  ej["source_args"] = src_args;
  ej["target_args"] = tgt_args;
  ej["place"] = ArgJson(doc, e.place);
  ej["instrument"] = ArgJson(doc, e.instrument);
  if (e.timex >= 0) ej["timex"] = e.timex;
  if (!e.date.empty()) ej["date"] = e.date;
  json counts = json::array();
  for (const Count& c : e.counts) {
    json cj{{"slot", c.slot}, {"value", c.value}, {"high", c.high}, {"start", c.span.start}, {"end", c.span.end}};
    if (!c.qualifier.empty()) cj["qualifier"] = c.qualifier;
    counts.push_back(cj);
  }
  ej["counts"] = counts;
  if (e.attribution >= 0) ej["attribution"] = e.attribution;
  return ej;
}

EventMention EventMentionFromJson(const json& ej) {
  EventMention e;
  e.span = SpanOf(ej);
  e.sentence = ej.value("sentence", -1);
  if (ej.contains("trigger_span")) e.trigger = Span{ej["trigger_span"][0], ej["trigger_span"][1]};
  e.cameo = ej.value("cameo", "");
  e.plover = ej.value("plover", "");
  e.mode = ej.value("mode", "");
  e.modality = FromName(ej.value("modality", "asserted"), Modality::kNegated, Modality::kAsserted);
  for (const json& a : ej.value("source_args", json::array())) e.source.push_back(ArgOf(a));
  for (const json& a : ej.value("target_args", json::array())) e.target.push_back(ArgOf(a));
  if (ej.contains("place")) e.place = ArgOf(ej["place"]);
  if (ej.contains("instrument")) e.instrument = ArgOf(ej["instrument"]);
  e.timex = ej.value("timex", -1);
  e.date = ej.value("date", "");
  for (const json& cj : ej.value("counts", json::array())) {
    Count c;
    c.slot = cj.value("slot", "");
    c.value = cj.value("value", int64_t{0});
    c.high = cj.value("high", c.value);
    c.qualifier = cj.value("qualifier", "");
    c.span = SpanOf(cj);
    e.counts.push_back(c);
  }
  e.attribution = ej.value("attribution", -1);
  return e;
}

json DocumentToJson(const Document& doc) {
  json j;
  j["id"] = doc.id;
  j["path"] = doc.path;
  j["title"] = doc.meta.title;
  j["outlet"] = doc.meta.outlet;
  j["author"] = doc.meta.author;
  j["url"] = doc.meta.url;
  const PubDate& p = doc.meta.published;
  j["published"] = p.value.empty() ? json(nullptr) : json(p.value);
  j["published_info"] = {{"precision", ToString(p.precision)}, {"tz", p.tz},
                         {"inferred", p.inferred}, {"earliest", p.earliest},
                         {"latest", p.latest}, {"evidence", p.evidence}};
  j["kind"] = ToString(doc.kind);
  j["format"] = doc.format == SourceFormat::kHtml ? "html" : doc.format == SourceFormat::kJsonl ? "jsonl" : "text";
  j["charset"] = doc.charset;
  j["text"] = doc.text;

  json parts = json::array();
  for (const ThreadPart& t : doc.parts) {
    json pj{{"role", ToString(t.role)}};
    if (t.has_score) pj["score"] = t.score;
    if (!t.author.empty()) pj["author"] = t.author;
    if (!t.date.empty()) pj["date"] = t.date;
    if (t.parent >= 0) pj["parent"] = t.parent;
    parts.push_back(pj);
  }
  j["parts"] = parts;
  json blocks = json::array();
  for (const Block& b : doc.blocks)
    blocks.push_back({{"start", b.span.start}, {"end", b.span.end}, {"kind", ToString(b.kind)}, {"part", b.part}});
  j["blocks"] = blocks;
  json origin = json::array();
  for (const OriginPiece& o : doc.origin) origin.push_back({o.clean, o.raw, o.length});
  j["origin"] = origin;

  json sentences = json::array();
  for (const Sentence& s : doc.sentences) sentences.push_back({s.span.start, s.span.end});
  j["sentences"] = sentences;
  json sentence_blocks = json::array();
  for (const Sentence& s : doc.sentences) sentence_blocks.push_back(s.block);
  j["sentence_blocks"] = sentence_blocks;
  json quotes = json::array();
  for (Span q : doc.quotes) quotes.push_back({q.start, q.end});
  j["quotes"] = quotes;

  json ents = json::array();
  for (const EntityMention& e : doc.entities) {
    json ej = SpanJson(doc, e.span);
    ej["type"] = ToString(e.type);
    if (!e.titles.empty()) ej["titles"] = e.titles;
    if (e.alias_of >= 0) ej["alias_of"] = e.alias_of;
    if (!e.rule.empty()) ej["rule"] = e.rule;
    if (e.entity >= 0) ej["entity"] = e.entity;
    ents.push_back(ej);
  }
  j["entities"] = ents;

  json timex = json::array();
  for (const Timex& t : doc.timexes) {
    json tj = SpanJson(doc, t.span);
    tj["type"] = ToString(t.type);
    tj["value"] = t.value;
    if (!t.mod.empty()) tj["mod"] = t.mod;
    if (!t.anchor.empty()) tj["anchor"] = t.anchor;
    if (!t.rule.empty()) tj["rule"] = t.rule;
    timex.push_back(tj);
  }
  j["timex"] = timex;

  json attrs = json::array();
  for (const Attribution& a : doc.attributions) {
    json aj{{"start", a.span.start}, {"end", a.span.end}, {"sentence", a.sentence},
            {"source", a.source}, {"sourcing", ToString(a.sourcing)}, {"hedged", a.hedged}};
    if (!a.source_span.empty()) aj["source_span"] = {a.source_span.start, a.source_span.end};
    if (!a.cue.empty()) aj["cue"] = a.cue;
    json chain = json::array();
    for (const SourceLink& l : a.chain) {
      json lj{{"source", l.source}, {"sourcing", ToString(l.sourcing)}};
      if (!l.span.empty()) lj["span"] = {l.span.start, l.span.end};
      chain.push_back(lj);
    }
    aj["chain"] = chain;
    attrs.push_back(aj);
  }
  j["attributions"] = attrs;

  json events = json::array();
  for (const EventMention& e : doc.events) events.push_back(EventMentionToJson(doc, e));
  j["events"] = events;
  return j;
}

Status DocumentFromJson(const json& j, Document* doc) {
  if (!j.is_object()) return Status::Error("stored document is not a JSON object");
  try {
    doc->id = j.value("id", "");
    doc->path = j.value("path", "");
    doc->meta.title = j.value("title", "");
    doc->meta.outlet = j.value("outlet", "");
    doc->meta.author = j.value("author", "");
    doc->meta.url = j.value("url", "");
    if (j.contains("published") && j["published"].is_string()) doc->meta.published.value = j["published"];
    if (j.contains("published_info")) {
      const json& p = j["published_info"];
      doc->meta.published.precision = FromName(p.value("precision", "none"), DatePrecision::kSecond, DatePrecision::kNone);
      doc->meta.published.tz = p.value("tz", "");
      doc->meta.published.inferred = p.value("inferred", false);
      doc->meta.published.earliest = p.value("earliest", "");
      doc->meta.published.latest = p.value("latest", "");
      doc->meta.published.evidence = p.value("evidence", "");
    }
    doc->kind = FromName(j.value("kind", "unknown"), DocKind::kUnknown, DocKind::kUnknown);
    std::string fmt = j.value("format", "text");
    doc->format = fmt == "html" ? SourceFormat::kHtml : fmt == "jsonl" ? SourceFormat::kJsonl : SourceFormat::kText;
    doc->charset = j.value("charset", "");
    doc->text = j.value("text", "");
    doc->parts.clear();
    for (const json& pj : j.value("parts", json::array())) {
      ThreadPart t;
      t.role = FromName(pj.value("role", "article"), Role::kComment, Role::kArticle);
      if (pj.contains("score")) { t.score = pj["score"]; t.has_score = true; }
      t.author = pj.value("author", "");
      t.date = pj.value("date", "");
      t.parent = pj.value("parent", -1);
      doc->parts.push_back(t);
    }
    if (doc->parts.empty()) doc->parts.push_back(ThreadPart{});
    doc->blocks.clear();
    for (const json& bj : j.value("blocks", json::array()))
      doc->blocks.push_back(Block{FromName(bj.value("kind", "paragraph"), BlockKind::kCaption, BlockKind::kParagraph),
                                  bj.value("part", 0), SpanOf(bj)});
    doc->origin.clear();
    for (const json& o : j.value("origin", json::array()))
      doc->origin.push_back(OriginPiece{o[0], o[1], o[2]});
    doc->sentences.clear();
    const json sb = j.value("sentence_blocks", json::array());
    size_t k = 0;
    for (const json& s : j.value("sentences", json::array())) {
      int block = k < sb.size() ? sb[k].get<int>() : -1;
      doc->sentences.push_back(Sentence{{s[0], s[1]}, block});
      ++k;
    }
    doc->quotes.clear();
    for (const json& q : j.value("quotes", json::array())) doc->quotes.push_back(Span{q[0], q[1]});
    doc->entities.clear();
    for (const json& ej : j.value("entities", json::array())) {
      EntityMention e;
      e.span = SpanOf(ej);
      e.type = FromName(ej.value("type", "PERSON"), EntityType::kNorp, EntityType::kPerson);
      e.titles = ej.value("titles", std::vector<std::string>{});
      e.alias_of = ej.value("alias_of", -1);
      e.rule = ej.value("rule", "");
      e.entity = ej.value("entity", -1);
      doc->entities.push_back(e);
    }
    doc->timexes.clear();
    for (const json& tj : j.value("timex", json::array())) {
      Timex t;
      t.span = SpanOf(tj);
      t.type = FromName(tj.value("type", "DATE"), TimexType::kSet, TimexType::kDate);
      t.value = tj.value("value", "");
      t.mod = tj.value("mod", "");
      t.anchor = tj.value("anchor", "");
      t.rule = tj.value("rule", "");
      doc->timexes.push_back(t);
    }
    doc->attributions.clear();
    for (const json& aj : j.value("attributions", json::array())) {
      Attribution a;
      a.span = SpanOf(aj);
      a.sentence = aj.value("sentence", -1);
      a.source = aj.value("source", "");
      a.sourcing = FromName(aj.value("sourcing", "author"), Sourcing::kQuestion, Sourcing::kAuthor);
      a.hedged = aj.value("hedged", false);
      if (aj.contains("source_span")) a.source_span = Span{aj["source_span"][0], aj["source_span"][1]};
      a.cue = aj.value("cue", "");
      for (const json& lj : aj.value("chain", json::array())) {
        SourceLink l;
        l.source = lj.value("source", "");
        l.sourcing = FromName(lj.value("sourcing", "author"), Sourcing::kQuestion, Sourcing::kAuthor);
        if (lj.contains("span")) l.span = Span{lj["span"][0], lj["span"][1]};
        a.chain.push_back(l);
      }
      doc->attributions.push_back(a);
    }
    doc->events.clear();
    for (const json& ej : j.value("events", json::array())) doc->events.push_back(EventMentionFromJson(ej));
  } catch (const json::exception& e) {
    return Status::Error(std::string("stored document is malformed: ") + e.what());
  }
  return Status::Ok();
}

}  // namespace dossier
