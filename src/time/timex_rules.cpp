#include "time/timex_rules.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "core/data_dir.h"

namespace dossier {
namespace timex {
namespace {

const char* kClassNames[kNumElementClasses] = {
    "MONTH", "WEEKDAY", "WEEKDAYS", "NUMWORD", "FUZZY", "ORD", "UNIT", "SEASON", "PART",
    "HOLIDAY", "MOD", "APPROX", "REL", "AMPM", "TZ", "TENSE", "DECADE",
    "NUM", "DAY", "YEAR", "DECADES", "CLOCK", "HOUR", "ISODATE", "SLASHDATE", "UNITS"};

const char* kWordClassNames[kNumWordClasses] = {
    "month", "weekday", "weekdays", "num", "fuzzy", "ord", "unit", "season", "part",
    "holiday", "mod", "approx", "rel", "ampm", "tz", "tense", "decade"};

std::vector<std::string> SplitSpaces(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

// Splits an entry's words the way the time stage splits text: at hyphens, before a
// possessive 's, and without an abbreviation's final period ("st." -> "st").
std::vector<std::string> SplitEntryWords(const std::string& s) {
  std::vector<std::string> out;
  for (std::string w : SplitSpaces(s)) {
    size_t start = 0;
    while (true) {
      size_t dash = w.find('-', start);
      std::string part = w.substr(start, dash == std::string::npos ? std::string::npos : dash - start);
      if (part.size() > 2 && part.compare(part.size() - 2, 2, "'s") == 0) {
        out.push_back(part.substr(0, part.size() - 2));
        out.push_back("'s");
      } else if (!part.empty()) {
        if (part.size() > 2 && part.back() == '.' && part.find('.') == part.size() - 1) part.pop_back();
        out.push_back(part);
      }
      if (dash == std::string::npos) break;
      start = dash + 1;
    }
  }
  return out;
}

[[noreturn]] void Die(const std::string& file, const std::string& what) {
  std::fprintf(stderr, "dossier: %s: %s\n", file.c_str(), what.c_str());
  std::exit(3);
}

void LoadWords(Rules* r) {
  const std::string file = "time/timex_words.tsv";
  for (const auto& row : ReadDataTable(file)) {
    if (row.size() < 3) Die(file, "row with fewer than 3 columns: " + row[0]);
    WordEntry e;
    e.words = SplitEntryWords(row[0]);
    if (e.words.empty()) continue;
    int cls = -1;
    for (int k = 0; k < kNumWordClasses; ++k)
      if (row[1] == kWordClassNames[k]) cls = k;
    if (cls < 0) Die(file, "unknown class " + row[1]);
    e.cls = static_cast<WordClass>(cls);
    e.value = row[2];
    e.number = std::atoi(row[2].c_str());
    if (row.size() > 3) {
      for (const std::string& f : SplitSpaces(row[3])) {
        if (f == "weak") e.flags |= kWeak;
        else if (f == "abbr") e.flags |= kAbbr;
        else if (f == "pl") e.flags |= kPlural;
        else if (f == "article") e.flags |= kArticle;
      }
    }
    std::string first = e.words[0];
    r->words[first].push_back(std::move(e));
  }
}

Element ParseElement(const std::string& file, std::string tok) {
  Element el;
  if (tok.size() > 1 && tok.back() == '?') {
    el.optional = true;
    tok.pop_back();
  }
  size_t pos = 0;
  while (true) {
    size_t bar = tok.find('|', pos);
    std::string alt = tok.substr(pos, bar == std::string::npos ? std::string::npos : bar - pos);
    int cls = -1;
    for (int k = 0; k < kNumElementClasses; ++k)
      if (alt == kClassNames[k]) cls = k;
    if (cls >= 0) {
      el.classes.push_back(static_cast<uint8_t>(cls));
      el.class_mask |= uint64_t{1} << cls;
    }
    else if (!alt.empty() && alt[0] >= 'A' && alt[0] <= 'Z') Die(file, "unknown class " + alt);
    else el.literals.push_back(alt);
    if (bar == std::string::npos) break;
    pos = bar + 1;
  }
  return el;
}

void LoadPatterns(Rules* r) {
  const std::string file = "time/timex_patterns.tsv";
  for (const auto& row : ReadDataTable(file)) {
    if (row.size() < 5) Die(file, "row with fewer than 5 columns: " + row[0]);
    Pattern p;
    p.name = row[0];
    if (row[1] == "DATE") p.type = TimexType::kDate;
    else if (row[1] == "TIME") p.type = TimexType::kTime;
    else if (row[1] == "DURATION") p.type = TimexType::kDuration;
    else if (row[1] == "SET") p.type = TimexType::kSet;
    else Die(file, "unknown type " + row[1]);
    p.action = row[2];
    static const char* kActionNames[kNumActions] = {
        "date", "shift", "dur", "set", "clock", "quarter", "quarter_ref", "decade", "century",
        "weekof", "weekend", "value"};
    int code = -1;
    for (int k = 0; k < kNumActions; ++k)
      if (p.action == kActionNames[k]) code = k;
    if (code < 0) Die(file, "unknown action " + p.action);
    p.action_code = static_cast<Action>(code);
    for (const std::string& a : SplitSpaces(row[3])) {
      size_t eq = a.find('=');
      if (eq == std::string::npos) p.constant = a;
      else p.args[a.substr(0, eq)] = a.substr(eq + 1);
    }
    for (const std::string& tok : SplitSpaces(row[4])) p.elements.push_back(ParseElement(file, tok));
    if (p.elements.empty()) Die(file, "empty pattern " + p.name);
    for (const Element& el : p.elements) {
      for (uint8_t c : el.classes) p.first_classes |= uint64_t{1} << c;
      for (const std::string& l : el.literals) p.first_literals.insert(l);
      if (!el.optional) break;
    }
    r->first_classes |= p.first_classes;
    const auto index = static_cast<uint16_t>(r->patterns.size());
    for (const std::string& l : p.first_literals) r->patterns_by_literal[l].push_back(index);
    for (int c = 0; c < kNumElementClasses; ++c)
      if (p.first_classes & (uint64_t{1} << c)) r->patterns_by_class[c].push_back(index);
    r->patterns.push_back(std::move(p));
  }
}

}  // namespace

const Rules& GetRules() {
  static const Rules* rules = [] {
    auto* r = new Rules();
    LoadWords(r);
    LoadPatterns(r);
    // Intern the literals of the patterns and join the word, literal and pattern indexes.
    std::unordered_map<std::string, int> ids;
    for (Pattern& p : r->patterns) {
      for (Element& el : p.elements) {
        for (const std::string& l : el.literals) {
          auto [it, added] = ids.emplace(l, static_cast<int>(r->literal_names.size()));
          if (added) r->literal_names.push_back(l);
          el.literal_ids.push_back(it->second);
        }
      }
    }
    for (Pattern& p : r->patterns) {
      p.second_literals.assign(r->literal_names.size(), false);
      for (size_t a = 0; a < p.elements.size(); ++a) {
        if (!p.elements[a].literals.empty()) {
          // Elements that can match the word after a literal at element a.
          size_t b = a + 1;
          for (; b < p.elements.size(); ++b) {
            const Element& el = p.elements[b];
            for (uint8_t c : el.classes) p.second_classes |= uint64_t{1} << c;
            for (int id : el.literal_ids) p.second_literals[id] = true;
            if (!el.optional) break;
          }
          if (b >= p.elements.size()) p.may_end_after_literal = true;
        }
        if (!p.elements[a].optional) break;
      }
    }
    auto add = [&](const std::string& word) -> Rules::Vocab& {
      r->max_word_length = std::max(r->max_word_length, word.size());
      return r->vocab.At(word);
    };
    for (int c = 0; c < kNumElementClasses; ++c) {
      r->pattern_set_by_class[c].assign((r->patterns.size() + 63) / 64, 0);
      for (uint16_t k : r->patterns_by_class[c]) r->pattern_set_by_class[c][k / 64] |= uint64_t{1} << (k % 64);
    }
    for (const auto& [word, entries] : r->words) add(word).words = &entries;
    for (const auto& [word, id] : ids) add(word).literal = id;
    for (const auto& [word, list] : r->patterns_by_literal) {
      Rules::Vocab& v = add(word);
      v.patterns = &list;
      v.second_literals.assign(r->literal_names.size(), false);
      for (uint16_t k : list) {
        const Pattern& p = r->patterns[k];
        v.may_end = v.may_end || p.may_end_after_literal;
        v.second_classes |= p.second_classes;
        for (size_t id = 0; id < p.second_literals.size(); ++id)
          if (p.second_literals[id]) v.second_literals[id] = true;
      }
    }
    return r;
  }();
  return *rules;
}

}  // namespace timex
}  // namespace dossier
