// Streams a corpus through a Pipeline on N threads and reports events in input order.
//
// The reading thread cuts the input into batches (by count and bytes) and queues them; workers
// code whole batches; the reading thread hands finished batches on strictly by sequence number.
// At most 2 x threads batches are in flight, which bounds memory whatever the corpus size.
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "sitrep/pipeline.h"

namespace sitrep {

namespace {

struct Batch {
  uint64_t seq = 0;
  std::vector<RawDocument> raw;  // as read; parsed by a worker into items
  std::vector<Result<Document>> items;
  std::vector<std::vector<Event>> events;  // per item, filled by a worker
  std::string formatted;                   // all events as text, when the caller formats
  size_t bytes = 0;
  // When only formatted text is wanted, the worker frees documents and events itself and leaves
  // these counts: memory then goes back to the arena of the thread that allocated it, which
  // removed most of the cost of a second thread (malloc's cross-thread frees).
  bool released = false;
  size_t documents = 0, text_bytes = 0, event_count = 0;
  std::vector<Status> rejects;
};

constexpr size_t kBatchDocs = 64;
constexpr size_t kBatchBytes = 1u << 20;

void CodeBatch(const Pipeline& pipeline, const CodeBudget& budget, const RunCallbacks& cb,
               Batch* b) {
  b->items.reserve(b->raw.size());
  for (RawDocument& r : b->raw) b->items.push_back(ParseRawDocument(std::move(r)));
  b->raw.clear();
  b->events.resize(b->items.size());
  for (size_t i = 0; i < b->items.size(); ++i) {
    if (!b->items[i].ok()) continue;
    auto events = pipeline.Code(b->items[i].value(), budget);
    if (!events.ok()) {
      b->items[i] = events.status();  // over its budget: rejected like a malformed document
      continue;
    }
    b->events[i] = std::move(events).value();
    if (cb.format) {
      for (const Event& e : b->events[i]) cb.format(e, &b->formatted);
    }
  }
  if (cb.format && !cb.on_document) {
    for (size_t i = 0; i < b->items.size(); ++i) {
      if (!b->items[i].ok()) {
        b->rejects.push_back(b->items[i].status());
        continue;
      }
      ++b->documents;
      b->text_bytes += b->items[i].value().text.size();
      b->event_count += b->events[i].size();
    }
    b->items.clear();
    b->items.shrink_to_fit();
    b->events.clear();
    b->events.shrink_to_fit();
    b->released = true;
  }
}

class Emitter {
 public:
  Emitter(const RunCallbacks& cb, RunStats* stats) : cb_(cb), stats_(stats) {}
  void Emit(const Batch& b) {
    if (b.released) {
      for (const Status& s : b.rejects) {
        ++stats_->rejected;
        if (cb_.on_reject) cb_.on_reject(s);
      }
      stats_->documents += b.documents;
      stats_->bytes += b.text_bytes;
      stats_->events += b.event_count;
    }
    for (size_t i = 0; i < b.items.size(); ++i) {
      if (!b.items[i].ok()) {
        ++stats_->rejected;
        if (cb_.on_reject) cb_.on_reject(b.items[i].status());
        continue;
      }
      ++stats_->documents;
      stats_->bytes += b.items[i].value().text.size();
      stats_->events += b.events[i].size();
      if (cb_.on_document) cb_.on_document(b.items[i].value(), b.events[i]);
      if (cb_.format) continue;
      for (const Event& e : b.events[i]) {
        if (cb_.on_event) cb_.on_event(e);
      }
    }
    if (cb_.format && cb_.on_formatted && !b.formatted.empty()) cb_.on_formatted(b.formatted);
    if (cb_.on_progress) cb_.on_progress(*stats_);
  }

 private:
  const RunCallbacks& cb_;
  RunStats* stats_;
};

class WorkerPool {
 public:
  WorkerPool(const Pipeline& pipeline, const CodeBudget& budget, const RunCallbacks& cb,
             int threads)
      : pipeline_(pipeline), budget_(budget), cb_(cb), limit_(2 * threads) {
    for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { Work(); });
  }
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      closing_ = true;
    }
    todo_cv_.notify_all();
    for (auto& t : workers_) t.join();
  }

  // Blocks while too many batches are in flight, emitting finished ones meanwhile.
  void Submit(Batch batch, Emitter* emitter) {
    std::unique_lock<std::mutex> lock(mu_);
    while (in_flight_ >= limit_) {
      DrainLocked(emitter, lock);
      if (in_flight_ >= limit_) done_cv_.wait(lock);
    }
    ++in_flight_;
    todo_.push_back(std::move(batch));
    todo_cv_.notify_one();
    DrainLocked(emitter, lock);
  }

  void Finish(Emitter* emitter) {
    std::unique_lock<std::mutex> lock(mu_);
    while (in_flight_ > 0) {
      DrainLocked(emitter, lock);
      if (in_flight_ > 0) done_cv_.wait(lock);
    }
  }

 private:
  void Work() {
    while (true) {
      Batch b;
      {
        std::unique_lock<std::mutex> lock(mu_);
        todo_cv_.wait(lock, [this] { return closing_ || !todo_.empty(); });
        if (todo_.empty()) return;
        b = std::move(todo_.front());
        todo_.pop_front();
      }
      CodeBatch(pipeline_, budget_, cb_, &b);
      {
        std::lock_guard<std::mutex> lock(mu_);
        uint64_t seq = b.seq;
        done_.emplace(seq, std::move(b));
      }
      done_cv_.notify_all();
    }
  }

  // Emits finished batches in sequence order; the lock is released while callbacks run.
  void DrainLocked(Emitter* emitter, std::unique_lock<std::mutex>& lock) {
    while (true) {
      auto it = done_.find(next_emit_);
      if (it == done_.end()) return;
      Batch b = std::move(it->second);
      done_.erase(it);
      ++next_emit_;
      lock.unlock();
      emitter->Emit(b);
      lock.lock();
      --in_flight_;
    }
  }

  const Pipeline& pipeline_;
  const CodeBudget& budget_;
  const RunCallbacks& cb_;
  const int limit_;
  std::mutex mu_;
  std::condition_variable todo_cv_, done_cv_;
  std::deque<Batch> todo_;
  std::map<uint64_t, Batch> done_;
  uint64_t next_emit_ = 0;
  int in_flight_ = 0;
  bool closing_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace

Status RunPipeline(const Pipeline& pipeline, const std::vector<std::string>& inputs,
                   const RunOptions& options, const RunCallbacks& callbacks, RunStats* stats) {
  *stats = RunStats();
  Emitter emitter(callbacks, stats);
  const int threads = options.threads < 1 ? 1 : options.threads;
  std::unique_ptr<WorkerPool> pool;
  if (threads > 1)
    pool = std::make_unique<WorkerPool>(pipeline, options.budget, callbacks, threads);

  Batch batch;
  uint64_t seq = 0;
  auto flush = [&] {
    if (batch.raw.empty()) return;
    batch.seq = seq++;
    if (pool) {
      pool->Submit(std::move(batch), &emitter);
    } else {
      CodeBatch(pipeline, options.budget, callbacks, &batch);
      emitter.Emit(batch);
    }
    batch = Batch();
  };
  Status st = ReadRawInputs(inputs, options.reader, [&](RawDocument raw) {
    batch.bytes += raw.content.size();
    batch.raw.push_back(std::move(raw));
    if (batch.raw.size() >= kBatchDocs || batch.bytes >= kBatchBytes) flush();
    return true;
  });
  flush();
  if (pool) pool->Finish(&emitter);
  return st;
}

}  // namespace sitrep
