// Text renderers for `dossier events|timeline|conflicts` without --json.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "fusion/fusion.h"
#include "fusion/words.h"

namespace dossier {

namespace {

using Row = std::vector<std::string>;

// Left-aligned columns separated by two spaces; the last column is not padded.
std::string Table(const std::vector<Row>& rows) {
  std::vector<size_t> width;
  for (const Row& r : rows)
    for (size_t i = 0; i + 1 < r.size(); ++i) {
      if (width.size() <= i) width.resize(i + 1, 0);
      width[i] = std::max(width[i], fusion::DisplayWidth(r[i]));
    }
  std::string out;
  for (const Row& r : rows) {
    std::string line;
    for (size_t i = 0; i < r.size(); ++i) {
      line += r[i];
      if (i + 1 < r.size()) line += std::string(width[i] - fusion::DisplayWidth(r[i]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

// Short outlet names by document id, from the events' mentions.
std::map<std::string, std::string> Outlets(const Dossier& d) {
  std::map<std::string, std::string> out;
  for (const Event& e : d.events)
    for (const EventRecord& r : e.mentions) {
      std::string name = fusion::Squash(r.outlet);
      if (name.empty()) name = r.doc.substr(0, std::min<size_t>(r.doc.size(), 12));
      if (fusion::DisplayWidth(name) > 24) {
        size_t cut = name.rfind(' ', 24);
        name = name.substr(0, cut == std::string::npos ? 24 : cut);
      }
      out.emplace(r.doc, name);
    }
  return out;
}

std::string DocList(const std::vector<std::string>& docs, const std::map<std::string, std::string>& outlets) {
  std::vector<std::string> names;
  for (const auto& d : docs) {
    auto it = outlets.find(d);
    std::string n = it != outlets.end() ? it->second : d.substr(0, std::min<size_t>(d.size(), 12));
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  }
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out;
}

std::string Join(const std::vector<std::string>& v, size_t max) {
  std::string out;
  for (size_t i = 0; i < v.size() && i < max; ++i) out += (i ? ", " : "") + v[i];
  if (v.size() > max) out += ", ...";
  return out;
}

std::string ValueText(const SlotValue& v) {
  std::string s;
  if (v.qualifier == "at_least") s = "at least ";
  else if (v.qualifier == "more_than") s = "more than ";
  else if (v.qualifier == "at_most") s = "at most ";
  else if (v.qualifier == "about") s = "about ";
  s += v.value;
  if (v.numeric && v.high > std::atoll(v.value.c_str())) s += "-" + std::to_string(v.high);
  if (v.hedged) s += "?";
  return s;
}

}  // namespace

std::string RenderEventsText(const Dossier& d) {
  auto outlets = Outlets(d);
  std::string out;
  std::vector<Row> rows{{"EVENT", "DATE", "CAMEO", "PLOVER", "SOURCE", "TARGET", "PLACE", "SOURCES"}};
  for (const Event& e : d.events) {
    std::string date = e.date.empty() ? "-" : e.date;
    if (e.date_basis == "published") date = "~" + date;
    std::string plover = e.plover + (e.real ? "" : " (" + e.modality + ")");
    rows.push_back({e.id, date, e.cameo, plover, Join(e.source, 2), Join(e.target, 3), e.place,
                    DocList(e.docs, outlets)});
  }
  out += Table(rows);
  // Per event: the slots with values from more than one report or a count.
  bool header = false;
  for (const Event& e : d.events) {
    std::vector<Row> slot_rows;
    for (const Slot& s : e.slots) {
      if (s.values.empty() || s.name == "target" || s.name == "source") continue;
      std::string vals;
      for (size_t i = 0; i < s.values.size(); ++i) {
        if (i) vals += " | ";
        vals += ValueText(s.values[i]) + " [" + DocList(s.values[i].docs, outlets) + "]";
      }
      slot_rows.push_back({"  " + s.name, vals});
    }
    if (slot_rows.empty()) continue;
    if (!header) out += "\n";
    header = true;
    out += e.id + "  " + e.summary + "\n";
    out += Table(slot_rows);
  }
  return out;
}

std::string RenderTimelineText(const Dossier& d) {
  auto outlets = Outlets(d);
  std::vector<Row> rows{{"DATE", "PRECISION", "SUMMARY", "EVENT", "SOURCES"}};
  for (const TimelineEntry& t : d.timeline) {
    std::string date = t.basis == "published" ? "~" + t.date : t.date;
    std::string summary = t.summary;
    if (fusion::DisplayWidth(summary) > 100) {
      size_t cut = summary.rfind(' ', 96);
      summary = summary.substr(0, cut == std::string::npos ? 96 : cut) + " \xE2\x80\xA6";
    }
    rows.push_back({date, t.precision, summary, t.event, DocList(t.docs, outlets)});
  }
  std::string out = Table(rows);
  bool any_published = false;
  for (const TimelineEntry& t : d.timeline) any_published = any_published || t.basis == "published";
  if (any_published) out += "(~ date of the first report: the text gives no date)\n";
  return out;
}

std::string RenderConflictsText(const Dossier& d) {
  auto outlets = Outlets(d);
  std::map<std::string, const Event*> by_id;
  for (const Event& e : d.events) by_id[e.id] = &e;
  std::vector<Row> rows{{"EVENT", "SLOT", "KIND", "VALUES"}};
  for (const Conflict& c : d.conflicts) {
    std::string vals;
    for (size_t i = 0; i < c.values.size(); ++i) {
      if (i) vals += " vs ";
      vals += ValueText(c.values[i]) + " [" + DocList(c.values[i].docs, outlets) + "]";
    }
    rows.push_back({c.event, c.slot, c.kind, vals});
  }
  return Table(rows);
}

}  // namespace dossier
