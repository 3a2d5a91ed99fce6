// The clean stage on HTML: main content, page chrome, metadata, hostile markup.
#include <gtest/gtest.h>

#include <string>

#include "clean/clean.h"

namespace dossier {
namespace {

Document CleanHtmlPage(const std::string& html) {
  Document d;
  d.raw = html;
  d.format = SourceFormat::kHtml;
  Status s = CleanDocument(&d);
  EXPECT_TRUE(s.ok()) << s.message();
  return d;
}

bool Has(const Document& d, const std::string& s) { return d.text.find(s) != std::string::npos; }

std::string Paragraphs(int n, const char* topic) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += "<p>Paragraph " + std::to_string(i) + " about " + topic +
           ", with enough words, commas, and detail to look like the body of a real news article "
           "written by a reporter who was there.</p>\n";
  }
  return out;
}

const std::string kPage =
    "<!DOCTYPE html><html><head><title>Flood report blames ministry | The Example Times</title>"
    "<meta property=\"og:site_name\" content=\"The Example Times\">"
    "<meta property=\"og:title\" content=\"Flood report blames ministry\">"
    "<meta property=\"article:published_time\" content=\"2021-03-04T09:15:00+05:30\">"
    "<meta name=\"author\" content=\"Jane Reporter\">"
    "<link rel=\"canonical\" href=\"https://www.example-times.test/news/flood\">"
    "<script>var ads = 'Advertisement script text';</script><style>p{color:red}</style></head><body>"
    "<header><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li></ul></nav></header>"
    "<div class=\"cookie-banner\">We use cookies to improve your experience. Accept all cookies.</div>"
    "<main><article><h1>Flood report blames ministry</h1>"
    "<div class=\"share-bar\"><a href=\"#\">Share on Facebook</a><a href=\"#\">Tweet</a></div>" +
    Paragraphs(6, "the flood") +
    "<figure><img src=\"x.jpg\"><figcaption>Rescue teams in the valley on Monday.</figcaption></figure>"
    "<h2>What happens next</h2><ul><li>An inquiry will report in June.</li><li>The minister will testify.</li></ul>"
    "<blockquote><p>We failed the people of the valley, the minister said in a statement.</p></blockquote>"
    "<p>Advertisement</p>" + Paragraphs(2, "the aftermath") +
    "</article></main>"
    "<aside class=\"related\"><h3>Related stories</h3><a href=\"/a\">Other flood story one</a></aside>"
    "<footer><p>Copyright 2021 The Example Times. All rights reserved.</p></footer>"
    "</body></html>";

TEST(CleanHtml, KeepsArticleDropsChrome) {
  Document d = CleanHtmlPage(kPage);
  EXPECT_TRUE(Has(d, "Paragraph 0 about the flood"));
  EXPECT_TRUE(Has(d, "Paragraph 5 about the flood"));
  EXPECT_TRUE(Has(d, "Paragraph 1 about the aftermath"));
  EXPECT_TRUE(Has(d, "An inquiry will report in June."));
  EXPECT_TRUE(Has(d, "We failed the people of the valley"));
  EXPECT_TRUE(Has(d, "What happens next"));
  for (const char* junk : {"Home", "We use cookies", "Share on Facebook", "Advertisement", "Related stories",
                           "Other flood story", "All rights reserved", "color:red", "ads ="})
    EXPECT_FALSE(Has(d, junk)) << junk;
}

TEST(CleanHtml, StructureKinds) {
  Document d = CleanHtmlPage(kPage);
  bool heading = false, list = false, quote = false, caption = false;
  for (const Block& b : d.blocks) {
    std::string_view t = d.Text(b.span);
    if (b.kind == BlockKind::kHeading && t == "What happens next") heading = true;
    if (b.kind == BlockKind::kListItem && t == "The minister will testify.") list = true;
    if (b.kind == BlockKind::kBlockQuote && t.find("We failed") != std::string_view::npos) quote = true;
    if (b.kind == BlockKind::kCaption && t.find("Rescue teams") != std::string_view::npos) caption = true;
  }
  EXPECT_TRUE(heading);
  EXPECT_TRUE(list);
  EXPECT_TRUE(quote);
  EXPECT_TRUE(caption);
}

TEST(CleanHtml, MetadataFromHead) {
  Document d = CleanHtmlPage(kPage);
  EXPECT_EQ(d.meta.title, "Flood report blames ministry");
  EXPECT_EQ(d.meta.outlet, "The Example Times");
  EXPECT_EQ(d.meta.author, "Jane Reporter");
  EXPECT_EQ(d.meta.url, "https://www.example-times.test/news/flood");
  EXPECT_EQ(d.meta.published.value, "2021-03-04T09:15:00");
  EXPECT_EQ(d.meta.published.tz, "+05:30");
  EXPECT_EQ(d.meta.published.precision, DatePrecision::kSecond);
}

TEST(CleanHtml, JsonLdAndTitleFallbacks) {
  std::string html =
      "<html><head><title>Ignored site title - Site</title>"
      "<script type=\"application/ld+json\"><![CDATA[{\"@context\":\"https://schema.org\","
      "\"@type\":\"NewsArticle\",\"headline\":\"Strike hits airport convoy\",\"datePublished\":\"2020-01-03\","
      "\"author\":{\"@type\":\"Person\",\"name\":\"A. Writer\"},\"publisher\":{\"@type\":\"Organization\","
      "\"name\":\"Example Wire\"}}]]></script></head><body><div>" +
      Paragraphs(4, "the strike") + "</div></body></html>";
  Document d = CleanHtmlPage(html);
  EXPECT_EQ(d.meta.title, "Strike hits airport convoy");
  EXPECT_EQ(d.meta.published.value, "2020-01-03");
  EXPECT_EQ(d.meta.author, "A. Writer");
  EXPECT_EQ(d.meta.outlet, "Example Wire");
}

TEST(CleanHtml, TitleWithoutSiteNameAndTimeElement) {
  std::string html =
      "<html><head><title>Convoy struck near the airport at dawn | Example News</title></head><body>"
      "<article><p class=\"date\"><time datetime=\"2020-01-03T08:30Z\">3 January</time></p>" +
      Paragraphs(4, "the convoy") + "</article></body></html>";
  Document d = CleanHtmlPage(html);
  EXPECT_EQ(d.meta.title, "Convoy struck near the airport at dawn");
  EXPECT_EQ(d.meta.outlet, "Example News");
  EXPECT_EQ(d.meta.published.value, "2020-01-03T08:30");
  EXPECT_EQ(d.meta.published.tz, "Z");
}

TEST(CleanHtml, HiddenAndBreaks) {
  std::string html = "<html><body><div style=\"display: none\">Hidden promo text</div><div>" +
                     Paragraphs(3, "the vote") +
                     "<p>First line<br>second line</p></div><div hidden>also hidden</div></body></html>";
  Document d = CleanHtmlPage(html);
  EXPECT_FALSE(Has(d, "Hidden promo"));
  EXPECT_FALSE(Has(d, "also hidden"));
  EXPECT_TRUE(Has(d, "First line\nsecond line"));
}

TEST(CleanHtml, DeeplyNestedNeverCrashes) {
  std::string html = "<html><body>";
  for (int i = 0; i < 20000; ++i) html += "<div>";
  html += "<p>Deep text that is long enough to be kept as a paragraph, with commas, and more words.</p>";
  for (int i = 0; i < 20000; ++i) html += "</div>";
  html += "</body></html>";
  Document d;
  d.raw = html;
  d.format = SourceFormat::kHtml;
  CleanDocument(&d);  // may or may not find text; must not crash
  SUCCEED();
}

TEST(CleanHtml, GarbageNeverCrashes) {
  const char* inputs[] = {"", "<", "<<<>>>", "<html", "</p></div></body>", "<table><tr><td><table><tr>",
                          "<script>never closed", "<!-- comment only", "\xFF\xFE\x00\x01 bytes",
                          "<p>text<p>more<li>item</ul></ol></table>"};
  for (const char* in : inputs) {
    Document d;
    d.raw = in;
    d.format = SourceFormat::kHtml;
    CleanDocument(&d);
  }
  std::string noise;
  uint32_t x = 12345;
  for (int i = 0; i < 20000; ++i) {
    x = x * 1103515245 + 12345;
    const char alphabet[] = "<>/ =\"'abcdpivlt&;#!-\n";
    noise += alphabet[(x >> 16) % (sizeof(alphabet) - 1)];
  }
  Document d;
  d.raw = noise;
  d.format = SourceFormat::kHtml;
  CleanDocument(&d);
  SUCCEED();
}

TEST(CleanHtml, ArticleInsideWrapperNamedLikeAFooter) {
  // The whole article sits under a layout wrapper whose class says "footer"; a real footer
  // (a short disclosure) must not win over it.
  Document d = CleanHtmlPage(
      "<html><head><title>River rises</title></head><body>"
      "<div class=\"above-footer\"><div class=\"article-body\">"
      "<p>Paragraph 0 of the article says that the river rose by 10 centimetres overnight, and the town council, which met early, closed two bridges.</p>"
      "<p>Paragraph 1 of the article says that the river rose by 11 centimetres overnight, and the town council, which met early, closed two bridges.</p>"
      "<p>Paragraph 2 of the article says that the river rose by 12 centimetres overnight, and the town council, which met early, closed two bridges.</p>"
      "<p>Paragraph 3 of the article says that the river rose by 13 centimetres overnight, and the town council, which met early, closed two bridges.</p>"
      "<p>Paragraph 4 of the article says that the river rose by 14 centimetres overnight, and the town council, which met early, closed two bridges.</p>"
      "<p>Paragraph 5 of the article says that the river rose by 15 centimetres overnight, and the town council, which met early, closed two bridges.</p>"
      ""
      "</div></div>"
      "<div class=\"notice\"><p>Many offers on this site come from partners who pay us, which may affect "
      "where and in what order they appear on the pages of this site, and this site does not list every offer "
      "that partners make, or every partner that makes offers.</p><p>Opinions here are the writers' alone, "
      "not those of any partner, and have not been reviewed, approved or otherwise endorsed by any partner, "
      "which readers should keep in mind when they read the stories on this site, every day.</p><p>Terms apply "
      "to the offers listed on these pages, and readers should check them with the partner, who sets them, "
      "before they sign up, since terms change often and without notice.</p></div>"
      "</body></html>");
  EXPECT_TRUE(Has(d, "Paragraph 3 of the article")) << d.text;
}

}  // namespace
}  // namespace dossier
