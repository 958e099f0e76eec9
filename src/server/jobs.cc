#include "src/server/jobs.h"

#include <sys/random.h>

#include <chrono>
#include <cstdio>
#include <iostream>

namespace sitrep::http {

namespace {
constexpr size_t kRejectedShown = 100;
}  // namespace

const char* JobStateName(JobState s) {
  switch (s) {
    case JobState::kQueued: return "queued";
    case JobState::kRunning: return "running";
    case JobState::kDone: return "done";
    case JobState::kFailed: return "failed";
    case JobState::kCancelled: return "cancelled";
  }
  return "unknown";
}

std::string NewJobId() {
  unsigned char bytes[16];
  size_t got = 0;
  while (got < sizeof bytes) {
    ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
    if (n > 0) got += static_cast<size_t>(n);
  }
  std::string id;
  char hex[3];
  for (unsigned char b : bytes) {
    std::snprintf(hex, sizeof hex, "%02x", b);
    id += hex;
  }
  return id;
}

struct JobQueue::Job {
  JobView view;
  std::vector<Document> documents;  // until it runs
  size_t bytes = 0;

  void Reject(std::string why) {
    ++view.rejected_count;
    if (view.rejected.size() < kRejectedShown) view.rejected.push_back(std::move(why));
  }
};

JobQueue::JobQueue(const Pipeline& pipeline, Writer writer, JobOptions options)
    : pipeline_(pipeline), writer_(std::move(writer)), opt_(std::move(options)) {
  for (int i = 0; i < std::max(1, opt_.workers); ++i) workers_.emplace_back([this] { Work(); });
}

JobQueue::~JobQueue() { Shutdown(); }

bool JobQueue::HasRoom(size_t bytes) const {
  std::lock_guard<std::mutex> lock(mu_);
  return !stopping_ && queue_.size() < opt_.max_queued &&
         queued_bytes_ + bytes <= opt_.max_queued_bytes;
}

std::optional<std::string> JobQueue::Submit(std::vector<Document> documents,
                                            std::vector<std::string> rejected, size_t bytes) {
  auto job = std::make_shared<Job>();
  job->view.id = NewJobId();
  job->view.submitted = documents.size();
  job->documents = std::move(documents);
  job->bytes = bytes;
  for (std::string& r : rejected) job->Reject(std::move(r));
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ || queue_.size() >= opt_.max_queued ||
        queued_bytes_ + bytes > opt_.max_queued_bytes) {
      return std::nullopt;
    }
    queued_bytes_ += bytes;
    queue_.push_back(job);
    jobs_[job->view.id] = job;
  }
  cv_.notify_one();
  return job->view.id;
}

std::optional<JobView> JobQueue::Get(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  JobView v = it->second->view;
  if (v.state == JobState::kQueued) {
    for (const auto& q : queue_) {
      if (q == it->second) break;
      ++v.position;
    }
  }
  return v;
}

void JobQueue::Cancel() {
  cancel_ = true;
  std::vector<std::shared_ptr<Job>> dropped;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    for (auto& job : queue_) {
      job->view.state = JobState::kCancelled;
      job->view.error = "the server stopped before the job ran; send it again";
      job->documents.clear();
      dropped.push_back(job);
    }
    queue_.clear();
    queued_bytes_ = 0;
  }
  for (auto& job : dropped) Finish(job);
  cv_.notify_all();
}

void JobQueue::Shutdown() {
  Cancel();
  for (auto& t : workers_) {
    if (t.joinable()) t.join();
  }
  workers_.clear();
}

void JobQueue::Work() {
  while (true) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      job = queue_.front();
      queue_.pop_front();
      queued_bytes_ -= job->bytes;
      job->view.state = JobState::kRunning;
    }
    Run(*job);
    Finish(job);
  }
}

// Codes the job's documents one by one and stores them in transactions of up to 64 documents
// (or 20,000 events): a job holds one batch of events at a time, not all of them (16 MiB of dense
// reports once held 490,000 events, 460 MB). Counts and rejections are published under the lock
// as they happen, so a poll shows progress.
void JobQueue::Run(Job& job) {
  constexpr size_t kBatchDocuments = 64, kBatchEvents = 20000;
  CodeBudget budget = opt_.budget;
  budget.cancel = &cancel_;
  std::vector<Document> documents;
  {
    std::lock_guard<std::mutex> lock(mu_);
    documents.swap(job.documents);
  }
  Batch batch;
  size_t batch_events = 0;
  Status st;
  auto store = [&] {
    IngestStats stats;
    std::vector<std::string> conflicts;
    st = writer_(batch, &stats);
    if (st.code() == Status::Code::kInvalidInput) {
      // A batch is refused whole (an id already stored with other content); store its documents
      // one by one so one conflict costs only itself.
      st = Status::OK();
      for (auto& one : batch) {
        Batch single;
        single.push_back(std::move(one));
        Status s = writer_(single, &stats);
        if (s.code() == Status::Code::kInvalidInput) {
          conflicts.push_back(s.message());
        } else if (!s.ok()) {
          st = s;
          break;
        }
      }
    }
    batch.clear();
    batch_events = 0;
    std::lock_guard<std::mutex> lock(mu_);
    for (std::string& c : conflicts) job.Reject(std::move(c));
    job.view.stats.documents += stats.documents;
    job.view.stats.duplicates += stats.duplicates;
    job.view.stats.events_new += stats.events_new;
    job.view.stats.events_merged += stats.events_merged;
    job.view.stats.reports += stats.reports;
  };
  bool cancelled = false;
  for (Document& doc : documents) {
    auto events = pipeline_.Code(doc, budget);
    if (!events.ok()) {
      if (cancel_) {
        cancelled = true;
        break;
      }
      std::lock_guard<std::mutex> lock(mu_);
      job.Reject(events.status().message());
      continue;
    }
    batch_events += events->size();
    batch.emplace_back(std::move(doc), std::move(events).value());
    if (batch.size() >= kBatchDocuments || batch_events >= kBatchEvents) {
      store();
      if (!st.ok()) break;
    }
    if (cancel_) {
      cancelled = true;
      break;
    }
  }
  if (st.ok() && !cancelled && !batch.empty()) store();
  documents.clear();
  std::lock_guard<std::mutex> lock(mu_);
  size_t stored = job.view.stats.documents + job.view.stats.duplicates;
  std::string part = stored == 0 ? "nothing of this job was stored"
                                 : std::to_string(stored) + " of its documents were stored";
  if (!st.ok()) {
    std::cerr << "sitrep: job " << job.view.id << ": " << st.ToString() << "\n";
    job.view.state = JobState::kFailed;
    job.view.error = "the store refused the write; " + part;
  } else if (cancelled) {
    job.view.state = JobState::kCancelled;
    job.view.error = "the server stopped while the job ran; " + part +
                     " (send it again: "
                     "stored documents are skipped)";
  } else {
    job.view.state = JobState::kDone;
  }
}

void JobQueue::Finish(const std::shared_ptr<Job>& job) {
  std::lock_guard<std::mutex> lock(mu_);
  if (job->view.state == JobState::kRunning) job->view.state = JobState::kDone;
  finished_.push_back(job->view.id);
  while (finished_.size() > opt_.keep_finished) {
    jobs_.erase(finished_.front());
    finished_.pop_front();
  }
}

}  // namespace sitrep::http
