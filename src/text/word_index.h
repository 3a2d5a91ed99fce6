// WordIndex: a fixed list of words, numbered in the order given, looked up by string_view.
//
// The entities, attribution and events stages ask their lexicons about every token, several
// million times per thousand documents. A std::unordered_map lookup costs a division and two
// dependent cache misses (bucket, then node); here a lookup is one hash and, usually, one probe
// of a small contiguous table (open addressing, power-of-two size, at most half full). Most
// tokens are in no lexicon: a bit array of one byte per word (other bits of the same hash)
// answers most of those without touching the table, which the other stages push out of the
// cache. One-byte words (punctuation, "a") are looked up in a plain array. Built once,
// read-only afterwards, so it can be shared by threads.
#ifndef DOSSIER_TEXT_WORD_INDEX_H_
#define DOSSIER_TEXT_WORD_INDEX_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dossier {

class WordIndex {
 public:
  WordIndex();

  // Adds `word` unless it is already there; returns its number either way.
  int Add(std::string_view word);

  // The number of `word`, or -1 when it was never added.
  int Find(std::string_view word) const;
  bool Contains(std::string_view word) const { return Find(word) >= 0; }

  size_t size() const { return words_.size(); }

 private:
  struct Slot {
    uint32_t hash = 0;
    int32_t word = -1;  // index into words_, -1 when the slot is empty
  };

  static uint32_t Hash(std::string_view word);
  void Grow();
  void SetFilterBit(uint32_t hash);

  std::vector<std::string> words_;
  int32_t ascii_[128];          // the number of each one-byte ASCII word, -1 when absent
  std::vector<Slot> slots_;     // size is a power of two (or zero)
  std::vector<uint64_t> filter_;  // bit (hash >> 7) mod size set for every word; size a power of two
};

// A value for each word of a fixed list, looked up like WordIndex: the lexicons keep every
// fact about a word in one value so a token costs one lookup. Built once, then read-only.
template <typename T>
class WordTable {
 public:
  // The value of `word`, default-constructed when the word is new.
  T& At(std::string_view word) {
    size_t i = static_cast<size_t>(index_.Add(word));
    if (i == values_.size()) values_.emplace_back();
    return values_[i];
  }
  // The value of `word`, or nullptr when it was never added.
  const T* Find(std::string_view word) const {
    int i = index_.Find(word);
    return i < 0 ? nullptr : &values_[static_cast<size_t>(i)];
  }
  // The number of the word whose value is `value` (a pointer Find() gave), -1 for nullptr:
  // two words are equal exactly when their numbers are.
  int Number(const T* value) const {
    return value == nullptr ? -1 : static_cast<int>(value - values_.data());
  }

 private:
  WordIndex index_;
  std::vector<T> values_;  // by word number
};

}  // namespace dossier

#endif  // DOSSIER_TEXT_WORD_INDEX_H_
