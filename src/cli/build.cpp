// `dossier build PATH...`: ingest and analyze new documents in parallel, store them in
// batches, then rebuild the corpus-level dossier (entity resolution, event fusion).
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <memory>
#include <thread>
#include <unordered_set>

#include "cli/commands.h"
#include "entities/resolve.h"
#include "fusion/fusion.h"
#include "core/step_timer.h"
#include "ingest/reader.h"
#include "pipeline/bounded_queue.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace dossier {
namespace {

using Clock = std::chrono::steady_clock;

// Resident memory now, in MB (0 when /proc is not there): the benchmark reports it per phase.
double ResidentMb() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  long pages = 0, resident = 0;
  int n = std::fscanf(f, "%ld %ld", &pages, &resident);
  std::fclose(f);
  return n == 2 ? resident * (sysconf(_SC_PAGESIZE) / 1048576.0) : 0;
}

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

// Reports problems as they come, between progress bar updates (any thread).
class Reporter {
 public:
  explicit Reporter(Progress* progress) : progress_(progress) {}
  void Problem(const std::string& message) {
    std::lock_guard<std::mutex> lock(mu_);
    std::fprintf(stderr, "%sdossier: %s\n", bar_shown_ ? "\n" : "", message.c_str());
    bar_shown_ = false;
    ++problems_;
  }
  void Advance(size_t files_done, size_t docs) {
    std::lock_guard<std::mutex> lock(mu_);
    progress_->Update(files_done, docs);
    bar_shown_ = true;
  }
  size_t problems() {
    std::lock_guard<std::mutex> lock(mu_);
    return problems_;
  }

 private:
  Progress* progress_;
  std::mutex mu_;
  bool bar_shown_ = false;
  size_t problems_ = 0;
};

// What a document's rows weigh in the queues and batches: its text and layers dominate.
size_t RowBytes(const StoredDocument& row) { return row.text.size() + row.layers.size(); }

void AddTimes(const StageTimes& t, StageTimes* sum) {
  sum->clean += t.clean;
  sum->text += t.text;
  sum->entities += t.entities;
  sum->time += t.time;
  sum->attribution += t.attribution;
  sum->events += t.events;
}

}  // namespace

int RunBuild(const std::string& db, const std::vector<std::string>& paths, int threads, bool quiet) {
  auto start = Clock::now();
  threads = std::max(1, threads);
  std::vector<std::string> errors;
  std::vector<std::string> files = ExpandPaths(paths, &errors);

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

  // Three kinds of threads joined by bounded queues, so memory does not grow with the
  // corpus: this thread reads files and drops inputs already stored; `threads` workers
  // analyze documents and turn them into store rows; one writer inserts the rows, one
  // transaction per batch.
  // A transaction of up to 2,048 documents or 16 MB of rows: each commit rewrites the pages
  // every batch touches (index leaves, each fusion part's last record page) and makes a
  // new FTS segment, so fewer, larger batches write less (100k documents: writer busy
  // 36.9 s at 256 a batch, 29.6 s at 2,048).
  // The rows queue holds two batches, so the workers go on while the writer commits one.
  const size_t kBatch = 2048;
  const size_t kBatchBytes = 16u << 20;
  struct NewInput {
    RawInput input;
    std::string id;  // its content id, computed once by the reader
  };
  BoundedQueue<NewInput> inputs(1024, 64u << 20);
  BoundedQueue<StoredDocument> rows(2 * kBatch, 2 * kBatchBytes + (32u << 20));
  IngestLimits limits;
  Progress progress(files.size(), !quiet);
  Reporter reporter(&progress);
  for (const auto& e : errors) reporter.Problem(e);
  std::atomic<size_t> added{0};
  std::atomic<bool> write_failed{false};
  size_t skipped = 0, bytes = 0;
  int64_t ingest_ns = 0;
  std::atomic<int64_t> store_ns{0};
  std::vector<StageTimes> per_worker(threads);

  auto worker = [&](int t) {
    NewInput in;
    while (inputs.Pop(&in)) {
      if (write_failed) continue;
      std::string path = in.input.path;
      AnnotateOptions options;
      options.content_id = std::move(in.id);
      Document doc;
      Status as = AnnotateInput(std::move(in.input), options, &doc, &per_worker[t]);
      if (!as.ok()) {
        reporter.Problem(path + ": " + as.message());
        continue;
      }
      if (doc.id.empty() || doc.text.empty()) continue;
      StoredDocument row = PrepareDocument(doc);
      size_t weight = RowBytes(row);
      rows.Push(std::move(row), weight);
    }
  };
  auto writer = [&] {
    std::vector<StoredDocument> batch;
    size_t batch_bytes = 0;
    auto write = [&]() {
      if (batch.empty() || write_failed) return;
      auto t0 = Clock::now();
      Status ws = store->AddPrepared(batch);
      store_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
      if (!ws.ok()) {
        reporter.Problem(ws.message());
        write_failed = true;
      } else {
        added += batch.size();
      }
      batch.clear();
      batch_bytes = 0;
    };
    StoredDocument row;
    while (rows.Pop(&row)) {
      batch_bytes += RowBytes(row);
      batch.push_back(std::move(row));
      if (batch.size() >= kBatch || batch_bytes >= kBatchBytes) write();
    }
    write();
  };
  std::thread writer_thread(writer);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) workers.emplace_back(worker, t);

  size_t queued = 0;
  for (size_t fi = 0; fi < files.size() && !write_failed; ++fi) {
    auto t0 = Clock::now();
    std::vector<RawInput> read;
    std::vector<std::string> record_errors;
    Status rs = ReadPath(files[fi], limits, &read, &record_errors);
    for (const auto& e : record_errors) reporter.Problem(e);
    if (!rs.ok()) reporter.Problem(rs.message());
    std::vector<NewInput> fresh;
    std::vector<std::string> ids = ContentIds(read);  // several inputs hashed side by side
    for (size_t k = 0; k < read.size(); ++k) {
      bytes += read[k].bytes.size();
      if (!seen.insert(ids[k]).second) {
        ++skipped;
        continue;
      }
      fresh.push_back(NewInput{std::move(read[k]), std::move(ids[k])});
    }
    ingest_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
    for (NewInput& in : fresh) {
      size_t weight = in.input.bytes.size();
      inputs.Push(std::move(in), weight);
      ++queued;
    }
    reporter.Advance(fi + 1, queued);
  }
  inputs.Close();
  for (auto& w : workers) w.join();
  rows.Close();
  writer_thread.join();
  progress.Finish();
  if (write_failed) return 1;
  StageTimes times;
  for (const StageTimes& t : per_worker) AddTimes(t, &times);
  double docs_secs = Seconds(start);

  // Corpus stages over everything stored, old and new.
  auto corpus_start = Clock::now();
  double rss_docs = ResidentMb(), rss_records = 0, rss_fused = 0;
  // Entities first; then events a fusion part at a time (one part's records and events in
  // memory), written as they are fused; the timeline last, from every part's candidates.
  // All in one transaction: a failure leaves the previous dossier in place.
  Resolution resolution;
  size_t n_events = 0, n_conflicts = 0, n_timeline = 0;
  int64_t resolve_ns = 0, fuse_ns = 0, records_ns = 0, write_ns = 0, finish_ns = 0;
  // Nothing new: the stored dossier is already up to date.
  if (added > 0) {
    StepTimer step("corpus");  // DOSSIER_STAGE_TIMES=2 prints each step's time
    {
      std::vector<MentionRecord> mentions;
      std::vector<std::string> doc_ids;
      s = store->MentionRecords(&mentions, &doc_ids);
      step.Step("mention records");
      if (s.ok()) {
        auto t0 = Clock::now();
        resolution = ResolveEntities(mentions, std::move(doc_ids));
        resolve_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
      }
    }
    step.Step("resolve");
    rss_records = ResidentMb();
    std::vector<std::string> parts;
    if (s.ok()) s = store->EventParts(&parts);
    if (s.ok()) s = store->BeginDossier(resolution, threads);
    step.Step("entities written");
    FusedSoFar so_far;
    bool part_details = StageDetails();
    for (size_t p = 0; s.ok() && p < parts.size(); ++p) {
      std::unique_ptr<PartRecords> records;
      auto t0 = Clock::now();
      s = store->EventRecords(resolution, parts[p], &records, threads);
      auto t1 = Clock::now();
      records_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count();
      if (!s.ok()) {
        store->AbortDossier();
        break;
      }
      // Each chunk of fused events is written and dropped at once.
      int64_t part_write_ns = 0;
      FusedEvents fused = FuseEvents(
          *records, resolution, threads, &so_far,
          [&](const std::vector<Event>& events, const std::vector<Conflict>& conflicts) {
            auto t2 = Clock::now();
            Status ws = store->AddEvents(events, conflicts, threads);
            part_write_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t2).count();
            n_conflicts += conflicts.size();
            return ws;
          });
      double rss_part = ResidentMb();
      rss_fused = std::max(rss_fused, rss_part);
      if (part_details)
        std::fprintf(stderr, "part %s: %zu events, records %.0f ms, fuse+write %.0f ms, rss %.0f MB\n", parts[p].c_str(),
                     fused.stats.events, std::chrono::duration<double, std::milli>(t1 - t0).count(),
                     std::chrono::duration<double, std::milli>(Clock::now() - t1).count(), rss_part);
      // The sink writes beside fusion: fuse is the part's time but for the waits on the
      // writer; write is the writer's own time (most of it hidden behind fusion).
      fuse_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t1).count() - fused.wait_ns;
      write_ns += part_write_ns;
      s = fused.status;
      n_events += fused.stats.events;
    }
    if (s.ok()) {
      std::vector<TimelineEntry> timeline = so_far.timeline.Build();
      n_timeline = timeline.size();
      auto t0 = Clock::now();
      s = store->FinishDossier(timeline);
      finish_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
    }
    if (!s.ok()) {
      std::fprintf(stderr, "dossier: %s\n", s.message().c_str());
      return 1;
    }
  }
  double total = Seconds(start);
  if (!quiet && added == 0) {
    std::fprintf(stderr, "dossier: 0 documents added, %zu already stored, %zu problems; the stored dossier is unchanged -> %s\n",
                 skipped, reporter.problems(), db.c_str());
  } else if (!quiet) {
    std::fprintf(stderr,
                 "dossier: %zu documents added, %zu already stored, %zu problems; %zu entities, "
                 "%zu events, %zu timeline entries, %zu conflicts; %.2f s (%.0f docs/s) -> %s\n",
                 added.load(), skipped, reporter.problems(), resolution.entities.size(), n_events,
                 n_timeline, n_conflicts, total,
                 docs_secs > 0 ? added.load() / docs_secs : 0.0, db.c_str());
  }
  if (const char* t = std::getenv("DOSSIER_STAGE_TIMES"); t != nullptr && (*t == '1' || *t == '2')) {
    auto ms = [](int64_t ns) { return ns / 1e6; };
    std::fprintf(stderr,
                 "stage-times-ms ingest=%.1f clean=%.1f text=%.1f entities=%.1f time=%.1f "
                 "attribution=%.1f events=%.1f store=%.1f resolve=%.1f records=%.1f fuse=%.1f write=%.1f "
                 "finish=%.1f corpus_total=%.1f "
                 "bytes=%zu docs=%zu threads=%d rss_mb_docs=%.0f rss_mb_records=%.0f rss_mb_fused=%.0f\n",
                 ms(ingest_ns), ms(times.clean), ms(times.text), ms(times.entities), ms(times.time),
                 ms(times.attribution), ms(times.events), ms(store_ns.load()), ms(resolve_ns),
                 ms(records_ns), ms(fuse_ns), ms(write_ns), ms(finish_ns), Seconds(corpus_start) * 1000, bytes, added.load(), threads, rss_docs, rss_records,
                 rss_fused);
  }
  return reporter.problems() == 0 ? 0 : 1;
}

}  // namespace dossier
