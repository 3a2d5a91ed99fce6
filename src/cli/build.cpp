// `dossier build PATH...`: ingest and analyze new documents in parallel, store them in
// batches, then rebuild the corpus-level dossier (entity resolution, event fusion).
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <memory>
#include <thread>
#include <unordered_set>

#include "cli/commands.h"
#include "entities/resolve.h"
#include "fusion/fusion.h"
#include "ingest/reader.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace dossier {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// A one-line progress bar on a terminal; silent when stderr is not a terminal.
class Progress {
 public:
  Progress(size_t total, bool enabled) : total_(total), enabled_(enabled && isatty(2)), start_(Clock::now()) {}
  void Update(size_t done, size_t docs) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (done < total_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const int width = 30;
    int filled = total_ ? static_cast<int>(width * done / total_) : width;
    double secs = Seconds(start_);
    std::fprintf(stderr, "\r[%.*s%*s] %zu/%zu files, %zu docs, %.0f docs/s ", filled,
                 "##############################", width - filled, "", done, total_, docs,
                 secs > 0 ? docs / secs : 0.0);
    std::fflush(stderr);
  }
  void Finish() {
    if (enabled_) std::fprintf(stderr, "\n");
  }

 private:
  size_t total_;
  bool enabled_;
  Clock::time_point start_, last_{};
};

void AnnotateAll(std::vector<RawInput>* inputs, std::vector<Document>* docs,
                 std::vector<std::string>* errors, int threads, StageTimes* times) {
  docs->assign(inputs->size(), Document{});
  std::vector<std::string> errs(inputs->size());
  std::vector<StageTimes> per_thread(threads);
  std::atomic<size_t> next{0};
  auto work = [&](int t) {
    for (size_t i = next++; i < inputs->size(); i = next++) {
      std::string path = (*inputs)[i].path;
      Status s = AnnotateInput(std::move((*inputs)[i]), AnnotateOptions{}, &(*docs)[i], &per_thread[t]);
      if (!s.ok()) errs[i] = path + ": " + s.message();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  for (size_t i = 0; i < errs.size(); ++i)
    if (!errs[i].empty()) errors->push_back(errs[i]);
  for (const StageTimes& t : per_thread) {
    times->clean += t.clean;
    times->text += t.text;
    times->entities += t.entities;
    times->time += t.time;
    times->attribution += t.attribution;
    times->events += t.events;
  }
}

}  // namespace

int RunBuild(const std::string& db, const std::vector<std::string>& paths, int threads, bool quiet) {
  auto start = Clock::now();
  threads = std::max(1, threads);
  std::vector<std::string> errors;
  std::vector<std::string> files = ExpandPaths(paths, &errors);
  for (const auto& e : errors) std::fprintf(stderr, "dossier: %s\n", e.c_str());
  size_t reported = errors.size();

  std::unique_ptr<Store> store;
  Status s = Store::Open(db, /*create=*/true, &store);
  if (!s.ok()) {
    std::fprintf(stderr, "dossier: %s\n", s.message().c_str());
    return 1;
  }
  std::unordered_set<std::string> seen;
  s = store->DocumentIds(&seen);
  if (!s.ok()) {
    std::fprintf(stderr, "dossier: %s: %s\n", db.c_str(), s.message().c_str());
    return 1;
  }

  // A batch is analyzed in parallel, then stored while the next one is analyzed; bounded by
  // count and by bytes so memory does not grow with the corpus or with huge documents.
  const size_t kBatch = 256;
  const size_t kBatchBytes = 16u << 20;
  size_t pending_bytes = 0;
  IngestLimits limits;
  Progress progress(files.size(), !quiet);
  StageTimes times;
  size_t added = 0, skipped = 0, bytes = 0;
  int64_t store_ns = 0, ingest_ns = 0;
  std::vector<RawInput> pending;
  // The writer stores batch k while the workers analyze batch k+1.
  std::future<Status> writing;
  std::shared_ptr<std::vector<Document>> written;
  auto wait_writer = [&]() -> bool {
    if (!writing.valid()) return true;
    Status ws = writing.get();
    written.reset();
    if (!ws.ok()) {
      std::fprintf(stderr, "dossier: %s\n", ws.message().c_str());
      return false;
    }
    return true;
  };
  auto flush = [&]() -> bool {
    if (pending.empty()) return true;
    auto docs = std::make_shared<std::vector<Document>>();
    AnnotateAll(&pending, docs.get(), &errors, threads, &times);
    pending.clear();
    pending_bytes = 0;
    if (!wait_writer()) return false;
    std::vector<const Document*> good;
    for (const Document& d : *docs)
      if (!d.id.empty() && !d.text.empty()) good.push_back(&d);
    added += good.size();
    written = docs;
    writing = std::async(std::launch::async, [&store, &store_ns, good] {
      auto t0 = Clock::now();
      Status ws = store->AddDocuments(good);
      store_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
      return ws;
    });
    for (; reported < errors.size(); ++reported) std::fprintf(stderr, "\ndossier: %s\n", errors[reported].c_str());
    return true;
  };
  for (size_t fi = 0; fi < files.size(); ++fi) {
    auto t0 = Clock::now();
    std::vector<RawInput> inputs;
    std::vector<std::string> record_errors;
    Status rs = ReadPath(files[fi], limits, &inputs, &record_errors);
    ingest_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
    for (auto& e : record_errors) errors.push_back(std::move(e));
    if (!rs.ok()) errors.push_back(rs.message());
    for (; reported < errors.size(); ++reported) std::fprintf(stderr, "dossier: %s\n", errors[reported].c_str());
    for (RawInput& in : inputs) {
      bytes += in.bytes.size();
      std::string id = ContentId(in.bytes);
      if (!seen.insert(id).second) {
        ++skipped;
        continue;
      }
      pending_bytes += in.bytes.size();
      pending.push_back(std::move(in));
    }
    if ((pending.size() >= kBatch || pending_bytes >= kBatchBytes) && !flush()) return 1;
    progress.Update(fi + 1, added + pending.size());
  }
  if (!flush() || !wait_writer()) return 1;
  progress.Finish();
  double docs_secs = Seconds(start);

  // Corpus stages over everything stored, old and new.
  auto corpus_start = Clock::now();
  std::vector<MentionRecord> mentions;
  std::vector<EventRecord> events;
  Resolution resolution;
  Dossier dossier;
  int64_t resolve_ns = 0, fuse_ns = 0;
  // Nothing new: the stored dossier is already up to date.
  if (added > 0) {
    s = store->MentionRecords(&mentions);
    if (s.ok()) {
      auto t0 = Clock::now();
      resolution = ResolveEntities(mentions);
      resolve_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
      s = store->EventRecords(mentions, resolution, &events);
    }
    if (s.ok()) {
      auto t0 = Clock::now();
      dossier = Fuse(events, resolution);
      fuse_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
      s = store->SaveDossier(resolution, dossier);
    }
    if (!s.ok()) {
      std::fprintf(stderr, "dossier: %s\n", s.message().c_str());
      return 1;
    }
  }
  double total = Seconds(start);
  if (!quiet) {
    std::fprintf(stderr,
                 "dossier: %zu documents added, %zu already stored, %zu problems; %zu entities, "
                 "%zu events, %zu timeline entries, %zu conflicts; %.2f s (%.0f docs/s) -> %s\n",
                 added, skipped, errors.size(), resolution.entities.size(), dossier.events.size(),
                 dossier.timeline.size(), dossier.conflicts.size(), total,
                 docs_secs > 0 ? added / docs_secs : 0.0, db.c_str());
  }
  if (const char* t = std::getenv("DOSSIER_STAGE_TIMES"); t != nullptr && *t == '1') {
    auto ms = [](int64_t ns) { return ns / 1e6; };
    std::fprintf(stderr,
                 "stage-times-ms ingest=%.1f clean=%.1f text=%.1f entities=%.1f time=%.1f "
                 "attribution=%.1f events=%.1f store=%.1f resolve=%.1f fuse=%.1f corpus_total=%.1f "
                 "bytes=%zu docs=%zu threads=%d\n",
                 ms(ingest_ns), ms(times.clean), ms(times.text), ms(times.entities), ms(times.time),
                 ms(times.attribution), ms(times.events), ms(store_ns), ms(resolve_ns), ms(fuse_ns),
                 Seconds(corpus_start) * 1000, bytes, added, threads);
  }
  return errors.empty() ? 0 : 1;
}

}  // namespace dossier
