// SPDX-License-Identifier: MIT
#include "tasks/task_pool.h"

#include <chrono>

namespace hs {

TaskPool::TaskPool(unsigned threads)
{
    if (threads == 0) {
        const unsigned hw = std::thread::hardware_concurrency();
        threads = hw > 1 ? hw - 1 : 1;
    }
    workers_.reserve(threads);
    for (unsigned i = 0; i < threads; ++i)
        workers_.emplace_back([this] { workerLoop(); });
}

TaskPool::~TaskPool()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto &t : workers_)
        t.join();
}

void TaskPool::submit(Task task)
{
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(task));
    }
    wake_.notify_one();
}

void TaskPool::execute(Task &task)
{
    std::exception_ptr error;
    try {
        task.fn();
    } catch (...) {
        error = std::current_exception();
    }
    task.group->finished(error);
}

bool TaskPool::runOneOf(const TaskGroup *group)
{
    Task task;
    {
        std::lock_guard lock(mutex_);
        // A group's tasks were queued recently, so search from the back.
        auto it = queue_.end();
        while (it != queue_.begin()) {
            --it;
            if (it->group == group) {
                task = std::move(*it);
                queue_.erase(it);
                break;
            }
        }
        if (!task.fn)
            return false;
    }
    execute(task);
    return true;
}

void TaskPool::workerLoop()
{
    for (;;) {
        Task task;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty())
                return; // stopping
            task = std::move(queue_.front());
            queue_.pop_front();
        }
        execute(task);
    }
}

TaskGroup::~TaskGroup()
{
    // A group must not die with tasks in flight: they reference it.
    while (pending_.load() > 0) {
        if (!pool_.runOneOf(this)) {
            std::unique_lock lock(mutex_);
            done_.wait_for(lock, std::chrono::milliseconds(5), [this] { return pending_.load() == 0; });
        }
    }
}

void TaskGroup::run(std::function<void()> fn)
{
    pending_.fetch_add(1);
    pool_.submit(TaskPool::Task{std::move(fn), this});
}

void TaskGroup::finished(std::exception_ptr error)
{
    std::lock_guard lock(mutex_);
    if (error && !error_)
        error_ = error;
    if (pending_.fetch_sub(1) == 1)
        done_.notify_all();
}

void TaskGroup::wait()
{
    while (pending_.load() > 0) {
        if (!pool_.runOneOf(this)) {
            std::unique_lock lock(mutex_);
            done_.wait_for(lock, std::chrono::milliseconds(5), [this] { return pending_.load() == 0; });
        }
    }
    std::lock_guard lock(mutex_);
    if (error_) {
        auto e = error_;
        error_ = nullptr;
        std::rethrow_exception(e);
    }
}

void parallelFor(TaskPool &pool, std::size_t n, const std::function<void(std::size_t)> &fn)
{
    TaskGroup group(pool);
    for (std::size_t i = 0; i < n; ++i)
        group.run([&fn, i] { fn(i); });
    group.wait();
}

} // namespace hs
