// Tests of the HTML parse that skips script text (src/clean/html_parse.h): node for node the
// whole-page parse, script and style text aside, on chosen pages and random edits of them.
#include <gtest/gtest.h>
#include <libxml/parser.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "clean/html_parse.h"

namespace dossier {
namespace {

bool IsJsonLd(xmlNode* n) {
  xmlChar* type = xmlGetProp(n, BAD_CAST "type");
  bool json = type != nullptr && std::string(reinterpret_cast<char*>(type)).find("json") != std::string::npos;
  xmlFree(type);
  return json;
}

// The tree as text: node types, names, attributes, text, comments; script and style text
// is left out (but JSON-LD's is kept).
void Walk(xmlNode* n, bool in_script, std::string* out) {
  for (xmlNode* c = n; c != nullptr; c = c->next) {
    if (in_script) continue;
    *out += "(" + std::to_string(c->type) + ":";
    if (c->name != nullptr) *out += reinterpret_cast<const char*>(c->name);
    if (c->type == XML_ELEMENT_NODE) {
      for (xmlAttr* a = c->properties; a != nullptr; a = a->next) {
        *out += " @";
        *out += reinterpret_cast<const char*>(a->name);
        *out += "=";
        for (xmlNode* v = a->children; v != nullptr; v = v->next)
          if (v->content != nullptr) *out += reinterpret_cast<const char*>(v->content);
      }
    }
    if (c->content != nullptr) {
      *out += "|";
      *out += reinterpret_cast<const char*>(c->content);
    }
    bool script = c->type == XML_ELEMENT_NODE &&
                  (xmlStrEqual(c->name, BAD_CAST "script") || xmlStrEqual(c->name, BAD_CAST "style")) && !IsJsonLd(c);
    if (c->children != nullptr) Walk(c->children, script, out);
    *out += ")";
  }
}

std::string Tree(htmlDocPtr doc) {
  if (doc == nullptr) return "<no document>";
  std::string out;
  Walk(doc->children, false, &out);
  xmlFreeDoc(doc);
  return out;
}

void ExpectSameTree(const std::string& page) {
  EXPECT_EQ(Tree(ParseHtmlPage(page)), Tree(ParseWholeHtmlPage(page))) << page.substr(0, 400);
}

bool Libxml29() { return std::atoi(xmlParserVersion) / 100 == 209; }

const char kHead[] = "<!DOCTYPE html><html><head><title>Drone strike | Meridian Post</title>";
const char kBody[] =
    "<body><article><h1>Drone strike</h1><p>A drone strike on a convoy near the airport killed a "
    "militia commander early on Friday, security sources said.</p><p>The ministry said eight people "
    "died.</p></article></body></html>";

std::vector<std::string> ChosenPages() {
  std::string h = kHead, b = kBody;
  return {
      h + "<script>var a = \"<p>not</p>\"; if (a < b) {}</script><style>p{color:red}</style></head>" + b,
      h + "<SCRIPT type=\"text/javascript\">var x = 1;</SCRIPT><Style>p{}</STYLE></head>" + b,
      h + "<!--[if lt IE 9]><script src=\"shiv.js\"></script><script>var c=1;</script><![endif]--></head>" + b,
      h + "<!-- <script> var hidden = \"</p>\"; </script> --></head>" + b,
      h + "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"LD\"}</script></head>" + b,
      h + "<script type=\"application/ld&#43;json\">{\"headline\":\"Entity\"}</script></head>" + b,
      h + "<script src=\"x.js\"/><p>After a self-closed script</p></head>" + b,
      h + "</head>" + b + "<script>var never_closed = 1;",
      h + "<script><p>opens with a tag</p></script><script></div>odd</script></head>" + b,
      h + "<script><!-- old style\nvar o = 1;\n//--></script></head>" + b,
      h + "<script>var s = \"</scriptx>\"; var t = 2;</script></head>" + b,
      h + "<script>document.write(\"<div>\" + \"</\" + \"div>\");</script></head>" + b,
      h + "<script data-x=\"a>b\" src='y>z'>var q = 1;</script><style media=\"(x:1)\">a>b{}</style></head>" + b,
      h + "</head><body><p>Before.<script>var inline = 1;</script> After.</p><style>.x{}</style></body></html>",
      h + "<script>var n = \"" + std::string(1, '\0') + "\";</script></head>" + b,
      h + "<script>var bad = \"\xFF\xFE\";</script></head>" + b,
      h + "<scripts>not a script</scripts><script\n  async\n  src=\"z\">var k=1</script ></head>" + b,
      "<html><head><title>A <script>b</script> C</title></head>" + b,
      h + "</head><body><textarea><script>var t=1;</script></textarea></body></html>",
      h + "<script><![CDATA[ var cd = 1; ]]></script></head>" + b,
      h + "<script>var css = \"<style>p{}</style>\";</script></head>" + b,
      h + "<?php echo \"<script>\"; ?><script>var pi=1;</script></head>" + b,
      h + "<div title=\"<script>x</script>\">t</div><script>var after=1;</script></head>" + b,
      h + "<!-- never closed <script>var u=1;</script></head>" + b,
      "\xEF\xBB\xBF" + h + "<script>var bom = 1;</script></head>" + b,
      h + "</head><body>" + std::string(300 * 5, ' ') + "<script>var deep = 1;</script></body></html>",
  };
}

TEST(HtmlParse, SameTreeOnChosenPages) {
  for (const std::string& page : ChosenPages()) ExpectSameTree(page);
}

TEST(HtmlParse, SameTreeOnTheExamplePages) {
  for (const char* name : {"01_meridian_post.html"}) {
    std::ifstream in(std::string(DOSSIER_SOURCE_DIR) + "/examples/corpus/" + name, std::ios::binary);
    ASSERT_TRUE(in) << name;
    std::stringstream ss;
    ss << in.rdbuf();
    ExpectSameTree(ss.str());
  }
}

// Random edits that move the markup around script content: comments opened or closed,
// quotes, end tags, NULs and bad bytes spliced in.
TEST(HtmlParse, SameTreeOnRandomEdits) {
  const char* edits[] = {"<!--", "-->", "<script>", "</script>", "</SCRIPT ", "<style>", "</style>", "\"", "'",
                         "=", ">", "<", "</", "\xFF", "\xC3", "<p>", "</div>", "<![CDATA[", "<?x ", "&amp;",
                         "<scriptx>", "</scriptx>", "<script/>", "<script src='a>b'>", "<body>", "<title>",
                         "<script type=\"application/ld+json\">", "<noscript>", "\r\n"};
  std::vector<std::string> pages = ChosenPages();
  std::mt19937 rng(99);
  for (int t = 0; t < 3000; ++t) {
    std::string p = pages[rng() % pages.size()];
    int n = 1 + rng() % 5;
    for (int k = 0; k < n; ++k) p.insert(rng() % (p.size() + 1), edits[rng() % (sizeof edits / sizeof *edits)]);
    ExpectSameTree(p);
    if (testing::Test::HasFailure()) break;
  }
}

TEST(HtmlParse, ScriptTextIsSkippedButJsonLdKept) {
  if (!Libxml29()) GTEST_SKIP() << "script text is only skipped under libxml2 2.9";
  std::string page = std::string(kHead) +
                     "<script>var secret = 1;</script><script type=\"application/ld+json\">{\"headline\":\"Kept\"}</script>"
                     "</head>" + kBody;
  std::string tree = Tree(ParseHtmlPage(page));
  std::string whole;
  htmlDocPtr doc = ParseWholeHtmlPage(page);
  ASSERT_NE(doc, nullptr);
  xmlChar* text = xmlNodeGetContent(xmlDocGetRootElement(doc));
  whole = reinterpret_cast<char*>(text);
  xmlFree(text);
  xmlFreeDoc(doc);
  EXPECT_NE(whole.find("var secret"), std::string::npos);  // the whole parse reads it
  htmlDocPtr cut = ParseHtmlPage(page);
  ASSERT_NE(cut, nullptr);
  text = xmlNodeGetContent(xmlDocGetRootElement(cut));
  std::string cut_text = reinterpret_cast<char*>(text);
  xmlFree(text);
  xmlFreeDoc(cut);
  EXPECT_EQ(cut_text.find("var secret"), std::string::npos);
  EXPECT_NE(cut_text.find("\"headline\":\"Kept\""), std::string::npos);
  EXPECT_NE(cut_text.find("eight people died"), std::string::npos);
}

}  // namespace
}  // namespace dossier
