#include "ingest/reader.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>
#include <zlib.h>

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

std::string Megabytes(size_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(n) / (1024.0 * 1024.0));
  return buf;
}

bool IsGzip(const std::string& b) {
  return b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0x1f &&
         static_cast<unsigned char>(b[1]) == 0x8b;
}

Status Gunzip(const std::string& in, size_t limit, std::string* out) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return Status::Error("cannot start gzip decoder");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  out->clear();
  char buf[1 << 16];
  int rc = Z_OK;
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out->append(buf, sizeof buf - zs.avail_out);
    if (out->size() > limit) {
      inflateEnd(&zs);
      out->clear();
      return Status::Error("gzip data expands beyond " + Megabytes(limit) +
                           " (refusing a possible gzip bomb)");
    }
    if (rc == Z_STREAM_END) {
      // Concatenated members: continue while input remains.
      if (zs.avail_in > 0 && inflateReset(&zs) == Z_OK) continue;
      break;
    }
    if (zs.avail_in == 0 && zs.avail_out != 0) break;
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) return Status::Error("truncated or corrupt gzip data");
  return Status::Ok();
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

bool ValidUtf8(const std::string& s) {
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

// Replaces invalid UTF-8 sequences with U+FFFD.
std::string RepairUtf8(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) out += "\xEF\xBF\xBD";
    else out.append(s, start, i - start);
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

uint64_t Hash64(const std::string& s) {
  // FNV-1a, then a finalizer for better bit mixing.
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

std::string JsonString(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  return it->get<std::string>();
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
  size_t pos = 0;
  int line_no = 0;
  while (pos < bytes.size()) {
    size_t nl = bytes.find('\n', pos);
    if (nl == std::string::npos) nl = bytes.size();
    ++line_no;
    std::string line = bytes.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string where = path + ":" + std::to_string(line_no);
    if (line.size() > limits.max_document_bytes) {
      errors->push_back(where + ": record too large (" + Megabytes(line.size()) + ", limit " +
                        Megabytes(limits.max_document_bytes) + ")");
      continue;
    }
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) {
      errors->push_back(where + ": not a JSON object");
      continue;
    }
    RawInput in;
    in.path = where;
    in.given.url = JsonString(j, "url");
    in.given.title = JsonString(j, "title");
    in.given.outlet = JsonString(j, "outlet");
    in.given.author = JsonString(j, "author");
    std::string published = JsonString(j, "published");
    if (!published.empty()) in.given.published.value = published;
    std::string html = JsonString(j, "html");
    std::string text = JsonString(j, "text");
    if (!html.empty()) {
      in.bytes = RepairUtf8(html);
      in.format = SourceFormat::kHtml;
    } else if (!text.empty()) {
      in.bytes = RepairUtf8(text);
      in.format = SourceFormat::kText;
    } else {
      errors->push_back(where + ": record has neither \"text\" nor \"html\"");
      continue;
    }
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

std::string ToUtf8(const std::string& bytes, std::string* charset) {
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
    return bytes;
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

std::string ContentId(const std::string& bytes) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(Hash64(bytes)));
  return buf;
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
    out->bytes = ToUtf8(bytes, &out->charset);
    if (LooksBinary(out->bytes)) return Status::Error("binary data, not text, HTML or JSON Lines");
  } else {
    if (LooksBinary(bytes)) return Status::Error("binary data, not text, HTML or JSON Lines");
    out->bytes = ToUtf8(bytes, &out->charset);
  }
  if (format_hint == "html") out->format = SourceFormat::kHtml;
  else if (format_hint == "text") out->format = SourceFormat::kText;
  else out->format = LooksLikeHtml(out->bytes) ? SourceFormat::kHtml : SourceFormat::kText;
  return Status::Ok();
}

Status ReadPath(const std::string& path, const IngestLimits& limits, std::vector<RawInput>* out,
                std::vector<std::string>* errors) {
  std::string bytes;
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
    char buf[1 << 16];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
      bytes.append(buf, static_cast<size_t>(in.gcount()));
      if (bytes.size() > cap)
        return Status::Error(path + ": file too large (more than " + Megabytes(cap) + ")");
    }
  }
  if (IsGzip(bytes)) {
    std::string plain;
    Status s = Gunzip(bytes, limits.max_decompressed_bytes, &plain);
    if (!s.ok()) return Status::Error(path + ": " + s.message());
    bytes.swap(plain);
  }
  std::string lower = path;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  bool jsonl_name = lower.find(".jsonl") != std::string::npos || lower.find(".ndjson") != std::string::npos;
  if (jsonl_name || HasJsonlShape(bytes)) {
    if (LooksBinary(bytes)) return Status::Error(path + ": binary data, not JSON Lines");
    return ReadJsonl(path, bytes, limits, out, errors);
  }
  std::string hint;
  if (lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".html.gz") ||
      lower.ends_with(".htm.gz"))
    hint = "html";
  RawInput in;
  Status s = DecodeInput(path, std::move(bytes), hint, limits, &in);
  if (!s.ok()) return Status::Error(path + ": " + s.message());
  out->push_back(std::move(in));
  return Status::Ok();
}

}  // namespace dossier
