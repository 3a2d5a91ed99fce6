// HTML pages: metadata from <head>, JSON-LD and <time>; the main content found by scoring
// containers on text and link density (after Mozilla Readability), emitted as blocks.
//
// The libxml2 DOM is copied once into a compact tree (HtmlNode) with the attributes the
// scorer needs, so that scoring, removal and emission are plain loops over vectors.
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "clean/dates.h"
#include "clean/html_parse.h"
#include "clean/page.h"

namespace dossier {
namespace {

constexpr int kMaxDepth = 400;        // deeper nesting is flattened into its ancestor
constexpr size_t kMaxNodes = 400000;  // pages beyond this are cut

enum Tag : uint8_t {
  kOther, kText, kHtml, kHead, kBody, kTitleTag, kMeta, kLink, kScript, kStyle, kNoscript,
  kTemplate, kIframe, kSvg, kCanvas, kNav, kHeader, kFooter, kAside, kForm, kButton, kInput,
  kSelect, kTextarea, kLabel, kDialog, kMenu, kDiv, kSection, kArticle, kMain, kP, kPre,
  kBlockquote, kUl, kOl, kLi, kDl, kDt, kDd, kTable, kTbody, kThead, kTfoot, kTr, kTd, kTh,
  kH1, kH2, kH3, kH4, kH5, kH6, kA, kBr, kHr, kImg, kFigure, kFigcaption, kCaption, kTime,
  kSpan, kAddress, kObject, kEmbed, kVideo, kAudio, kPicture, kSource, kCode, kMath,
};

Tag TagOf(const char* name) {
  static const std::unordered_map<std::string, Tag>* kTags = new std::unordered_map<std::string, Tag>{
      {"html", kHtml}, {"head", kHead}, {"body", kBody}, {"title", kTitleTag}, {"meta", kMeta},
      {"link", kLink}, {"script", kScript}, {"style", kStyle}, {"noscript", kNoscript},
      {"template", kTemplate}, {"iframe", kIframe}, {"svg", kSvg}, {"canvas", kCanvas},
      {"nav", kNav}, {"header", kHeader}, {"footer", kFooter}, {"aside", kAside}, {"form", kForm},
      {"button", kButton}, {"input", kInput}, {"select", kSelect}, {"textarea", kTextarea},
      {"label", kLabel}, {"dialog", kDialog}, {"menu", kMenu}, {"div", kDiv},
      {"section", kSection}, {"article", kArticle}, {"main", kMain}, {"p", kP}, {"pre", kPre},
      {"blockquote", kBlockquote}, {"ul", kUl}, {"ol", kOl}, {"li", kLi}, {"dl", kDl},
      {"dt", kDt}, {"dd", kDd}, {"table", kTable}, {"tbody", kTbody}, {"thead", kThead},
      {"tfoot", kTfoot}, {"tr", kTr}, {"td", kTd}, {"th", kTh}, {"h1", kH1}, {"h2", kH2},
      {"h3", kH3}, {"h4", kH4}, {"h5", kH5}, {"h6", kH6}, {"a", kA}, {"br", kBr}, {"hr", kHr},
      {"img", kImg}, {"figure", kFigure}, {"figcaption", kFigcaption}, {"caption", kCaption},
      {"time", kTime}, {"span", kSpan}, {"address", kAddress}, {"object", kObject},
      {"embed", kEmbed}, {"video", kVideo}, {"audio", kAudio}, {"picture", kPicture},
      {"source", kSource}, {"code", kCode}, {"math", kMath}};
  auto it = kTags->find(name);
  return it == kTags->end() ? kOther : it->second;
}

// Elements that start a new block of text.
bool IsBlockTag(Tag t) {
  switch (t) {
    case kDiv: case kSection: case kArticle: case kMain: case kP: case kPre: case kBlockquote:
    case kUl: case kOl: case kLi: case kDl: case kDt: case kDd: case kTable: case kTbody:
    case kThead: case kTfoot: case kTr: case kTd: case kTh: case kH1: case kH2: case kH3:
    case kH4: case kH5: case kH6: case kHr: case kFigure: case kFigcaption: case kCaption:
    case kHeader: case kFooter: case kNav: case kAside: case kForm: case kAddress: case kBody:
    case kHtml: case kMenu: case kDialog: case kOther:
      return true;
    default:
      return false;
  }
}

struct HtmlNode {
  Tag tag = kOther;
  bool removed = false;
  bool hidden = false;
  int parent = -1;
  std::vector<int> kids;
  std::string text;        // text nodes: the text
  int own_len = 0;         // text nodes: non-space bytes and commas of `text`, counted once
  int own_commas = 0;
  std::string name;        // element name when kOther (custom elements)
  std::string class_id;    // class and id, lower case
  std::string itemprop;
  std::string role;
  std::string datetime;    // <time datetime>, or content= of an itemprop element
  // Computed.
  int text_len = 0;        // bytes of non-space text below
  int link_len = 0;        // of which inside <a>
  int commas = 0;
  int paragraphs = 0;      // <p> below
  double score = 0;
  bool scored = false;
};

struct Tree {
  std::vector<HtmlNode> nodes;
  std::string title;       // <title>
  std::unordered_map<std::string, std::string> meta;  // normalized key -> content
  std::vector<std::string> json_ld;
  std::string canonical;
  int body = -1;
};

std::string Attr(xmlNode* n, const char* name) {
  for (xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    if (a->name == nullptr || xmlStrcasecmp(a->name, BAD_CAST name) != 0) continue;
    std::string v;
    for (xmlNode* c = a->children; c != nullptr; c = c->next)
      if (c->content != nullptr) v += reinterpret_cast<const char*>(c->content);
    return v;
  }
  return "";
}

// The attributes Copy reads, found in one walk over an element's attributes; the first of
// a repeated name wins, as with Attr.
struct ElementAttrs {
  enum Name { kClass, kId, kItemprop, kRole, kStyle, kAriaHidden, kDatetime, kContent, kHidden, kCount };
  std::string value[kCount];
  bool has[kCount] = {};

  explicit ElementAttrs(xmlNode* n) {
    static const char* const kNames[kCount] = {"class", "id", "itemprop", "role", "style", "aria-hidden",
                                               "datetime", "content", "hidden"};
    for (xmlAttr* a = n->properties; a != nullptr; a = a->next) {
      if (a->name == nullptr) continue;
      size_t len = std::strlen(reinterpret_cast<const char*>(a->name));
      for (int k = 0; k < kCount; ++k) {
        if (has[k] || std::strlen(kNames[k]) != len || xmlStrcasecmp(a->name, BAD_CAST kNames[k]) != 0) continue;
        has[k] = true;
        for (xmlNode* c = a->children; c != nullptr; c = c->next)
          if (c->content != nullptr) value[k] += reinterpret_cast<const char*>(c->content);
        break;
      }
    }
  }
  const std::string& operator[](Name k) const { return value[k]; }
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string TextOf(xmlNode* n) {
  std::string s;
  for (xmlNode* c = n->children; c != nullptr; c = c->next)
    if (c->content != nullptr) s += reinterpret_cast<const char*>(c->content);
  return s;
}

// Meta keys as Readability normalizes them: "og:title", "dc:title", "title",
// "article:published_time", "parsely-pub-date"...
void AddMeta(xmlNode* n, Tree* t) {
  std::string content = Attr(n, "content");
  if (content.empty()) return;
  std::string content_trim(TrimSpace(content));
  std::string prop = Lower(Attr(n, "property"));
  if (!prop.empty()) {
    // property may hold several space-separated values.
    size_t pos = 0;
    while (pos < prop.size()) {
      size_t e = prop.find(' ', pos);
      if (e == std::string::npos) e = prop.size();
      std::string k = prop.substr(pos, e - pos);
      if (!k.empty() && !t->meta.count(k)) t->meta[k] = content_trim;
      pos = e + 1;
    }
  }
  std::string name = Lower(Attr(n, "name"));
  if (name.empty()) name = Lower(Attr(n, "itemprop"));
  if (!name.empty()) {
    std::string k;
    for (char c : name) {
      if (c == ' ' || c == '\t') continue;
      k += c == '.' ? ':' : c;
    }
    if (!t->meta.count(k)) t->meta[k] = content_trim;
  }
}

// Hidden by the author: display:none, visibility:hidden, hidden, aria-hidden.
bool IsHidden(const ElementAttrs& attrs) {
  if (attrs.has[ElementAttrs::kHidden]) return true;
  const std::string& style = attrs[ElementAttrs::kStyle];
  if (!style.empty()) {
    std::string s;
    for (char c : style)
      if (c != ' ') s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos) return true;
  }
  if (attrs[ElementAttrs::kAriaHidden] == "true") {
    if (attrs[ElementAttrs::kClass].find("fallback-image") == std::string::npos) return true;
  }
  return false;
}

int CountNonSpace(const std::string& s) {
  int n = 0;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') ++n;
  return n;
}

int CountCommas(const std::string& s) {
  int n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',') ++n;
    else if (static_cast<unsigned char>(s[i]) == 0xEF && i + 2 < s.size() &&
             static_cast<unsigned char>(s[i + 1]) == 0xBC && static_cast<unsigned char>(s[i + 2]) == 0x8C)
      ++n;  // fullwidth comma
  }
  return n;
}

void Copy(xmlNode* x, int parent, int depth, Tree* t) {
  for (xmlNode* c = x; c != nullptr; c = c->next) {
    if (t->nodes.size() >= kMaxNodes) return;
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content == nullptr || parent < 0) continue;
      HtmlNode n;
      n.tag = kText;
      n.text = reinterpret_cast<const char*>(c->content);
      n.own_len = CountNonSpace(n.text);
      n.own_commas = CountCommas(n.text);
      n.parent = parent;
      t->nodes.push_back(std::move(n));
      t->nodes[parent].kids.push_back(static_cast<int>(t->nodes.size()) - 1);
      continue;
    }
    if (c->type != XML_ELEMENT_NODE || c->name == nullptr) continue;
    const char* name = reinterpret_cast<const char*>(c->name);
    Tag tag = TagOf(name);
    switch (tag) {
      case kTitleTag:
        if (t->title.empty()) t->title = TextOf(c);
        continue;
      case kMeta:
        AddMeta(c, t);
        continue;
      case kLink: {
        std::string rel = Lower(Attr(c, "rel"));
        if (rel == "canonical" && t->canonical.empty()) t->canonical = Attr(c, "href");
        continue;
      }
      case kScript: {
        std::string type = Lower(Attr(c, "type"));
        if (type.find("ld+json") != std::string::npos) t->json_ld.push_back(TextOf(c));
        continue;
      }
      case kStyle: case kNoscript: case kTemplate: case kSvg: case kCanvas: case kSelect:
      case kTextarea: case kButton: case kInput: case kObject: case kEmbed:
        continue;
      default:
        break;
    }
    HtmlNode n;
    n.tag = tag;
    n.parent = parent;
    if (tag == kOther) n.name = name;
    const ElementAttrs attrs(c);
    const std::string &cls = attrs[ElementAttrs::kClass], &id = attrs[ElementAttrs::kId];
    if (!cls.empty() || !id.empty()) n.class_id = Lower(cls + " " + id);
    n.itemprop = Lower(attrs[ElementAttrs::kItemprop]);
    n.role = Lower(attrs[ElementAttrs::kRole]);
    if (tag == kTime) n.datetime = attrs[ElementAttrs::kDatetime];
    if (!n.itemprop.empty() && n.itemprop.find("date") != std::string::npos) {
      std::string v = attrs[ElementAttrs::kContent];
      if (v.empty()) v = attrs[ElementAttrs::kDatetime];
      if (!v.empty()) n.datetime = v;
    }
    n.hidden = IsHidden(attrs);
    int self;
    if (depth >= kMaxDepth && parent >= 0) {
      self = parent;  // flatten
    } else {
      t->nodes.push_back(std::move(n));
      self = static_cast<int>(t->nodes.size()) - 1;
      if (parent >= 0) t->nodes[parent].kids.push_back(self);
      if (tag == kBody && t->body < 0) t->body = self;
    }
    if (c->children != nullptr) Copy(c->children, self, depth + 1, t);
  }
}

// ------------------------------------------------------------------ scoring (Readability)

struct Res {
  RE2 unlikely{"(?i)-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|"
               "extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|"
               "skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|"
               "yom-remote|newsletter|subscribe|promo|share|sharing|cookie|consent|signup|"
               "outbrain|taboola|recirc|trending|most-popular|mostpopular|read-more|readmore|"
               "toolbar|masthead|byline-share|paywall|advert"};
  RE2 maybe{"(?i)and|article|body|column|content|main|shadow|story|post|entry|text"};
  RE2 positive{"(?i)article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|"
               "blog|story|prose"};
  RE2 negative{"(?i)-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|"
               "footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|"
               "sidebar|skyscraper|sponsor|shopping|tags|widget|newsletter|subscribe|social|"
               "recommend|popular|trending|cookie|consent|author-bio|byline|advert|disclosure"};
  RE2 unlikely_roles{"^(?:menu|menubar|complementary|navigation|alert|alertdialog|dialog|banner|"
                     "contentinfo|search)$"};
  // Unlikely words that name a place in the page layout rather than a kind of chrome.
  RE2 layout{"(?i)(?:^|\\s)[\\w-]*(?:footer|header)[\\w-]*(?:\\s|$)"};
  RE2 byline{"(?i)byline|author|dateline|writtenby|p-author"};
  RE2 date_class{"(?i)date|time|publish|posted|timestamp"};
};

const Res& R() {
  static const Res* r = new Res();
  return *r;
}

// Bottom-up text statistics for live nodes (post-order by index: children come after parents).
void Measure(Tree* t) {
  for (int i = static_cast<int>(t->nodes.size()) - 1; i >= 0; --i) {
    HtmlNode& n = t->nodes[i];
    n.text_len = n.link_len = n.commas = n.paragraphs = 0;
    if (n.removed) continue;
    if (n.tag == kText) {
      n.text_len = n.own_len;
      n.commas = n.own_commas;
      continue;
    }
    for (int k : n.kids) {
      const HtmlNode& c = t->nodes[k];
      if (c.removed) continue;
      n.text_len += c.text_len;
      n.link_len += c.tag == kA ? c.text_len : c.link_len;
      n.commas += c.commas;
      n.paragraphs += c.paragraphs + (c.tag == kP ? 1 : 0);
    }
  }
}

double LinkDensity(const HtmlNode& n) {
  return n.text_len > 0 ? static_cast<double>(n.link_len) / n.text_len : 0.0;
}

double ClassWeight(const HtmlNode& n) {
  if (n.class_id.empty()) return 0;
  const Res& r = R();
  double w = 0;
  if (RE2::PartialMatch(n.class_id, r.negative)) w -= 25;
  if (RE2::PartialMatch(n.class_id, r.positive)) w += 25;
  return w;
}

double TagWeight(Tag t) {
  switch (t) {
    case kDiv: case kArticle: case kMain: case kSection: return 5;
    case kPre: case kTd: case kBlockquote: return 3;
    case kAddress: case kOl: case kUl: case kDl: case kDd: case kDt: case kLi: case kForm: return -3;
    case kH1: case kH2: case kH3: case kH4: case kH5: case kH6: case kTh: return -5;
    default: return 0;
  }
}

bool HasAncestor(const Tree& t, int i, Tag tag, int max_up = 64) {
  for (int p = t.nodes[i].parent; p >= 0 && max_up-- > 0; p = t.nodes[p].parent)
    if (t.nodes[p].tag == tag) return true;
  return false;
}

bool HasBlockChild(const Tree& t, const HtmlNode& n) {
  for (int k : n.kids) {
    const HtmlNode& c = t.nodes[k];
    if (c.removed || c.tag == kText) continue;
    if (IsBlockTag(c.tag) || c.tag == kImg || c.tag == kVideo || c.tag == kIframe) return true;
  }
  return false;
}

// Drops what is never article text: hidden nodes, navigation, page chrome, and containers
// whose class or id says they are ads, comments, share bars, related links.
void RemoveChrome(Tree* t, bool strip_unlikely) {
  const Res& r = R();
  Measure(t);
  // The page's paragraph text, to recognise a wrapper that holds the whole article under an
  // unlucky class name ("above-footer", "header-wrap").
  int page_text = 0, page_paragraphs = 0;
  for (const HtmlNode& n : t->nodes)
    if (n.tag == kBody || (n.tag == kHtml && page_text == 0)) page_text = n.text_len, page_paragraphs = n.paragraphs;
  for (size_t i = 0; i < t->nodes.size(); ++i) {
    HtmlNode& n = t->nodes[i];
    if (n.tag == kText) continue;
    if (n.parent >= 0 && t->nodes[n.parent].removed) { n.removed = true; continue; }
    if (n.hidden) { n.removed = true; continue; }
    if (n.tag == kNav || n.tag == kAside || n.tag == kFooter || n.tag == kDialog || n.tag == kMenu ||
        n.tag == kIframe) {
      // Markup errors can leave the article inside a <nav>: keep chrome that holds prose.
      bool prose = n.paragraphs >= 3 && LinkDensity(n) < 0.3 && n.text_len > 500;
      if (!prose) {
        n.removed = true;
        continue;
      }
    }
    if (!n.role.empty() && RE2::FullMatch(n.role, r.unlikely_roles)) { n.removed = true; continue; }
    if (strip_unlikely && !n.class_id.empty() && n.tag != kBody && n.tag != kA && n.tag != kHtml &&
        n.tag != kArticle && n.tag != kMain &&
        RE2::PartialMatch(n.class_id, r.unlikely) && !RE2::PartialMatch(n.class_id, r.maybe) &&
        !(n.paragraphs >= 5 && 2 * n.paragraphs >= page_paragraphs && 2 * n.text_len >= page_text &&
          LinkDensity(n) < 0.3 && RE2::PartialMatch(n.class_id, r.layout)) &&
        !HasAncestor(*t, static_cast<int>(i), kTable) && !HasAncestor(*t, static_cast<int>(i), kCode)) {
      n.removed = true;
      continue;
    }
  }
}

// Readability's candidate selection. Returns the index of the top candidate (or -1).
int ScoreCandidates(Tree* t) {
  Measure(t);
  std::vector<int> candidates;
  auto init = [&](int i) {
    HtmlNode& n = t->nodes[i];
    if (n.scored) return;
    n.scored = true;
    n.score = TagWeight(n.tag) + ClassWeight(n);
    candidates.push_back(i);
  };
  for (size_t i = 0; i < t->nodes.size(); ++i) {
    const HtmlNode& n = t->nodes[i];
    if (n.removed || n.tag == kText) continue;
    // Paragraph-like: <p>, <pre>, <td>, and containers without block children (which
    // Readability turns into paragraphs).
    bool para = n.tag == kP || n.tag == kPre || n.tag == kTd ||
                ((n.tag == kDiv || n.tag == kSection || n.tag == kOther) && !HasBlockChild(*t, n));
    if (!para) continue;
    if (n.text_len < 25) continue;
    if (n.parent < 0) continue;
    double s = 1 + n.commas + std::min(n.text_len / 100, 3);
    int level = 0;
    for (int p = n.parent; p >= 0 && level < 5; p = t->nodes[p].parent, ++level) {
      if (t->nodes[p].tag == kHtml) break;
      init(p);
      double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
      t->nodes[p].score += s / div;
    }
  }
  int top = -1;
  for (int c : candidates) {
    HtmlNode& n = t->nodes[c];
    n.score *= 1 - LinkDensity(n);
    if (top < 0 || n.score > t->nodes[top].score) top = c;
  }
  if (top < 0) return -1;
  // Several strong candidates under one ancestor: the ancestor is the article.
  std::vector<int> alternatives;
  for (int c : candidates)
    if (c != top && t->nodes[c].score >= 0.75 * t->nodes[top].score) alternatives.push_back(c);
  if (alternatives.size() >= 3) {
    for (int p = t->nodes[top].parent; p >= 0 && t->nodes[p].tag != kBody && t->nodes[p].tag != kHtml;
         p = t->nodes[p].parent) {
      int contained = 0;
      for (int a : alternatives) {
        for (int q = a; q >= 0; q = t->nodes[q].parent)
          if (q == p) { ++contained; break; }
      }
      if (contained >= 3) {
        top = p;
        break;
      }
    }
  }
  // A table row or body is part of a table, not an article: take what holds the table.
  if (t->nodes[top].tag == kTr || t->nodes[top].tag == kTbody || t->nodes[top].tag == kThead) {
    int p = top;
    while (p >= 0 && t->nodes[p].tag != kTable) p = t->nodes[p].parent;
    if (p >= 0 && t->nodes[p].parent >= 0 && t->nodes[t->nodes[p].parent].tag != kHtml) {
      top = t->nodes[p].parent;
      if (!t->nodes[top].scored) {
        t->nodes[top].scored = true;
        t->nodes[top].score = TagWeight(t->nodes[top].tag) + ClassWeight(t->nodes[top]);
      }
    }
  }
  // Climb while the parent scores better or the candidate is an only child.
  double last = t->nodes[top].score;
  double threshold = last / 3;
  for (int p = t->nodes[top].parent; p >= 0 && t->nodes[p].tag != kBody && t->nodes[p].tag != kHtml;
       p = t->nodes[p].parent) {
    if (!t->nodes[p].scored) continue;
    double ps = t->nodes[p].score;
    if (ps < threshold) break;
    if (ps > last) {
      top = p;
      break;
    }
    last = ps;
  }
  while (true) {
    int p = t->nodes[top].parent;
    if (p < 0 || t->nodes[p].tag == kBody || t->nodes[p].tag == kHtml) break;
    int live = 0;
    for (int k : t->nodes[p].kids)
      if (!t->nodes[k].removed && !(t->nodes[k].tag == kText && t->nodes[k].own_len == 0)) ++live;
    if (live != 1) break;
    top = p;
  }
  return top;
}

// True when the text below node `i` has a sentence end (". " or a final period).
bool EndsWithSentence(const Tree& t, int i) {
  std::string text;
  std::vector<int> stack{i};
  while (!stack.empty() && text.size() < 400) {
    int k = stack.back();
    stack.pop_back();
    const HtmlNode& c = t.nodes[k];
    if (c.removed) continue;
    if (c.tag == kText) text += c.text;
    for (auto it = c.kids.rbegin(); it != c.kids.rend(); ++it) stack.push_back(*it);
  }
  std::string_view v = TrimSpace(text);
  return v.find(". ") != std::string_view::npos || (!v.empty() && v.back() == '.');
}

// The sibling nodes that belong with the top candidate, in document order.
std::vector<int> ArticleNodes(const Tree& t, int top) {
  std::vector<int> out;
  int parent = t.nodes[top].parent;
  if (parent < 0) return {top};
  double top_score = t.nodes[top].score;
  double threshold = std::max(10.0, top_score * 0.2);
  const std::string& top_class = t.nodes[top].class_id;
  for (int k : t.nodes[parent].kids) {
    const HtmlNode& s = t.nodes[k];
    if (s.removed || s.tag == kText) continue;
    if (k == top) { out.push_back(k); continue; }
    double bonus = 0;
    if (!top_class.empty() && s.class_id == top_class) bonus += top_score * 0.2;
    bool append = s.scored && s.score + bonus >= threshold;
    if (!append && s.tag == kP) {
      double ld = LinkDensity(s);
      if (s.text_len > 80 && ld < 0.25) append = true;
      else if (s.text_len < 80 && s.text_len > 0 && ld == 0) append = EndsWithSentence(t, k);
    }
    if (append) out.push_back(k);
  }
  return out;
}

// ------------------------------------------------------------------ conditional cleaning

// Readability's _cleanConditionally for one node inside the article.
bool LooksLikeJunk(const Tree& t, int i) {
  const HtmlNode& n = t.nodes[i];
  double weight = ClassWeight(n);
  if (weight + (n.scored ? n.score : 0) < 0) return true;
  if (n.commas >= 10) return false;
  int p = 0, img = 0, li = 0, input = 0, embeds = 0, headings_len = 0;
  // Count descendants.
  std::vector<int> stack(n.kids.begin(), n.kids.end());
  while (!stack.empty()) {
    int k = stack.back();
    stack.pop_back();
    const HtmlNode& c = t.nodes[k];
    if (c.removed || c.tag == kText) continue;
    switch (c.tag) {
      case kP: ++p; break;
      case kImg: ++img; break;
      case kLi: ++li; break;
      case kInput: case kSelect: case kTextarea: ++input; break;
      case kVideo: case kAudio: case kIframe: ++embeds; break;
      case kH1: case kH2: case kH3: case kH4: case kH5: case kH6: headings_len += c.text_len; break;
      default: break;
    }
    for (int g : c.kids) stack.push_back(g);
  }
  bool is_list = n.tag == kUl || n.tag == kOl;
  double ld = LinkDensity(n);
  int len = n.text_len;
  double heading_density = len > 0 ? static_cast<double>(headings_len) / len : 0;
  if (img > 1 && static_cast<double>(p) / img < 0.5 && !HasAncestor(t, i, kFigure)) return true;
  if (!is_list && li > p + 100) return true;
  if (input > p / 3) return true;
  if (!is_list && heading_density < 0.9 && len < 25 && (img == 0 || img > 2) && ld > 0) return true;
  if (!is_list && weight < 25 && ld > 0.2) return true;
  if (weight >= 25 && ld > 0.5) return true;
  if ((embeds == 1 && len < 75) || embeds > 1) return true;
  return false;
}

void CleanArticle(Tree* t, const std::vector<int>& roots) {
  // Pre-order over the article; a removed node takes its subtree with it.
  std::vector<int> stack(roots.rbegin(), roots.rend());
  while (!stack.empty()) {
    int i = stack.back();
    stack.pop_back();
    HtmlNode& n = t->nodes[i];
    if (n.removed || n.tag == kText) continue;
    bool root = std::find(roots.begin(), roots.end(), i) != roots.end();
    // Readability cleans forms, lists and divs conditionally; a div holding only inline
    // content is a paragraph there and stays.
    bool container = n.tag == kDiv || n.tag == kSection || n.tag == kHeader || n.tag == kAside || n.tag == kOther;
    bool conditional = n.tag == kForm || n.tag == kUl || n.tag == kOl || (container && HasBlockChild(*t, n));
    // ...except when it is mostly links ("Related: <a>..</a> <a>..</a>").
    bool link_line = container && !conditional && n.text_len > 0 && LinkDensity(n) > 0.5 && ClassWeight(n) < 25;
    if (!root && (link_line || (conditional && LooksLikeJunk(*t, i)))) {
      n.removed = true;
      continue;
    }
    if (!root && n.tag == kTable && n.text_len > 0 && LinkDensity(n) > 0.5) {
      n.removed = true;
      continue;
    }
    for (auto it = n.kids.rbegin(); it != n.kids.rend(); ++it) stack.push_back(*it);
  }
}

// ------------------------------------------------------------------ emission

struct Emitter {
  const Tree& t;
  std::string_view raw;
  Page* page;
  size_t raw_cursor = 0;
  bool located_ = false;
  std::string run;        // inline text being gathered
  bool in_pre = false;

  void AddText(const std::string& s) {
    if (in_pre) {
      run += s;
      return;
    }
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (c == '\n' || c == '\t' || c == '\r' || c == '\f') c = ' ';
      if (c == ' ' && (run.empty() || run.back() == ' ' || run.back() == '\n')) continue;
      run += c;
    }
  }

  void Inline(int i, int depth) {
    const HtmlNode& n = t.nodes[i];
    if (n.removed) return;
    if (n.tag == kText) { AddText(n.text); return; }
    if (n.tag == kBr) {
      while (!run.empty() && run.back() == ' ') run.pop_back();
      if (!run.empty() && run.back() != '\n') run += '\n';
      return;
    }
    if (n.tag == kImg) return;
    bool space = n.tag == kTd || n.tag == kTh || n.tag == kLi || n.tag == kDt || n.tag == kDd ||
                 IsBlockTag(n.tag);
    if (space && !run.empty() && run.back() != ' ' && run.back() != '\n') run += ' ';
    for (int k : n.kids) Inline(k, depth + 1);
    if (space && !run.empty() && run.back() != ' ' && run.back() != '\n') run += ' ';
  }

  void Flush(BlockKind kind) {
    std::string text = run;
    run.clear();
    // Trim each line.
    std::string out;
    size_t pos = 0;
    while (pos <= text.size()) {
      size_t e = text.find('\n', pos);
      if (e == std::string::npos) e = text.size();
      std::string_view line = TrimSpace(std::string_view(text).substr(pos, e - pos));
      if (!line.empty()) {
        if (!out.empty()) out += '\n';
        out += line;
      }
      pos = e + 1;
    }
    if (out.empty()) return;
    if (out.size() < 300 && IsBoilerplateLine(out)) return;
    PageBlock b;
    b.kind = kind;
    b.text = std::move(out);
    // Origin: find the first words of the block in the raw HTML.
    // The search window is bounded so that text the markup spells differently (entities)
    // does not cost a scan of the whole page per block.
    std::string_view probe = std::string_view(b.text).substr(0, std::min<size_t>(b.text.size(), 16));
    size_t nl = probe.find('\n');
    if (nl != std::string_view::npos) probe = probe.substr(0, nl);
    size_t at = std::string_view::npos;
    if (raw_cursor < raw.size()) {
      // Until the first block is located the article may start anywhere in the page.
      size_t found = raw.substr(raw_cursor, located_ ? (1u << 16) : std::string_view::npos).find(probe);
      if (found != std::string_view::npos) at = raw_cursor + found;
    }
    if (at != std::string_view::npos && !probe.empty()) {
      size_t len = 0;
      while (len < b.text.size() && at + len < raw.size() && raw[at + len] == b.text[len]) ++len;
      b.origin.push_back(OriginPiece{0, static_cast<uint32_t>(at), static_cast<uint32_t>(len)});
      raw_cursor = at + len;
      located_ = true;
    }
    page->blocks.push_back(std::move(b));
  }

  // Emits node `i` (a block-level container or a block element) as blocks.
  void Block(int i, int depth, BlockKind inherited) {
    const HtmlNode& n = t.nodes[i];
    if (n.removed || depth > kMaxDepth) return;
    if (n.tag == kText) { AddText(n.text); return; }
    BlockKind kind = inherited;
    switch (n.tag) {
      case kH1: case kH2: case kH3: case kH4: case kH5: case kH6:
        Flush(inherited);
        for (int k : n.kids) Inline(k, depth + 1);
        Flush(BlockKind::kHeading);
        return;
      case kFigcaption: case kCaption:
        Flush(inherited);
        for (int k : n.kids) Inline(k, depth + 1);
        Flush(BlockKind::kCaption);
        return;
      case kPre: {
        Flush(inherited);
        in_pre = true;
        for (int k : n.kids) Inline(k, depth + 1);
        in_pre = false;
        Flush(BlockKind::kParagraph);
        return;
      }
      case kTr: {
        Flush(inherited);
        for (int k : n.kids) Inline(k, depth + 1);
        Flush(BlockKind::kParagraph);
        return;
      }
      case kLi: case kDt: case kDd:
        kind = BlockKind::kListItem;
        break;
      case kBlockquote:
        kind = BlockKind::kBlockQuote;
        break;
      default:
        break;
    }
    if (!IsBlockTag(n.tag) && n.tag != kLi) {
      Inline(i, depth);
      return;
    }
    Flush(inherited);
    if (!HasBlockChild(t, n)) {
      for (int k : n.kids) Inline(k, depth + 1);
      Flush(kind);
      return;
    }
    for (int k : n.kids) {
      const HtmlNode& c = t.nodes[k];
      if (c.removed) continue;
      if (c.tag == kText || (!IsBlockTag(c.tag) && c.tag != kLi)) {
        if (c.tag == kText) AddText(c.text);
        else Inline(k, depth + 1);
        continue;
      }
      if (c.tag == kBr) continue;
      Block(k, depth + 1, kind);
    }
    Flush(kind);
  }
};

// ------------------------------------------------------------------ metadata

bool IsArticleType(const nlohmann::json& type) {
  static const char* kTypes[] = {"Article", "AdvertiserContentArticle", "NewsArticle",
                                 "AnalysisNewsArticle", "AskPublicNewsArticle", "BackgroundNewsArticle",
                                 "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle",
                                 "Report", "SatiricalArticle", "ScholarlyArticle", "MedicalScholarlyArticle",
                                 "SocialMediaPosting", "BlogPosting", "LiveBlogPosting",
                                 "DiscussionForumPosting", "TechArticle", "APIReference", "Blog",
                                 "WebPage", "QAPage", "Question"};
  auto one = [](const std::string& s) {
    for (const char* k : kTypes)
      if (s == k) return true;
    return false;
  };
  if (type.is_string()) return one(type.get<std::string>());
  if (type.is_array())
    for (const auto& x : type)
      if (x.is_string() && one(x.get<std::string>())) return true;
  return false;
}

struct JsonLdMeta {
  std::string name, headline, date, author, publisher, url;
  bool found = false;
  bool webpage_only = true;
};

std::string NameOf(const nlohmann::json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_object() && j.contains("name") && j["name"].is_string()) return j["name"].get<std::string>();
  if (j.is_array()) {
    std::string out;
    for (const auto& x : j) {
      std::string n = NameOf(x);
      if (n.empty()) continue;
      if (!out.empty()) out += ", ";
      out += n;
    }
    return out;
  }
  return "";
}

void ReadJsonLdObject(const nlohmann::json& j, JsonLdMeta* m, int depth) {
  if (depth > 8) return;
  if (j.is_array()) {
    for (const auto& x : j) ReadJsonLdObject(x, m, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  if (j.contains("@graph")) ReadJsonLdObject(j["@graph"], m, depth + 1);
  if (!j.contains("@type") || !IsArticleType(j["@type"])) return;
  bool webpage = j["@type"].is_string() && (j["@type"] == "WebPage" || j["@type"] == "QAPage");
  // The first article wins; a real article type beats a WebPage description.
  if (m->found && (!m->webpage_only || webpage)) return;
  JsonLdMeta n;
  n.found = true;
  n.webpage_only = webpage;
  if (j.contains("name") && j["name"].is_string()) n.name = j["name"].get<std::string>();
  if (j.contains("headline") && j["headline"].is_string()) n.headline = j["headline"].get<std::string>();
  if (j.contains("datePublished") && j["datePublished"].is_string()) n.date = j["datePublished"].get<std::string>();
  else if (j.contains("dateCreated") && j["dateCreated"].is_string()) n.date = j["dateCreated"].get<std::string>();
  if (j.contains("author")) n.author = NameOf(j["author"]);
  if (j.contains("publisher")) n.publisher = NameOf(j["publisher"]);
  if (j.contains("url") && j["url"].is_string()) n.url = j["url"].get<std::string>();
  *m = n;
}

std::string Unescape(std::string s) {
  // JSON-LD and meta values sometimes carry HTML entities (already decoded by libxml2 in
  // attributes, but not inside scripts).
  if (s.find('&') == std::string::npos) return s;
  static const std::pair<const char*, const char*> kEnt[] = {
      {"&amp;", "&"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}, {"&lt;", "<"},
      {"&gt;", ">"}, {"&#x27;", "'"}, {"&nbsp;", " "}, {"&#8217;", "\xE2\x80\x99"},
      {"&#8216;", "\xE2\x80\x98"}, {"&#8220;", "\xE2\x80\x9C"}, {"&#8221;", "\xE2\x80\x9D"},
      {"&#8211;", "\xE2\x80\x93"}, {"&#8212;", "\xE2\x80\x94"}};
  for (const auto& [from, to] : kEnt) {
    size_t p = 0;
    while ((p = s.find(from, p)) != std::string::npos) {
      s.replace(p, std::strlen(from), to);
      p += std::strlen(to);
    }
  }
  return s;
}

int WordCount(std::string_view s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    bool sp = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

// Text of all <h1>/<h2> elements, for Readability's title heuristics.
std::vector<std::string> Headings(const Tree& t, bool h1_only) {
  std::vector<std::string> out;
  for (size_t i = 0; i < t.nodes.size(); ++i) {
    const HtmlNode& n = t.nodes[i];
    if (n.tag != kH1 && (h1_only || n.tag != kH2)) continue;
    std::string s;
    std::vector<int> stack(n.kids.rbegin(), n.kids.rend());
    while (!stack.empty()) {
      int k = stack.back();
      stack.pop_back();
      const HtmlNode& c = t.nodes[k];
      if (c.tag == kText) s += c.text;
      for (auto it = c.kids.rbegin(); it != c.kids.rend(); ++it) stack.push_back(*it);
    }
    out.push_back(s);
  }
  return out;
}

// Readability's _getArticleTitle: the <title> without the site name part.
std::string ArticleTitle(const Tree& t) {
  std::string orig = CollapseSpace(t.title);
  std::string cur = orig;
  static const RE2 kSep(" [|\\-–—\\\\/>»] ");
  static const RE2 kHier(" [\\\\/>»] ");
  bool hier = false;
  re2::StringPiece m;
  if (RE2::PartialMatch(cur, kSep)) {
    hier = RE2::PartialMatch(cur, kHier);
    // Cut at the last separator.
    size_t last = std::string::npos;
    re2::StringPiece in(orig);
    re2::StringPiece match;
    size_t offset = 0;
    while (kSep.Match(in, offset, in.size(), RE2::UNANCHORED, &match, 1)) {
      last = match.data() - orig.data();
      offset = last + 1;
    }
    cur = orig.substr(0, last);
    if (WordCount(cur) < 3) {
      // Remove the first part instead.
      static const RE2 kFirst("^[^|\\-–—\\\\/>»]*[|\\-–—\\\\/>»]");
      cur = orig;
      RE2::Replace(&cur, kFirst, "");
    }
  } else if (cur.find(": ") != std::string::npos) {
    bool match_heading = false;
    for (const std::string& h : Headings(t, false))
      if (std::string(TrimSpace(h)) == std::string(TrimSpace(cur))) match_heading = true;
    if (!match_heading) {
      cur = orig.substr(orig.rfind(':') + 1);
      if (WordCount(cur) < 3) cur = orig.substr(orig.find(':') + 1);
      else if (WordCount(orig.substr(0, orig.find(':'))) > 5) cur = orig;
    }
  } else if (cur.size() > 150 || cur.size() < 15) {
    auto h1 = Headings(t, true);
    if (h1.size() == 1) cur = CollapseSpace(h1[0]);
  }
  cur = CollapseSpace(cur);
  int wc = WordCount(cur);
  if (wc <= 4) {
    std::string stripped = orig;
    static const RE2 kSeps("[|\\-–—\\\\/>»]+");
    RE2::GlobalReplace(&stripped, kSeps, "");
    if (!hier || wc != WordCount(stripped) - 1) cur = orig;
  }
  return cur;
}

const std::string* MetaValue(const Tree& t, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    auto it = t.meta.find(k);
    if (it != t.meta.end() && !it->second.empty()) return &it->second;
  }
  return nullptr;
}

double TextSimilarity(const std::string& a, const std::string& b) {
  auto tokens = [](const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
      if (std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80)) {
        cur += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else if (!cur.empty()) {
        out.push_back(cur);
        cur.clear();
      }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
  };
  auto ta = tokens(a), tb = tokens(b);
  if (ta.empty() || tb.empty()) return 0;
  size_t total = 0, missing = 0;
  for (const auto& w : tb) {
    total += w.size() + 1;
    if (std::find(ta.begin(), ta.end(), w) == ta.end()) missing += w.size() + 1;
  }
  return 1.0 - static_cast<double>(missing) / total;
}

void ReadMetadata(const Tree& t, Page* page) {
  JsonLdMeta ld;
  for (const std::string& s : t.json_ld) {
    std::string body(TrimSpace(s));
    // Some sites wrap JSON-LD in CDATA or comments.
    if (body.rfind("<![CDATA[", 0) == 0) body = body.substr(9);
    if (body.size() >= 3 && body.compare(body.size() - 3, 3, "]]>") == 0) body.resize(body.size() - 3);
    if (body.rfind("<!--", 0) == 0) body = body.substr(4);
    if (body.size() >= 3 && body.compare(body.size() - 3, 3, "-->") == 0) body.resize(body.size() - 3);
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded()) continue;
    ReadJsonLdObject(j, &ld, 0);
  }
  Metadata& m = page->meta;
  std::string article_title;
  // Title: JSON-LD name/headline, then meta tags, then <title>.
  if (ld.found && !ld.webpage_only) {
    if (!ld.name.empty() && !ld.headline.empty() && ld.name != ld.headline) {
      article_title = ArticleTitle(t);
      bool name_ok = TextSimilarity(ld.name, article_title) > 0.75;
      bool head_ok = TextSimilarity(ld.headline, article_title) > 0.75;
      m.title = head_ok && !name_ok ? ld.headline : ld.name;
    } else if (!ld.name.empty()) {
      m.title = ld.name;
    } else if (!ld.headline.empty()) {
      m.title = ld.headline;
    }
    m.title = CollapseSpace(Unescape(m.title));
  }
  if (m.title.empty()) {
    if (const std::string* v = MetaValue(t, {"dc:title", "dcterm:title", "og:title", "weibo:article:title",
                                             "weibo:webpage:title", "title", "twitter:title", "parsely-title"}))
      m.title = CollapseSpace(*v);
  }
  if (m.title.empty()) m.title = ArticleTitle(t);

  // Published.
  PubDate d;
  std::string date_text = ld.found ? ld.date : "";
  if (date_text.empty()) {
    if (const std::string* v = MetaValue(t, {"article:published_time", "parsely-pub-date", "og:published_time",
                                             "datepublished", "article:published", "published_time",
                                             "publishdate", "publish-date", "pubdate", "publication_date",
                                             "sailthru:date", "dc:date:issued", "dcterms:issued", "dc:date",
                                             "dcterms:created", "dcterms:date", "date", "article:modified_time",
                                             "og:updated_time", "datemodified", "last-modified"}))
      date_text = *v;
  }
  if (!date_text.empty() && ParseDateValue(date_text, &d)) m.published = d;
  if (!m.published.known()) {
    // <time datetime> or an itemprop date inside the page.
    for (const HtmlNode& n : t.nodes) {
      if (n.datetime.empty()) continue;
      if (ParseDateValue(n.datetime, &d)) {
        m.published = d;
        break;
      }
    }
  }

  // Outlet.
  if (!ld.publisher.empty()) m.outlet = CollapseSpace(Unescape(ld.publisher));
  if (m.outlet.empty()) {
    if (const std::string* v = MetaValue(t, {"og:site_name", "application-name", "apple-mobile-web-app-title",
                                             "twitter:app:name:iphone"}))
      m.outlet = CollapseSpace(*v);
  }
  if (m.outlet.empty()) {
    // The part of <title> after the last separator, when short.
    std::string title = CollapseSpace(t.title);
    static const RE2 kSep(" [|\\-–—»·:] ");
    re2::StringPiece in(title), match;
    size_t offset = 0, last = std::string::npos, last_len = 0;
    while (kSep.Match(in, offset, in.size(), RE2::UNANCHORED, &match, 1)) {
      last = match.data() - title.data();
      last_len = match.size();
      offset = last + 1;
    }
    if (last != std::string::npos) {
      std::string tail = title.substr(last + last_len);
      if (WordCount(tail) <= 4 && tail.size() >= 2) m.outlet = tail;
    }
  }

  // Author.
  if (!ld.author.empty()) m.author = CollapseSpace(Unescape(ld.author));
  if (m.author.empty()) {
    if (const std::string* v = MetaValue(t, {"author", "article:author", "dc:creator", "dcterm:creator",
                                             "parsely-author", "byl", "sailthru:author"})) {
      if (v->find("://") == std::string::npos && (*v)[0] != '@') m.author = CollapseSpace(*v);
    }
  }
  // URL.
  if (const std::string* v = MetaValue(t, {"og:url"})) m.url = *v;
  if (m.url.empty()) m.url = t.canonical;
  if (m.url.empty()) m.url = ld.url;
  if (m.url.find("://") == std::string::npos) m.url.clear();
}

// Drops a first heading that repeats the title (the article's own headline).
bool SameTitle(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return false;
  return TextSimilarity(a, b) > 0.75 && TextSimilarity(b, a) > 0.75;
}

void InitParser() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

}  // namespace

void CleanHtml(std::string_view raw, Page* page) {
  InitParser();
  page->kind = DocKind::kNews;
  if (raw.size() > (64u << 20)) raw = raw.substr(0, 64u << 20);
  htmlDocPtr xdoc = ParseHtmlPage(raw);
  if (xdoc == nullptr) return;
  Tree t;
  t.nodes.reserve(4096);
  xmlNode* root = xmlDocGetRootElement(xdoc);
  if (root != nullptr) {
    // The root itself and its siblings (comments, stray elements).
    for (xmlNode* top = xdoc->children; top != nullptr; top = top->next) {
      if (top->type != XML_ELEMENT_NODE) continue;
      HtmlNode n;
      n.tag = TagOf(reinterpret_cast<const char*>(top->name));
      if (n.tag != kHtml) n.tag = kHtml;
      t.nodes.push_back(n);
      int self = static_cast<int>(t.nodes.size()) - 1;
      if (top->children != nullptr) Copy(top->children, self, 1, &t);
    }
  }
  xmlFreeDoc(xdoc);
  if (t.nodes.empty()) return;
  ReadMetadata(t, page);

  // Try with unlikely candidates stripped; when that leaves too little, retry without.
  std::vector<bool> removed_before(t.nodes.size());
  for (size_t i = 0; i < t.nodes.size(); ++i) removed_before[i] = t.nodes[i].removed;
  std::vector<PageBlock> best;
  size_t best_len = 0;
  // Attempts: 0 strict; 1 keeps "unlikely" classes; 2 also skips conditional cleaning;
  // 3 takes the whole body with only page chrome removed.
  for (int attempt = 0; attempt < 4; ++attempt) {
    for (size_t i = 0; i < t.nodes.size(); ++i) {
      t.nodes[i].removed = removed_before[i];
      t.nodes[i].scored = false;
      t.nodes[i].score = 0;
    }
    RemoveChrome(&t, attempt == 0);
    int top = attempt < 3 ? ScoreCandidates(&t) : -1;
    if (attempt == 3) Measure(&t);
    std::vector<int> roots;
    if (top < 0) {
      if (t.body >= 0) roots.push_back(t.body);
      else roots.push_back(0);
    } else {
      roots = ArticleNodes(t, top);
    }
    if (attempt < 2) CleanArticle(&t, roots);
    Page trial;
    Emitter e{t, raw, &trial};
    for (int r : roots) e.Block(r, 0, BlockKind::kParagraph);
    e.Flush(BlockKind::kParagraph);
    size_t len = 0;
    for (const PageBlock& b : trial.blocks) len += b.text.size();
    if (len > best_len) {
      best_len = len;
      best = std::move(trial.blocks);
    }
    if (best_len >= 500) break;
  }
  // A date written near the top of the article ("Published 3 January 2020 10:30").
  if (!page->meta.published.known()) {
    for (size_t i = 0; i < best.size() && i < 12; ++i) {
      PubDate d;
      if (best[i].text.size() <= 80 && ParseDateValue(best[i].text, &d) && d.precision >= DatePrecision::kDay) {
        page->meta.published = d;
        break;
      }
    }
  }
  // The article's own headline: keep it once, as the title block.
  std::vector<PageBlock> blocks;
  bool title_seen = false;
  for (PageBlock& b : best) {
    if (!title_seen && b.kind == BlockKind::kHeading && blocks.size() < 6 && SameTitle(b.text, page->meta.title)) {
      title_seen = true;
      b.kind = BlockKind::kTitle;
    }
    blocks.push_back(std::move(b));
  }
  for (PageBlock& b : blocks) page->blocks.push_back(std::move(b));
}

}  // namespace dossier
