// The corpus timeline from the candidates of every part's dated events, and the ids given
// across parts (fusion.h).
#include <algorithm>
#include <set>

#include "fusion/dates.h"
#include "fusion/fusion.h"

namespace dossier {

namespace {

// How many later candidates (by start date) each candidate is compared with.
constexpr size_t kMergeDepth = 64;

bool ShareAny(const uint32_t* a, size_t na, const uint32_t* b, size_t nb) {
  for (size_t i = 0; i < na; ++i)
    if (std::find(b, b + nb, a[i]) != b + nb) return true;
  return false;
}

// Share of the smaller set of (sorted) content words found in the other.
double Overlap(const uint32_t* a, size_t na, const uint32_t* b, size_t nb) {
  if (na == 0 || nb == 0) return 0;
  size_t n = 0, i = 0, j = 0;
  while (i < na && j < nb) {
    if (a[i] == b[j]) {
      ++n, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(n) / static_cast<double>(std::min(na, nb));
}

// The vocabulary number of "" (the first string numbered).
constexpr uint32_t kEmpty = 0;

int Find(std::vector<int>& p, int i) {
  while (p[static_cast<size_t>(i)] != i) i = p[static_cast<size_t>(i)] = p[static_cast<size_t>(p[static_cast<size_t>(i)])];
  return i;
}

}  // namespace

TimelineCandidates::TimelineCandidates() { Number(""); }

uint32_t TimelineCandidates::Number(const std::string& s) {
  auto [it, fresh] = numbers_.try_emplace(s, static_cast<uint32_t>(strings_.size()));
  if (fresh) strings_.push_back(&it->first);
  return it->second;
}

void TimelineCandidates::Add(const TimelineCandidate& c) {
  Item item;
  item.lo = c.interval.lo;
  item.hi = c.interval.hi;
  item.family = Number(c.family);
  item.place = Number(c.place);
  item.usable = c.usable;
  item.ndocs = static_cast<uint32_t>(c.docs.size());
  item.ntargets = static_cast<uint32_t>(c.target.size());
  for (const std::string* s : {&c.event, &c.date, &c.precision, &c.basis}) {
    item.text += *s;
    item.text += '\0';
  }
  item.text += c.summary;
  item.text.shrink_to_fit();
  item.lists.reserve(c.docs.size() + c.target.size() + c.words.size());
  for (const std::string& d : c.docs) item.lists.push_back(Number(d));
  for (const std::string& t : c.target) item.lists.push_back(Number(t));
  size_t words = item.lists.size();
  for (const std::string& w : c.words) item.lists.push_back(Number(w));
  // Distinct words as numbers, sorted: Overlap counts the same shared words.
  std::sort(item.lists.begin() + static_cast<std::ptrdiff_t>(words), item.lists.end());
  item.lists.erase(std::unique(item.lists.begin() + static_cast<std::ptrdiff_t>(words), item.lists.end()),
                   item.lists.end());
  items_.push_back(std::move(item));
}

TimelineCandidates::Text TimelineCandidates::TextOf(const Item& item) {
  std::string_view rest = item.text;
  std::string_view* fields[] = {nullptr, nullptr, nullptr, nullptr};
  Text t;
  fields[0] = &t.event;
  fields[1] = &t.date;
  fields[2] = &t.precision;
  fields[3] = &t.basis;
  for (std::string_view* f : fields) {
    size_t nul = rest.find('\0');
    *f = rest.substr(0, nul);
    rest.remove_prefix(nul == std::string_view::npos ? rest.size() : nul + 1);
  }
  t.summary = rest;
  return t;
}

// Whether two dated events of one family are one timeline entry: compatible dates (one
// interval holds the other) and a shared target, or the same day and place, or most of
// their content words (less needed when one document reports both).
bool TimelineCandidates::SameEntry(const Item& a, const Item& b) {
  bool a_in_b = b.lo <= a.lo && a.hi <= b.hi, b_in_a = a.lo <= b.lo && b.hi <= a.hi;
  if (!a_in_b && !b_in_a) return false;
  const uint32_t* ad = a.lists.data();
  const uint32_t* bd = b.lists.data();
  const uint32_t* at = ad + a.ndocs;
  const uint32_t* bt = bd + b.ndocs;
  const uint32_t* aw = at + a.ntargets;
  const uint32_t* bw = bt + b.ntargets;
  size_t naw = a.lists.size() - a.ndocs - a.ntargets, nbw = b.lists.size() - b.ndocs - b.ntargets;
  bool share_docs = ShareAny(ad, a.ndocs, bd, b.ndocs);
  // The same sentence told twice (one document, one date) is one entry whatever its codes.
  if (share_docs && (TextOf(a).summary == TextOf(b).summary || Overlap(aw, naw, bw, nbw) >= 0.8)) return true;
  if (a.family != b.family) return false;
  if (a.ntargets > 0 && ShareAny(at, a.ntargets, bt, b.ntargets)) return true;
  bool same_day = a.hi == a.lo && b.hi == b.lo;
  if (same_day && a.place != kEmpty && a.place == b.place) return true;
  double o = Overlap(aw, naw, bw, nbw);
  if (o >= 0.6) return true;
  return share_docs && o >= 0.4;
}

// One entry per group of candidates that report one event: the most precise date, the
// summary of a usable member; groups with no usable member are left out.
std::vector<TimelineEntry> TimelineCandidates::Build() const {
  std::vector<uint32_t> order(items_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    const Item& a = items_[x];
    const Item& b = items_[y];
    if (a.lo != b.lo) return a.lo < b.lo;
    if (a.hi != b.hi) return a.hi < b.hi;
    return TextOf(a).event < TextOf(b).event;
  });
  auto item = [&](size_t k) -> const Item& { return items_[order[k]]; };
  std::vector<int> parent(order.size());
  for (size_t i = 0; i < order.size(); ++i) parent[i] = static_cast<int>(i);
  for (size_t i = 0; i < order.size(); ++i) {
    size_t seen = 0;
    for (size_t j = i + 1; j < order.size() && seen < kMergeDepth; ++j) {
      if (item(j).lo > item(i).hi) break;
      ++seen;
      if (SameEntry(item(i), item(j)))
        parent[static_cast<size_t>(Find(parent, static_cast<int>(j)))] = Find(parent, static_cast<int>(i));
    }
  }
  std::vector<std::vector<uint32_t>> groups(order.size());
  for (size_t i = 0; i < order.size(); ++i)
    groups[static_cast<size_t>(Find(parent, static_cast<int>(i)))].push_back(static_cast<uint32_t>(i));
  std::vector<TimelineEntry> out;
  for (const auto& g : groups) {
    if (g.empty()) continue;
    // The leader: a usable member, most precise date, most documents, then id.
    const Item* lead = nullptr;
    for (uint32_t k : g) {
      const Item& c = item(k);
      if (lead == nullptr) { lead = &c; continue; }
      const Item& l = *lead;
      if (c.usable != l.usable) { if (c.usable) lead = &c; continue; }
      if (c.hi - c.lo != l.hi - l.lo) { if (c.hi - c.lo < l.hi - l.lo) lead = &c; continue; }
      if (c.ndocs != l.ndocs) { if (c.ndocs > l.ndocs) lead = &c; continue; }
      if (TextOf(c).event < TextOf(l).event) lead = &c;
    }
    if (!lead->usable) continue;
    Text text = TextOf(*lead);
    TimelineEntry t;
    t.date = text.date;
    t.precision = text.precision;
    t.summary = text.summary;
    t.event = text.event;
    t.basis = text.basis;
    std::set<std::string_view> docs;
    for (uint32_t k : g) {
      const Item& c = item(k);
      for (uint32_t i = 0; i < c.ndocs; ++i) docs.insert(*strings_[c.lists[i]]);
    }
    t.docs.assign(docs.begin(), docs.end());
    out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
    fusion::DayInterval x = fusion::ParseDate(a.date), y = fusion::ParseDate(b.date);
    if (x.lo != y.lo) return x.lo < y.lo;
    if (x.hi != y.hi) return x.hi < y.hi;
    return a.event < b.event;
  });
  return out;
}

bool EventIds::Insert(const std::string& id) {
  bool usual = id.size() == 13 && id[0] == 'V';
  uint64_t n = 0;
  for (size_t i = 1; usual && i < id.size(); ++i) {
    char c = id[i];
    if (c >= '0' && c <= '9')
      n = n << 4 | static_cast<uint64_t>(c - '0');
    else if (c >= 'a' && c <= 'f')
      n = n << 4 | static_cast<uint64_t>(c - 'a' + 10);
    else
      usual = false;
  }
  return usual ? numbers_.insert(n).second : others_.insert(id).second;
}

}  // namespace dossier
