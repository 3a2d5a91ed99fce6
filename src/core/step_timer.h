// StepTimer: the build's detailed timing report. With DOSSIER_STAGE_TIMES=2 it prints, to
// standard error, how long each named step took since the previous one ("finish swap:
// 7340 ms"); otherwise it does nothing and costs one clock read per step.
#ifndef DOSSIER_CORE_STEP_TIMER_H_
#define DOSSIER_CORE_STEP_TIMER_H_

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace dossier {

// Whether DOSSIER_STAGE_TIMES=2 asks for per-step detail.
inline bool StageDetails() {
  const char* v = std::getenv("DOSSIER_STAGE_TIMES");
  return v != nullptr && std::strcmp(v, "2") == 0;
}

class StepTimer {
 public:
  // `prefix` names what the steps belong to ("finish", "ask index"); it must outlive the timer.
  explicit StepTimer(const char* prefix) : prefix_(prefix), report_(StageDetails()) {}

  void Step(const char* what) {
    auto now = std::chrono::steady_clock::now();
    if (report_)
      std::fprintf(stderr, "%s %s: %.0f ms\n", prefix_, what,
                   std::chrono::duration<double, std::milli>(now - last_).count());
    last_ = now;
  }

 private:
  const char* prefix_;
  bool report_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace dossier

#endif  // DOSSIER_CORE_STEP_TIMER_H_
