#include "core/document_json.h"

#include <nlohmann/json.hpp>

#include "core/json_writer.h"

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

namespace {

void WriteSpanPair(JsonWriter& w, Span s) {
  w.BeginArray();
  w.Uint(s.start);
  w.Uint(s.end);
  w.EndArray();
}

// ArgJson's shape: null for an argument with no text.
void WriteArg(JsonWriter& w, const EventArg& a) {
  if (a.text.empty()) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("end");
  w.Uint(a.span.end);
  if (a.mention >= 0) {
    w.Key("mention");
    w.Int(a.mention);
  }
  w.Key("start");
  w.Uint(a.span.start);
  w.Key("text");
  w.String(a.text);
  w.EndObject();
}

// EventMentionToJson's shape, keys in sorted order.
void WriteEventMention(JsonWriter& w, const Document& doc, const EventMention& e) {
  w.BeginObject();
  if (e.attribution >= 0) {
    w.Key("attribution");
    w.Int(e.attribution);
  }
  w.Key("cameo");
  w.String(e.cameo);
  w.Key("counts");
  w.BeginArray();
  for (const Count& c : e.counts) {
    w.BeginObject();
    w.Key("end");
    w.Uint(c.span.end);
    w.Key("high");
    w.Int(c.high);
    if (!c.qualifier.empty()) {
      w.Key("qualifier");
      w.String(c.qualifier);
    }
    w.Key("slot");
    w.String(c.slot);
    w.Key("start");
    w.Uint(c.span.start);
    w.Key("value");
    w.Int(c.value);
    w.EndObject();
  }
  w.EndArray();
  if (!e.date.empty()) {
    w.Key("date");
    w.String(e.date);
  }
  w.Key("end");
  w.Uint(e.span.end);
  w.Key("instrument");
  WriteArg(w, e.instrument);
  w.Key("modality");
  w.String(ToString(e.modality));
  if (!e.mode.empty()) {
    w.Key("mode");
    w.String(e.mode);
  }
  w.Key("place");
  WriteArg(w, e.place);
  w.Key("plover");
  w.String(e.plover);
  w.Key("sentence");
  w.Int(e.sentence);
  w.Key("source");
  w.BeginArray();
  for (const EventArg& a : e.source) w.String(a.text);
  w.EndArray();
  w.Key("source_args");
  w.BeginArray();
  for (const EventArg& a : e.source) WriteArg(w, a);
  w.EndArray();
  w.Key("start");
  w.Uint(e.span.start);
  w.Key("target");
  w.BeginArray();
  for (const EventArg& a : e.target) w.String(a.text);
  w.EndArray();
  w.Key("target_args");
  w.BeginArray();
  for (const EventArg& a : e.target) WriteArg(w, a);
  w.EndArray();
  if (e.timex >= 0) {
    w.Key("timex");
    w.Int(e.timex);
  }
  w.Key("trigger");
  w.String(doc.Text(e.trigger));
  w.Key("trigger_span");
  WriteSpanPair(w, e.trigger);
  w.EndObject();
}

}  // namespace

std::string DocumentJsonText(const Document& doc, const DocumentJsonOptions& options) {
  JsonWriter w;
  w.BeginObject();
  w.Key("attributions");
  w.BeginArray();
  for (const Attribution& a : doc.attributions) {
    w.BeginObject();
    w.Key("chain");
    w.BeginArray();
    for (const SourceLink& l : a.chain) {
      w.BeginObject();
      w.Key("source");
      w.String(l.source);
      w.Key("sourcing");
      w.String(ToString(l.sourcing));
      if (!l.span.empty()) {
        w.Key("span");
        WriteSpanPair(w, l.span);
      }
      w.EndObject();
    }
    w.EndArray();
    if (!a.cue.empty()) {
      w.Key("cue");
      w.String(a.cue);
    }
    w.Key("end");
    w.Uint(a.span.end);
    w.Key("hedged");
    w.Bool(a.hedged);
    w.Key("sentence");
    w.Int(a.sentence);
    w.Key("source");
    w.String(a.source);
    if (!a.source_span.empty()) {
      w.Key("source_span");
      WriteSpanPair(w, a.source_span);
    }
    w.Key("sourcing");
    w.String(ToString(a.sourcing));
    w.Key("start");
    w.Uint(a.span.start);
    w.EndObject();
  }
  w.EndArray();
  w.Key("author");
  w.String(doc.meta.author);
  w.Key("blocks");
  w.BeginArray();
  for (const Block& b : doc.blocks) {
    w.BeginObject();
    w.Key("end");
    w.Uint(b.span.end);
    w.Key("kind");
    w.String(ToString(b.kind));
    w.Key("part");
    w.Int(b.part);
    w.Key("start");
    w.Uint(b.span.start);
    w.EndObject();
  }
  w.EndArray();
  w.Key("charset");
  w.String(doc.charset);
  w.Key("entities");
  w.BeginArray();
  for (const EntityMention& e : doc.entities) {
    w.BeginObject();
    if (e.alias_of >= 0) {
      w.Key("alias_of");
      w.Int(e.alias_of);
    }
    w.Key("end");
    w.Uint(e.span.end);
    if (e.entity >= 0) {
      w.Key("entity");
      w.Int(e.entity);
    }
    if (!e.rule.empty()) {
      w.Key("rule");
      w.String(e.rule);
    }
    w.Key("start");
    w.Uint(e.span.start);
    w.Key("text");
    w.String(doc.Text(e.span));
    if (!e.titles.empty()) {
      w.Key("titles");
      w.StringArray(e.titles);
    }
    w.Key("type");
    w.String(ToString(e.type));
    w.EndObject();
  }
  w.EndArray();
  w.Key("events");
  w.BeginArray();
  for (const EventMention& e : doc.events) WriteEventMention(w, doc, e);
  w.EndArray();
  w.Key("format");
  w.String(doc.format == SourceFormat::kHtml ? "html" : doc.format == SourceFormat::kJsonl ? "jsonl" : "text");
  w.Key("id");
  if (options.id_json.empty())
    w.String(doc.id);
  else
    w.Raw(options.id_json);
  w.Key("kind");
  w.String(ToString(doc.kind));
  if (options.origin) {
    w.Key("origin");
    w.BeginArray();
    for (const OriginPiece& o : doc.origin) {
      w.BeginArray();
      w.Uint(o.clean);
      w.Uint(o.raw);
      w.Uint(o.length);
      w.EndArray();
    }
    w.EndArray();
  }
  w.Key("outlet");
  w.String(doc.meta.outlet);
  w.Key("parts");
  w.BeginArray();
  for (const ThreadPart& t : doc.parts) {
    w.BeginObject();
    if (!t.author.empty()) {
      w.Key("author");
      w.String(t.author);
    }
    if (!t.date.empty()) {
      w.Key("date");
      w.String(t.date);
    }
    if (t.parent >= 0) {
      w.Key("parent");
      w.Int(t.parent);
    }
    w.Key("role");
    w.String(ToString(t.role));
    if (t.has_score) {
      w.Key("score");
      w.Int(t.score);
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("path");
  w.String(doc.path);
  const PubDate& p = doc.meta.published;
  w.Key("published");
  if (p.value.empty())
    w.Null();
  else
    w.String(p.value);
  w.Key("published_info");
  w.BeginObject();
  w.Key("earliest");
  w.String(p.earliest);
  w.Key("evidence");
  w.String(p.evidence);
  w.Key("inferred");
  w.Bool(p.inferred);
  w.Key("latest");
  w.String(p.latest);
  w.Key("precision");
  w.String(ToString(p.precision));
  w.Key("tz");
  w.String(p.tz);
  w.EndObject();
  w.Key("quotes");
  w.BeginArray();
  for (Span q : doc.quotes) WriteSpanPair(w, q);
  w.EndArray();
  w.Key("sentence_blocks");
  w.BeginArray();
  for (const Sentence& s : doc.sentences) w.Int(s.block);
  w.EndArray();
  w.Key("sentences");
  w.BeginArray();
  for (const Sentence& s : doc.sentences) WriteSpanPair(w, s.span);
  w.EndArray();
  if (options.text) {
    w.Key("text");
    w.String(doc.text);
  }
  w.Key("timex");
  w.BeginArray();
  for (const Timex& t : doc.timexes) {
    w.BeginObject();
    if (!t.anchor.empty()) {
      w.Key("anchor");
      w.String(t.anchor);
    }
    w.Key("end");
    w.Uint(t.span.end);
    if (!t.mod.empty()) {
      w.Key("mod");
      w.String(t.mod);
    }
    if (!t.rule.empty()) {
      w.Key("rule");
      w.String(t.rule);
    }
    w.Key("start");
    w.Uint(t.span.start);
    w.Key("text");
    w.String(doc.Text(t.span));
    w.Key("type");
    w.String(ToString(t.type));
    w.Key("value");
    w.String(t.value);
    w.EndObject();
  }
  w.EndArray();
  w.Key("title");
  w.String(doc.meta.title);
  w.Key("url");
  w.String(doc.meta.url);
  w.EndObject();
  return w.Take();
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
