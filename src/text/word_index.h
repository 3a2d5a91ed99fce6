// WordIndex: a fixed list of words, numbered in the order given, looked up by string_view.
//
// The entities, attribution and events stages ask their lexicons about every token, several
// million times per thousand documents. A std::unordered_map lookup costs a division and two
// dependent cache misses (bucket, then node); here a lookup is one hash and, usually, one probe
// of a small contiguous table (open addressing, power-of-two size, at most half full). Built
// once, read-only afterwards, so it can be shared by threads.
#ifndef DOSSIER_TEXT_WORD_INDEX_H_
#define DOSSIER_TEXT_WORD_INDEX_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dossier {

class WordIndex {
 public:
  WordIndex() = default;

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

  std::vector<std::string> words_;
  std::vector<Slot> slots_;  // size is a power of two (or zero)
};

}  // namespace dossier

#endif  // DOSSIER_TEXT_WORD_INDEX_H_
