#include "ingest/reader.h"

#include "core/compression.h"
#include "ingest/flat_json.h"
#include "ingest/utf8.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>

namespace dossier {
namespace fs = std::filesystem;

namespace {

bool IsGzip(const std::string& b) {
  return b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0x1f &&
         static_cast<unsigned char>(b[1]) == 0x8b;
}

// Share of bytes that are control characters other than whitespace; NUL counts heavily.
bool LooksBinary(const std::string& b) {
  size_t n = std::min<size_t>(b.size(), 8192);
  if (n == 0) return false;
  size_t bad = 0;
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(b[i]);
    if (c == 0) bad += 4;
    else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b) bad += 1;
  }
  return bad * 10 > n;  // more than ~10% control bytes
}

bool ValidUtf8(const std::string& s) { return IsWellFormedUtf8(s); }

// Replaces invalid UTF-8 sequences with U+FFFD.
std::string RepairUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) out += "\xEF\xBF\xBD";
    else out.append(s.data() + start, i - start);
  }
  return out;
}

// Charset named in an HTML meta tag or XML declaration, if any.
std::string DeclaredCharset(const std::string& b) {
  std::string head = b.substr(0, std::min<size_t>(b.size(), 4096));
  std::transform(head.begin(), head.end(), head.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  size_t p = head.find("charset=");
  if (p == std::string::npos) p = head.find("encoding=");
  if (p == std::string::npos) return "";
  p = head.find('=', p) + 1;
  while (p < head.size() && (head[p] == '"' || head[p] == '\'' || head[p] == ' ')) ++p;
  size_t e = p;
  while (e < head.size() && (std::isalnum(static_cast<unsigned char>(head[e])) || head[e] == '-' ||
                             head[e] == '_'))
    ++e;
  return head.substr(p, e - p);
}

bool Convert(const std::string& bytes, const std::string& charset, std::string* out) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* from = ucnv_open(charset.c_str(), &status);
  if (U_FAILURE(status)) return false;
  std::u16string wide(bytes.size() * 2 + 16, u'\0');
  int32_t wlen = ucnv_toUChars(from, reinterpret_cast<UChar*>(wide.data()),
                               static_cast<int32_t>(wide.size()), bytes.data(),
                               static_cast<int32_t>(bytes.size()), &status);
  ucnv_close(from);
  if (U_FAILURE(status)) return false;
  out->clear();
  out->reserve(wlen * 2);
  for (int32_t i = 0; i < wlen;) {
    UChar32 c;
    U16_NEXT(wide.data(), i, wlen, c);
    if (U_IS_SURROGATE(c)) c = 0xFFFD;
    char buf[4];
    int32_t k = 0;
    UBool err = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), k, 4, c, err);
    if (!err) out->append(buf, k);
  }
  return true;
}

// Hash64 is FNV-1a, then a finalizer for better bit mixing. FNV-1a is a chain of
// multiplications, one per byte, each waiting for the last: hashing several strings side
// by side keeps the multiplier busy, so ContentIds runs four chains at once.
constexpr uint64_t kFnvBasis = 1469598103934665603ull, kFnvPrime = 1099511628211ull;

uint64_t Finish64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

uint64_t Hash64(const std::string& s) {
  uint64_t h = kFnvBasis;
  for (unsigned char c : s) {
    h ^= c;
    h *= kFnvPrime;
  }
  return Finish64(h);
}

// Hash64 of four strings: their common length in lock step, then the rest of each alone.
void Hash64x4(const std::string* const* s, uint64_t* out) {
  size_t common = std::min(std::min(s[0]->size(), s[1]->size()), std::min(s[2]->size(), s[3]->size()));
  const auto* p0 = reinterpret_cast<const unsigned char*>(s[0]->data());
  const auto* p1 = reinterpret_cast<const unsigned char*>(s[1]->data());
  const auto* p2 = reinterpret_cast<const unsigned char*>(s[2]->data());
  const auto* p3 = reinterpret_cast<const unsigned char*>(s[3]->data());
  uint64_t h[4] = {kFnvBasis, kFnvBasis, kFnvBasis, kFnvBasis};
  for (size_t i = 0; i < common; ++i) {
    h[0] = (h[0] ^ p0[i]) * kFnvPrime;
    h[1] = (h[1] ^ p1[i]) * kFnvPrime;
    h[2] = (h[2] ^ p2[i]) * kFnvPrime;
    h[3] = (h[3] ^ p3[i]) * kFnvPrime;
  }
  for (size_t k = 0; k < 4; ++k) {
    const auto* p = reinterpret_cast<const unsigned char*>(s[k]->data());
    for (size_t i = common; i < s[k]->size(); ++i) h[k] = (h[k] ^ p[i]) * kFnvPrime;
    out[k] = Finish64(h[k]);
  }
}

std::string HexId(uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// The members of a JSON Lines record that ingest reads, in this order.
constexpr std::string_view kRecordKeys[] = {"url", "title", "outlet", "author", "published", "html", "text"};
enum RecordKey { kUrl, kTitle, kOutlet, kAuthor, kPublished, kHtmlKey, kTextKey, kRecordKeyCount };

// Reads one record's members into fields[] (see kRecordKeys): the flat-object fast path,
// else nlohmann (which alone judges anything unusual). False when the line is not a JSON
// object.
bool ReadRecord(std::string_view line, std::string* fields) {
  if (ReadFlatJsonObject(line, kRecordKeys, kRecordKeyCount, fields)) return true;
  auto j = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
  if (!j.is_object()) return false;
  for (size_t k = 0; k < kRecordKeyCount; ++k) {
    auto it = j.find(kRecordKeys[k]);
    fields[k] = it == j.end() || !it->is_string() ? "" : it->get<std::string>();
  }
  return true;
}

bool HasJsonlShape(const std::string& b) {
  size_t i = 0;
  while (i < b.size() && std::isspace(static_cast<unsigned char>(b[i]))) ++i;
  if (i >= b.size() || b[i] != '{') return false;
  size_t nl = b.find('\n', i);
  std::string first = b.substr(i, nl == std::string::npos ? std::string::npos : nl - i);
  auto j = nlohmann::json::parse(first, nullptr, false);
  return j.is_object() && (j.contains("text") || j.contains("html"));
}

Status ReadJsonl(const std::string& path, const std::string& bytes, const IngestLimits& limits,
                 std::vector<RawInput>* out, std::vector<std::string>* errors) {
  const std::string_view all(bytes);
  std::string fields[kRecordKeyCount];
  size_t pos = 0;
  int line_no = 0;
  while (pos < all.size()) {
    size_t nl = all.find('\n', pos);
    if (nl == std::string_view::npos) nl = all.size();
    ++line_no;
    std::string_view line = all.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    std::string where = path + ":" + std::to_string(line_no);
    if (line.size() > limits.max_document_bytes) {
      errors->push_back(where + ": record too large (" + Megabytes(line.size()) + ", limit " +
                        Megabytes(limits.max_document_bytes) + ")");
      continue;
    }
    if (!ReadRecord(line, fields)) {
      errors->push_back(where + ": not a JSON object");
      continue;
    }
    RawInput in;
    in.path = where;
    in.given.url = std::move(fields[kUrl]);
    in.given.title = std::move(fields[kTitle]);
    in.given.outlet = std::move(fields[kOutlet]);
    in.given.author = std::move(fields[kAuthor]);
    if (!fields[kPublished].empty()) in.given.published.value = std::move(fields[kPublished]);
    // Decoded JSON strings are well-formed UTF-8 already (both readers check), so the
    // repair is only a safety net and the body is moved, not copied.
    std::string& body = !fields[kHtmlKey].empty() ? fields[kHtmlKey] : fields[kTextKey];
    if (body.empty()) {
      errors->push_back(where + ": record has neither \"text\" nor \"html\"");
      continue;
    }
    in.format = &body == &fields[kHtmlKey] ? SourceFormat::kHtml : SourceFormat::kText;
    in.bytes = IsWellFormedUtf8(body) ? std::move(body) : RepairUtf8(body);
    in.charset = "UTF-8";
    out->push_back(std::move(in));
  }
  return Status::Ok();
}

}  // namespace

bool LooksLikeHtml(const std::string& b) {
  size_t n = std::min<size_t>(b.size(), 2048);
  std::string head = b.substr(0, n);
  std::transform(head.begin(), head.end(), head.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return head.find("<!doctype html") != std::string::npos || head.find("<html") != std::string::npos ||
         head.find("<head") != std::string::npos || head.find("<body") != std::string::npos ||
         (head.find("<div") != std::string::npos && head.find("</") != std::string::npos) ||
         (head.find("<p>") != std::string::npos && head.find("</p>") != std::string::npos);
}

namespace {

// ToUtf8 on bytes the caller gives up, so that valid UTF-8 (nearly every input) is moved
// rather than copied.
std::string ToUtf8Owned(std::string bytes, std::string* charset) {
  // Byte order marks.
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    *charset = "UTF-8";
    return RepairUtf8(bytes.substr(3));
  }
  if (bytes.size() >= 2 && (bytes.compare(0, 2, "\xFF\xFE") == 0 || bytes.compare(0, 2, "\xFE\xFF") == 0)) {
    std::string out;
    *charset = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    if (Convert(bytes.substr(2), *charset, &out)) return out;
  }
  if (ValidUtf8(bytes)) {
    *charset = "UTF-8";
    return bytes;  // moved: the caller gave the bytes up
  }
  std::string declared = DeclaredCharset(bytes);
  std::string out;
  if (!declared.empty() && declared != "utf-8" && declared != "utf8" && Convert(bytes, declared, &out)) {
    *charset = declared;
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&status);
  std::string guess;
  if (U_SUCCESS(status)) {
    ucsdet_setText(det, bytes.data(), static_cast<int32_t>(std::min<size_t>(bytes.size(), 1 << 16)), &status);
    const UCharsetMatch* m = ucsdet_detect(det, &status);
    if (U_SUCCESS(status) && m != nullptr) {
      const char* name = ucsdet_getName(m, &status);
      int32_t confidence = ucsdet_getConfidence(m, &status);
      if (U_SUCCESS(status) && name != nullptr && confidence >= 20) guess = name;
    }
    ucsdet_close(det);
  }
  if (!guess.empty() && guess != "UTF-8" && Convert(bytes, guess, &out)) {
    *charset = guess;
    return out;
  }
  // Mostly UTF-8 with some bad bytes, or undetectable: keep what is valid.
  *charset = "UTF-8 (repaired)";
  return RepairUtf8(bytes);
}

}  // namespace

std::string ToUtf8(const std::string& bytes, std::string* charset) { return ToUtf8Owned(bytes, charset); }

std::string ContentId(const std::string& bytes) { return HexId(Hash64(bytes)); }

std::vector<std::string> ContentIds(const std::vector<RawInput>& inputs) {
  std::vector<std::string> ids(inputs.size());
  // Inputs of similar size go side by side, so that little is left to hash alone.
  std::vector<size_t> order(inputs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return inputs[a].bytes.size() < inputs[b].bytes.size(); });
  size_t i = 0;
  for (; i + 4 <= order.size(); i += 4) {
    const std::string* four[4];
    for (size_t k = 0; k < 4; ++k) four[k] = &inputs[order[i + k]].bytes;
    uint64_t h[4];
    Hash64x4(four, h);
    for (size_t k = 0; k < 4; ++k) ids[order[i + k]] = HexId(h[k]);
  }
  for (; i < order.size(); ++i) ids[order[i]] = ContentId(inputs[order[i]].bytes);
  return ids;
}

std::vector<std::string> ExpandPaths(const std::vector<std::string>& args,
                                     std::vector<std::string>* errors) {
  std::vector<std::string> files;
  for (const std::string& a : args) {
    if (a == "-") {
      files.push_back(a);
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(a, ec);
    if (ec || !fs::exists(st)) {
      errors->push_back(a + ": no such file or directory");
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<std::string> found;
      fs::recursive_directory_iterator it(a, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file()) found.push_back(it->path().string());
      }
      if (ec) errors->push_back(a + ": cannot read folder: " + ec.message());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(a);
    }
  }
  return files;
}

Status DecodeInput(const std::string& name, std::string bytes, const std::string& format_hint,
                   const IngestLimits& limits, RawInput* out) {
  if (IsGzip(bytes)) {
    std::string plain;
    Status s = Gunzip(bytes, limits.max_decompressed_bytes, &plain);
    if (!s.ok()) return s;
    bytes.swap(plain);
  }
  if (bytes.size() > limits.max_document_bytes) {
    return Status::Error("document too large (" + Megabytes(bytes.size()) + ", limit " +
                         Megabytes(limits.max_document_bytes) + ")");
  }
  if (bytes.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
    return Status::Error("empty document (no text)");
  }
  // UTF-16 has a NUL or control byte in every other byte: decode before the binary check.
  bool utf16_bom = bytes.size() >= 2 && (bytes.compare(0, 2, "\xFF\xFE") == 0 || bytes.compare(0, 2, "\xFE\xFF") == 0);
  out->path = name;
  if (utf16_bom) {
    out->bytes = ToUtf8Owned(std::move(bytes), &out->charset);
    if (LooksBinary(out->bytes)) return Status::Error("binary data, not text, HTML or JSON Lines");
  } else {
    if (LooksBinary(bytes)) return Status::Error("binary data, not text, HTML or JSON Lines");
    out->bytes = ToUtf8Owned(std::move(bytes), &out->charset);
  }
  if (format_hint == "html") out->format = SourceFormat::kHtml;
  else if (format_hint == "text") out->format = SourceFormat::kText;
  else out->format = LooksLikeHtml(out->bytes) ? SourceFormat::kHtml : SourceFormat::kText;
  return Status::Ok();
}

// The bytes of a file and their gzip output are buffers that ReadPath keeps for the next
// file (per thread, up to this size): a fresh 16 MB buffer for every shard of the benchmark
// cost the reader nearly as much in page faults as parsing its JSON.
constexpr size_t kKeptBufferBytes = 64u << 20;

Status ReadPath(const std::string& path, const IngestLimits& limits, std::vector<RawInput>* out,
                std::vector<std::string>* errors) {
  thread_local std::string file_buffer, gunzip_buffer;
  struct Trim {  // drops a kept buffer that grew too big, whatever the outcome
    ~Trim() {
      if (file_buffer.capacity() > kKeptBufferBytes) std::string().swap(file_buffer);
      if (gunzip_buffer.capacity() > kKeptBufferBytes) std::string().swap(gunzip_buffer);
    }
  } trim;
  std::string& bytes = file_buffer;
  bytes.clear();
  if (path == "-") {
    bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::error_code ec;
    if (fs::is_directory(path, ec)) return Status::Error(path + ": is a folder");
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::Error(path + ": cannot open: " + std::strerror(errno));
    // A huge file is refused without reading it.
    size_t cap = std::max(limits.max_decompressed_bytes, limits.max_document_bytes);
    uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > cap) {
      return Status::Error(path + ": file too large (" + Megabytes(size) + ", limit " + Megabytes(cap) + ")");
    }
    if (!ec) bytes.reserve(static_cast<size_t>(size));
    // 64 KB reads straight into the buffer until one comes back short.
    const size_t kStep = 1 << 16;
    size_t have = 0;
    while (true) {
      bytes.resize(have + kStep);
      in.read(bytes.data() + have, kStep);
      size_t got = static_cast<size_t>(in.gcount());
      have += got;
      if (have > cap) return Status::Error(path + ": file too large (more than " + Megabytes(cap) + ")");
      if (got < kStep) break;
    }
    bytes.resize(have);
  }
  std::string* data = &bytes;
  if (IsGzip(bytes)) {
    Status s = Gunzip(bytes, limits.max_decompressed_bytes, &gunzip_buffer);
    if (!s.ok()) return Status::Error(path + ": " + s.message());
    data = &gunzip_buffer;
  }
  std::string lower = path;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  bool jsonl_name = lower.find(".jsonl") != std::string::npos || lower.find(".ndjson") != std::string::npos;
  if (jsonl_name || HasJsonlShape(*data)) {
    if (LooksBinary(*data)) return Status::Error(path + ": binary data, not JSON Lines");
    return ReadJsonl(path, *data, limits, out, errors);
  }
  std::string hint;
  if (lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".html.gz") ||
      lower.ends_with(".htm.gz"))
    hint = "html";
  RawInput in;
  Status s = DecodeInput(path, std::move(*data), hint, limits, &in);
  if (!s.ok()) return Status::Error(path + ": " + s.message());
  out->push_back(std::move(in));
  return Status::Ok();
}

}  // namespace dossier
