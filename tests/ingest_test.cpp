// Tests of the ingest layer (src/ingest/reader.h): format detection, JSON Lines, gzip,
// encodings, hostile input (gzip bombs, huge lines, binary, empty, deep nesting), ids.
// Large inputs are generated at test time in a private temp folder, never stored.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "icu_utf8.h"
#include "ingest/reader.h"
#include "temp_dir.h"
#include "pipeline/pipeline.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

using dossier_test::TempDir;

// Gzip (not raw zlib) compression of `data`.
std::string Gzip(const std::string& data) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buf[1 << 15];
  int rc;
  do {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = deflate(&zs, Z_FINISH);
    out.append(buf, sizeof buf - zs.avail_out);
  } while (rc == Z_OK || (rc == Z_BUF_ERROR && zs.avail_out == 0));
  EXPECT_EQ(rc, Z_STREAM_END);
  deflateEnd(&zs);
  return out;
}

// Gzip of `total` zero bytes, streamed so the zeros are never all in memory.
std::string GzipZeros(size_t total) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string zeros(1 << 20, '\0');
  std::string out;
  char buf[1 << 16];
  size_t left = total;
  int rc = Z_OK;
  while (true) {
    size_t chunk = std::min(left, zeros.size());
    zs.next_in = reinterpret_cast<Bytef*>(zeros.data());
    zs.avail_in = static_cast<uInt>(chunk);
    left -= chunk;
    int flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
    do {
      zs.next_out = reinterpret_cast<Bytef*>(buf);
      zs.avail_out = sizeof buf;
      rc = deflate(&zs, flush);
      out.append(buf, sizeof buf - zs.avail_out);
    } while (zs.avail_out == 0);
    if (flush == Z_FINISH) break;
  }
  EXPECT_EQ(rc, Z_STREAM_END);
  deflateEnd(&zs);
  return out;
}

const char kArticle[] =
    "QASR AMIN, March 3 - A drone strike on a convoy near the airport killed a militia "
    "commander early on Friday, security sources said.\n\nThe ministry said eight people died.\n";

const char kHtml[] =
    "<!DOCTYPE html><html><head><title>Strike</title></head><body><article><p>A drone strike "
    "on a convoy near the airport killed a militia commander early on Friday.</p></article>"
    "</body></html>";

// ---------------------------------------------------------------- format detection

TEST(IngestFormat, HtmlIsDetected) {
  EXPECT_TRUE(LooksLikeHtml(kHtml));
  EXPECT_TRUE(LooksLikeHtml("<div class=\"x\">Hello</div>"));
  EXPECT_TRUE(LooksLikeHtml("  <HTML><BODY>shouting</BODY></HTML>"));
  EXPECT_FALSE(LooksLikeHtml(kArticle));
  EXPECT_FALSE(LooksLikeHtml("He wrote 3 < 4 and 5 > 2 in plain text."));
}

TEST(IngestFormat, DecodeInputDetectsAndHonoursHint) {
  RawInput in;
  ASSERT_TRUE(DecodeInput("a", kHtml, "", IngestLimits{}, &in).ok());
  EXPECT_EQ(in.format, SourceFormat::kHtml);
  EXPECT_EQ(in.path, "a");
  EXPECT_EQ(in.charset, "UTF-8");
  EXPECT_EQ(in.bytes, kHtml);

  RawInput t;
  ASSERT_TRUE(DecodeInput("b", kArticle, "", IngestLimits{}, &t).ok());
  EXPECT_EQ(t.format, SourceFormat::kText);

  RawInput forced;
  ASSERT_TRUE(DecodeInput("c", kHtml, "text", IngestLimits{}, &forced).ok());
  EXPECT_EQ(forced.format, SourceFormat::kText);
  ASSERT_TRUE(DecodeInput("d", kArticle, "html", IngestLimits{}, &forced).ok());
  EXPECT_EQ(forced.format, SourceFormat::kHtml);
}

TEST(IngestFormat, ReadPathByExtensionAndContent) {
  TempDir tmp;
  std::string html = tmp.Write("page.html", "<p>Only a fragment of a page with no closing tags");
  std::string text = tmp.Write("page.txt", kArticle);
  std::string sniffed = tmp.Write("noext", kHtml);
  std::vector<RawInput> out;
  std::vector<std::string> errors;
  ASSERT_TRUE(ReadPath(html, IngestLimits{}, &out, &errors).ok());
  ASSERT_TRUE(ReadPath(text, IngestLimits{}, &out, &errors).ok());
  ASSERT_TRUE(ReadPath(sniffed, IngestLimits{}, &out, &errors).ok());
  ASSERT_EQ(out.size(), 3u);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(out[0].format, SourceFormat::kHtml);  // by extension
  EXPECT_EQ(out[0].path, html);                   // path as given
  EXPECT_EQ(out[1].format, SourceFormat::kText);
  EXPECT_EQ(out[1].bytes, kArticle);
  EXPECT_EQ(out[2].format, SourceFormat::kHtml);  // by content
}

TEST(IngestPaths, FoldersAreExpandedSortedWithoutHiddenFiles) {
  TempDir tmp;
  tmp.Write("b.txt", kArticle);
  tmp.Write("a.txt", kArticle);
  tmp.Write("sub/c.html", kHtml);
  tmp.Write(".hidden.txt", kArticle);
  tmp.Write(".git/config", kArticle);
  std::vector<std::string> errors;
  std::string missing = tmp.path() + "/nope.txt";
  auto files = ExpandPaths({tmp.path(), missing, "-"}, &errors);
  ASSERT_EQ(files.size(), 4u);
  EXPECT_EQ(fs::path(files[0]).filename(), "a.txt");
  EXPECT_EQ(fs::path(files[1]).filename(), "b.txt");
  EXPECT_EQ(fs::path(files[2]).filename(), "c.html");
  EXPECT_EQ(files[3], "-");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find(missing), std::string::npos) << errors[0];
}

// ---------------------------------------------------------------- JSON Lines

TEST(IngestJsonl, RecordsMetadataAndBadLinesNamedByLine) {
  TempDir tmp;
  std::string feed = tmp.Write(
      "feed.jsonl",
      "{\"url\": \"https://a.example/1\", \"title\": \"First\", \"text\": \"Eight people were killed.\", "
      "\"published\": \"2023-03-03\", \"outlet\": \"Marazia Today\"}\n"
      "{this is not json\n"
      "\n"
      "{\"title\": \"No body\"}\n"
      "[1, 2, 3]\n"
      "{\"html\": \"<p>The toll rose to ten.</p>\", \"outlet\": \"Marazia Today\", \"published\": \"2023-03-07\"}\n");
  std::vector<RawInput> out;
  std::vector<std::string> errors;
  Status s = ReadPath(feed, IngestLimits{}, &out, &errors);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].path, feed + ":1");
  EXPECT_EQ(out[0].bytes, "Eight people were killed.");
  EXPECT_EQ(out[0].format, SourceFormat::kText);
  EXPECT_EQ(out[0].given.url, "https://a.example/1");
  EXPECT_EQ(out[0].given.title, "First");
  EXPECT_EQ(out[0].given.outlet, "Marazia Today");
  EXPECT_EQ(out[0].given.published.value, "2023-03-03");
  EXPECT_EQ(out[1].path, feed + ":6");
  EXPECT_EQ(out[1].format, SourceFormat::kHtml);
  EXPECT_EQ(out[1].given.published.value, "2023-03-07");

  // Line 2 (not JSON), line 4 (no text), line 5 (not an object); the blank line 3 is skipped.
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].rfind(feed + ":2: ", 0), 0u) << errors[0];
  EXPECT_EQ(errors[1].rfind(feed + ":4: ", 0), 0u) << errors[1];
  EXPECT_NE(errors[1].find("text"), std::string::npos) << errors[1];
  EXPECT_EQ(errors[2].rfind(feed + ":5: ", 0), 0u) << errors[2];
}

TEST(IngestJsonl, DetectedByShapeWithoutExtension) {
  TempDir tmp;
  std::string p = tmp.Write("dump.txt", "{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n");
  std::vector<RawInput> out;
  std::vector<std::string> errors;
  ASSERT_TRUE(ReadPath(p, IngestLimits{}, &out, &errors).ok());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].path, p + ":2");
  EXPECT_EQ(out[1].bytes, "Two.");
}

TEST(IngestJsonl, InvalidUtf8InsideRecordIsRepaired) {
  TempDir tmp;
  // A JSON string carrying a raw invalid byte: the parser may refuse the line (then it is
  // named) or accept it (then the text must be repaired). Never a crash, never bad UTF-8 out.
  std::string p = tmp.Write("bad.jsonl", "{\"text\": \"caf\xC3 ok\"}\n{\"text\": \"fine\"}\n");
  std::vector<RawInput> out;
  std::vector<std::string> errors;
  ASSERT_TRUE(ReadPath(p, IngestLimits{}, &out, &errors).ok());
  ASSERT_GE(out.size(), 1u);
  for (const auto& in : out) EXPECT_TRUE(dossier_test::IcuValidUtf8(in.bytes));
  EXPECT_EQ(out.size() + errors.size(), 2u);
  if (!errors.empty()) {
    EXPECT_EQ(errors[0].rfind(p + ":1: ", 0), 0u) << errors[0];
  }
}

TEST(IngestJsonl, FeedOfTheExampleCorpusReads) {
  std::string feed = std::string(DOSSIER_SOURCE_DIR) + "/examples/corpus/feed.jsonl";
  if (!fs::exists(feed)) GTEST_SKIP() << "no " << feed;
  std::vector<RawInput> out;
  std::vector<std::string> errors;
  ASSERT_TRUE(ReadPath(feed, IngestLimits{}, &out, &errors).ok());
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].given.outlet, "Marazia Today");
  EXPECT_EQ(out[1].path, feed + ":2");
}

TEST(IngestExamples, EveryExampleDocumentReadsAndAnnotates) {
  std::string dir = std::string(DOSSIER_SOURCE_DIR) + "/examples/corpus";
  if (!fs::exists(dir)) GTEST_SKIP() << "no " << dir;
  std::vector<std::string> errors;
  auto files = ExpandPaths({dir}, &errors);
  ASSERT_TRUE(errors.empty());
  std::vector<RawInput> out;
  for (const auto& f : files) {
    Status s = ReadPath(f, IngestLimits{}, &out, &errors);
    EXPECT_TRUE(s.ok()) << s.message();
  }
  EXPECT_TRUE(errors.empty()) << errors[0];
  ASSERT_EQ(out.size(), 7u);  // five pages and two JSON Lines records
  int html = 0;
  for (auto& in : out) {
    EXPECT_EQ(in.charset, "UTF-8") << in.path;
    html += in.format == SourceFormat::kHtml;
    Document doc;
    std::string path = in.path;
    Status s = AnnotateInput(std::move(in), AnnotateOptions{}, &doc);
    EXPECT_TRUE(s.ok()) << path << ": " << s.message();
    EXPECT_FALSE(doc.text.empty()) << path;
  }
  EXPECT_EQ(html, 1);
}

// ---------------------------------------------------------------- gzip

TEST(IngestGzip, GzipFileIsDecompressed) {
  TempDir tmp;
  std::string p = tmp.Write("page.txt.gz", Gzip(kArticle));
  std::string h = tmp.Write("page.html.gz", Gzip(kHtml));
  std::vector<RawInput> out;
  std::vector<std::string> errors;
  ASSERT_TRUE(ReadPath(p, IngestLimits{}, &out, &errors).ok());
  ASSERT_TRUE(ReadPath(h, IngestLimits{}, &out, &errors).ok());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].bytes, kArticle);
  EXPECT_EQ(out[0].format, SourceFormat::kText);
  EXPECT_EQ(out[1].bytes, kHtml);
  EXPECT_EQ(out[1].format, SourceFormat::kHtml);
}

TEST(IngestGzip, GzipInMemoryAndGzippedJsonl) {
  RawInput in;
  ASSERT_TRUE(DecodeInput("mem", Gzip(kArticle), "", IngestLimits{}, &in).ok());
  EXPECT_EQ(in.bytes, kArticle);

  TempDir tmp;
  std::string p = tmp.Write("feed.jsonl.gz", Gzip("{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n"));
  std::vector<RawInput> out;
  std::vector<std::string> errors;
  ASSERT_TRUE(ReadPath(p, IngestLimits{}, &out, &errors).ok());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].path, p + ":1");
}

TEST(IngestGzip, TruncatedGzipIsAnErrorNamingTheFile) {
  TempDir tmp;
  std::string gz = Gzip(std::string(kArticle) + kArticle + kArticle);
  std::string p = tmp.Write("cut.txt.gz", gz.substr(0, gz.size() / 2));
  std::vector<RawInput> out;
  std::vector<std::string> errors;
  Status s = ReadPath(p, IngestLimits{}, &out, &errors);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(p), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("gzip"), std::string::npos) << s.message();
  EXPECT_TRUE(out.empty());
}

TEST(IngestGzip, GzipBombIsRefusedWithAClearMessage) {
  TempDir tmp;
  const size_t kZeros = 300u << 20;  // 300 MB of zeros, about 300 KB compressed
  std::string bomb = GzipZeros(kZeros);
  ASSERT_LT(bomb.size(), 2u << 20);
  std::string p = tmp.Write("bomb.txt.gz", bomb);
  std::vector<RawInput> out;
  std::vector<std::string> errors;
  Status s = ReadPath(p, IngestLimits{}, &out, &errors);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(p), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("gzip bomb"), std::string::npos) << s.message();
  EXPECT_TRUE(out.empty());

  // The same bomb in memory (annotate --batch path), and a tighter limit.
  RawInput in;
  IngestLimits small;
  small.max_decompressed_bytes = 1u << 20;
  s = DecodeInput("mem", bomb, "", small, &in);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("gzip bomb"), std::string::npos) << s.message();
}

// ---------------------------------------------------------------- encodings

TEST(IngestEncoding, Latin1IsDecoded) {
  std::string latin1 =
      "Le minist\xE8re de l'Int\xE9rieur a d\xE9""clar\xE9 que la fr\xE9quence des attaques "
      "\xE0 Qasr Amin avait augment\xE9 depuis la mi-f\xE9vrier. Le caf\xE9 pr\xE8s de "
      "l'a\xE9roport \xE9tait ferm\xE9, a pr\xE9""cis\xE9 un t\xE9moin.\n";
  RawInput in;
  ASSERT_TRUE(DecodeInput("latin1.txt", latin1, "", IngestLimits{}, &in).ok());
  EXPECT_TRUE(dossier_test::IcuValidUtf8(in.bytes));
  EXPECT_NE(in.bytes.find("minist\xC3\xA8re de l'Int\xC3\xA9rieur"), std::string::npos) << in.bytes;
  EXPECT_NE(in.bytes.find("caf\xC3\xA9"), std::string::npos);
  // ICU names it ISO-8859-1 (windows-1252 would decode these bytes the same way).
  EXPECT_TRUE(in.charset.find("8859-1") != std::string::npos || in.charset.find("1252") != std::string::npos)
      << in.charset;
}

TEST(IngestEncoding, Windows1252SmartQuotesAndEuroAreDecoded) {
  std::string cp1252 =
      "The minister said: \x93We were close to an agreement.\x94 The group\x92s spokesman "
      "called it \x93" "a crime\x94 \x96 and demanded \x80" "5 million in compensation. \x93This "
      "strike has set us back a year,\x94 she said on Saturday.\n";
  RawInput in;
  ASSERT_TRUE(DecodeInput("cp1252.txt", cp1252, "", IngestLimits{}, &in).ok());
  EXPECT_TRUE(dossier_test::IcuValidUtf8(in.bytes));
  EXPECT_NE(in.bytes.find("\xE2\x80\x9CWe were close"), std::string::npos) << in.bytes;  // “
  EXPECT_NE(in.bytes.find("group\xE2\x80\x99s"), std::string::npos) << in.bytes;         // ’
  EXPECT_NE(in.bytes.find("\xE2\x82\xAC" "5 million"), std::string::npos) << in.bytes;   // €
}

TEST(IngestEncoding, DeclaredCharsetInHtmlMetaIsUsed) {
  std::string html =
      "<html><head><meta charset=\"windows-1252\"><title>Caf\xE9</title></head><body><p>"
      "\x93Quoted\x94 text.</p></body></html>";
  RawInput in;
  ASSERT_TRUE(DecodeInput("page.html", html, "", IngestLimits{}, &in).ok());
  EXPECT_TRUE(dossier_test::IcuValidUtf8(in.bytes));
  EXPECT_NE(in.bytes.find("Caf\xC3\xA9"), std::string::npos) << in.bytes;
  EXPECT_NE(in.bytes.find("\xE2\x80\x9CQuoted\xE2\x80\x9D"), std::string::npos) << in.bytes;
  EXPECT_EQ(in.format, SourceFormat::kHtml);
}

std::string Utf16(const std::u16string& s, bool little_endian) {
  std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (char16_t c : s) {
    char lo = static_cast<char>(c & 0xFF), hi = static_cast<char>(c >> 8);
    if (little_endian) out += lo, out += hi;
    else out += hi, out += lo;
  }
  return out;
}

TEST(IngestEncoding, ToUtf8DecodesUtf16WithBom) {
  std::u16string text = u"Tariq al-Hamdawi \u0637\u0627\u0631\u0642 was killed in Qasr Amin \u2014 caf\u00e9.\n";
  const std::string want =
      "Tariq al-Hamdawi \xD8\xB7\xD8\xA7\xD8\xB1\xD9\x82 was killed in Qasr Amin \xE2\x80\x94 caf\xC3\xA9.\n";
  for (bool le : {true, false}) {
    std::string charset;
    EXPECT_EQ(ToUtf8(Utf16(text, le), &charset), want) << (le ? "LE" : "BE");
    EXPECT_EQ(charset, le ? "UTF-16LE" : "UTF-16BE");
  }
}

// UTF-16 text has a NUL or control byte in every other byte; it must not be taken for binary.
TEST(IngestEncoding, Utf16WithBomIsDecoded) {
  std::u16string text = u"Tariq al-Hamdawi \u0637\u0627\u0631\u0642 was killed in Qasr Amin \u2014 caf\u00e9.\n";
  const std::string want =
      "Tariq al-Hamdawi \xD8\xB7\xD8\xA7\xD8\xB1\xD9\x82 was killed in Qasr Amin \xE2\x80\x94 caf\xC3\xA9.\n";
  for (bool le : {true, false}) {
    RawInput in;
    Status s = DecodeInput("utf16.txt", Utf16(text, le), "", IngestLimits{}, &in);
    ASSERT_TRUE(s.ok()) << (le ? "LE: " : "BE: ") << s.message();
    EXPECT_EQ(in.bytes, want) << (le ? "LE" : "BE");
    EXPECT_EQ(in.charset, le ? "UTF-16LE" : "UTF-16BE");
  }
}

TEST(IngestEncoding, Utf16FileIsDecoded) {
  TempDir tmp;
  std::string p = tmp.Write("utf16.txt", Utf16(u"A drone strike killed eight people on Friday.\n", true));
  std::vector<RawInput> out;
  std::vector<std::string> errors;
  Status s = ReadPath(p, IngestLimits{}, &out, &errors);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].bytes, "A drone strike killed eight people on Friday.\n");
}

TEST(IngestEncoding, Utf8BomIsDropped) {
  RawInput in;
  ASSERT_TRUE(DecodeInput("bom.txt", "\xEF\xBB\xBFHello world.", "", IngestLimits{}, &in).ok());
  EXPECT_EQ(in.bytes, "Hello world.");
  EXPECT_EQ(in.charset, "UTF-8");
}

TEST(IngestEncoding, TruncatedUtf8IsRepairedWithReplacementCharacter) {
  // Good UTF-8 (accents, curly quotes, Arabic) whose last character is cut in half, as when
  // a page is truncated at a byte limit.
  std::string good =
      "\xE2\x80\x9CWe were close to an agreement,\xE2\x80\x9D Bishara said in Qasr Amin. The "
      "caf\xC3\xA9 near the airport was closed. \xD8\xB7\xD8\xA7\xD8\xB1\xD9\x82 al-Hamdawi "
      "was killed on Friday, the minist\xC3\xA8re said. ";
  std::string cut = good + "\xE2\x80";  // first two bytes of a three-byte sequence
  RawInput in;
  ASSERT_TRUE(DecodeInput("cut.txt", cut, "", IngestLimits{}, &in).ok());
  EXPECT_TRUE(dossier_test::IcuValidUtf8(in.bytes));
  EXPECT_EQ(in.bytes.rfind(good, 0), 0u) << "valid text must be kept as it is: " << in.bytes;
  EXPECT_TRUE(in.bytes.ends_with("\xEF\xBF\xBD")) << in.bytes;
  EXPECT_EQ(in.bytes.size(), good.size() + 3);
}

TEST(IngestEncoding, ToUtf8AlwaysReturnsValidUtf8) {
  const std::vector<std::string> inputs = {
      std::string("\xC0\xAF overlong", 10), "\xED\xA0\x80 surrogate", "\xF4\x90\x80\x80 too big",
      "\xFF\xFE\x00", std::string("\xFE\xFF\xD8\x00", 4),  // UTF-16 with a lone surrogate
      "plain ascii", "\x80\x81\x82\x83", std::string(1, '\xC3')};
  for (const auto& s : inputs) {
    std::string charset;
    std::string out = ToUtf8(s, &charset);
    EXPECT_TRUE(dossier_test::IcuValidUtf8(out)) << "charset " << charset;
    EXPECT_FALSE(charset.empty());
  }
}

// ---------------------------------------------------------------- hostile input

TEST(IngestHostile, BinaryFileIsRefused) {
  TempDir tmp;
  static const char kHeader[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
  std::string png(kHeader, sizeof kHeader - 1);
  for (int i = 0; i < 200; ++i) png += static_cast<char>((i * 37) & 0xFF), png += '\0';
  std::string p = tmp.Write("image.txt", png);
  std::vector<RawInput> out;
  std::vector<std::string> errors;
  Status s = ReadPath(p, IngestLimits{}, &out, &errors);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(p), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("binary"), std::string::npos) << s.message();
  EXPECT_TRUE(out.empty());

  // Also as a .jsonl file, and in memory.
  std::string j = tmp.Write("image.jsonl", png);
  s = ReadPath(j, IngestLimits{}, &out, &errors);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find(j), std::string::npos) << s.message();
  RawInput in;
  EXPECT_FALSE(DecodeInput("mem", png, "", IngestLimits{}, &in).ok());
}

TEST(IngestHostile, EmptyFileIsRefused) {
  TempDir tmp;
  for (const std::string& body : {std::string(), std::string(" \n\t\r\n  \n")}) {
    std::string p = tmp.Write(body.empty() ? "empty.txt" : "blank.txt", body);
    std::vector<RawInput> out;
    std::vector<std::string> errors;
    Status s = ReadPath(p, IngestLimits{}, &out, &errors);
    ASSERT_FALSE(s.ok()) << p;
    EXPECT_NE(s.message().find(p), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("empty"), std::string::npos) << s.message();
    EXPECT_TRUE(out.empty());
  }
}

TEST(IngestHostile, MissingFileAndFolderAreErrors) {
  TempDir tmp;
  std::vector<RawInput> out;
  std::vector<std::string> errors;
  std::string missing = tmp.path() + "/missing.txt";
  Status s = ReadPath(missing, IngestLimits{}, &out, &errors);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(missing), std::string::npos) << s.message();
  s = ReadPath(tmp.path(), IngestLimits{}, &out, &errors);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(tmp.path()), std::string::npos) << s.message();
}

TEST(IngestHostile, HundredMegabyteSingleLineIsRefused) {
  TempDir tmp;
  std::string line(100u << 20, 'a');
  std::string p = tmp.Write("huge.txt", line);
  std::string j = tmp.Write("huge.jsonl", "{\"text\": \"ok\"}\n{\"text\": \"" + line + "\"}\n");
  line.clear();
  line.shrink_to_fit();

  std::vector<RawInput> out;
  std::vector<std::string> errors;
  Status s = ReadPath(p, IngestLimits{}, &out, &errors);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(p), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("too large"), std::string::npos) << s.message();
  EXPECT_TRUE(out.empty());

  // In a JSON Lines file only the huge record is refused, named by its line.
  s = ReadPath(j, IngestLimits{}, &out, &errors);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].bytes, "ok");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rfind(j + ":2: ", 0), 0u) << errors[0];
  EXPECT_NE(errors[0].find("too large"), std::string::npos) << errors[0];
}

TEST(IngestHostile, FileOverTheReadCapIsRefusedWithoutReadingItAll) {
  TempDir tmp;
  IngestLimits small;
  small.max_document_bytes = 1000;
  small.max_decompressed_bytes = 2000;
  std::string p = tmp.Write("big.txt", std::string(5000, 'x'));
  std::vector<RawInput> out;
  std::vector<std::string> errors;
  Status s = ReadPath(p, small, &out, &errors);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(p), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("too large"), std::string::npos) << s.message();
}

TEST(IngestHostile, DeeplyNestedHtmlDoesNotCrash) {
  const int kDepth = 100000;
  std::string html = "<html><body>";
  html.reserve(kDepth * 11 + 200);
  for (int i = 0; i < kDepth; ++i) html += "<div>";
  html += "<p>A drone strike killed eight people in Qasr Amin on Friday.</p>";
  for (int i = 0; i < kDepth; ++i) html += "</div>";
  html += "</body></html>";

  RawInput in;
  ASSERT_TRUE(DecodeInput("deep.html", html, "", IngestLimits{}, &in).ok());
  EXPECT_EQ(in.format, SourceFormat::kHtml);
  Document doc;
  Status s = AnnotateInput(std::move(in), AnnotateOptions{}, &doc);
  // Either the page is read (possibly losing what lies beyond a depth limit) or it is refused
  // with a message; the process must survive either way.
  if (s.ok()) {
    EXPECT_TRUE(dossier_test::IcuValidUtf8(doc.text));
  } else {
    EXPECT_FALSE(s.message().empty());
  }

  // Unclosed nesting too.
  std::string open = "<html><body>";
  for (int i = 0; i < kDepth; ++i) open += "<div><span>";
  open += "text";
  RawInput in2;
  ASSERT_TRUE(DecodeInput("open.html", open, "html", IngestLimits{}, &in2).ok());
  Document doc2;
  AnnotateInput(std::move(in2), AnnotateOptions{}, &doc2);
}

// ---------------------------------------------------------------- ids

TEST(IngestIds, ContentIdIsStable) {
  // Pinned values: ids are stored in databases, so the hash must never change.
  EXPECT_EQ(ContentId(""), ContentId(""));
  EXPECT_EQ(ContentId("hello"), ContentId(std::string("hello")));
  const std::string id = ContentId(kArticle);
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
  EXPECT_EQ(ContentId("hello"), "d728ea81cbc8462f");
  EXPECT_EQ(ContentId(kArticle), "698c460cabcbd951");
  EXPECT_NE(ContentId("hello"), ContentId("hello "));
  EXPECT_NE(ContentId("ab"), ContentId("ba"));
}

TEST(IngestIds, SameContentSameIdWhateverTheContainer) {
  // The id hashes the decoded content: a page read plain, gzipped, or as UTF-16 gets one id.
  TempDir tmp;
  std::string a = tmp.Write("a.txt", kArticle);
  std::string b = tmp.Write("b.txt.gz", Gzip(kArticle));
  std::vector<RawInput> out;
  std::vector<std::string> errors;
  ASSERT_TRUE(ReadPath(a, IngestLimits{}, &out, &errors).ok());
  ASSERT_TRUE(ReadPath(b, IngestLimits{}, &out, &errors).ok());
  ASSERT_TRUE(ReadPath(a, IngestLimits{}, &out, &errors).ok());
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(ContentId(out[0].bytes), ContentId(out[1].bytes));
  EXPECT_EQ(ContentId(out[0].bytes), ContentId(out[2].bytes));

  Document d1, d2;
  ASSERT_TRUE(AnnotateInput(out[0], AnnotateOptions{}, &d1).ok());
  ASSERT_TRUE(AnnotateInput(out[1], AnnotateOptions{}, &d2).ok());
  EXPECT_EQ(d1.id, d2.id);
  EXPECT_EQ(d1.id.size(), 16u);
}

}  // namespace
}  // namespace dossier
