#include "ingest/flat_json.h"

#include "ingest/utf8.h"

#include <cstdint>
#include <cstring>

namespace dossier {
namespace {

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Four hex digits at s[i..i+4), or -1.
int32_t Hex4(std::string_view s, size_t i) {
  if (i + 4 > s.size()) return -1;
  int32_t v = 0;
  for (size_t k = i; k < i + 4; ++k) {
    int d = HexValue(s[k]);
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// True when one of the eight bytes of `w` is '"', '\\' or below 0x20 (the classic SWAR
// tests: a byte b is zero when (b - 1) & ~b has its top bit set; never a false negative).
bool HasSpecialByte(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
  uint64_t found = ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) |
                   ((w - kOnes * 0x20) & ~w);
  return (found & kHigh) != 0;
}

// Reads the JSON string starting at the quote s[*i] into *out (decoded), leaving *i after
// the closing quote. The line is already known to be well-formed UTF-8, so only quotes,
// backslashes and control characters need a look.
bool ReadString(std::string_view s, size_t* i, std::string* out) {
  size_t p = *i + 1;
  const size_t n = s.size();
  out->clear();
  while (true) {
    size_t start = p;
    // Plain text eight bytes at a time, then byte by byte up to the special one.
    while (p + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s.data() + p, 8);
      if (HasSpecialByte(w)) break;
      p += 8;
    }
    while (p < n) {
      unsigned char c = static_cast<unsigned char>(s[p]);
      if (c == '"' || c == '\\' || c < 0x20) break;
      ++p;
    }
    out->append(s.data() + start, p - start);
    if (p >= n) return false;  // unterminated
    char c = s[p];
    if (c == '"') {
      *i = p + 1;
      return true;
    }
    if (c != '\\') return false;  // a raw control character
    if (++p >= n) return false;
    switch (s[p]) {
      case '"': out->push_back('"'); break;
      case '\\': out->push_back('\\'); break;
      case '/': out->push_back('/'); break;
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'n': out->push_back('\n'); break;
      case 'r': out->push_back('\r'); break;
      case 't': out->push_back('\t'); break;
      case 'u': {
        int32_t cp = Hex4(s, p + 1);
        if (cp < 0) return false;
        p += 4;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate alone
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          // Must be followed by "\u" and a low surrogate.
          if (p + 2 >= n || s[p + 1] != '\\' || s[p + 2] != 'u') return false;
          int32_t low = Hex4(s, p + 3);
          if (low < 0xDC00 || low > 0xDFFF) return false;
          p += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        AppendUtf8(static_cast<uint32_t>(cp), out);
        break;
      }
      default:
        return false;
    }
    ++p;
  }
}

}  // namespace

bool ReadFlatJsonObject(std::string_view s, const std::string_view* keys, size_t n,
                        std::string* values) {
  // Bytes above 0x7F may only stand inside strings, where JSON wants them well-formed:
  // checking the whole line once is the same rule.
  if (!IsWellFormedUtf8(s)) return false;
  for (size_t k = 0; k < n; ++k) values[k].clear();
  size_t i = 0;
  auto skip_space = [&] {
    while (i < s.size() && IsJsonSpace(s[i])) ++i;
  };
  auto literal = [&](std::string_view word) {
    if (s.compare(i, word.size(), word) != 0) return false;
    i += word.size();
    return true;
  };
  skip_space();
  if (i >= s.size() || s[i] != '{') return false;
  ++i;
  skip_space();
  std::string key, scratch;
  if (i < s.size() && s[i] == '}') {
    ++i;
  } else {
    while (true) {
      if (i >= s.size() || s[i] != '"' || !ReadString(s, &i, &key)) return false;
      skip_space();
      if (i >= s.size() || s[i] != ':') return false;
      ++i;
      skip_space();
      std::string* slot = &scratch;
      for (size_t k = 0; k < n; ++k)
        if (key == keys[k]) slot = &values[k];
      if (i < s.size() && s[i] == '"') {
        if (!ReadString(s, &i, slot)) return false;
      } else if (literal("null") || literal("true") || literal("false")) {
        slot->clear();
      } else {
        return false;  // a number, array or object: not this reader's shape
      }
      skip_space();
      if (i < s.size() && s[i] == ',') {
        ++i;
        skip_space();
        continue;
      }
      if (i < s.size() && s[i] == '}') {
        ++i;
        break;
      }
      return false;
    }
  }
  skip_space();
  return i == s.size();
}

}  // namespace dossier
