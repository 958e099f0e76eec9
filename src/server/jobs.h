// Ingest over HTTP, asynchronously: POST /api/documents parses the body, queues a job and answers
// 202 with its id at once; a worker thread codes the job's documents (each within a CodeBudget)
// and stores them in transactions of up to 64 documents; GET /api/jobs/{id} tells how it went.
// Internal.
//
// The queue is bounded by jobs and by bytes, so a burst of large POSTs is refused (503 with
// Retry-After) instead of held in memory; a document that would cost minutes is rejected by its
// budget instead of stalling the jobs behind it. Jobs live in memory only: a restart forgets
// them, and jobs still queued or running when the server stops are cancelled (what a running job
// had stored stays stored; sending a job again stores the rest, since stored documents are
// skipped).
#ifndef SITREP_SRC_SERVER_JOBS_H_
#define SITREP_SRC_SERVER_JOBS_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sitrep/document.h"
#include "sitrep/pipeline.h"
#include "sitrep/store.h"

namespace sitrep::http {

struct JobOptions {
  size_t max_queued = 16;               // jobs waiting to run
  size_t max_queued_bytes = 64u << 20;  // their request bodies together
  int workers = 1;
  size_t keep_finished = 1000;  // finished jobs kept for polling, oldest forgotten first
  CodeBudget budget;            // per document
};

enum class JobState { kQueued, kRunning, kDone, kFailed, kCancelled };
const char* JobStateName(JobState s);

// What GET /api/jobs/{id} shows.
struct JobView {
  std::string id;
  JobState state = JobState::kQueued;
  size_t position = 0;   // jobs ahead of it, while queued
  size_t submitted = 0;  // documents in the request
  IngestStats stats;
  std::vector<std::string> rejected;  // the first 100, each naming its request line
  size_t rejected_count = 0;
  std::string error;  // why it failed, in words fit for a client
};

class JobQueue {
 public:
  using Batch = std::vector<std::pair<Document, std::vector<Event>>>;
  // Stores one batch in one transaction (the server's writer, behind its lock).
  using Writer = std::function<Status(const Batch& batch, IngestStats* stats)>;

  JobQueue(const Pipeline& pipeline, Writer writer, JobOptions options);
  ~JobQueue();
  JobQueue(const JobQueue&) = delete;
  JobQueue& operator=(const JobQueue&) = delete;

  // Whether a body of `bytes` would be queued now (checked before the body is read).
  bool HasRoom(size_t bytes) const;
  // Queues the documents of a request (`rejected`: lines that did not parse). The new job's id,
  // or nullopt when the queue is full or stopping.
  std::optional<std::string> Submit(std::vector<Document> documents,
                                    std::vector<std::string> rejected, size_t bytes);
  std::optional<JobView> Get(const std::string& id) const;
  // Cancels every queued job and the running one (at its next window or document); takes no new
  // jobs. Returns at once; safe from any thread.
  void Cancel();
  // Cancel(), then waits for the workers to stop.
  void Shutdown();

 private:
  struct Job;
  void Work();
  void Run(Job& job);
  void Finish(const std::shared_ptr<Job>& job);

  const Pipeline& pipeline_;
  const Writer writer_;
  const JobOptions opt_;
  std::atomic<bool> cancel_{false};

  mutable std::mutex mu_;  // guards everything below and every Job's fields
  std::condition_variable cv_;
  std::deque<std::shared_ptr<Job>> queue_;
  size_t queued_bytes_ = 0;
  std::unordered_map<std::string, std::shared_ptr<Job>> jobs_;  // queued, running, finished
  std::deque<std::string> finished_;                            // eviction order
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

// A new job id: 128 random bits as 32 hex digits (ids are not guessable, so one client cannot
// read another's results by counting).
std::string NewJobId();

}  // namespace sitrep::http

#endif  // SITREP_SRC_SERVER_JOBS_H_
