// SPDX-License-Identifier: MIT
// A small thread pool for coarse tasks (a file, a 16 MB chunk of a file). Waiting on a TaskGroup
// runs that group's queued tasks on the waiting thread, so a file task can fan out into chunk tasks
// and wait for them without deadlocking the pool — and the thread that started the analysis does
// work too. A waiter helps only its own group: helping with any task would let file tasks nest
// inside each other's waits, one stack frame per file (10,000 files overflowed the stack).
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace hs {

class TaskGroup;

class TaskPool {
public:
    // threads == 0: one worker per hardware thread minus one (the waiting thread is the last one).
    explicit TaskPool(unsigned threads = 0);
    ~TaskPool();
    TaskPool(const TaskPool &) = delete;
    TaskPool &operator=(const TaskPool &) = delete;

    unsigned concurrency() const noexcept { return static_cast<unsigned>(workers_.size()) + 1; }

private:
    friend class TaskGroup;
    struct Task {
        std::function<void()> fn;
        TaskGroup *group;
    };
    void submit(Task task);
    // Runs one queued task of `group` on the calling thread; false if none is queued.
    bool runOneOf(const TaskGroup *group);
    void workerLoop();
    static void execute(Task &task);

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Task> queue_;
    std::vector<std::thread> workers_;
    bool stopping_ = false;
};

class TaskGroup {
public:
    explicit TaskGroup(TaskPool &pool) : pool_(pool) {}
    ~TaskGroup();
    TaskGroup(const TaskGroup &) = delete;
    TaskGroup &operator=(const TaskGroup &) = delete;

    void run(std::function<void()> fn);
    // Blocks until every task of this group ran, helping with queued work meanwhile.
    // Rethrows the first exception a task threw.
    void wait();

private:
    friend class TaskPool;
    void finished(std::exception_ptr error);

    TaskPool &pool_;
    std::atomic<int> pending_{0};
    std::mutex mutex_;
    std::condition_variable done_;
    std::exception_ptr error_;
};

// Runs fn(i) for i in [0, n) on the pool and waits.
void parallelFor(TaskPool &pool, std::size_t n, const std::function<void(std::size_t)> &fn);

} // namespace hs
