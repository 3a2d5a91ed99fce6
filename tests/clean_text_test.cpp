// The clean stage on text dumps: boilerplate kinds, structure, Q&A roles, metadata.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "clean/clean.h"
#include "clean/page.h"

namespace dossier {
namespace {

Document Clean(const std::string& raw, SourceFormat format = SourceFormat::kText) {
  Document d;
  d.raw = raw;
  d.format = format;
  Status s = CleanDocument(&d);
  EXPECT_TRUE(s.ok()) << s.message();
  return d;
}

bool Has(const Document& d, const std::string& s) { return d.text.find(s) != std::string::npos; }

std::vector<std::string> BlockTexts(const Document& d, BlockKind kind) {
  std::vector<std::string> out;
  for (const Block& b : d.blocks)
    if (b.kind == kind) out.emplace_back(d.Text(b.span));
  return out;
}

const char kNews[] =
    "+\n\nCookies on the Daily Example India website\n\n"
    "Daily Example India has updated its Privacy and Cookie policy. We use cookies to ensure that we "
    "give you the better experience on our website.\n\nClose\nHomeQuizzoneWhatsappShare Flash Reads\n\n"
    "Why the minister resigned after the flood inquiry\n\n"
    "Mar 4, 2021, 09:15 IST\n"
    "  \xE2\x80\xA2 The minister resigned on Wednesday after the report was published.\n"
    "  \xE2\x80\xA2 Visit Daily Example's homepage for more stories.\n\n"
    "The minister of water resigned on Wednesday, two days after an inquiry blamed her office for "
    "the delayed warnings before the flood.\n\nAdvertisement\n\n"
    "\"We failed the people of the valley,\" she said in a statement read to reporters.\n\n"
    "READ | Opposition calls for early elections after flood report\n\n"
    "Officials said 14 people died in the flood and more than 200 homes were destroyed.\n\n"
    "Share this article\n\nRead more on: floods | politics\n\nNext Article";

TEST(CleanText, RemovesBoilerplateKeepsContent) {
  Document d = Clean(kNews);
  for (const char* junk : {"Cookies on the", "We use cookies", "HomeQuizzone", "Advertisement", "READ |",
                           "Opposition calls", "Share this article", "Read more on", "Next Article",
                           "homepage for more stories", "Close"})
    EXPECT_FALSE(Has(d, junk)) << junk;
  EXPECT_TRUE(Has(d, "two days after an inquiry blamed her office"));
  EXPECT_TRUE(Has(d, "\"We failed the people of the valley,\" she said"));
  EXPECT_TRUE(Has(d, "Officials said 14 people died"));
}

TEST(CleanText, MetadataReadBeforeBoilerplateIsDropped) {
  Document d = Clean(kNews);
  EXPECT_EQ(d.meta.title, "Why the minister resigned after the flood inquiry");
  EXPECT_EQ(d.meta.outlet, "Daily Example India");
  EXPECT_EQ(d.meta.published.value, "2021-03-04T09:15");
  EXPECT_EQ(d.meta.published.precision, DatePrecision::kMinute);
  EXPECT_EQ(d.meta.published.tz, "IST");
  EXPECT_FALSE(d.meta.published.inferred);
}

TEST(CleanText, BlocksTileTextWithStructure) {
  Document d = Clean(kNews);
  ASSERT_FALSE(d.blocks.empty());
  EXPECT_EQ(d.blocks[0].kind, BlockKind::kTitle);
  EXPECT_EQ(BlockTexts(d, BlockKind::kDateline), std::vector<std::string>{"Mar 4, 2021, 09:15 IST"});
  EXPECT_EQ(BlockTexts(d, BlockKind::kListItem).size(), 1u);
  uint32_t pos = 0;
  for (size_t i = 0; i < d.blocks.size(); ++i) {
    EXPECT_EQ(d.blocks[i].span.start, pos);
    pos = d.blocks[i].span.end + 2;
    if (i + 1 < d.blocks.size()) {
      EXPECT_EQ(d.text.substr(d.blocks[i].span.end, 2), "\n\n");
    }
  }
  EXPECT_EQ(d.blocks.back().span.end, d.text.size());
  // Origin maps clean text back to the raw bytes.
  size_t at = d.text.find("Officials said");
  int64_t raw = d.RawOffset(static_cast<uint32_t>(at));
  ASSERT_GE(raw, 0);
  EXPECT_EQ(d.raw.compare(static_cast<size_t>(raw), 14, "Officials said"), 0);
}

TEST(CleanText, CallerMetadataWins) {
  Document d;
  d.raw = kNews;
  d.meta.title = "Given title";
  d.meta.published.value = "2021-03-05";
  d.meta.published.precision = DatePrecision::kDay;
  ASSERT_TRUE(CleanDocument(&d).ok());
  EXPECT_EQ(d.meta.title, "Given title");
  EXPECT_EQ(d.meta.published.value, "2021-03-05");
}

TEST(CleanText, RepeatedCaptionKeptOnce) {
  const std::string caption =
      "A policeman stands guard during a mourning ceremony in the capital on January 4, 2020.";
  Document d = Clean(" date 2020-01-04 \n\nWATCH | The plan that the general's death thwarted\n\n2020-01-04 20:59\n" +
                     caption + "\n\n" + caption +
                     "\n\nIn mid-October, the general met his allies at a villa on the banks of the river.\n");
  size_t first = d.text.find(caption);
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(d.text.find(caption, first + 1), std::string::npos);
  EXPECT_EQ(d.meta.title, "The plan that the general's death thwarted");
  EXPECT_FALSE(Has(d, "WATCH"));
  EXPECT_EQ(d.meta.published.value, "2020-01-04T20:59");
}

TEST(CleanText, BlogReadingTimeAndFooter) {
  Document d = Clean(
      "The Airstrike, 2020\n\nJane Writer\n6 min readDec 3, 2023\n\n--\n\n"
      "The year 2020 began with a shocking and unprecedented event that changed the region for years.\n\n"
      "Who was he?\n\nHe was born in 1957 in a poor village and joined the army in 1979 as a young man.\n\n"
      "--\n\nJane Writer\nJane Writer\n\nNo responses yet");
  EXPECT_EQ(d.meta.published.value, "2023-12-03");
  EXPECT_EQ(d.meta.author, "Jane Writer");
  EXPECT_EQ(d.kind, DocKind::kBlog);
  EXPECT_FALSE(Has(d, "min read"));
  EXPECT_FALSE(Has(d, "No responses yet"));
  EXPECT_FALSE(Has(d, "--"));
  EXPECT_TRUE(Has(d, "Who was he?"));
  EXPECT_EQ(BlockTexts(d, BlockKind::kHeading), std::vector<std::string>{"Who was he?"});
}

const char kThread[] =
    "12\n\nLast week the general was killed in a strike. Why was he in the city at all that day?\n\n"
    "5\n"
    "  \xE2\x80\xA2 3\n    This question cannot be answered without better sources.\n"
    "    \xE2\x80\x93\xC2\xA0" "Bob\n    Commented Jan 6, 2020 at 2:50\n"
    "  \xE2\x80\xA2 @Bob See the answers below. Commented Jan 6, 2020 at 4:36\n\n"
    "2 Answers 2\n\n40\n\nHe was there to meet the prime minister, according to the prime minister himself.\n\n"
    "  \xE2\x80\xA2 The meeting was planned for the morning.\n"
    "  \xE2\x80\xA2 It never took place.\n\n"
    "7\n"
    "  \xE2\x80\xA2 2\n    Please cite a source for this claim.\n    \xE2\x80\x93\xC2\xA0" "Ann\n    Commented Jan 5, 2020 at 15:44\n"
    "3\n\nHe was probably invited by the government, which is a common practice.\n\n"
    "You must log in to answer this question.\n\n"
    "Not the answer you're looking for? Browse other questions tagged .\n";

TEST(CleanText, QaRolesScoresAndComments) {
  Document d = Clean(kThread);
  EXPECT_EQ(d.kind, DocKind::kQA);
  ASSERT_GE(d.parts.size(), 6u);
  EXPECT_EQ(d.parts[0].role, Role::kQuestion);
  EXPECT_TRUE(d.parts[0].has_score);
  EXPECT_EQ(d.parts[0].score, 12);
  int answers = 0, comments = 0;
  for (const ThreadPart& p : d.parts) {
    if (p.role == Role::kAnswer) ++answers;
    if (p.role == Role::kComment) ++comments;
  }
  EXPECT_EQ(answers, 2);
  EXPECT_EQ(comments, 3);
  EXPECT_EQ(d.parts[1].role, Role::kComment);
  EXPECT_EQ(d.parts[1].author, "Bob");
  EXPECT_EQ(d.parts[1].date, "2020-01-06T02:50");
  EXPECT_EQ(d.parts[1].score, 3);
  EXPECT_EQ(d.parts[1].parent, 0);
  // Roles of the text.
  EXPECT_EQ(d.RoleAt(static_cast<uint32_t>(d.text.find("Why was he"))), Role::kQuestion);
  EXPECT_EQ(d.RoleAt(static_cast<uint32_t>(d.text.find("He was there to meet"))), Role::kAnswer);
  EXPECT_EQ(d.RoleAt(static_cast<uint32_t>(d.text.find("Please cite"))), Role::kComment);
  EXPECT_EQ(d.RoleAt(static_cast<uint32_t>(d.text.find("The meeting was planned"))), Role::kAnswer);
  EXPECT_EQ(d.RoleAt(static_cast<uint32_t>(d.text.find("probably invited"))), Role::kAnswer);
  // Chrome is gone.
  for (const char* junk : {"Commented", "Answers", "You must log in", "Not the answer", "Bob\n"})
    EXPECT_FALSE(Has(d, junk)) << junk;
  EXPECT_TRUE(Has(d, "@Bob See the answers below."));
}

TEST(CleanText, QaDateInferredFromEarliestComment) {
  Document d = Clean(kThread);
  const PubDate& p = d.meta.published;
  EXPECT_TRUE(p.inferred);
  EXPECT_EQ(p.value, "2020-01-05");
  EXPECT_EQ(p.latest, "2020-01-05");
  EXPECT_LE(p.earliest, p.latest);
}

TEST(CleanText, WeekdayNearLatestDateInferred) {
  Document d = Clean(
      "Strike kills commander at airport\n\n"
      "The commander was killed in a strike at the airport, officials said Friday.\n\n"
      "On January 3, 2020, the convoy was hit as it left the airport, killing ten people.\n");
  const PubDate& p = d.meta.published;
  EXPECT_TRUE(p.inferred);
  EXPECT_EQ(p.value, "2020-01-03");  // a Friday
  EXPECT_EQ(p.earliest, "2020-01-03");
  EXPECT_GE(p.latest, "2020-01-03");
}

TEST(CleanText, LatestYearInferred) {
  Document d = Clean(
      "Tensions soar in the region\n\nTensions have soared since the administration announced in May 2018 "
      "that it was pulling out of the deal.\n\nLast year, the tensions spilled over into a war of words. In "
      "spring 2019, the commander met militia members.\n");
  EXPECT_TRUE(d.meta.published.inferred);
  EXPECT_EQ(d.meta.published.value, "2020");
  EXPECT_EQ(d.meta.published.earliest, "2020-01-01");
}

TEST(CleanText, BinaryOrEmptyInputFails) {
  Document d;
  d.raw = "\n\n   \n";
  EXPECT_FALSE(CleanDocument(&d).ok());
}

// The seed corpus, when present: the gold's checks for documents.
std::string ReadShared(const std::string& rel) {
  std::ifstream in(std::string(DOSSIER_SOURCE_DIR) + "/../shared/" + rel, std::ios::binary);
  if (!in) return "";
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(CleanTextSeeds, NewsWithCookieBanner) {
  std::string raw = ReadShared("corpus/seeds/000_be80f533b2c971b6.txt");
  if (raw.empty()) GTEST_SKIP() << "shared/corpus/seeds not available";
  Document d = Clean(raw);
  EXPECT_NE(d.meta.outlet.find("Business Insider"), std::string::npos);
  EXPECT_EQ(d.meta.published.value.substr(0, 10), "2020-01-07");
  EXPECT_NE(d.meta.title.find("not-so-secret trip to Iraq"), std::string::npos);
  for (const char* junk : {"We use cookies", "Advertisement", "Next Article", "Visit Business Insider's homepage"})
    EXPECT_FALSE(Has(d, junk)) << junk;
}

TEST(CleanTextSeeds, StackExchangeThread) {
  std::string raw = ReadShared("corpus/seeds/001_a133d92a25269219.txt");
  if (raw.empty()) GTEST_SKIP() << "shared/corpus/seeds not available";
  Document d = Clean(raw);
  EXPECT_EQ(d.kind, DocKind::kQA);
  int answers = 0;
  for (const ThreadPart& p : d.parts) answers += p.role == Role::kAnswer;
  EXPECT_EQ(answers, 4);
  EXPECT_TRUE(d.meta.published.inferred);
  EXPECT_FALSE(Has(d, "You must log in"));
}

TEST(CleanTextSeeds, UndatedArticleGetsRange) {
  std::string raw = ReadShared("corpus/seeds/003_955d24485b83f74b.txt");
  if (raw.empty()) GTEST_SKIP() << "shared/corpus/seeds not available";
  Document d = Clean(raw);
  EXPECT_TRUE(d.meta.published.inferred);
  EXPECT_FALSE(d.meta.published.earliest.empty());
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

TEST(CleanText, SiteLabelAboveHeadlineIsNotTheTitle) {
  Document d;
  d.raw =
      "World News\n\nRebels seize the northern town after two days of fighting\n\n"
      "By Jane Doe\n\nRebels seized the northern town on Sunday after two days of heavy fighting, residents "
      "and officials said.\n";
  ASSERT_TRUE(CleanDocument(&d).ok());
  EXPECT_EQ(d.meta.title, "Rebels seize the northern town after two days of fighting");
  EXPECT_EQ(d.meta.author, "Jane Doe");
}

TEST(CleanText, OutletFromUrlHostWhenNothingElse) {
  Document d;
  d.raw = "Headline of a story about a vote\n\nThe parliament voted on Tuesday to approve the new budget, the speaker said.\n";
  d.meta.url = "https://www.example-news.test/politics/vote";
  ASSERT_TRUE(CleanDocument(&d).ok());
  EXPECT_EQ(d.meta.outlet, "example-news.test");
}

TEST(CleanText, NavigationLineIsNotTheTitle) {
  Document d = Clean(
      "Example Daily\nHome Politics Economy Sport Culture Weather Podcasts\n\n"
      "Floods cut off three villages in the northern hills\n\nBy Ana Lopez\nJun 2, 2022\n\n"
      "Heavy rain on Wednesday cut the only road into three villages in the northern hills, the regional "
      "governor said, and rescue teams were sent by boat.\n");
  EXPECT_EQ(d.meta.title, "Floods cut off three villages in the northern hills");
  EXPECT_FALSE(Has(d, "Podcasts"));
}

TEST(CleanText, SiteLabelIsNotTheTitleAndCreditGivesOutlet) {
  Document d = Clean(
      "Northern Wire Service\nBusiness News | Wire\n\n"
      "Port workers end strike after pay deal with shipping firms\n\nBy Sam Reed\nMay 9, 2022 10:00 AM GMT\n\n"
      "HARBOURTOWN, May 9 (NWS) - Port workers ended a five-day strike on Monday after unions reached a pay "
      "deal with the main shipping firms, union leaders said.\n\n"
      "The deal raises wages by six percent this year and four percent next year, the union said in a statement.\n\n"
      "Our Standards: The NWS Trust Principles.\n");
  EXPECT_EQ(d.meta.title, "Port workers end strike after pay deal with shipping firms");
  EXPECT_EQ(d.meta.outlet, "Northern Wire Service");
  EXPECT_FALSE(Has(d, "Business News | Wire"));
  EXPECT_FALSE(Has(d, "Our Standards"));
}

TEST(CleanText, DatelineCreditWithoutSpelledOutName) {
  Document d = Clean(
      "Port workers end strike after pay deal\n\n"
      "HARBOURTOWN, May 9 (Globe Wire) - Port workers ended a five-day strike on Monday after unions reached a "
      "pay deal with the main shipping firms, union leaders said.\n");
  EXPECT_EQ(d.meta.outlet, "Globe Wire");
}

TEST(CleanText, QuestionTitleAndQaChrome) {
  Document d = Clean(
      "Example Q&A\nQuestions Tags Users\n\nHow do tides form in a closed bay?\n\nAsked Apr 2, 2021\nViewed 1k times\n\n"
      "7\n\nI live near a small bay with a narrow mouth and the tide there is much weaker than on the open "
      "coast. What explains the difference?\n\n2 Answers\nSorted by: Highest score (default)\n\n"
      "5\n\nThe narrow mouth limits how much water can flow in during each tidal cycle, so the bay never "
      "fills to the level of the open sea.\n\nHot Network Questions\nWhy is the sea salty?\n");
  EXPECT_EQ(d.meta.title, "How do tides form in a closed bay?");
  EXPECT_FALSE(Has(d, "Sorted by"));
  EXPECT_FALSE(Has(d, "Hot Network Questions"));
  EXPECT_TRUE(Has(d, "narrow mouth limits"));
}

TEST(CleanText, FollowerCountLines) {
  EXPECT_TRUE(IsBoilerplateLine("1.2K Followers"));
  EXPECT_TRUE(IsBoilerplateLine("340 likes"));
  EXPECT_TRUE(IsBoilerplateLine("3,400 subscribers"));
  EXPECT_FALSE(IsBoilerplateLine("1,200 followers of the sect gathered in the square on Sunday."));
  EXPECT_FALSE(IsBoilerplateLine("Followers of the movement"));
}

TEST(CleanText, InferredDayFromBareMonthLastYearAndWeekday) {
  // 2021 was "last year"; "In November" then is November 2021, the report is from early
  // 2022, and the Wednesday it keeps mentioning is the first Wednesday of that window.
  Document d = Clean(
      "Mayor resigns over bridge contract\n\n"
      "The mayor of the river town resigned on Wednesday, council members said Wednesday, after an audit "
      "of the bridge contract.\n\n"
      "In November, the council ordered the audit after costs doubled.\n\n"
      "Last year, the bridge was closed twice for repairs, and in spring 2021 the contractor asked for more money.\n");
  const PubDate& p = d.meta.published;
  EXPECT_TRUE(p.inferred);
  EXPECT_EQ(p.value, "2022-01-05");
  EXPECT_EQ(p.earliest, "2022-01-01");
  EXPECT_EQ(p.latest, "2022-02-28");
}

}  // namespace
}  // namespace dossier
