#include "text/word_index.h"

namespace dossier {

// FNV-1a, then a multiply to spread the low bits (the table index): words are short, and
// this inlines where std::hash calls out to a general-purpose byte hash.
uint32_t WordIndex::Hash(std::string_view word) {
  uint64_t h = 14695981039346656037ull;
  for (char c : word) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ull;
  return static_cast<uint32_t>(h ^ (h >> 32));
}

int WordIndex::Add(std::string_view word) {
  int found = Find(word);
  if (found >= 0) return found;
  if (2 * (words_.size() + 1) > slots_.size()) Grow();
  const uint32_t hash = Hash(word);
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].word >= 0) i = (i + 1) & mask;
  slots_[i].hash = hash;
  slots_[i].word = static_cast<int32_t>(words_.size());
  words_.emplace_back(word);
  return slots_[i].word;
}

int WordIndex::Find(std::string_view word) const {
  if (slots_.empty()) return -1;
  const uint32_t hash = Hash(word);
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.word < 0) return -1;
    if (s.hash == hash && words_[s.word] == word) return s.word;
  }
}

void WordIndex::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 64 : 2 * old.size(), Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.word < 0) continue;
    size_t i = s.hash & mask;
    while (slots_[i].word >= 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

}  // namespace dossier
