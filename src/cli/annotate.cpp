#include "cli/annotate.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "core/document_json.h"
#include "ingest/reader.h"
#include "pipeline/pipeline.h"

namespace dossier {

int RunAnnotate(const std::string& path, bool raw, const std::string& dct) {
  std::vector<RawInput> inputs;
  std::vector<std::string> errors;
  Status s = ReadPath(path, IngestLimits{}, &inputs, &errors);
  for (const auto& e : errors) std::fprintf(stderr, "dossier: %s\n", e.c_str());
  if (!s.ok()) {
    std::fprintf(stderr, "dossier: %s\n", s.message().c_str());
    return 1;
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "dossier: %s: no document in input\n", path.c_str());
    return 1;
  }
  AnnotateOptions opt;
  opt.raw = raw;
  opt.dct = dct;
  Document doc;
  s = AnnotateInput(std::move(inputs[0]), opt, &doc);
  if (!s.ok()) {
    std::fprintf(stderr, "dossier: %s: %s\n", path.c_str(), s.message().c_str());
    return 1;
  }
  std::cout << DocumentJsonText(doc) << "\n";
  return errors.empty() ? 0 : 1;
}

namespace {

std::string AnnotateLine(const std::string& line) {
  auto req = nlohmann::json::parse(line, nullptr, false);
  if (!req.is_object()) return nlohmann::json{{"id", nullptr}, {"error", "line is not a JSON object"}}.dump();
  nlohmann::json id = req.contains("id") ? req["id"] : nlohmann::json(nullptr);
  std::string text = req.value("text", "");
  if (!req.contains("text") || !req["text"].is_string())
    return nlohmann::json{{"id", id}, {"error", "missing \"text\""}}.dump();
  AnnotateOptions opt;
  opt.raw = req.value("raw", false);
  if (req.contains("dct") && req["dct"].is_string()) opt.dct = req["dct"].get<std::string>();
  std::string format = req.value("format", "");
  std::string name = id.is_string() ? id.get<std::string>() : id.dump();
  RawInput in;
  Status s;
  if (opt.raw) {
    in.path = name;
    in.bytes = ToUtf8(text, &in.charset);
    in.format = format == "html" ? SourceFormat::kHtml : SourceFormat::kText;
  } else {
    s = DecodeInput(name, std::move(text), format, IngestLimits{}, &in);
  }
  Document doc;
  if (s.ok()) s = AnnotateInput(std::move(in), opt, &doc);
  if (!s.ok()) return nlohmann::json{{"id", id}, {"error", s.message()}}.dump();
  DocumentJsonOptions shape;
  shape.origin = false;
  shape.id_json = id.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return DocumentJsonText(doc, shape);
}

}  // namespace

int RunAnnotateBatch(int threads) {
  std::ios::sync_with_stdio(false);
  threads = std::max(1, threads);
  const size_t kChunk = 256;
  std::vector<std::string> lines, outputs;
  std::string line;
  bool eof = false;
  while (!eof) {
    lines.clear();
    while (lines.size() < kChunk) {
      if (!std::getline(std::cin, line)) {
        eof = true;
        break;
      }
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      lines.push_back(line);
    }
    outputs.assign(lines.size(), "");
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i = next++; i < lines.size(); i = next++) outputs[i] = AnnotateLine(lines[i]);
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    for (const auto& o : outputs) std::cout << o << '\n';
    std::cout.flush();
  }
  return 0;
}

}  // namespace dossier
