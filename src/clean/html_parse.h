// Parsing an HTML page with libxml2 for the HTML cleaner, without reading script text.
//
// libxml2 2.9 reads the content of <script> and <style> one character at a time, and on
// news pages that content is most of the bytes (86% of the benchmark's HTML) and most of
// the parse, while the cleaner reads none of it but JSON-LD. ParseHtmlPage hands the
// parser the page with that content cut out, and keeps the result only when it is the
// full parse less the cut text (see html_parse.cpp for why the check is enough);
// otherwise, and under other libxml2 versions, it parses the whole page.
#ifndef DOSSIER_CLEAN_HTML_PARSE_H_
#define DOSSIER_CLEAN_HTML_PARSE_H_

#include <libxml/HTMLparser.h>

#include <string_view>

namespace dossier {

// The options the cleaner parses with: recover from errors, quietly, never fetch.
constexpr int kHtmlParseOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                  HTML_PARSE_NONET | HTML_PARSE_COMPACT;

// The tree htmlReadMemory(raw, nullptr, "UTF-8", kHtmlParseOptions) gives, node for node,
// except that <script> and <style> elements may have no children; a script whose start
// tag names JSON (JSON-LD) always keeps its text. Null when libxml2 gives no document.
// The caller frees the result with xmlFreeDoc.
htmlDocPtr ParseHtmlPage(std::string_view raw);

// The whole page, as htmlReadMemory(raw, nullptr, "UTF-8", kHtmlParseOptions).
htmlDocPtr ParseWholeHtmlPage(std::string_view raw);

}  // namespace dossier

#endif  // DOSSIER_CLEAN_HTML_PARSE_H_
