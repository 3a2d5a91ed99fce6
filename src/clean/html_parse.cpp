// Why a parse of the page with script content cut out can stand for the full parse:
//  - libxml2 2.9 in recovery mode reads script and style content as text up to the first
//    "</script" or "</style" (ASCII case-insensitive), whatever comes before it, once the
//    content does not open with a tag ("</x" or "<x" are looked at as markup first). The
//    cut leaves alone content that opens with a tag, holds a NUL or is not well-formed
//    UTF-8 (which would switch the parser to Latin-1 for the rest of the page), and
//    scripts whose start tag mentions "json" or an entity (JSON-LD is read).
//  - Where the scanner below believes a start tag ends is a guess (a "<script" may sit in
//    a comment or an attribute). The parser reports each <script>/<style> start tag with
//    its input position to a watch. When every cut follows such a start tag of the same
//    element exactly where expected, then, cut by cut, both parses reached that position
//    in the same state (the bytes before it are the same), the full parse would read the
//    content as text up to the very end tag the cut stops at, and both go on from the
//    same bytes. If any cut is not confirmed the whole page is parsed.
//  - Later libxml2 versions tokenize script data as HTML5 does ("<!--" inside a script
//    changes where it ends), so there the whole page is always parsed.
#include "clean/html_parse.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "ingest/utf8.h"

namespace dossier {
namespace {

// The content of one script or style element: the bytes the parser is spared.
struct ScriptCut {
  size_t begin = 0, end = 0;  // the content's bytes in the page
  bool style = false;
};

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// True when s[at..] starts with `word` (lower case), ASCII case-insensitively.
bool HasWordAt(std::string_view s, size_t at, std::string_view word) {
  if (at + word.size() > s.size()) return false;
  for (size_t k = 0; k < word.size(); ++k)
    if ((s[at + k] | 0x20) != word[k] || !IsAsciiAlpha(s[at + k])) return false;
  return true;
}

// True when `tag` contains "json", ASCII case-insensitively.
bool MentionsJson(std::string_view tag) {
  for (size_t i = 0; i + 4 <= tag.size(); ++i)
    if (HasWordAt(tag, i, "json")) return true;
  return false;
}

// The '>' that ends the start tag whose attributes begin at `from`: the first one outside
// an attribute value quoted after '='. A guess: the parser's watch has the last word.
size_t StartTagEnd(std::string_view s, size_t from) {
  char quote = 0;
  char last = 0;  // last character outside quotes that is not white space
  for (size_t i = from; i < s.size(); ++i) {
    char c = s[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '>') return i;
    if ((c == '"' || c == '\'') && last == '=') quote = c;
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') last = c;
  }
  return std::string_view::npos;
}

// The first "</name" at or after `from`, ASCII case-insensitively.
size_t EndTag(std::string_view s, size_t from, std::string_view name) {
  for (size_t p = s.find("</", from); p != std::string_view::npos; p = s.find("</", p + 1))
    if (HasWordAt(s, p + 2, name)) return p;
  return std::string_view::npos;
}

// The script and style content that may be cut, in page order (see the top of the file).
std::vector<ScriptCut> FindScriptCuts(std::string_view raw) {
  std::vector<ScriptCut> cuts;
  size_t p = 0;
  while ((p = raw.find('<', p)) != std::string_view::npos) {
    if (raw.compare(p, 4, "<!--") == 0) {  // a comment, as the parser skips it
      p = raw.find("-->", p + 4);
      if (p == std::string_view::npos) break;
      continue;
    }
    bool style = HasWordAt(raw, p + 1, "style");
    std::string_view name = style ? "style" : "script";
    size_t after = p + 1 + name.size();
    if ((!style && !HasWordAt(raw, p + 1, "script")) || after >= raw.size() ||
        std::string_view(" \t\n\r\f/>").find(raw[after]) == std::string_view::npos) {
      ++p;
      continue;
    }
    size_t gt = StartTagEnd(raw, after);
    if (gt == std::string_view::npos) break;
    size_t end = EndTag(raw, gt + 1, name);
    if (end == std::string_view::npos) break;
    std::string_view tag = raw.substr(p, gt - p);
    std::string_view content = raw.substr(gt + 1, end - gt - 1);
    // Content opening with an end tag or a start tag is looked at as markup first.
    bool markup = content.size() >= 2 && content[0] == '<' &&
                  (content[1] == '/' || content[1] == '_' || content[1] == ':' || IsAsciiAlpha(content[1]));
    bool keep = raw[gt - 1] == '/' || content.empty() || markup ||
                MentionsJson(tag) || tag.find('&') != std::string_view::npos ||
                content.find('\0') != std::string_view::npos || !IsWellFormedUtf8(content);
    if (!keep) cuts.push_back(ScriptCut{gt + 1, end, style});
    p = end;
  }
  return cuts;
}

// Where the parser saw <script> and <style> start tags: the input offset of the '>' (or
// whatever ended the tag) when it reported each one.
struct StartTagWatch {
  std::vector<std::pair<size_t, bool>> tags;  // offset, is style
  startElementSAXFunc start_element = nullptr;
};

void WatchStartElement(void* ctx, const xmlChar* name, const xmlChar** atts) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  auto* watch = static_cast<StartTagWatch*>(ctxt->_private);
  watch->start_element(ctx, name, atts);
  bool style = xmlStrEqual(name, BAD_CAST "style");
  if (style || xmlStrEqual(name, BAD_CAST "script")) {
    size_t at = ctxt->input->consumed + static_cast<size_t>(ctxt->input->cur - ctxt->input->base);
    watch->tags.emplace_back(at, style);
  }
}

// htmlReadMemory(bytes, nullptr, "UTF-8", kHtmlParseOptions), step for step as libxml2 2.9's
// htmlReadMemory and htmlDoRead do it, with the start tag watch added.
htmlDocPtr ReadWatched(std::string_view bytes, StartTagWatch* watch) {
  xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(bytes.data(), static_cast<int>(bytes.size()));
  if (ctxt == nullptr) return nullptr;
  htmlDefaultSAXHandlerInit();
  if (ctxt->sax != nullptr) std::memcpy(ctxt->sax, &htmlDefaultSAXHandler, sizeof(xmlSAXHandlerV1));
  watch->start_element = ctxt->sax->startElement;
  ctxt->sax->startElement = WatchStartElement;
  ctxt->_private = watch;
  htmlCtxtUseOptions(ctxt, kHtmlParseOptions);
  ctxt->html = 1;
  if (xmlCharEncodingHandlerPtr utf8 = xmlFindCharEncodingHandler("UTF-8"); utf8 != nullptr) {
    xmlSwitchToEncoding(ctxt, utf8);
    if (ctxt->input->encoding != nullptr) xmlFree(const_cast<xmlChar*>(ctxt->input->encoding));
    ctxt->input->encoding = xmlStrdup(BAD_CAST "UTF-8");
  }
  htmlParseDocument(ctxt);
  htmlDocPtr doc = ctxt->myDoc;
  ctxt->myDoc = nullptr;
  if (ctxt->dictNames && doc != nullptr && doc->dict == ctxt->dict) ctxt->dict = nullptr;
  xmlFreeParserCtxt(ctxt);
  return doc;
}

// The rule the cuts rely on is libxml2 2.9's.
bool CutsAreSafe() {
  static const bool safe = std::atoi(xmlParserVersion) / 100 == 209;
  return safe;
}

}  // namespace

htmlDocPtr ParseWholeHtmlPage(std::string_view raw) {
  return htmlReadMemory(raw.data(), static_cast<int>(raw.size()), nullptr, "UTF-8", kHtmlParseOptions);
}

htmlDocPtr ParseHtmlPage(std::string_view raw) {
  std::vector<ScriptCut> cuts = CutsAreSafe() ? FindScriptCuts(raw) : std::vector<ScriptCut>{};
  if (!cuts.empty()) {
    std::string page;
    std::vector<std::pair<size_t, bool>> expected;  // where each cut's start tag ends in `page`
    size_t from = 0;
    for (const ScriptCut& c : cuts) {
      page.append(raw.data() + from, c.begin - from);
      expected.emplace_back(page.size() - 1, c.style);
      from = c.end;
    }
    page.append(raw.data() + from, raw.size() - from);
    StartTagWatch watch;
    htmlDocPtr doc = ReadWatched(page, &watch);
    if (doc != nullptr && std::includes(watch.tags.begin(), watch.tags.end(), expected.begin(), expected.end()))
      return doc;
    if (doc != nullptr) xmlFreeDoc(doc);
  }
  return ParseWholeHtmlPage(raw);
}

}  // namespace dossier
