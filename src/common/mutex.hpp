// Mutexes the compiler checks: clang's thread-safety analysis (-Wthread-safety, the `clang` preset, run by
// `scripts/dev test`) proves that every member declared SK_GUARDED_BY(mutex_) is touched only with mutex_ held,
// and that functions declared SK_REQUIRES(mutex_) are called only with it held. libstdc++'s std::mutex carries
// no annotations, so the analysis cannot see it; these thin wrappers are std::mutex and std::shared_mutex with
// annotations, the way leveldb's port::Mutex and Abseil's absl::Mutex are. GCC ignores the annotations.
//
// Waiting on a condition: hold a MutexLock and loop on the guarded condition around lock.wait(cv), so that the
// condition is read where the analysis knows the mutex is held (a predicate lambda would be analysed apart from
// the lock).
//
// Thread-safety: that is their purpose.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <shared_mutex>

#if defined(__clang__)
#define SK_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define SK_THREAD_ANNOTATION(x)
#endif

#define SK_CAPABILITY(x) SK_THREAD_ANNOTATION(capability(x))
#define SK_SCOPED_CAPABILITY SK_THREAD_ANNOTATION(scoped_lockable)
#define SK_GUARDED_BY(x) SK_THREAD_ANNOTATION(guarded_by(x))
#define SK_PT_GUARDED_BY(x) SK_THREAD_ANNOTATION(pt_guarded_by(x))
#define SK_REQUIRES(...) SK_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define SK_REQUIRES_SHARED(...) SK_THREAD_ANNOTATION(requires_shared_capability(__VA_ARGS__))
#define SK_EXCLUDES(...) SK_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define SK_ACQUIRE(...) SK_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define SK_ACQUIRE_SHARED(...) SK_THREAD_ANNOTATION(acquire_shared_capability(__VA_ARGS__))
#define SK_RELEASE(...) SK_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define SK_RELEASE_SHARED(...) SK_THREAD_ANNOTATION(release_shared_capability(__VA_ARGS__))
#define SK_RELEASE_GENERIC(...) SK_THREAD_ANNOTATION(release_generic_capability(__VA_ARGS__))
#define SK_TRY_ACQUIRE(...) SK_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))
#define SK_NO_THREAD_SAFETY_ANALYSIS SK_THREAD_ANNOTATION(no_thread_safety_analysis)

namespace seatkeeper {

class SK_CAPABILITY("mutex") Mutex {
public:
    void lock() SK_ACQUIRE() { mutex_.lock(); }
    void unlock() SK_RELEASE() { mutex_.unlock(); }
    bool try_lock() SK_TRY_ACQUIRE(true) { return mutex_.try_lock(); }

private:
    friend class MutexLock;
    std::mutex mutex_;
};

// Holds a Mutex for its scope; can wait on a condition variable, releasing the mutex meanwhile.
class SK_SCOPED_CAPABILITY MutexLock {
public:
    explicit MutexLock(Mutex& mutex) SK_ACQUIRE(mutex) : lock_(mutex.mutex_) {}
    ~MutexLock() SK_RELEASE() = default;
    MutexLock(const MutexLock&) = delete;
    MutexLock& operator=(const MutexLock&) = delete;

    // For a stretch of work without the mutex inside the scope; lock() takes it back.
    void unlock() SK_RELEASE() { lock_.unlock(); }
    void lock() SK_ACQUIRE() { lock_.lock(); }

    // Returns with the mutex held again, after a notification or spuriously: re-check the condition.
    void wait(std::condition_variable& cv) { cv.wait(lock_); }
    template <typename Clock, typename Duration>
    void wait_until(std::condition_variable& cv, std::chrono::time_point<Clock, Duration> deadline) {
        cv.wait_until(lock_, deadline);
    }

private:
    std::unique_lock<std::mutex> lock_;
};

class SK_CAPABILITY("shared mutex") SharedMutex {
public:
    void lock() SK_ACQUIRE() { mutex_.lock(); }
    void unlock() SK_RELEASE() { mutex_.unlock(); }
    void lock_shared() SK_ACQUIRE_SHARED() { mutex_.lock_shared(); }
    void unlock_shared() SK_RELEASE_SHARED() { mutex_.unlock_shared(); }

private:
    std::shared_mutex mutex_;
};

// Holds a SharedMutex exclusively for its scope.
class SK_SCOPED_CAPABILITY WriterLock {
public:
    explicit WriterLock(SharedMutex& mutex) SK_ACQUIRE(mutex) : mutex_(mutex) { mutex_.lock(); }
    ~WriterLock() SK_RELEASE() { mutex_.unlock(); }
    WriterLock(const WriterLock&) = delete;
    WriterLock& operator=(const WriterLock&) = delete;

private:
    SharedMutex& mutex_;
};

// Holds a SharedMutex shared for its scope: readers don't block each other.
class SK_SCOPED_CAPABILITY ReaderLock {
public:
    explicit ReaderLock(SharedMutex& mutex) SK_ACQUIRE_SHARED(mutex) : mutex_(mutex) { mutex_.lock_shared(); }
    ~ReaderLock() SK_RELEASE() { mutex_.unlock_shared(); }
    ReaderLock(const ReaderLock&) = delete;
    ReaderLock& operator=(const ReaderLock&) = delete;

private:
    SharedMutex& mutex_;
};

}  // namespace seatkeeper
