#include "store/record_codec.h"

#include <cstdint>
#include <cstring>

#include "core/compression.h"

namespace dossier {

namespace {

// Format: one version byte, then the fields in a fixed order. Integers are LEB128 varints
// (signed ones zigzagged), strings a varint length and their bytes, lists a varint count.
constexpr uint8_t kVersion = 1;

class Writer {
 public:
  void Unsigned(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>(v | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void Signed(int64_t v) { Unsigned((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
  void String(std::string_view s) {
    Unsigned(s.size());
    out_.append(s);
  }
  void SpanOf(Span s) {
    Unsigned(s.start);
    Unsigned(s.end);
  }
  std::string Take() { return std::move(out_); }
  void Byte(uint8_t b) { out_.push_back(static_cast<char>(b)); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return pos_ == in_.size(); }

  uint64_t Unsigned() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return Fail();
      uint8_t b = static_cast<uint8_t>(in_[pos_++]);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return v;
    }
    return Fail();
  }
  int64_t Signed() {
    uint64_t u = Unsigned();
    return static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
  }
  int Int() { return static_cast<int>(Signed()); }
  uint32_t U32() {
    uint64_t v = Unsigned();
    if (v > UINT32_MAX) return static_cast<uint32_t>(Fail());
    return static_cast<uint32_t>(v);
  }
  void String(std::string* s) {
    uint64_t n = Unsigned();
    if (!ok_ || n > in_.size() - pos_) {
      Fail();
      return;
    }
    s->assign(in_.data() + pos_, n);
    pos_ += n;
  }
  std::string_view View() {
    uint64_t n = Unsigned();
    if (!ok_ || n > in_.size() - pos_) {
      Fail();
      return {};
    }
    std::string_view v = in_.substr(pos_, n);
    pos_ += n;
    return v;
  }
  Span SpanOf() {
    Span s;
    s.start = U32();
    s.end = U32();
    return s;
  }
  // A list's length, bounded by the bytes left (each item takes at least one byte).
  size_t Count() {
    uint64_t n = Unsigned();
    if (n > in_.size() - pos_) return Fail();
    return static_cast<size_t>(n);
  }
  // An enum stored as its number, checked against its last value.
  template <typename E>
  E Enum(E last) {
    uint64_t v = Unsigned();
    if (v > static_cast<uint64_t>(last)) return static_cast<E>(Fail());
    return static_cast<E>(v);
  }

 private:
  uint64_t Fail() {
    ok_ = false;
    pos_ = in_.size();
    return 0;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

void PutArg(Writer& w, const EventArg& a) {
  // An argument with no text is no argument (the JSON form stored it as null).
  if (a.text.empty()) {
    w.String("");
    return;
  }
  w.String(a.text);
  w.SpanOf(a.span);
  w.Signed(a.mention);
}

EventArg GetArg(Reader& r) {
  EventArg a;
  r.String(&a.text);
  if (a.text.empty()) return a;
  a.span = r.SpanOf();
  a.mention = r.Int();
  return a;
}

void PutName(Writer& w, const EventRecord::NameRef& n) {
  w.String(n.text);
  if (!n.text.empty()) w.Unsigned(static_cast<uint64_t>(n.type));
}

EventRecord::NameRef GetName(Reader& r) {
  EventRecord::NameRef n;
  r.String(&n.text);
  if (!n.text.empty()) n.type = r.Enum(EntityType::kNorp);
  return n;
}

}  // namespace

std::string EncodeEventRecord(const EventRecord& r) {
  Writer w;
  w.Byte(kVersion);
  w.String(r.doc);
  w.String(r.outlet);
  w.String(r.published);
  w.Signed(r.index);
  const EventMention& m = r.mention;
  w.SpanOf(m.span);
  w.Signed(m.sentence);
  w.SpanOf(m.trigger);
  w.String(m.cameo);
  w.String(m.plover);
  w.String(m.mode);
  w.Unsigned(m.source.size());
  for (const EventArg& a : m.source) PutArg(w, a);
  w.Unsigned(m.target.size());
  for (const EventArg& a : m.target) PutArg(w, a);
  PutArg(w, m.place);
  PutArg(w, m.instrument);
  w.Signed(m.timex);
  w.String(m.date);
  w.Unsigned(m.counts.size());
  for (const Count& c : m.counts) {
    w.String(c.slot);
    w.Signed(c.value);
    w.Signed(c.high);
    w.String(c.qualifier);
    w.SpanOf(c.span);
  }
  w.Unsigned(static_cast<uint64_t>(m.modality));
  w.Signed(m.attribution);
  w.String(r.sentence);
  w.String(r.timex_text);
  w.String(r.timex_value);
  w.Unsigned(r.source_names.size());
  for (const auto& n : r.source_names) PutName(w, n);
  w.Unsigned(r.target_names.size());
  for (const auto& n : r.target_names) PutName(w, n);
  PutName(w, r.place_name);
  w.String(r.attributed_to);
  w.Unsigned(static_cast<uint64_t>(r.sourcing));
  w.String(r.trigger_text);
  w.Signed(r.sentence_start);
  return w.Take();
}

bool DecodeEventRecord(std::string_view bytes, EventRecord* out) {
  if (bytes.empty() || static_cast<uint8_t>(bytes[0]) != kVersion) return false;
  Reader rd(bytes.substr(1));
  EventRecord r;
  rd.String(&r.doc);
  rd.String(&r.outlet);
  rd.String(&r.published);
  r.index = rd.Int();
  EventMention& m = r.mention;
  m.span = rd.SpanOf();
  m.sentence = rd.Int();
  m.trigger = rd.SpanOf();
  rd.String(&m.cameo);
  rd.String(&m.plover);
  rd.String(&m.mode);
  for (size_t i = 0, n = rd.Count(); i < n && rd.ok(); ++i) m.source.push_back(GetArg(rd));
  for (size_t i = 0, n = rd.Count(); i < n && rd.ok(); ++i) m.target.push_back(GetArg(rd));
  m.place = GetArg(rd);
  m.instrument = GetArg(rd);
  m.timex = rd.Int();
  rd.String(&m.date);
  for (size_t i = 0, n = rd.Count(); i < n && rd.ok(); ++i) {
    Count c;
    rd.String(&c.slot);
    c.value = rd.Signed();
    c.high = rd.Signed();
    rd.String(&c.qualifier);
    c.span = rd.SpanOf();
    m.counts.push_back(std::move(c));
  }
  m.modality = rd.Enum(Modality::kNegated);
  m.attribution = rd.Int();
  rd.String(&r.sentence);
  rd.String(&r.timex_text);
  rd.String(&r.timex_value);
  for (size_t i = 0, n = rd.Count(); i < n && rd.ok(); ++i) r.source_names.push_back(GetName(rd));
  for (size_t i = 0, n = rd.Count(); i < n && rd.ok(); ++i) r.target_names.push_back(GetName(rd));
  r.place_name = GetName(rd);
  rd.String(&r.attributed_to);
  r.sourcing = rd.Enum(Sourcing::kQuestion);
  rd.String(&r.trigger_text);
  r.sentence_start = rd.Signed();
  if (!rd.ok() || !rd.done()) return false;
  *out = std::move(r);
  return true;
}

bool PeekEventRecord(std::string_view bytes, EventRecordText* out) {
  // The fields before the sentence, in DecodeEventRecord's order, read and dropped.
  if (bytes.empty() || static_cast<uint8_t>(bytes[0]) != kVersion) return false;
  Reader rd(bytes.substr(1));
  EventRecordText t;
  t.doc = rd.View();
  rd.View();  // outlet
  rd.View();  // published
  t.index = rd.Int();
  rd.SpanOf();  // span
  rd.Int();     // sentence number
  rd.SpanOf();  // trigger
  for (int i = 0; i < 3; ++i) rd.View();  // cameo, plover, mode
  auto skip_arg = [&rd]() {
    if (rd.View().empty()) return;
    rd.SpanOf();
    rd.Int();
  };
  for (int list = 0; list < 2; ++list)  // source, target
    for (size_t i = 0, n = rd.Count(); i < n && rd.ok(); ++i) skip_arg();
  skip_arg();  // place
  skip_arg();  // instrument
  rd.Int();    // timex
  rd.View();   // date
  for (size_t i = 0, n = rd.Count(); i < n && rd.ok(); ++i) {
    rd.View();  // slot
    rd.Signed();
    rd.Signed();
    rd.View();  // qualifier
    rd.SpanOf();
  }
  rd.Enum(Modality::kNegated);
  rd.Int();  // attribution
  t.sentence = rd.View();
  if (!rd.ok()) return false;
  *out = t;
  return true;
}

namespace {
constexpr uint8_t kMentionsVersion = 1;
}  // namespace

std::string EncodeMentions(const std::vector<StoredMention>& mentions) {
  Writer w;
  w.Byte(kMentionsVersion);
  w.Unsigned(mentions.size());
  for (const StoredMention& m : mentions) {
    w.String(m.type);
    w.String(m.text);
    w.String(m.titles);
    w.String(m.alias);
  }
  return w.Take();
}

bool DecodeMentions(std::string_view bytes, std::vector<StoredMention>* out) {
  out->clear();
  if (bytes.empty() || static_cast<uint8_t>(bytes[0]) != kMentionsVersion) return false;
  Reader r(bytes.substr(1));
  size_t n = r.Count();
  out->reserve(n);
  for (size_t i = 0; i < n && r.ok(); ++i) {
    StoredMention m;
    m.type = r.View();
    m.text = r.View();
    m.titles = r.View();
    m.alias = r.View();
    out->push_back(m);
  }
  if (!r.ok() || !r.done()) {
    out->clear();
    return false;
  }
  return true;
}

std::string EncodeLayers(std::string_view json) {
  std::string out(4, '\0');
  uint32_t n = static_cast<uint32_t>(json.size());
  std::memcpy(out.data(), &n, 4);
  ZlibCompress(json, &out);
  return out;
}

bool DecodeLayers(const void* bytes, size_t size, std::string* out) {
  if (bytes == nullptr || size < 4) return false;
  uint32_t n;
  std::memcpy(&n, bytes, 4);
  return ZlibInflate(static_cast<const char*>(bytes) + 4, size - 4, n, out);
}

}  // namespace dossier
