// The store-backed commands of the dossier CLI. Each returns the process exit code:
// 0 success, 1 bad input (some file could not be read), 2 bad usage.
#ifndef DOSSIER_CLI_COMMANDS_H_
#define DOSSIER_CLI_COMMANDS_H_

#include <string>
#include <vector>

namespace dossier {

int RunBuild(const std::string& db, const std::vector<std::string>& paths, int threads, bool quiet);
int RunDocs(const std::string& db, bool with_text, bool json);
int RunEntities(const std::string& db, bool json);
int RunEvents(const std::string& db, bool json);
int RunTimeline(const std::string& db, bool json);
int RunConflicts(const std::string& db, bool json);
int RunAsk(const std::string& db, const std::string& question, bool json);
int RunExport(const std::string& db, const std::string& format);
int RunServe(const std::string& db, int port);

}  // namespace dossier

#endif  // DOSSIER_CLI_COMMANDS_H_
