#include "check/seat_index.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <set>
#include <thread>
#include <unordered_map>
#include <vector>

#include "data/check.hpp"
#include "data/events.hpp"
#include "domain/events.hpp"
#include "domain/ids.hpp"
#include "domain/license_term.hpp"

namespace seatkeeper::check {

namespace {

// Events read per query while catching up (all in one read transaction).
constexpr std::int64_t kEventBatch = 500;

// ---- Hashing: 64 bits, multiply-and-fold over 8-byte words (the mixing of wyhash).

__extension__ using Wide = unsigned __int128;
constexpr std::uint64_t kMix0 = 0xa0761d6478bd642fULL;
constexpr std::uint64_t kMix1 = 0xe7037ed1a0b428dbULL;
constexpr std::uint64_t kMix2 = 0x8ebc6af09c88c6e3ULL;

std::uint64_t fold(std::uint64_t a, std::uint64_t b) {
    const Wide product = static_cast<Wide>(a) * b;
    return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64U);
}

std::uint64_t hash_bytes(std::string_view text, std::uint64_t seed) {
    std::uint64_t h = seed ^ kMix0;
    const char* p = text.data();
    std::size_t n = text.size();
    for (; n >= 8; n -= 8, p += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, p, 8);
        h = fold(h ^ word, kMix1);
    }
    if (n > 0) {
        std::uint64_t word = 0;
        std::memcpy(&word, p, n);
        h = fold(h ^ word, kMix1);
    }
    return fold(h ^ text.size(), kMix2);
}

// The slot tag of a key: the hash's high half (its position in a table derives from the tag alone, so that a
// table grows without reading the keys again).
std::uint32_t tag_of(std::string_view text, std::uint32_t seed) {
    return static_cast<std::uint32_t>(hash_bytes(text, fold(seed + 1, kMix2)) >> 32U);
}

// ---- Deferred frees: what a writer replaced, freed after the next grace period.

class Retired {
public:
    Retired() = default;
    Retired(const Retired&) = delete;
    Retired& operator=(const Retired&) = delete;
    ~Retired() { free_all(); }

    template <typename T>
    void add(const T* object) {
        if (object != nullptr) items_.push_back({object, [](const void* o) { delete static_cast<const T*>(o); }});
    }
    [[nodiscard]] bool empty() const { return items_.empty(); }
    void free_all() {
        for (const auto& [object, free] : items_) free(object);
        items_.clear();
    }

private:
    std::vector<std::pair<const void*, void (*)(const void*)>> items_;
};

// ---- The byte arena: append-only entries [u32 number][u32 word][bytes], padded to 4 bytes, in chunks that
// never move. The word's low half is the key's length, whose top bit is the entry's flag (a seat held through a
// group), keys being far shorter; its high half is the entry's day stamp (issue 15: the last day a check recorded
// the seat's activity, as days since 1970 modulo 2^16; only compared for equality), the one part of an entry
// that changes after it is published, by readers, atomically. An entry is named by its position in 4-byte units
// (32 bits: 16 GiB at most); 0 names none.

constexpr unsigned kChunkUnitBits = 18;  // 2^18 units of 4 bytes: 1 MiB chunks
constexpr std::uint32_t kChunkUnits = 1U << kChunkUnitBits;
constexpr std::uint32_t kMaxChunks = (1U << (32 - kChunkUnitBits)) - 1;  // the last unit is the tombstone's
constexpr std::size_t kEntryHeader = 8;
constexpr std::size_t kMaxKeyLength = 4096;  // UPNs and tenant ids are far shorter (domain/limits.hpp)
constexpr std::uint32_t kFlagBit = 0x8000;
constexpr std::uint32_t kLengthMask = 0x7FFF;
constexpr unsigned kStampShift = 16;

std::uint32_t entry_units(std::size_t length) { return static_cast<std::uint32_t>((kEntryHeader + length + 3) / 4); }

class Arena {
public:
    Arena() : chunks_(kMaxChunks) {}
    ~Arena() {
        for (std::uint32_t c = 0; c < chunk_count_; ++c) delete[] chunks_[c].load(std::memory_order_relaxed);
    }
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;

    // Writer: appends an entry and names it. Its bytes are written before the slot naming it is published.
    std::uint32_t append(std::uint32_t number, std::string_view key, bool flag = false) {
        if (key.size() > kMaxKeyLength) throw store::Failure(Status::Internal("a key of the check index is too long"));
        const std::uint32_t units = entry_units(key.size());
        // The current chunk ends where the next one would begin.
        if (std::uint64_t{next_} + units > std::uint64_t{chunk_count_} << kChunkUnitBits) {
            if (chunk_count_ == kMaxChunks) throw store::Failure(Status::Internal("the check index is full"));
            chunks_[chunk_count_].store(new std::uint32_t[kChunkUnits], std::memory_order_release);
            next_ = chunk_count_ << kChunkUnitBits;
            if (next_ == 0) next_ = 1;  // 0 names no entry
            ++chunk_count_;
        }
        const std::uint32_t at = next_;
        next_ += units;
        std::uint32_t* entry = unit(at);
        entry[0] = number;
        entry[1] = static_cast<std::uint32_t>(key.size()) | (flag ? kFlagBit : 0U);  // no stamp yet
        std::memcpy(entry + 2, key.data(), key.size());
        bytes_ += std::size_t{units} * 4;
        return at;
    }

    [[nodiscard]] std::uint32_t number(std::uint32_t at) const { return unit(at)[0]; }
    [[nodiscard]] std::string_view key(std::uint32_t at) const {
        const std::uint32_t* entry = unit(at);
        return {reinterpret_cast<const char*>(entry + 2), word(at) & kLengthMask};
    }
    [[nodiscard]] bool flag(std::uint32_t at) const { return (word(at) & kFlagBit) != 0; }
    [[nodiscard]] bool holds(std::uint32_t at, std::uint32_t number, std::string_view key) const {
        return this->number(at) == number && this->key(at) == key;
    }
    // Readers: moves the entry's stamp to `day`; true for the one caller that moved it, false when it was there.
    // Allocates nothing; one relaxed load when the stamp is already the day's.
    [[nodiscard]] bool stamp(std::uint32_t at, domain::Day day) const {
        const auto stamp = static_cast<std::uint32_t>(static_cast<std::uint16_t>(day));
        std::atomic_ref<std::uint32_t> word(unit(at)[1]);
        std::uint32_t current = word.load(std::memory_order_relaxed);
        while ((current >> kStampShift) != stamp) {
            const std::uint32_t stamped = (current & 0xFFFFU) | (stamp << kStampShift);
            if (word.compare_exchange_weak(current, stamped, std::memory_order_relaxed)) return true;
        }
        return false;
    }
    [[nodiscard]] std::size_t bytes() const { return bytes_; }  // writer

private:
    [[nodiscard]] std::uint32_t* unit(std::uint32_t at) const {
        return chunks_[at >> kChunkUnitBits].load(std::memory_order_acquire) + (at & (kChunkUnits - 1));
    }
    // The length, flag and stamp: read atomically, since checks may be stamping it.
    [[nodiscard]] std::uint32_t word(std::uint32_t at) const {
        return std::atomic_ref<std::uint32_t>(unit(at)[1]).load(std::memory_order_relaxed);
    }

    std::vector<std::atomic<std::uint32_t*>> chunks_;  // never resized: the chunks' addresses
    std::uint32_t chunk_count_ = 0;                    // writer
    std::uint32_t next_ = 0;                           // writer
    std::size_t bytes_ = 0;                            // writer
};

// ---- The slot table: open addressing over 64-bit slots (tag << 32 | arena position), linear probing, one
// writer. A slot goes empty → entry → tombstone, each by one store; growing builds a new table and publishes it.

constexpr std::uint64_t kEmpty = 0;
constexpr std::uint64_t kTombstone = 0xFFFFFFFFULL;  // tag 0, position of no entry
constexpr std::size_t kMinSlots = 64;

std::uint64_t slot_of(std::uint32_t tag, std::uint32_t at) { return (std::uint64_t{tag} << 32U) | at; }
std::uint32_t tag_in(std::uint64_t slot) { return static_cast<std::uint32_t>(slot >> 32U); }
std::uint32_t at_in(std::uint64_t slot) { return static_cast<std::uint32_t>(slot); }

struct SlotArray {
    explicit SlotArray(std::size_t n) : size(n), slots(n) {}
    [[nodiscard]] std::size_t home(std::uint32_t tag) const { return (std::uint64_t{tag} * size) >> 32U; }
    [[nodiscard]] std::size_t next(std::size_t i) const { return i + 1 == size ? 0 : i + 1; }
    std::size_t size;
    std::vector<std::atomic<std::uint64_t>> slots;  // never resized
};

class SlotTable {
public:
    SlotTable() : array_(new SlotArray(kMinSlots)) {}
    ~SlotTable() { delete array_.load(std::memory_order_relaxed); }
    SlotTable(const SlotTable&) = delete;
    SlotTable& operator=(const SlotTable&) = delete;

    // The position of the entry with `tag` that `holds` accepts, 0 when none. Readers: inside a grace period.
    template <typename Holds>
    [[nodiscard]] std::uint32_t find(std::uint32_t tag, const Holds& holds) const {
        const SlotArray& a = *array_.load(std::memory_order_acquire);
        for (std::size_t i = a.home(tag);; i = a.next(i)) {
            const std::uint64_t slot = a.slots[i].load(std::memory_order_acquire);
            if (slot == kEmpty) return 0;
            if (slot != kTombstone && tag_in(slot) == tag && holds(at_in(slot))) return at_in(slot);
        }
    }

    // Writer: adds an entry known to be absent.
    void insert(std::uint32_t tag, std::uint32_t at, Retired& retired) {
        if ((used_ + 1) * 4 > array_.load(std::memory_order_relaxed)->size * 3) grow(retired);
        SlotArray& a = *array_.load(std::memory_order_relaxed);
        std::size_t i = a.home(tag);
        while (true) {
            const std::uint64_t slot = a.slots[i].load(std::memory_order_relaxed);
            if (slot == kEmpty) ++used_;
            if (slot == kEmpty || slot == kTombstone) break;
            i = a.next(i);
        }
        a.slots[i].store(slot_of(tag, at), std::memory_order_release);
        ++live_;
    }

    // Writer: tombstones the entry with `tag` that `holds` accepts; its position, 0 when none.
    template <typename Holds>
    std::uint32_t erase(std::uint32_t tag, const Holds& holds) {
        SlotArray& a = *array_.load(std::memory_order_relaxed);
        for (std::size_t i = a.home(tag);; i = a.next(i)) {
            const std::uint64_t slot = a.slots[i].load(std::memory_order_relaxed);
            if (slot == kEmpty) return 0;
            if (slot != kTombstone && tag_in(slot) == tag && holds(at_in(slot))) {
                a.slots[i].store(kTombstone, std::memory_order_release);
                --live_;
                return at_in(slot);
            }
        }
    }

    // Writer: every live slot.
    template <typename Fn>
    void each(const Fn& fn) const {
        const SlotArray& a = *array_.load(std::memory_order_relaxed);
        for (std::size_t i = 0; i < a.size; ++i) {
            const std::uint64_t slot = a.slots[i].load(std::memory_order_relaxed);
            if (slot != kEmpty && slot != kTombstone) fn(tag_in(slot), at_in(slot));
        }
    }

    [[nodiscard]] std::size_t live() const { return live_; }
    [[nodiscard]] std::size_t bytes() const { return array_.load(std::memory_order_relaxed)->size * 8; }

private:
    // A table twice the live entries (half full, so 1.5 times as many before the next growth; any size will do,
    // positions are scaled from the tag), without tombstones, published whole.
    void grow(Retired& retired) {
        const std::size_t size = std::max(kMinSlots, (live_ + 1) * 2);
        auto* bigger = new SlotArray(size);
        each([&](std::uint32_t tag, std::uint32_t at) {
            std::size_t i = bigger->home(tag);
            while (bigger->slots[i].load(std::memory_order_relaxed) != kEmpty) i = bigger->next(i);
            bigger->slots[i].store(slot_of(tag, at), std::memory_order_relaxed);
        });
        retired.add(array_.exchange(bigger, std::memory_order_acq_rel));
        used_ = live_;
    }

    std::atomic<SlotArray*> array_;
    std::size_t used_ = 0;  // live entries and tombstones (writer)
    std::size_t live_ = 0;  // writer
};

// A set of (number, text) keys: the arena of their bytes and the table naming them.
class KeySet {
public:
    [[nodiscard]] std::uint32_t find(std::uint32_t number, std::string_view key) const {
        return table_.find(tag_of(key, number), [&](std::uint32_t at) { return arena_.holds(at, number, key); });
    }
    // Writer: adds the key (with its flag) when absent; its position either way.
    std::uint32_t insert(std::uint32_t number, std::string_view key, Retired& retired, bool flag = false) {
        const std::uint32_t tag = tag_of(key, number);
        const std::uint32_t found = table_.find(tag, [&](std::uint32_t at) { return arena_.holds(at, number, key); });
        if (found != 0) return found;
        const std::uint32_t at = arena_.append(number, key, flag);
        table_.insert(tag, at, retired);
        return at;
    }
    // Writer: removes the key; whether it was there.
    bool erase(std::uint32_t number, std::string_view key) {
        const std::uint32_t at =
            table_.erase(tag_of(key, number), [&](std::uint32_t a) { return arena_.holds(a, number, key); });
        if (at != 0) dead_bytes_ += std::size_t{entry_units(key.size())} * 4;
        return at != 0;
    }
    // Keys named by text alone, with their number as the value (tenant ids → tenant numbers); npos when absent.
    [[nodiscard]] std::size_t find_named(std::string_view key) const {
        const std::uint32_t at = table_.find(tag_of(key, 0), [&](std::uint32_t a) { return arena_.key(a) == key; });
        return at == 0 ? std::string_view::npos : arena_.number(at);
    }
    void add_named(std::string_view key, std::uint32_t number, Retired& retired) {
        table_.insert(tag_of(key, 0), arena_.append(number, key), retired);
    }
    template <typename Fn>
    void each(const Fn& fn) const {
        table_.each([&](std::uint32_t, std::uint32_t at) { fn(arena_.number(at), arena_.key(at), arena_.flag(at)); });
    }
    [[nodiscard]] std::size_t size() const { return table_.live(); }
    [[nodiscard]] std::size_t dead_bytes() const { return dead_bytes_; }
    [[nodiscard]] std::size_t live_bytes() const { return arena_.bytes() - dead_bytes_; }
    [[nodiscard]] const Arena& arena() const { return arena_; }

private:
    Arena arena_;
    SlotTable table_;
    std::size_t dead_bytes_ = 0;  // of removed entries (writer)
};

// Pointers to immutable objects by number, growing by copy (one writer; readers inside a grace period). Owns
// the objects it points to.
template <typename T>
class Directory {
public:
    Directory() : block_(new Block(kMinSlots)) {}
    ~Directory() {
        Block* b = block_.load(std::memory_order_relaxed);
        for (std::size_t i = 0; i < size_; ++i) delete b->items[i].load(std::memory_order_relaxed);
        delete b;
    }
    Directory(const Directory&) = delete;
    Directory& operator=(const Directory&) = delete;

    [[nodiscard]] const T* get(std::size_t i) const {
        const Block& b = *block_.load(std::memory_order_acquire);
        return i < b.size ? b.items[i].load(std::memory_order_acquire) : nullptr;
    }
    // Writer.
    std::uint32_t push(const T* object, Retired& retired) {
        Block* b = block_.load(std::memory_order_relaxed);
        if (size_ == b->size) {
            auto* bigger = new Block(b->size * 2);
            for (std::size_t i = 0; i < size_; ++i)
                bigger->items[i].store(b->items[i].load(std::memory_order_relaxed), std::memory_order_relaxed);
            block_.store(bigger, std::memory_order_release);
            retired.add(b);
            b = bigger;
        }
        b->items[size_].store(object, std::memory_order_release);
        return static_cast<std::uint32_t>(size_++);
    }
    // Writer: publishes `object` in place of what `i` held, which is retired.
    void replace(std::size_t i, const T* object, Retired& retired) {
        Block* b = block_.load(std::memory_order_relaxed);
        retired.add(b->items[i].exchange(object, std::memory_order_acq_rel));
    }
    [[nodiscard]] std::size_t size() const { return size_; }

private:
    struct Block {
        explicit Block(std::size_t n) : size(n), items(n) {}
        std::size_t size;
        std::vector<std::atomic<const T*>> items;  // never resized
    };
    std::atomic<Block*> block_;
    std::size_t size_ = 0;  // writer
};

// ---- What a check reads.

struct Service {
    std::string publisher_id;
    std::string plan_id;
    std::uint32_t number = 0;  // interned service ID
    std::uint32_t offer = 0;   // interned "<publisher>.<offer>"
    bool base_allowed = false;
};

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// The license-managed offers' service IDs; replaced whole when a publisher's catalogue changes.
struct Catalogue {
    StringMap<Service> services;
};

// A pool's licenses that are in force only on some days (issue 14: terms, suspensions), and which of its seats
// stay covered on a day fewer licenses are in force than seats are taken: the oldest ones (the newest go first,
// as when a quantity is lowered). Built by the writer with the pool's rows; immutable.
struct PoolTerms {
    std::int64_t plain = 0;  // the pool's licenses without a term or suspension: always in force
    std::vector<data::check::TermedLicenseRow> termed;
    std::int64_t seats = 0;  // taken when read (the pool is re-read on each seat change when coverage depends on it)
    bool reread_on_seat_change = false;  // some day, some but not all of its licenses are in force
    // For each number of licenses in force 0 < n < seats that some day from the read on brings: the UPNs of the
    // seats past the n oldest, sorted.
    std::vector<std::pair<std::int64_t, std::vector<std::string>>> uncovered;

    struct OnDay {
        std::int64_t capacity = 0;                                       // licenses in force
        domain::LicenseStatus status = domain::LicenseStatus::kExpired;  // domain::pool_status of them all
        domain::LicenseStatus lapsed = domain::LicenseStatus::kExpired;  // the best among those not in force
        std::optional<domain::Day> until;  // the first day after the last in force of a termed license in force
        bool site = false;                 // a site license is in force
        bool trial = false;                // every license in force is a free trial (and one is)
    };
    // Allocates nothing (the check's hot path).
    [[nodiscard]] OnDay on(domain::Day day) const {
        using domain::LicenseStatus;
        OnDay out;
        out.capacity = plain;
        std::array<bool, 5> seen{};  // by LicenseStatus
        if (plain > 0) seen[static_cast<std::size_t>(LicenseStatus::kActive)] = true;
        bool paid = plain > 0;
        for (const auto& license : termed) {
            const LicenseStatus status = domain::license_status(license.term, license.suspended, day);
            seen[static_cast<std::size_t>(status)] = true;
            if (domain::in_force(status)) {
                out.capacity += license.quantity;
                out.site = out.site || license.site;
                if (license.trial) {
                    out.trial = true;
                } else {
                    paid = true;
                }
                if (const auto last = domain::last_day_in_force(license.term);
                    last && (!out.until || *last + 1 < *out.until)) {
                    out.until = *last + 1;
                }
            }
        }
        std::array<LicenseStatus, 5> present{};
        std::size_t n = 0;
        for (std::size_t i = 0; i < seen.size(); ++i) {
            if (seen[i]) present[n++] = static_cast<LicenseStatus>(i);
        }
        out.status = domain::pool_status(std::span(present.data(), n));
        // Of those not in force: the pool status of the rest.
        std::size_t lapsed = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (!domain::in_force(present[i])) present[lapsed++] = present[i];
        }
        out.lapsed = domain::pool_status(std::span(present.data(), lapsed));
        out.trial = out.trial && !paid;
        return out;
    }
    [[nodiscard]] bool covers(std::int64_t capacity, std::string_view upn) const {
        if (capacity >= seats) return true;
        if (capacity <= 0) return false;
        for (const auto& [n, upns] : uncovered) {
            if (n == capacity) return !std::binary_search(upns.begin(), upns.end(), upn);
        }
        return true;  // not reached: every such number was read with the pool
    }
};

struct PoolInfo {
    std::uint32_t service = 0;               // interned service ID
    std::uint32_t pool = 0;                  // the pool's number, the seats' key with the UPN
    bool active = false;                     // quantity > 0: it has licenses (not trashed)
    std::shared_ptr<const PoolTerms> terms;  // null when every license of it is always in force
};

// A pool as read, with its terms (built in the read transaction: the coverage needs the seats' order).
struct PoolRead {
    data::check::PoolRow row;
    std::shared_ptr<const PoolTerms> terms;
};

// One tenant's pools and offers; replaced whole when they change.
struct TenantInfo {
    std::vector<PoolInfo> pools;
    std::vector<std::uint32_t> pooled_offers;     // offers with an active pool for one of their plans
    std::vector<std::uint32_t> installed_offers;  // offers it installed
    std::vector<std::string> domains;             // its verified domains, sorted: what a site license covers
    [[nodiscard]] const PoolInfo* pool(std::uint32_t service) const {
        const auto it =
            std::find_if(pools.begin(), pools.end(), [&](const PoolInfo& p) { return p.service == service; });
        return it == pools.end() ? nullptr : &*it;
    }
    // Whether the UPN's domain (after its last '@') is one of the tenant's verified domains. Allocates nothing.
    [[nodiscard]] bool verified(std::string_view upn) const {
        const std::size_t at = upn.rfind('@');
        if (at == std::string_view::npos) return false;
        return std::binary_search(domains.begin(), domains.end(), upn.substr(at + 1),
                                  [](std::string_view a, std::string_view b) { return a < b; });
    }
    [[nodiscard]] bool uses(std::uint32_t offer) const {
        return std::find(pooled_offers.begin(), pooled_offers.end(), offer) != pooled_offers.end() ||
               std::find(installed_offers.begin(), installed_offers.end(), offer) != installed_offers.end();
    }
};

void add_unique(std::vector<std::uint32_t>& set, std::uint32_t number) {
    if (std::find(set.begin(), set.end(), number) == set.end()) set.push_back(number);
}

std::string offer_key(std::string_view publisher_id, std::string_view offer_id) {
    std::string key;
    key.reserve(publisher_id.size() + offer_id.size() + 1);
    key.append(publisher_id).append(".").append(offer_id);
    return key;
}

std::uint32_t intern(StringMap<std::uint32_t>& names, std::string_view name) {
    if (const auto it = names.find(name); it != names.end()) return it->second;
    const auto number = static_cast<std::uint32_t>(names.size());
    names.emplace(std::string(name), number);
    return number;
}

// Removed seats' bytes stay in the arena until they outweigh the live ones (and this): then the seats are
// copied into a fresh arena and table.
constexpr std::size_t kCompactAfterDeadBytes = std::size_t{64} << 10U;

}  // namespace

// ---- Grace periods (see the file comment).

class SeatIndex::Grace {
public:
    static constexpr std::size_t kReaderSlots = 64;

    // A check's stay: from its first to its last read of the tables.
    class Reader {
    public:
        explicit Reader(const Grace& grace)
            : counter_(grace.slots_[this_thread_slot()].active[grace.phase_.load(std::memory_order_seq_cst)]) {
            counter_.fetch_add(1, std::memory_order_seq_cst);
        }
        ~Reader() { counter_.fetch_sub(1, std::memory_order_release); }
        Reader(const Reader&) = delete;
        Reader& operator=(const Reader&) = delete;

    private:
        std::atomic<std::uint64_t>& counter_;
    };

    // Writer: what it replaced, freed by collect().
    Retired& retired() { return retired_; }

    // Writer: waits until no reader can still see what was retired, then frees it.
    void collect() {
        if (retired_.empty()) return;
        const unsigned old_phase = phase_.load(std::memory_order_seq_cst);
        wait_for_readers(old_phase ^ 1U);  // stragglers of the phase before
        phase_.store(old_phase ^ 1U, std::memory_order_seq_cst);
        wait_for_readers(old_phase);
        retired_.free_all();
    }

private:
    struct alignas(64) Slot {
        std::array<std::atomic<std::uint64_t>, 2> active{};
    };

    static std::size_t this_thread_slot() {
        static std::atomic<std::size_t> next{0};
        thread_local std::size_t slot = next.fetch_add(1, std::memory_order_relaxed) % kReaderSlots;
        return slot;
    }

    void wait_for_readers(unsigned phase) const {
        for (const Slot& slot : slots_) {
            while (slot.active[phase].load(std::memory_order_seq_cst) != 0) std::this_thread::yield();
        }
    }

    mutable std::array<Slot, kReaderSlots> slots_{};
    std::atomic<unsigned> phase_{0};
    Retired retired_;  // writer
};

// ---- One generation of the tables: built whole by load() (and a reload), changed in place by catch_up().

struct SeatIndex::Index {
    Index() = default;
    ~Index() {
        delete catalogue.load(std::memory_order_relaxed);
        delete seats.load(std::memory_order_relaxed);
    }
    Index(const Index&) = delete;
    Index& operator=(const Index&) = delete;

    // Read by check().
    std::atomic<const Catalogue*> catalogue{new Catalogue};
    KeySet tenant_ids;                       // tenant id → tenant number
    Directory<TenantInfo> tenants;           // by tenant number
    std::atomic<KeySet*> seats{new KeySet};  // (pool number, UPN)
    std::atomic<std::size_t> seat_count{0};
    std::atomic<std::size_t> tenant_count{0};
    std::atomic<std::size_t> service_count{0};

    [[nodiscard]] const TenantInfo* tenant(std::string_view tenant_id) const {
        const std::size_t number = tenant_ids.find_named(tenant_id);
        return number == std::string_view::npos ? nullptr : tenants.get(number);
    }

    // ---- The writer's side.

    std::uint32_t tenant_number(std::string_view tenant_id, Retired& retired) {
        const std::size_t found = tenant_ids.find_named(tenant_id);
        if (found != std::string_view::npos) return static_cast<std::uint32_t>(found);
        const std::uint32_t number = tenants.push(new TenantInfo, retired);
        tenant_ids.add_named(tenant_id, number, retired);
        tenant_count.store(tenants.size(), std::memory_order_relaxed);
        return number;
    }

    // A tenant's TenantInfo as the writer changes it: a copy, published by publish_drafts().
    TenantInfo& draft(std::uint32_t tenant) {
        auto& copy = drafts[tenant];
        if (!copy) copy = std::make_unique<TenantInfo>(*tenants.get(tenant));
        return *copy;
    }
    [[nodiscard]] const TenantInfo& current(std::uint32_t tenant) const {
        const auto it = drafts.find(tenant);
        return it != drafts.end() ? *it->second : *tenants.get(tenant);
    }
    void publish_drafts(Retired& retired) {
        for (auto& [tenant, copy] : drafts) tenants.replace(tenant, copy.release(), retired);
        drafts.clear();
    }

    // The number of the tenant's pool of `service` (added inactive to its draft when new).
    std::uint32_t pool_number(std::uint32_t tenant, std::uint32_t service) {
        if (const PoolInfo* pool = current(tenant).pool(service)) return pool->pool;
        const auto [it, fresh] = pool_numbers.try_emplace((std::uint64_t{tenant} << 32U) | service,
                                                          static_cast<std::uint32_t>(pool_numbers.size()));
        draft(tenant).pools.push_back({service, it->second, false, nullptr});
        return it->second;
    }
    PoolInfo& pool_draft(std::uint32_t tenant, std::uint32_t service) {
        const std::uint32_t number = pool_number(tenant, service);
        TenantInfo& copy = draft(tenant);
        return *std::find_if(copy.pools.begin(), copy.pools.end(), [&](const PoolInfo& p) { return p.pool == number; });
    }

    void add_seat(std::string_view tenant_id, std::string_view service_id, std::string_view upn, bool through_group,
                  Retired& retired) {
        // No check can name such a key (domain/limits.hpp bounds UPNs and tenant ids far below).
        if (tenant_id.size() > kMaxKeyLength || upn.size() > kMaxKeyLength) return;
        // Rows arrive grouped by pool: the last pool's number is kept (the load's fast path).
        if (tenant_id != last_tenant || service_id != last_service) {
            last_tenant.assign(tenant_id);
            last_service.assign(service_id);
            last_pool = pool_number(tenant_number(tenant_id, retired), intern(service_numbers, service_id));
        }
        seats.load(std::memory_order_relaxed)->insert(last_pool, upn, retired, through_group);
    }
    void remove_seat(std::string_view tenant_id, std::string_view service_id, std::string_view upn) {
        const std::size_t tenant = tenant_ids.find_named(tenant_id);
        const auto service = service_numbers.find(service_id);
        if (tenant == std::string_view::npos || service == service_numbers.end()) return;
        const PoolInfo* pool = current(static_cast<std::uint32_t>(tenant)).pool(service->second);
        if (pool != nullptr) seats.load(std::memory_order_relaxed)->erase(pool->pool, upn);
    }

    // Copies the seats into a fresh arena once removed ones' bytes outweigh the live ones.
    void compact_seats(Retired& retired) {
        KeySet* old = seats.load(std::memory_order_relaxed);
        if (old->dead_bytes() < kCompactAfterDeadBytes || old->dead_bytes() < old->live_bytes()) return;
        auto* fresh = new KeySet;
        old->each([&](std::uint32_t pool, std::string_view upn, bool through_group) {
            fresh->insert(pool, upn, retired, through_group);
        });
        seats.store(fresh, std::memory_order_release);
        retired.add(old);
    }

    // Replaces one publisher's service IDs (every publisher's when `publisher_id` is empty).
    void apply_catalogue(const std::string& publisher_id, const std::vector<data::check::ServiceRow>& rows,
                         Retired& retired) {
        auto next = std::make_unique<Catalogue>(*catalogue.load(std::memory_order_relaxed));
        std::erase_if(next->services, [&](const auto& entry) {
            return publisher_id.empty() || entry.second.publisher_id == publisher_id;
        });
        for (const auto& row : rows) {
            std::string service_id = domain::service_id(row.publisher_id, row.offer_id, row.plan_id);
            const std::uint32_t number = intern(service_numbers, service_id);
            next->services.insert_or_assign(
                std::move(service_id),
                Service{row.publisher_id, row.plan_id, number,
                        intern(offer_numbers, offer_key(row.publisher_id, row.offer_id)), row.base_allowed});
        }
        service_count.store(next->services.size(), std::memory_order_relaxed);
        retired.add(catalogue.exchange(next.release(), std::memory_order_acq_rel));
    }

    // Calls `fn` with the draft of `tenant_id` (of every tenant when empty), if known.
    template <typename Fn>
    void each_draft(const std::string& tenant_id, const Fn& fn) {
        if (tenant_id.empty()) {
            for (std::uint32_t t = 0; t < tenants.size(); ++t) fn(draft(t));
        } else if (const std::size_t t = tenant_ids.find_named(tenant_id); t != std::string_view::npos) {
            fn(draft(static_cast<std::uint32_t>(t)));
        }
    }

    // Replaces which pools are active, their terms and which offers they make "in use", for the tenants in
    // `rows` and for `tenant_id` (every tenant when empty). Seats stay.
    void apply_pools(const std::string& tenant_id, const std::vector<PoolRead>& rows, Retired& retired) {
        each_draft(tenant_id, [](TenantInfo& t) {
            for (PoolInfo& pool : t.pools) {
                pool.active = false;
                pool.terms.reset();
            }
            t.pooled_offers.clear();
        });
        for (const auto& [row, terms] : rows) {
            const std::uint32_t tenant = tenant_number(row.tenant_id, retired);
            PoolInfo& pool = pool_draft(tenant, intern(service_numbers, row.service_id));
            pool.active = row.quantity > 0 || !row.termed.empty();  // a site license counts no seats
            pool.terms = terms;
            if (pool.active)
                add_unique(draft(tenant).pooled_offers,
                           intern(offer_numbers, offer_key(row.publisher_id, row.offer_id)));
        }
    }

    // Whether a seat change in this pool changes which of its seats are covered (PoolTerms).
    [[nodiscard]] bool rereads_on_seat_change(std::string_view tenant_id, std::string_view service_id) const {
        const std::size_t tenant = tenant_ids.find_named(tenant_id);
        const auto service = service_numbers.find(service_id);
        if (tenant == std::string_view::npos || service == service_numbers.end()) return false;
        const PoolInfo* pool = current(static_cast<std::uint32_t>(tenant)).pool(service->second);
        return pool != nullptr && pool->terms && pool->terms->reread_on_seat_change;
    }

    // Replaces the verified domains of the tenants in `rows` and of `tenant_id` (every tenant when empty).
    void apply_domains(const std::string& tenant_id, const std::vector<std::pair<std::string, std::string>>& rows,
                       Retired& retired) {
        each_draft(tenant_id, [](TenantInfo& t) { t.domains.clear(); });
        for (const auto& [tenant, domain] : rows) draft(tenant_number(tenant, retired)).domains.push_back(domain);
        for (auto& [number, info] : drafts) std::sort(info->domains.begin(), info->domains.end());
    }

    void apply_installations(const std::string& tenant_id, const std::vector<data::check::InstallationRow>& rows,
                             Retired& retired) {
        each_draft(tenant_id, [](TenantInfo& t) { t.installed_offers.clear(); });
        for (const auto& row : rows) {
            add_unique(draft(tenant_number(row.tenant_id, retired)).installed_offers,
                       intern(offer_numbers, offer_key(row.publisher_id, row.offer_id)));
        }
    }

    // After a writer's changes: what readers see besides the seats, and the counts.
    void publish(Retired& retired) {
        publish_drafts(retired);
        compact_seats(retired);
        seat_count.store(seats.load(std::memory_order_relaxed)->size(), std::memory_order_relaxed);
    }

    // Writer only.
    StringMap<std::uint32_t> service_numbers;                       // interned service IDs
    StringMap<std::uint32_t> offer_numbers;                         // interned "<publisher>.<offer>"
    std::unordered_map<std::uint64_t, std::uint32_t> pool_numbers;  // (tenant << 32 | service) → pool
    std::unordered_map<std::uint32_t, std::unique_ptr<TenantInfo>> drafts;
    std::string last_tenant;
    std::string last_service;
    std::uint32_t last_pool = 0;
};

namespace {

using Index = SeatIndex::Index;

// A pool's terms from `today` on (PoolTerms); null when all its licenses are always in force.
std::shared_ptr<const PoolTerms> read_terms(store::Transaction& tx, const data::check::PoolRow& row,
                                            domain::Day today) {
    if (row.termed.empty()) return nullptr;
    auto terms = std::make_shared<PoolTerms>();
    terms->termed = row.termed;
    terms->plain = row.quantity;
    for (const auto& license : row.termed) terms->plain -= license.quantity;
    terms->seats = row.assigned;
    // The numbers in force from today on: today's, and each day a term starts, ends or its grace does.
    std::set<std::int64_t> capacities{terms->on(today).capacity};
    for (const auto& license : row.termed) {
        for (auto day = domain::next_change(license.term, today); day; day = domain::next_change(license.term, *day)) {
            capacities.insert(terms->on(*day).capacity);
        }
    }
    std::vector<std::int64_t> partial;
    for (const std::int64_t n : capacities) {
        if (n > 0 && n < row.quantity) terms->reread_on_seat_change = true;
        if (n > 0 && n < row.assigned) partial.push_back(n);
    }
    if (!partial.empty()) {
        const auto order = data::check::seat_order(tx, row.tenant_id, row.service_id);
        for (const std::int64_t n : partial) {
            const auto from = order.begin() + std::min<std::ptrdiff_t>(n, static_cast<std::ptrdiff_t>(order.size()));
            std::vector<std::string> upns(from, order.end());
            std::sort(upns.begin(), upns.end());
            terms->uncovered.emplace_back(n, std::move(upns));
        }
    }
    return terms;
}

std::vector<PoolRead> read_pools(store::Transaction& tx, const std::string& tenant_id, domain::Day today) {
    std::vector<PoolRead> out;
    for (auto& row : data::check::pools(tx, tenant_id)) {
        auto terms = read_terms(tx, row, today);
        out.push_back({std::move(row), std::move(terms)});
    }
    return out;
}

// Everything, in one read transaction, into a new generation.
std::unique_ptr<Index> read_state(store::Transaction& tx, Retired& retired, domain::Day today) {
    auto index = std::make_unique<Index>();
    index->apply_catalogue("", data::check::catalogue(tx, ""), retired);
    index->apply_pools("", read_pools(tx, "", today), retired);
    index->apply_installations("", data::check::installations(tx, ""), retired);
    index->apply_domains("", data::check::domains(tx, ""), retired);
    data::check::for_each_seat(tx, "", [&](const data::check::SeatView& seat) {
        index->add_seat(seat.tenant_id, seat.service_id, seat.upn, seat.through_group, retired);
    });
    index->publish(retired);
    return index;
}

// ---- Catching up: what a run of events asks the index to do.

struct SeatChange {
    bool assigned = false;
    domain::SeatSnapshot seat;  // the seat.assigned event's after, the seat.unassigned event's before
};

// Everything one catch_up read, to apply once its transaction is over. An empty string in a reload set means "all".
struct Pending {
    std::vector<SeatChange> seat_changes;
    std::set<std::string> pool_tenants;
    std::set<std::string> installation_tenants;
    std::set<std::string> domain_tenants;
    std::set<std::string> publishers;
    std::unique_ptr<Index> full;  // a whole new generation, when the events could not be applied piecemeal
    std::size_t events = 0;
    std::int64_t cursor = 0;

    // The rows the reloads read, in the same transaction as the events.
    std::vector<std::pair<std::string, std::vector<data::check::ServiceRow>>> catalogues;
    std::vector<std::pair<std::string, std::vector<PoolRead>>> pools;
    std::vector<std::pair<std::string, std::vector<data::check::InstallationRow>>> installations;
    std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> domains;
};

// Notes the tenant a license or installation event is about, whose rows to re-read: the event's tenant, else
// its snapshot's. False when the event can't be read.
template <typename Snapshot>
bool note_tenant(std::set<std::string>& tenants, const Result<domain::Event>& event) {
    if (!event.ok()) return false;
    if (!event->tenant_id().empty()) {
        tenants.insert(event->tenant_id());
        return true;
    }
    const auto* snapshot = event->after_as<Snapshot>();
    if (snapshot == nullptr) snapshot = event->before_as<Snapshot>();
    if (snapshot == nullptr) return false;
    tenants.insert(snapshot->tenant_id);
    return true;
}

// Sorts one event into `pending`; false when the index cannot apply it piecemeal (then it reloads). Every type
// is listed, so that a new one makes its author decide what the check does with it.
bool classify(Pending& pending, const Index& index, domain::EventType type, const data::check::EventRow& row) {
    using enum domain::EventType;
    const auto parse = [&] {
        return domain::parse_event(domain::to_string(type), row.subject, row.tenant_id.value_or(""), row.payload);
    };
    switch (type) {
        case kSeatAssigned:
        case kSeatUnassigned: {
            const auto event = parse();
            if (!event.ok()) return false;
            const bool assigned = type == kSeatAssigned;
            const auto* seat =
                assigned ? event->after_as<domain::SeatSnapshot>() : event->before_as<domain::SeatSnapshot>();
            if (seat == nullptr) return false;
            // Which seats of the pool its licenses cover may change with it.
            if (index.rereads_on_seat_change(seat->tenant_id, seat->service_id))
                pending.pool_tenants.insert(seat->tenant_id);
            pending.seat_changes.push_back({assigned, *seat});
            return true;
        }
        case kLicenseGranted:
        case kLicenseChanged:
        case kLicenseRemoved:
        case kLicenseSuspended:
        case kLicenseReinstated:
        case kLicenseRenewed:
        case kLicenseStatusChanged:
            return note_tenant<domain::LicenseSnapshot>(pending.pool_tenants, parse());
        case kInstallationCreated:
            return note_tenant<domain::InstallationSnapshot>(pending.installation_tenants, parse());
        case kOfferCreated:
        case kOfferUpdated:
        case kOfferPackageUploaded:
        case kOfferStateChanged:
        case kOfferReviewed:
        case kPlanCreated:
        case kPlanUpdated:
            pending.publishers.insert(row.publisher_id.value_or(""));
            return true;
        // A site license covers the tenant's verified domains (a new tenant's is its first).
        case kTenantCreated:
        case kTenantDomainAdded:
        case kTenantDomainVerified:
        case kTenantDomainRemoved:
            if (!row.tenant_id || row.tenant_id->empty()) return false;
            pending.domain_tenants.insert(*row.tenant_id);
            return true;
        // Nothing the check depends on. Groups change seats through seat events of their own; API key and
        // signing key events are the observer's (Runtime).
        case kLeadCreated:
        case kDealRegistered:
        case kDealUpdated:
        case kDealStateChanged:
        case kInvitationCreated:
        case kInvitationSignupCodeSent:
        case kInvitationAccepted:
        case kInvitationDeclined:
        case kRelationshipCreated:
        case kGroupCreated:
        case kGroupMemberAdded:
        case kGroupMemberRemoved:
        case kGroupDeleted:
        case kGroupAssigned:
        case kGroupUnassigned:
        case kDirectoryUserAdded:
        case kDirectoryUserRenamed:
        case kPublisherCreated:
        case kUserCreated:
        case kUserSignedIn:
        case kUserChanged:
        case kUserDeleted:
        case kUserPasswordChanged:
        case kUserPasswordResetRequested:
        case kUserPasswordReset:
        case kApiKeyCreated:
        case kApiKeyRevoked:
        case kSigningKeyCreated:
        case kSigningKeyRotated:
        case kSigningKeyEncrypted:
        case kSigningKeyRewrapped:
        case kWebhookCreated:
        case kWebhookUpdated:
        case kWebhookDeleted:
        case kWebhookSecretRotated:
        case kWebhookDisabled:
        case kWebhookPing:
            return true;
    }
    return false;
}

template <typename Row, typename Read>
void reload_each(store::Transaction& tx, const std::set<std::string>& keys,
                 std::vector<std::pair<std::string, std::vector<Row>>>& out, const Read& read) {
    // "" (all) makes every narrower reload redundant.
    if (keys.contains("")) {
        out.emplace_back("", read(tx, ""));
        return;
    }
    for (const auto& key : keys) out.emplace_back(key, read(tx, key));
}

}  // namespace

SeatIndex::SeatIndex(store::Store& store, Clock clock, SeatActivity* activity)
    : store_(store), clock_(clock), activity_(activity), grace_(std::make_unique<Grace>()), index_(new Index) {}

SeatIndex::~SeatIndex() { delete index_.load(std::memory_order_relaxed); }

Status SeatIndex::load() {
    const MutexLock serial(catch_up_mutex_);
    Retired& retired = grace_->retired();
    struct Loaded {
        std::unique_ptr<Index> index;
        std::int64_t cursor = 0;
    };
    auto loaded_or = store::in_transaction(store_, store::TxMode::kRead, [&](store::Transaction& tx) -> Result<Loaded> {
        Loaded out;
        out.cursor = data::events::newest_event_id(tx);
        out.index = read_state(tx, retired, domain::day_of(clock_()));
        return out;
    });
    if (!loaded_or.ok()) {
        grace_->collect();  // what the load had built and replaced before it failed
        return loaded_or.status();
    }
    Loaded& loaded = *loaded_or;
    retired.add(index_.exchange(loaded.index.release(), std::memory_order_acq_rel));
    cursor_.store(loaded.cursor, std::memory_order_release);
    grace_->collect();
    return Status::Ok();
}

Result<std::size_t> SeatIndex::catch_up(const EventObserver& observer) {
    const MutexLock serial(catch_up_mutex_);
    Retired& retired = grace_->retired();
    const std::int64_t from = cursor_.load(std::memory_order_acquire);
    const Index& current = *index_.load(std::memory_order_relaxed);  // the writer's own: no grace needed
    auto pending_or =
        store::in_transaction(store_, store::TxMode::kRead, [&](store::Transaction& tx) -> Result<Pending> {
            Pending out;
            out.cursor = from;
            bool reload_all = false;
            while (true) {
                const auto rows = data::check::events_after(tx, out.cursor, kEventBatch);
                for (const auto& r : rows) {
                    // A type this build does not know (a newer node wrote it) could mean anything: reload.
                    const auto type = domain::parse_event_type(r.type);
                    if (!reload_all) reload_all = !type || !classify(out, current, *type, r);
                    if (observer) observer(type);
                    out.cursor = r.id;
                    ++out.events;
                }
                if (static_cast<std::int64_t>(rows.size()) < kEventBatch) break;
            }
            const domain::Day today = domain::day_of(clock_());
            if (reload_all) {
                out.full = read_state(tx, retired, today);
                return out;
            }
            reload_each(tx, out.publishers, out.catalogues, data::check::catalogue);
            reload_each(tx, out.pool_tenants, out.pools, [today](store::Transaction& t, const std::string& tenant) {
                return read_pools(t, tenant, today);
            });
            reload_each(tx, out.installation_tenants, out.installations, data::check::installations);
            reload_each(tx, out.domain_tenants, out.domains, data::check::domains);
            return out;
        });
    if (!pending_or.ok()) {
        grace_->collect();  // what a reload that failed half-way had built and replaced
        return pending_or.status();
    }
    Pending& pending = *pending_or;
    if (pending.events == 0) return std::size_t{0};

    if (pending.full) {
        retired.add(index_.exchange(pending.full.release(), std::memory_order_acq_rel));
    } else {
        Index& index = *index_.load(std::memory_order_relaxed);
        for (const auto& change : pending.seat_changes) {
            const domain::SeatSnapshot& seat = change.seat;
            if (change.assigned) {
                index.add_seat(seat.tenant_id, seat.service_id, seat.upn, seat.group_id.has_value(), retired);
            } else {
                index.remove_seat(seat.tenant_id, seat.service_id, seat.upn);
            }
        }
        // The reloads read the tables as of the last event read, so they come after the seat events.
        for (const auto& [publisher, rows] : pending.catalogues) index.apply_catalogue(publisher, rows, retired);
        for (const auto& [tenant, rows] : pending.pools) index.apply_pools(tenant, rows, retired);
        for (const auto& [tenant, rows] : pending.installations) index.apply_installations(tenant, rows, retired);
        for (const auto& [tenant, rows] : pending.domains) index.apply_domains(tenant, rows, retired);
        index.publish(retired);
    }
    cursor_.store(pending.cursor, std::memory_order_release);
    grace_->collect();
    return pending.events;
}

Answer SeatIndex::check(std::string_view publisher_id, std::string_view tenant_id, std::string_view upn,
                        std::string_view service_id) const {
    const Grace::Reader reading(*grace_);
    const Index& index = *index_.load(std::memory_order_acquire);
    Facts facts;
    std::int64_t valid_until = 0;
    const Catalogue& catalogue = *index.catalogue.load(std::memory_order_acquire);
    const auto service = catalogue.services.find(service_id);
    if (service == catalogue.services.end() || service->second.publisher_id != publisher_id) return decide(facts);
    const Service& s = service->second;
    facts.known_service = true;
    facts.plan_id = s.plan_id;
    facts.base_allowed = s.base_allowed;
    if (const TenantInfo* tenant = index.tenant(tenant_id); tenant != nullptr) {
        if (const PoolInfo* pool = tenant->pool(s.number); pool != nullptr) {
            const KeySet& seats = *index.seats.load(std::memory_order_acquire);
            const std::uint32_t seat = seats.find(pool->pool, upn);
            facts.seat = seat != 0;
            facts.group = facts.seat && seats.arena().flag(seat);
            facts.has_licenses = pool->active;
            const domain::Day day = domain::day_of(clock_());
            if (pool->terms) {
                const PoolTerms::OnDay today = pool->terms->on(day);
                facts.status = today.status;
                facts.lapsed = today.lapsed;
                facts.covered = facts.seat && pool->terms->covers(today.capacity, upn);
                facts.trial = today.trial;
                facts.site = today.site && tenant->verified(upn);
                if (today.until) valid_until = domain::start_of(*today.until);
            } else {
                facts.status = pool->active ? domain::LicenseStatus::kActive : domain::LicenseStatus::kExpired;
                facts.covered = facts.seat;
            }
            // A covered seat answers licensed (decision.hpp): its first such answer today is its activity.
            if (facts.covered && activity_ != nullptr && seats.arena().stamp(seat, day)) {
                activity_->record(publisher_id, tenant_id, service_id, upn, day);
            }
        }
        facts.offer_in_use = tenant->uses(s.offer);
    }
    Answer answer = decide(facts);  // inside the grace period: the answer copies the plan ID out of the catalogue
    if (answer.result == Verdict::kLicensed) answer.valid_until = valid_until;
    return answer;
}

IndexStats SeatIndex::stats() const {
    const Grace::Reader reading(*grace_);
    const Index& index = *index_.load(std::memory_order_acquire);
    return {cursor(), index.service_count.load(std::memory_order_relaxed),
            index.tenant_count.load(std::memory_order_relaxed), index.seat_count.load(std::memory_order_relaxed)};
}

}  // namespace seatkeeper::check
