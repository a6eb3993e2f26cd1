using System.Data.Common;
using System.Runtime.CompilerServices;
using Meedenker.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

namespace Meedenker.Web.Features.Directory;

/// <summary>
/// A short-lived cache for the free-text search: which vocabulary words a set of patterns finds, and for a normalised
/// search (matched words and filters) how many services it finds and the ids of the first ones in name order. The social
/// map changes a few times a day; a broad count and sort cost tens of milliseconds at national scale, a cached one nothing. Every save that touches the directory in this process
/// starts a new generation, so an edit or import shows at once; an edit made by another instance shows within
/// <see cref="Lifetime"/> (docs/decisions/0050-search-word-index.md). Synonyms are read on every search and are part of
/// the key through the words they find; they are cached too, and a synonym edit saved in this process starts a new
/// generation like any other directory edit.
/// </summary>
public sealed class SearchCache : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });
    private long _generation;

    /// <summary>The cached value, or computes and keeps it; <paramref name="size"/> in units of about a kilobyte.</summary>
    public async Task<T> GetOrAddAsync<T>(string key, Func<Task<T>> compute, int size = 1)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var generation = Interlocked.Read(ref _generation);
        var fullKey = (generation, key);
        if (_cache.TryGetValue(fullKey, out T? cached) && cached is not null)
        {
            return cached;
        }
        var value = await compute();
        // A save that happened while this was computed may not be in the value: keep it only if none did.
        if (Interlocked.Read(ref _generation) == generation)
        {
            _cache.Set(fullKey, value, new MemoryCacheEntryOptions { Size = size, AbsoluteExpirationRelativeToNow = Lifetime });
        }
        return value;
    }

    /// <summary>Forgets everything: the next search reads the database again.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    public void Dispose() => _cache.Dispose();
}

/// <summary>
/// Invalidates the <see cref="SearchCache"/> when a save touches what the search reads (services, their terms and areas,
/// organisations, taxonomy terms, municipalities, synonym groups, the word index): after the save, and again when its transaction commits,
/// so that no count computed in between outlives the commit.
/// </summary>
public sealed class SearchCacheInvalidator(SearchCache cache) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>Contexts whose last save touched the directory, until that save is final (committed or rolled back).</summary>
    private readonly ConditionalWeakTable<DbContext, object> _marked = [];

    private static bool TouchesDirectory(DbContext context) =>
        context.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted &&
            e.Entity is Service or ServiceTerm or ServiceArea or Organization or TaxonomyTerm or Municipality or ServiceWord or SearchWord or SearchSynonymGroup);

    private void Saving(DbContext? context)
    {
        if (context is not null && TouchesDirectory(context))
        {
            _marked.AddOrUpdate(context, this);
            cache.Invalidate();
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && _marked.TryGetValue(context, out _))
        {
            cache.Invalidate();
            if (context.Database.CurrentTransaction is null)
            {
                _marked.Remove(context);
            }
        }
    }

    private void Ended(DbContext? context, bool committed)
    {
        if (context is not null && _marked.TryGetValue(context, out _))
        {
            _marked.Remove(context);
            if (committed)
            {
                cache.Invalidate();
            }
        }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Saving(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Ended(eventData.Context, committed: true);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Ended(eventData.Context, committed: true);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Ended(eventData.Context, committed: false);
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Ended(eventData.Context, committed: false);
        return Task.CompletedTask;
    }
}
