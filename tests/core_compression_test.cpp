// Tests of core/compression.h: what libdeflate writes, zlib reads, and the other way round;
// damaged, cut-short and oversized streams are refused.
#include "core/compression.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace dossier {
namespace {

std::string Sample(size_t n) {
  std::string s;
  for (size_t i = 0; s.size() < n; ++i)
    s += "Officials said " + std::to_string(i * 7919 % 1000) + " people were evacuated from the port. ";
  s.resize(n);
  return s;
}

std::string ZlibByZlib(const std::string& in) {
  uLongf bound = compressBound(static_cast<uLong>(in.size()));
  std::string out(bound, '\0');
  compress2(reinterpret_cast<Bytef*>(out.data()), &bound, reinterpret_cast<const Bytef*>(in.data()),
            static_cast<uLong>(in.size()), 6);
  out.resize(bound);
  return out;
}

std::string GzipByZlib(const std::string& in) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  std::string out(deflateBound(&zs, static_cast<uLong>(in.size())), '\0');
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST(Compression, ZlibStreamsReadBothWays) {
  for (size_t n : {size_t{0}, size_t{1}, size_t{100}, size_t{300000}}) {
    std::string text = Sample(n);
    std::string ours = "prefix";
    ZlibCompress(text, &ours);
    ASSERT_EQ(ours.compare(0, 6, "prefix"), 0) << "appends";
    // zlib reads ours.
    std::string back(n, '\0');
    uLongf len = n;
    ASSERT_EQ(uncompress(reinterpret_cast<Bytef*>(back.data()), &len,
                         reinterpret_cast<const Bytef*>(ours.data() + 6), static_cast<uLong>(ours.size() - 6)),
              Z_OK);
    EXPECT_EQ(back.substr(0, len), text);
    // We read ours and zlib's.
    std::string got = "stale";
    ASSERT_TRUE(ZlibInflate(ours.data() + 6, ours.size() - 6, n, &got));
    EXPECT_EQ(got, text);
    std::string theirs = ZlibByZlib(text);
    ASSERT_TRUE(ZlibInflate(theirs.data(), theirs.size(), n, &got));
    EXPECT_EQ(got, text);
  }
  std::string big = Sample(1 << 20);
  std::string ours;
  ZlibCompress(big, &ours);
  EXPECT_LT(ours.size(), big.size() / 4) << "repetitive text deflates";
}

TEST(Compression, ZlibInflateRefusesWrongSizeAndDamage) {
  std::string text = Sample(5000), z;
  ZlibCompress(text, &z);
  std::string out;
  EXPECT_FALSE(ZlibInflate(z.data(), z.size(), text.size() - 1, &out)) << "longer than stated";
  EXPECT_FALSE(ZlibInflate(z.data(), z.size(), text.size() + 1, &out)) << "shorter than stated";
  EXPECT_FALSE(ZlibInflate(z.data(), z.size() / 2, text.size(), &out)) << "cut short";
  std::string bad = z;
  bad[bad.size() / 2] = static_cast<char>(bad[bad.size() / 2] ^ 0x5A);
  EXPECT_FALSE(ZlibInflate(bad.data(), bad.size(), text.size(), &out)) << "damaged (checksum)";
  EXPECT_FALSE(ZlibInflate("", 0, 0, &out));
  // A damaged stated size larger than deflate can expand to is refused before allocating.
  EXPECT_FALSE(ZlibInflate(z.data(), z.size(), size_t{1} << 40, &out));
}

TEST(Compression, GunzipReadsOneOrSeveralMembers) {
  std::string a = Sample(70000), b = Sample(123);
  std::string out = "stale";
  ASSERT_TRUE(Gunzip(GzipByZlib(a), 1 << 20, &out).ok());
  EXPECT_EQ(out, a);
  ASSERT_TRUE(Gunzip(GzipByZlib(a) + GzipByZlib(b) + GzipByZlib(""), 1 << 20, &out).ok());
  EXPECT_EQ(out, a + b);
  // Exactly at the limit is allowed.
  ASSERT_TRUE(Gunzip(GzipByZlib(a), a.size(), &out).ok());
  EXPECT_EQ(out, a);
}

TEST(Compression, GunzipRefusesBombsCutsAndDamage) {
  std::string a = Sample(70000);
  std::string gz = GzipByZlib(a);
  std::string out;
  Status s = Gunzip(gz, a.size() - 1, &out);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("gzip bomb"), std::string::npos) << s.message();
  EXPECT_TRUE(out.empty());
  // The limit counts every member together.
  s = Gunzip(gz + gz, a.size() + 10, &out);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("gzip bomb"), std::string::npos) << s.message();
  // A trailer that states a huge size does not make a small stream a bomb, nor the reverse.
  std::string lying = gz;
  lying[lying.size() - 1] = '\x7f';
  s = Gunzip(lying, 1 << 20, &out);
  EXPECT_FALSE(s.ok()) << "the size check of the trailer fails";
  EXPECT_EQ(s.message().find("gzip bomb"), std::string::npos) << s.message();

  s = Gunzip(gz.substr(0, gz.size() / 2), 1 << 20, &out);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("truncated or corrupt"), std::string::npos) << s.message();
  EXPECT_TRUE(out.empty());
  s = Gunzip(gz + "garbage after the member", 1 << 20, &out);
  EXPECT_FALSE(s.ok()) << "trailing bytes that are not a member";
  EXPECT_FALSE(Gunzip(std::string("\x1f\x8b", 2), 1 << 20, &out).ok());
}

}  // namespace
}  // namespace dossier
