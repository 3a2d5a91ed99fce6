#include "text/word_index.h"

#include <cstring>

namespace dossier {
namespace {

// Whether the n bytes at a and b are equal. Words are short: two overlapping loads answer
// without the call memcmp costs.
inline bool SameBytes(const char* a, const char* b, size_t n) {
  if (n >= 8) {
    if (n > 16) return std::memcmp(a, b, n) == 0;
    uint64_t a1, b1, a2, b2;
    std::memcpy(&a1, a, 8);
    std::memcpy(&b1, b, 8);
    std::memcpy(&a2, a + n - 8, 8);
    std::memcpy(&b2, b + n - 8, 8);
    return ((a1 ^ b1) | (a2 ^ b2)) == 0;
  }
  if (n >= 4) {
    uint32_t a1, b1, a2, b2;
    std::memcpy(&a1, a, 4);
    std::memcpy(&b1, b, 4);
    std::memcpy(&a2, a + n - 4, 4);
    std::memcpy(&b2, b + n - 4, 4);
    return ((a1 ^ b1) | (a2 ^ b2)) == 0;
  }
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

}  // namespace

// Eight bytes at a time, the last one to eight bytes read as two overlapping 4-byte words
// (or, below four bytes, as three single bytes), then a multiply to spread the bits into
// the low ones (the table index). Most words take one step; a byte-at-a-time hash costs a
// multiply per byte. Inlined: it is most of a lookup.
[[gnu::always_inline]] inline uint32_t WordIndex::Hash(std::string_view word) {
  const uint64_t kMul = 0x9E3779B97F4A7C15ull;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(word.data());
  size_t n = word.size();
  uint64_t h = n * kMul;
  while (n > 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = (h ^ v) * kMul;
    h ^= h >> 32;
    p += 8;
    n -= 8;
  }
  uint64_t v = 0;
  if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    v = (uint64_t{a} << 32) | b;
  } else if (n > 0) {
    v = (uint64_t{p[0]} << 16) | (uint64_t{p[n >> 1]} << 8) | p[n - 1];
  }
  h = (h ^ v) * kMul;
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ull;
  return static_cast<uint32_t>(h ^ (h >> 32));
}

WordIndex::WordIndex() {
  for (int32_t& w : ascii_) w = -1;
}

int WordIndex::Add(std::string_view word) {
  int found = Find(word);
  if (found >= 0) return found;
  if (word.size() == 1 && static_cast<unsigned char>(word[0]) < 0x80)
    ascii_[static_cast<unsigned char>(word[0])] = static_cast<int32_t>(words_.size());
  if (2 * (words_.size() + 1) > slots_.size()) Grow();
  const uint32_t hash = Hash(word);
  SetFilterBit(hash);
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].word >= 0) i = (i + 1) & mask;
  slots_[i].hash = hash;
  slots_[i].word = static_cast<int32_t>(words_.size());
  words_.emplace_back(word);
  return slots_[i].word;
}

int WordIndex::Find(std::string_view word) const {
  if (word.size() == 1 && static_cast<unsigned char>(word[0]) < 0x80)
    return ascii_[static_cast<unsigned char>(word[0])];
  if (slots_.empty()) return -1;
  const uint32_t hash = Hash(word);
  const uint32_t bit = (hash >> 7) & static_cast<uint32_t>(filter_.size() * 64 - 1);
  if (((filter_[bit >> 6] >> (bit & 63)) & 1) == 0) return -1;
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.word < 0) return -1;
    if (s.hash != hash) continue;
    const std::string& w = words_[s.word];
    if (w.size() == word.size() && SameBytes(w.data(), word.data(), word.size())) return s.word;
  }
}

void WordIndex::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 64 : 2 * old.size(), Slot{});
  // Four filter bits per slot: eight per word at the fullest.
  filter_.assign(slots_.size() * 4 / 64, 0);
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.word < 0) continue;
    size_t i = s.hash & mask;
    while (slots_[i].word >= 0) i = (i + 1) & mask;
    slots_[i] = s;
    SetFilterBit(s.hash);
  }
}

void WordIndex::SetFilterBit(uint32_t hash) {
  const uint32_t bit = (hash >> 7) & static_cast<uint32_t>(filter_.size() * 64 - 1);
  filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
}

}  // namespace dossier
