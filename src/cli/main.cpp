// The dossier command: see DESIGN.md "Command line contract".
#include <CLI/CLI.hpp>
#include <thread>

#include "cli/annotate.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"dossier: a sourced, cross-checked dossier from many news reports"};
  app.require_subcommand(1);
  std::string db = "dossier.db";
  bool json = false;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  auto add_common = [&](CLI::App* sub) {
    sub->add_option("--db", db, "the store (SQLite file)");
    sub->add_flag("--json", json, "print one JSON document");
  };

  auto* build = app.add_subcommand("build", "ingest, analyze and fuse documents (incremental)");
  std::vector<std::string> paths;
  bool quiet = false;
  add_common(build);
  build->add_option("paths", paths, "files, folders, or - for stdin")->required();
  build->add_option("--threads", threads, "worker threads");
  build->add_flag("--quiet", quiet, "no progress bar");

  auto* docs = app.add_subcommand("docs", "documents: id, path, title, outlet, published, kind");
  bool with_text = false;
  add_common(docs);
  docs->add_flag("--text", with_text, "include the clean text");

  auto* entities = app.add_subcommand("entities", "entities with all their spellings");
  add_common(entities);
  auto* events = app.add_subcommand("events", "fused events with per-source slot values");
  add_common(events);
  auto* timeline = app.add_subcommand("timeline", "dated events in order");
  add_common(timeline);
  auto* conflicts = app.add_subcommand("conflicts", "contradictions between sources");
  add_common(conflicts);

  auto* ask = app.add_subcommand("ask", "answer a question, citing sentences");
  std::string question;
  add_common(ask);
  ask->add_option("question", question, "the question")->required();

  auto* annotate = app.add_subcommand("annotate", "analyze one document and print its layers");
  std::string file;
  bool raw = false, batch = false;
  std::string dct;
  annotate->add_option("file", file, "FILE or - for stdin");
  annotate->add_flag("--raw", raw, "no cleaning: offsets index the input");
  annotate->add_option("--dct", dct, "document creation date (ISO)");
  annotate->add_flag("--batch", batch, "JSON Lines in, JSON Lines out");
  annotate->add_option("--threads", threads, "worker threads for --batch");
  annotate->add_flag("--json", json, "(always JSON)");

  auto* exportc = app.add_subcommand("export", "export the dossier");
  std::string format = "jsonl";
  add_common(exportc);
  exportc->add_option("--format", format, "jsonl, gdelt or plover")
      ->check(CLI::IsMember({"jsonl", "gdelt", "plover"}));

  auto* serve = app.add_subcommand("serve", "HTTP JSON API and web UI on 127.0.0.1");
  int port = 8080;
  add_common(serve);
  serve->add_option("--port", port, "port");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }

  using namespace dossier;
  if (*annotate) {
    if (batch) return RunAnnotateBatch(threads);
    if (file.empty()) {
      std::fprintf(stderr, "dossier annotate: give FILE, - for stdin, or --batch\n");
      return 2;
    }
    return RunAnnotate(file, raw, dct);
  }
  if (*build) return RunBuild(db, paths, threads, quiet);
  if (*docs) return RunDocs(db, with_text, json);
  if (*entities) return RunEntities(db, json);
  if (*events) return RunEvents(db, json);
  if (*timeline) return RunTimeline(db, json);
  if (*conflicts) return RunConflicts(db, json);
  if (*ask) return RunAsk(db, question, json);
  if (*exportc) return RunExport(db, format);
  if (*serve) return RunServe(db, port);
  return 2;
}
