#include "store/stored_records.h"

#include <algorithm>
#include <cstring>

#include "store/record_codec.h"

namespace dossier {

void ResolveRecordNames(const Resolution& resolution, EventRecord* r) {
  auto lookup = [&](const EventRecord::NameRef& n) {
    return n.text.empty() ? -1 : resolution.EntityOf(n.type, n.text);
  };
  // One id per argument; records written before names were kept resolve to none.
  for (size_t k = 0; k < r->mention.source.size(); ++k)
    r->source_entities.push_back(k < r->source_names.size() ? lookup(r->source_names[k]) : -1);
  for (size_t k = 0; k < r->mention.target.size(); ++k)
    r->target_entities.push_back(k < r->target_names.size() ? lookup(r->target_names[k]) : -1);
  r->place_entity = lookup(r->place_name);
  std::vector<EventRecord::NameRef>().swap(r->source_names);
  std::vector<EventRecord::NameRef>().swap(r->target_names);
  r->place_name = EventRecord::NameRef{};
}

bool StoredRecords::Add(std::string_view bytes) {
  EventRecordText text;
  if (!PeekEventRecord(bytes, &text)) return false;
  // Blocks of 4 MB (or one record's size): the bytes are copied once and never moved.
  constexpr size_t kBlock = size_t{4} << 20;
  if (blocks_.empty() || block_size_ - block_used_ < bytes.size()) {
    block_size_ = std::max(kBlock, bytes.size());
    blocks_.push_back(std::make_unique<char[]>(block_size_));
    block_used_ = 0;
  }
  char* at = blocks_.back().get() + block_used_;
  if (!bytes.empty()) std::memcpy(at, bytes.data(), bytes.size());
  block_used_ += bytes.size();
  Entry e;
  e.bytes = std::string_view(at, bytes.size());
  e.doc = std::string_view(at + (text.doc.data() - bytes.data()), text.doc.size());
  e.sentence = std::string_view(at + (text.sentence.data() - bytes.data()), text.sentence.size());
  e.index = text.index;
  entries_.push_back(e);
  return true;
}

void StoredRecords::Sort() {
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    return a.doc != b.doc ? a.doc < b.doc : a.index < b.index;
  });
}

bool StoredRecords::Decode(size_t i, EventRecord* r) const {
  if (!DecodeEventRecord(entries_[i].bytes, r)) return false;
  ResolveRecordNames(resolution_, r);
  return true;
}

bool StoredRecords::Read(size_t i, const std::function<void(const EventRecord&)>& fn) const {
  EventRecord r;
  if (!Decode(i, &r)) return false;
  fn(r);
  return true;
}

EventRecord StoredRecords::Take(size_t i) {
  // Fusion takes only records it has read: these decode.
  EventRecord r;
  if (!Decode(i, &r)) return EventRecord{};
  return r;
}

}  // namespace dossier
