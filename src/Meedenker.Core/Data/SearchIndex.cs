using Meedenker.Data.Generation;
using Meedenker.Domain;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Data;

/// <summary>
/// Keeps the word index of the free-text search: the vocabulary (<see cref="SearchWord"/>) and the distinct words of
/// each service's search text (<see cref="ServiceWord"/>). Whoever changes <see cref="Service.SearchText"/> calls
/// <see cref="RefreshAsync"/> after saving the services, in the same transaction
/// (docs/decisions/0050-search-word-index.md).
/// </summary>
public static class SearchIndex
{
    private const int Batch = 500;

    /// <summary>Replaces the indexed words of these (saved) services by the words of their current search text.</summary>
    public static async Task RefreshAsync(AppDbContext db, IReadOnlyCollection<Service> services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(services);
        foreach (var chunk in services.Select(s => s.Id).Chunk(Batch))
        {
            await db.ServiceWords.Where(w => chunk.Contains(w.ServiceId)).ExecuteDeleteAsync(cancellationToken);
        }
        await InsertAsync(db, services, cancellationToken);
    }

    /// <summary>Adds the words of new services (bulk: COPY on PostgreSQL), and any new words to the vocabulary.</summary>
    public static Task InsertAsync(AppDbContext db, IReadOnlyCollection<Service> services, CancellationToken cancellationToken = default) =>
        InsertAsync(db, services, null, cancellationToken);

    /// <inheritdoc cref="InsertAsync(AppDbContext, IReadOnlyCollection{Service}, CancellationToken)"/>
    public static async Task InsertAsync(AppDbContext db, IReadOnlyCollection<Service> services, IProgress<BulkLoadStep>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(services);
        var rows = services.SelectMany(s => Search.IndexWords(s.SearchText).Select(w => new ServiceWord { ServiceId = s.Id, Word = w })).ToList();
        if (rows.Count == 0)
        {
            return;
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Concurrent saves may add the same new word: ON CONFLICT DO NOTHING (both SQLite and PostgreSQL).
            foreach (var chunk in rows.Select(r => r.Word).Distinct(StringComparer.Ordinal).Chunk(Batch))
            {
                // Only placeholders ({0}, {1}, ...) are put into the SQL; the words go as parameters.
                var sql = "INSERT INTO \"SearchWords\" (\"Word\") VALUES " + string.Join(", ", chunk.Select((_, i) => "({" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "})")) + " ON CONFLICT DO NOTHING";
                await db.Database.ExecuteSqlRawAsync(sql, chunk, cancellationToken);
            }
            await BulkInserter.InsertAsync(db, rows, progress, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
