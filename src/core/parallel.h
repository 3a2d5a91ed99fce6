// ParallelFor: runs fn(i) for every i in [0, n) on up to `threads` threads (the caller's
// included), handing out indices one at a time so uneven items balance. fn must only write
// state owned by index i; results are then the same whatever the thread count.
#ifndef DOSSIER_CORE_PARALLEL_H_
#define DOSSIER_CORE_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace dossier {

template <typename Fn>
void ParallelFor(size_t n, int threads, Fn&& fn) {
  size_t workers = std::min<size_t>(static_cast<size_t>(std::max(1, threads)), n);
  if (workers <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto run = [&] {
    for (size_t i = next++; i < n; i = next++) fn(i);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < workers; ++t) pool.emplace_back(run);
  run();
  for (auto& th : pool) th.join();
}

}  // namespace dossier

#endif  // DOSSIER_CORE_PARALLEL_H_
