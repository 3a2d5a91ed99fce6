// The event records of one fusion part held in their stored form (store/record_codec.h),
// about a quarter of their decoded size, and decoded whenever fusion reads one: what lets
// the build fuse its largest part without holding half a million decoded records.
#ifndef DOSSIER_STORE_STORED_RECORDS_H_
#define DOSSIER_STORE_STORED_RECORDS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "entities/resolve.h"
#include "fusion/fusion.h"

namespace dossier {

class StoredRecords : public PartRecords {
 public:
  // `resolution` gives the arguments' entity ids when a record is decoded; it must outlive
  // this object.
  explicit StoredRecords(const Resolution& resolution) : resolution_(resolution) {}

  // Keeps a copy of one stored record; false (and nothing kept) when its bytes are no
  // record.
  bool Add(std::string_view bytes);
  // Puts the records in (document, index) order.
  void Sort();

  size_t size() const override { return entries_.size(); }
  std::string_view Doc(size_t i) const override { return entries_[i].doc; }
  int Index(size_t i) const override { return entries_[i].index; }
  std::string_view Sentence(size_t i) const override { return entries_[i].sentence; }
  bool Read(size_t i, const std::function<void(const EventRecord&)>& fn) const override;
  EventRecord Take(size_t i) override;

 private:
  struct Entry {
    std::string_view bytes, doc, sentence;  // into blocks_
    int index = -1;
  };
  // Record i decoded, with its entity ids; false when its bytes do not decode
  // (PeekEventRecord checks only their first fields).
  bool Decode(size_t i, EventRecord* r) const;

  const Resolution& resolution_;
  std::vector<std::unique_ptr<char[]>> blocks_;  // the bytes, never moved once written
  size_t block_used_ = 0, block_size_ = 0;
  std::vector<Entry> entries_;
};

// Looks up the entity ids of `r`'s arguments from the names it stores, then drops the
// names (fusion reads the ids only).
void ResolveRecordNames(const Resolution& resolution, EventRecord* r);

}  // namespace dossier

#endif  // DOSSIER_STORE_STORED_RECORDS_H_
