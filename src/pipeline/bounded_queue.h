// A queue between pipeline threads that holds at most `max_items` items and about
// `max_bytes` bytes: producers wait while it is full, so memory stays bounded however large
// the corpus is. Close() ends it: Pop() then drains what is left and returns false.
#ifndef DOSSIER_PIPELINE_BOUNDED_QUEUE_H_
#define DOSSIER_PIPELINE_BOUNDED_QUEUE_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <utility>

namespace dossier {

template <typename T>
class BoundedQueue {
 public:
  BoundedQueue(size_t max_items, size_t max_bytes) : max_items_(max_items), max_bytes_(max_bytes) {}

  // Waits for room, then adds `item` weighing `bytes`. An item heavier than the whole
  // budget is still accepted when the queue is empty. Returns false after Close().
  bool Push(T item, size_t bytes) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [&] {
      return closed_ || items_.empty() || (items_.size() < max_items_ && bytes_ + bytes <= max_bytes_);
    });
    if (closed_) return false;
    items_.emplace_back(std::move(item), bytes);
    bytes_ += bytes;
    not_empty_.notify_one();
    return true;
  }

  // Waits for an item; false when the queue is closed and empty.
  bool Pop(T* out) {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return false;
    *out = std::move(items_.front().first);
    bytes_ -= items_.front().second;
    items_.pop_front();
    not_full_.notify_all();
    return true;
  }

  // Like Pop() but never waits: false when nothing is queued right now.
  bool TryPop(T* out) {
    std::lock_guard<std::mutex> lock(mu_);
    if (items_.empty()) return false;
    *out = std::move(items_.front().first);
    bytes_ -= items_.front().second;
    items_.pop_front();
    not_full_.notify_all();
    return true;
  }

  // No more pushes; waiting producers return false, consumers drain the rest.
  void Close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    not_full_.notify_all();
    not_empty_.notify_all();
  }

 private:
  const size_t max_items_, max_bytes_;
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<std::pair<T, size_t>> items_;
  size_t bytes_ = 0;
  bool closed_ = false;
};

}  // namespace dossier

#endif  // DOSSIER_PIPELINE_BOUNDED_QUEUE_H_
