// The name-matching key: transliteration variants share a key, distinct names do not.
#include <gtest/gtest.h>

#include "entities/name_key.h"

namespace dossier {
namespace {

std::string Full(const std::string& s) { return MakeNameKey(s).full; }

TEST(NameKey, TransliterationVariantsShareAKey) {
  EXPECT_EQ(Full("Qassem Soleimani"), Full("Qasem Soleimani"));
  EXPECT_EQ(Full("Qassem Soleimani"), Full("Qassem Suleimani"));
  EXPECT_EQ(Full("Soleimani"), Full("Suleimani"));
  EXPECT_EQ(Full("Kata'ib Hezbollah"), Full("Kata\u2019ib Hezbollah"));
  EXPECT_EQ(Full("Kata'ib Hezbollah"), Full("Kataib Hezbollah"));
  EXPECT_EQ(Full("Kata'ib Hezbollah"), Full("Kataeb Hezbollah"));
  EXPECT_EQ(Full("Kata'ib Hezbollah"), Full("Kata'ib Hizbullah"));
  EXPECT_EQ(Full("Popular Mobilization Forces"), Full("Popular Mobilisation Forces"));
  EXPECT_EQ(Full("Adel Abdul Mahdi"), Full("Adil Abdul-Mahdi"));
  EXPECT_EQ(Full("Adel Abdul Mahdi"), Full("Adel Abd al-Mahdi"));
  EXPECT_EQ(Full("Abu Mahdi al-Muhandis"), Full("Abu Mahdi Al Muhandis"));
  EXPECT_EQ(Full("al-Muhandis"), Full("Muhandis"));
  EXPECT_EQ(Full("Muammar Gaddafi"), Full("Muammar Ghaddafi"));
  EXPECT_EQ(Full("Moammar Qaddafi"), Full("Muammar Kadhafi"));
  EXPECT_EQ(Full("Hussein"), Full("Husayn"));
  EXPECT_EQ(Full("Mohammed"), Full("Muhammad"));
  EXPECT_EQ(Full("Donald J. Trump"), Full("Donald Trump"));
  EXPECT_EQ(Full("Jos\u00e9 Mar\u00eda"), Full("Jose Maria"));
}

TEST(NameKey, DistinctNamesStayApart) {
  EXPECT_NE(Full("Abu Mahdi al-Muhandis"), Full("Adel Abdul Mahdi"));
  EXPECT_NE(Full("Hezbollah"), Full("Kata'ib Hezbollah"));
  EXPECT_NE(Full("Baghdad"), Full("Abu Bakr al Baghdadi"));
  EXPECT_NE(Full("Baghdad"), Full("Baghdadi"));
  EXPECT_NE(Full("Mohammed"), Full("Mahmoud"));
  EXPECT_NE(Full("Ahmed"), Full("Hamid"));
  EXPECT_NE(Full("Mahdi"), Full("Abu Mahdi"));
}

TEST(NameKey, PartKinds) {
  NameKey k = MakeNameKey("Abu Mahdi al-Muhandis");
  ASSERT_EQ(k.parts.size(), 2u);
  EXPECT_EQ(k.parts[0].kind, NamePartKind::kKunya);
  EXPECT_EQ(k.parts[1].kind, NamePartKind::kPlain);
  NameKey a = MakeNameKey("Adel Abdul Mahdi");
  ASSERT_EQ(a.parts.size(), 2u);
  EXPECT_EQ(a.parts[1].kind, NamePartKind::kCompound);
  EXPECT_EQ(a.parts[1].head, Skeleton("Mahdi"));
  NameKey glued = MakeNameKey("Adel Abdulmahdi");
  EXPECT_EQ(glued.full, a.full);
}

TEST(NameKey, AcronymsAndInitials) {
  NameKey pmf = MakeNameKey("PMF");
  EXPECT_TRUE(pmf.acronym);
  EXPECT_EQ(pmf.initials, "PMF");
  EXPECT_EQ(MakeNameKey("Popular Mobilization Forces").initials, "PMF");
  EXPECT_EQ(MakeNameKey("Islamic Revolutionary Guard Corps").initials, "IRGC");
  EXPECT_EQ(MakeNameKey("Bank of England").initials, "BE");
  // An Arabic article may give the acronym a letter ("SAF" for "Saraya al-Fajr").
  EXPECT_EQ(MakeNameKey("Saraya al-Fajr").initials, "SF");
  EXPECT_EQ(MakeNameKey("Saraya Al-Fajr").initials_all, "SAF");
  EXPECT_EQ(MakeNameKey("Bank of England").initials_all, "BE");
  EXPECT_FALSE(MakeNameKey("Trump").acronym);
  EXPECT_TRUE(MakeNameKey("U.S.").acronym);
}

TEST(NameKey, SkeletonRules) {
  EXPECT_EQ(Skeleton("Qassem"), Skeleton("Kasem"));
  EXPECT_EQ(Skeleton("Soleimani"), "sVlVmVnV");
  EXPECT_EQ(Skeleton("Hossein"), Skeleton("Hussain"));
  EXPECT_EQ(Skeleton("Dawood"), Skeleton("Daoud"));
  EXPECT_NE(Skeleton("Muhammad"), Skeleton("Mahmoud"));
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

TEST(NameKey, ShortNamesKeepTheirVowels) {
  EXPECT_NE(Full("Shia"), Full("Shah"));
  EXPECT_NE(Full("Ali"), Full("Eli"));
  EXPECT_EQ(Full("Alli"), Full("Ali"));
}

}  // namespace
}  // namespace dossier
