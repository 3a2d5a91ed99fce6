// Cross-document resolution. Mentions are grouped into nodes by (type class, name key); nodes
// are then joined, in a fixed order that depends only on the set of records, by alias links,
// acronyms and short forms of person names. Every join records its rule and evidence.
#include "entities/resolve.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <unordered_map>

#include "entities/name_key.h"

namespace dossier {
namespace {

enum class TypeClass { kPerson, kOrg, kPlace, kNorp };

TypeClass ClassOf(EntityType t) {
  switch (t) {
    case EntityType::kPerson: return TypeClass::kPerson;
    case EntityType::kOrg: return TypeClass::kOrg;
    case EntityType::kNorp: return TypeClass::kNorp;
    default: return TypeClass::kPlace;
  }
}

const char* ClassName(TypeClass c) {
  switch (c) {
    case TypeClass::kPerson: return "P";
    case TypeClass::kOrg: return "O";
    case TypeClass::kPlace: return "L";
    default: return "N";
  }
}

uint64_t Fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string Hex(uint64_t v, int digits) {
  static const char* kHex = "0123456789abcdef";
  std::string out(digits, '0');
  for (int i = digits - 1; i >= 0; --i) {
    out[i] = kHex[v & 15];
    v >>= 4;
  }
  return out;
}

// Trims surrounding spaces and punctuation a mention may carry.
std::string CleanSurface(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '"' || s[b] == '(' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '"' || s[e - 1] == ')' || s[e - 1] == ',' ||
                   s[e - 1] == '\n'))
    --e;
  return s.substr(b, e - b);
}

// The name under which a mention is looked up: its type class and cleaned spelling, which
// decide its node and so its entity.
std::string NameOf(EntityType type, const std::string& text) {
  return std::string(ClassName(ClassOf(type))) + "|" + CleanSurface(text);
}

// A group of records with one class and one name key.
struct Node {
  TypeClass cls = TypeClass::kPerson;
  std::string full;                  // NameKey::full (plural 's' cut for organisations)
  NameKey key;
  std::map<std::string, int> surfaces;  // spelling -> mentions
  std::vector<int> records;
  std::vector<DocNumber> docs;       // ascending, each once
  int mentions = 0;
};

class Resolver {
 public:
  Resolver(const std::vector<MentionRecord>& records, const std::vector<std::string>& doc_ids)
      : records_(records), doc_ids_(doc_ids) {}

  Resolution Run() {
    BuildNodes();
    parent_.resize(nodes_.size());
    for (size_t i = 0; i < nodes_.size(); ++i) parent_[i] = static_cast<int>(i);
    reasons_.resize(nodes_.size());
    MergeTypeVotes();
    MergeAliases();
    MergeAcronyms();
    MergeShortForms();
    return Build();
  }

 private:
  static std::string NodeId(TypeClass c, const std::string& full) {
    return std::string(ClassName(c)) + "|" + full;
  }

  static std::string FullKey(TypeClass cls, const NameKey& k) {
    if ((cls == TypeClass::kOrg || cls == TypeClass::kNorp) && !k.acronym && !k.parts.empty()) {
      // "Revolutionary Guards" = "Revolutionary Guard"; "Houthis" = "Houthi".
      std::string full = k.full;
      if (full.size() > 3 && full.back() == 's') {
        full.pop_back();
        if (!full.empty() && full.back() == 'V' && full.size() > 3) full.pop_back();
      }
      return full;
    }
    return k.full;
  }

  void BuildNodes() {
    std::map<std::string, int> index;  // NodeId -> node; sorted so node order is stable
    std::map<std::string, std::pair<TypeClass, NameKey>> keys;
    std::vector<std::string> rec_node(records_.size());
    // Keys of each distinct spelling and class, computed once: a corpus repeats its names.
    std::unordered_map<std::string, std::string> id_of;
    for (size_t i = 0; i < records_.size(); ++i) {
      const MentionRecord& r = records_[i];
      std::string surface = CleanSurface(r.text);
      if (surface.empty()) continue;
      TypeClass cls = ClassOf(r.type);
      std::string memo = std::string(ClassName(cls)) + surface;
      auto seen = id_of.find(memo);
      if (seen != id_of.end()) {
        rec_node[i] = seen->second;
        continue;
      }
      NameKey k = MakeNameKey(surface);
      std::string id = k.full.empty() ? "" : NodeId(cls, FullKey(cls, k));
      id_of.emplace(memo, id);
      rec_node[i] = id;
      if (!id.empty()) keys.emplace(id, std::make_pair(cls, k));
    }
    for (const auto& [id, ck] : keys) {
      index[id] = static_cast<int>(nodes_.size());
      Node n;
      n.cls = ck.first;
      n.key = ck.second;
      n.full = FullKey(n.cls, n.key);
      nodes_.push_back(std::move(n));
    }
    record_node_.assign(records_.size(), -1);
    for (size_t i = 0; i < records_.size(); ++i) {
      if (rec_node[i].empty()) continue;
      int n = index[rec_node[i]];
      record_node_[i] = n;
      Node& node = nodes_[n];
      node.records.push_back(static_cast<int>(i));
      node.surfaces[CleanSurface(records_[i].text)] += records_[i].count;
      node.docs.insert(node.docs.end(), records_[i].docs.begin(), records_[i].docs.end());
      node.mentions += records_[i].count;
    }
    for (Node& n : nodes_) SortUnique(&n.docs);
    node_index_ = std::move(index);
    // The key of each node is the key of its most frequent spelling (ties: smallest).
    for (Node& n : nodes_) {
      std::string best;
      int count = -1;
      for (const auto& [s, c] : n.surfaces)
        if (c > count) best = s, count = c;
      if (!best.empty()) n.key = MakeNameKey(best);
    }
  }

  int Find(int x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }

  // Joins two nodes; the smaller index stays root so the result is order independent.
  void Union(int a, int b, const std::string& rule, const std::string& evidence) {
    int ra = Find(a), rb = Find(b);
    if (ra == rb) return;
    if (rb < ra) std::swap(ra, rb);
    parent_[rb] = ra;
    MergeReason m;
    m.rule = rule;
    m.a = Spelling(a);
    m.b = Spelling(b);
    m.evidence = evidence;
    for (MergeReason& r : reasons_[rb]) reasons_[ra].push_back(std::move(r));
    reasons_[rb].clear();
    reasons_[ra].push_back(std::move(m));
  }

  std::string Spelling(int n) const {
    const Node& node = nodes_[n];
    std::string best;
    int count = -1;
    for (const auto& [s, c] : node.surfaces)
      if (c > count) best = s, count = c;
    return best;
  }

  bool HasTitles(const Node& n) const {
    for (int r : n.records)
      if (!records_[r].titles.empty()) return true;
    return false;
  }

  // The same name typed differently across documents: PERSON against ORG needs a clear
  // (two to one) majority; a place against a person or organisation goes by simple majority.
  void MergeTypeVotes() {
    std::map<std::string, std::vector<int>> by_full;
    for (size_t i = 0; i < nodes_.size(); ++i) by_full[nodes_[i].key.full].push_back(static_cast<int>(i));
    for (const auto& [full, ns] : by_full) {
      if (ns.size() < 2) continue;
      int best = -1;
      for (int n : ns)
        if (best < 0 || nodes_[n].mentions > nodes_[best].mentions) best = n;
      if (best < 0) continue;
      const bool best_place = nodes_[best].cls == TypeClass::kPlace;
      for (int n : ns) {
        if (n == best) continue;
        const Node& o = nodes_[n];
        bool place_pair = best_place || o.cls == TypeClass::kPlace;
        if (place_pair) {
          // A place and an organisation or person of one name: the majority wins. A person
          // joins a place only as a single word nobody gave a title ("Valdoria"), never as
          // a full name; a place never becomes a person.
          if (o.cls == TypeClass::kPlace && nodes_[best].cls == TypeClass::kPerson) continue;
          if (o.cls == TypeClass::kPerson && (o.key.parts.size() >= 2 || HasTitles(o))) continue;
          if (nodes_[best].mentions <= o.mentions) continue;
        } else if (nodes_[best].mentions < 2 * o.mentions) {
          continue;
        }
        if (true)
          Union(best, n, "same-key-type-vote", "key " + full + "; typed " + ClassName(nodes_[best].cls) +
                                                    " " + std::to_string(nodes_[best].mentions) + " times, " +
                                                    ClassName(nodes_[n].cls) + " " +
                                                    std::to_string(nodes_[n].mentions));
      }
    }
  }

  // A mention the document itself names as another ("Southern Defence Forces (SDF)",
  // "known as the Najda", "X, also known as Y").
  void MergeAliases() {
    std::vector<std::pair<int, int>> links;
    std::map<std::pair<int, int>, std::string> evidence;
    for (size_t i = 0; i < records_.size(); ++i) {
      const MentionRecord& r = records_[i];
      if (r.alias_text.empty() || record_node_[i] < 0) continue;
      std::string target = CleanSurface(r.alias_text);
      NameKey k = MakeNameKey(target);
      if (k.full.empty()) continue;
      int tn = -1;
      // Same class first, then any class but place-with-person.
      TypeClass own = ClassOf(r.type);
      auto it = node_index_.find(NodeId(own, FullKey(own, k)));
      if (it != node_index_.end()) tn = it->second;
      for (TypeClass c : {TypeClass::kOrg, TypeClass::kPerson, TypeClass::kPlace, TypeClass::kNorp}) {
        if (tn >= 0) break;
        if ((c == TypeClass::kPlace) != (own == TypeClass::kPlace)) continue;
        auto jt = node_index_.find(NodeId(c, FullKey(c, k)));
        if (jt != node_index_.end()) tn = jt->second;
      }
      if (tn < 0 || tn == record_node_[i]) continue;
      auto key = std::minmax(tn, record_node_[i]);
      if (!evidence.count(key)) {
        links.push_back(key);
        evidence[key] = "document " + DocId(r.docs.empty() ? kNoDoc : r.docs.front()) + " names \"" + CleanSurface(r.text) + "\" as \"" + target + "\"";
      }
    }
    std::sort(links.begin(), links.end());
    for (const auto& l : links) Union(l.first, l.second, "alias", evidence[l]);
  }

  // "SDF" and "Southern Defence Forces": initials match one multi-word name only.
  void MergeAcronyms() {
    std::map<std::string, std::vector<int>> by_initials;
    for (size_t i = 0; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      if (n.key.acronym || n.key.parts.size() < 2 || n.cls == TypeClass::kPerson) continue;
      by_initials[n.key.initials].push_back(static_cast<int>(i));
      // "SAF" for "Saraya al-Fajr": the article's letter may be part of the acronym.
      if (n.key.initials_all != n.key.initials) by_initials[n.key.initials_all].push_back(static_cast<int>(i));
    }
    for (size_t i = 0; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      if (!n.key.acronym || n.key.initials.size() < 2) continue;
      auto it = by_initials.find(n.key.initials);
      if (it == by_initials.end()) continue;
      std::set<int> roots;
      for (int c : it->second) roots.insert(Find(c));
      int self = Find(static_cast<int>(i));
      roots.erase(self);
      if (roots.size() == 1 && std::none_of(it->second.begin(), it->second.end(),
                                            [&](int c) { return Find(c) == self; })) {
        int target = *roots.begin();
        Union(target, static_cast<int>(i), "acronym",
              "initials " + n.key.initials + " of \"" + Spelling(target) + "\"");
      }
    }
  }

  // Does short name `s` name the last part(s) of long name `l`?
  static bool ShortFormOf(const NameKey& s, const NameKey& l) {
    std::vector<const NamePart*> sp, lp;
    for (const NamePart& p : s.parts)
      if (!p.initial) sp.push_back(&p);
    for (const NamePart& p : l.parts)
      if (!p.initial) lp.push_back(&p);
    if (sp.empty() || sp.size() >= lp.size()) return false;
    // A kunya or patronym is never a surname on its own.
    size_t off = lp.size() - sp.size();
    for (size_t i = 0; i < sp.size(); ++i) {
      const NamePart& a = *sp[i];
      const NamePart& b = *lp[off + i];
      if (a.key == b.key) continue;
      // "Karim" for "Abdul Karim" as the last part: the governed word of a compound surname.
      if (i + 1 == sp.size() && sp.size() == 1 && a.kind == NamePartKind::kPlain &&
          b.kind == NamePartKind::kCompound && a.key == b.head)
        continue;
      return false;
    }
    const NamePart& last = *sp.back();
    if (last.kind == NamePartKind::kKunya) return false;
    return true;
  }

  void MergeShortForms() {
    // Long person names by their last part's head, for lookup.
    std::map<std::string, std::vector<int>> by_last;
    for (size_t i = 0; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      if (n.cls != TypeClass::kPerson || n.key.parts.size() < 2) continue;
      const NamePart& last = n.key.parts.back();
      by_last[last.head].push_back(static_cast<int>(i));
    }
    // Shortest names first, so "Karim" sees "Abdul Karim" already joined to "Omar Abdul Karim".
    std::vector<int> order;
    for (size_t i = 0; i < nodes_.size(); ++i)
      if (nodes_[i].cls == TypeClass::kPerson && !nodes_[i].key.acronym) order.push_back(static_cast<int>(i));
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return nodes_[a].key.parts.size() > nodes_[b].key.parts.size();
    });
    for (int i : order) {
      const Node& n = nodes_[i];
      if (n.key.parts.empty()) continue;
      const NamePart& last = n.key.parts.back();
      auto it = by_last.find(last.head);
      if (it == by_last.end()) continue;
      std::map<int, int> roots;  // root -> co-occurring documents
      for (int c : it->second) {
        if (c == i || !ShortFormOf(n.key, nodes_[c].key)) continue;
        int shared = 0;
        for (DocNumber d : n.docs)
          shared += std::binary_search(nodes_[c].docs.begin(), nodes_[c].docs.end(), d);
        roots[Find(c)] += shared;
      }
      int self = Find(i);
      if (roots.count(self)) roots.erase(self);
      if (roots.empty()) continue;
      int target = -1;
      std::string why;
      if (roots.size() == 1) {
        target = roots.begin()->first;
        why = "the only person in the corpus whose name ends so";
      } else {
        // Several people share the surname: the one the same documents name, if only one.
        int total = 0, best = -1, best_count = 0;
        for (const auto& [r, c] : roots) {
          total += c;
          if (c > best_count) best = r, best_count = c;
        }
        if (best >= 0 && best_count * 10 >= total * 9 && best_count >= 1) {
          target = best;
          why = "the person the same documents name in full (" + std::to_string(best_count) + " of " +
                std::to_string(total) + " shared documents)";
        }
      }
      if (target < 0) continue;
      Union(target, i, "short-form", "\"" + Spelling(i) + "\" is the last name of \"" + Spelling(target) +
                                         "\": " + why);
    }
  }

  Resolution Build() {
    Resolution res;
    res.assignment.assign(records_.size(), -1);
    std::map<int, std::vector<int>> clusters;  // root -> nodes
    for (size_t i = 0; i < nodes_.size(); ++i) clusters[Find(static_cast<int>(i))].push_back(static_cast<int>(i));
    struct Built {
      Entity e;
      std::vector<int> recs;
    };
    std::vector<Built> built;
    for (const auto& [root, ns] : clusters) {
      Built b;
      Entity& e = b.e;
      // Type: the majority class, then the most frequent specific type within it.
      std::map<TypeClass, int> class_votes;
      for (int n : ns) class_votes[nodes_[n].cls] += nodes_[n].mentions;
      TypeClass cls = nodes_[ns[0]].cls;
      int bc = -1;
      for (const auto& [c, v] : class_votes)
        if (v > bc) cls = c, bc = v;
      std::map<EntityType, int> type_votes;
      std::map<std::string, int> spellings;
      std::map<std::string, int> spelling_parts;
      std::map<std::string, int> title_votes;
      std::map<std::string, std::string> title_form;
      std::vector<DocNumber> docs;
      int mentions = 0;
      for (int n : ns) {
        for (int r : nodes_[n].records) {
          const MentionRecord& rec = records_[r];
          b.recs.push_back(r);
          if (ClassOf(rec.type) == cls) type_votes[rec.type] += rec.count;
          docs.insert(docs.end(), rec.docs.begin(), rec.docs.end());
          mentions += rec.count;
          for (const std::string& t : rec.titles) {
            std::string k = FoldName(t);
            title_votes[k] += rec.count;
            if (!title_form.count(k) || t < title_form[k]) title_form[k] = t;
          }
        }
        for (const auto& [s, c] : nodes_[n].surfaces) {
          spellings[s] += c;
          spelling_parts[s] = static_cast<int>(nodes_[n].key.acronym ? 0 : MakeNameKey(s).parts.size());
        }
      }
      EntityType type = EntityType::kPerson;
      int tv = -1;
      for (const auto& [t, v] : type_votes)
        if (v > tv) type = t, tv = v;
      e.type = type;
      // Name: the most complete spelling (most name parts), then the most common, then the
      // longest, then the smallest.
      std::string name;
      for (const auto& [s, c] : spellings) {
        if (name.empty()) { name = s; continue; }
        int ps = spelling_parts[s], pn = spelling_parts[name];
        if (ps != pn) { if (ps > pn) name = s; continue; }
        if (c != spellings[name]) { if (c > spellings[name]) name = s; continue; }
        if (s.size() > name.size()) name = s;
      }
      e.name = name;
      for (const auto& [s, c] : spellings)
        if (s != name) e.aliases.push_back(s);
      std::sort(e.aliases.begin(), e.aliases.end(), [&](const std::string& a, const std::string& b) {
        return spellings[a] != spellings[b] ? spellings[a] > spellings[b] : a < b;
      });
      e.mentions = mentions;
      SortUnique(&docs);
      e.docs = std::move(docs);
      std::vector<std::pair<std::string, int>> titles(title_votes.begin(), title_votes.end());
      std::stable_sort(titles.begin(), titles.end(),
                       [](const auto& a, const auto& b) { return a.second > b.second; });
      for (const auto& [k, v] : titles) e.titles.push_back(title_form[k]);
      e.reasons = reasons_[root];
      std::sort(e.reasons.begin(), e.reasons.end(), [](const MergeReason& a, const MergeReason& b) {
        return std::tie(a.rule, a.a, a.b) < std::tie(b.rule, b.a, b.b);
      });
      // Spellings joined because their keys are equal.
      for (int n : ns) {
        const Node& node = nodes_[n];
        if (node.surfaces.size() < 2) continue;
        std::string first = Spelling(n);
        for (const auto& [s, c] : node.surfaces)
          if (s != first) e.reasons.push_back(MergeReason{"same-key", first, s, "key \"" + node.full + "\""});
      }
      e.key = std::string(ClassName(cls)) + "|" + MakeNameKey(name).full;
      built.push_back(std::move(b));
    }
    // Stable ids; a clash (two clusters with one key) takes the smaller name's id first.
    std::sort(built.begin(), built.end(), [](const Built& a, const Built& b) {
      if (a.e.mentions != b.e.mentions) return a.e.mentions > b.e.mentions;
      if (a.e.name != b.e.name) return a.e.name < b.e.name;
      return a.e.key < b.e.key;
    });
    std::set<std::string> used;
    for (Built& b : built) {
      std::string id = "E" + Hex(Fnv1a(b.e.key), 12);
      for (int k = 2; used.count(id); ++k) id = "E" + Hex(Fnv1a(b.e.key + "#" + std::to_string(k)), 12);
      used.insert(id);
      b.e.id = id;
      int index = static_cast<int>(res.entities.size());
      for (int r : b.recs) {
        res.assignment[r] = index;
        res.by_name[NameOf(records_[r].type, records_[r].text)] = index;
      }
      res.entities.push_back(std::move(b.e));
    }
    return res;
  }

  static constexpr DocNumber kNoDoc = ~DocNumber{0};

  static void SortUnique(std::vector<DocNumber>* v) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }

  std::string DocId(DocNumber d) const { return d < doc_ids_.size() ? doc_ids_[d] : std::string("?"); }

  const std::vector<MentionRecord>& records_;
  const std::vector<std::string>& doc_ids_;
  std::vector<Node> nodes_;
  std::map<std::string, int> node_index_;
  std::vector<int> record_node_;
  std::vector<int> parent_;
  std::vector<std::vector<MergeReason>> reasons_;
};

}  // namespace

int Resolution::EntityOf(EntityType type, std::string_view text) const {
  auto it = by_name.find(NameOf(type, std::string(text)));
  return it == by_name.end() ? -1 : it->second;
}

Resolution ResolveEntities(const std::vector<MentionRecord>& records, std::vector<std::string> doc_ids) {
  Resolver r(records, doc_ids);
  Resolution res = r.Run();
  res.doc_ids = std::move(doc_ids);
  return res;
}

}  // namespace dossier
