using System.Linq.Expressions;
using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Directory;

/// <summary>
/// Free-text search over services, shared by the social map page and the HSDS API. Every query word (or its stem, or
/// a synonym from the administrator's groups) must occur, as part of a word, in the service's search text
/// (docs/decisions/0006-search.md). Since decision 0050 the words are looked up in the small vocabulary first
/// (<see cref="SearchWord"/>, infix <c>LIKE</c>, trigram index on PostgreSQL) and the services found through the word
/// index (<see cref="ServiceWord"/>): the same results as <c>SearchText LIKE '%word%'</c>, without reading every
/// service's text.
/// </summary>
public static class ServiceSearch
{
    /// <summary>
    /// With at most this many matches the page is found by finding the matches (word index) and sorting them; with more,
    /// by walking the name index, which finds a page of common words at once. The same order either way.
    /// </summary>
    public const int ManyMatches = 10_000;

    /// <summary>How many ids of the first matches, in name order, the cache keeps per search (pages beyond are read live).</summary>
    public const int HeadIds = 500;

    /// <summary>Above this many vocabulary words, a query word is matched on the search text directly (same result).</summary>
    public const int MaxWords = 5000;

    private static readonly System.Reflection.MethodInfo LikeMethod = typeof(DbFunctionsExtensions)
        .GetMethod(nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string)])!;

    /// <summary>
    /// A search resolved against the vocabulary: per query word, the patterns it expands to and the vocabulary words
    /// they find (null: too many, match the text). The key names the search for the count cache.
    /// </summary>
    public sealed record TextMatch(IReadOnlyList<(IReadOnlyList<string> Patterns, IReadOnlyList<string>? Words)> Terms)
    {
        public static readonly TextMatch None = new([]);

        public bool HasText => Terms.Count > 0;

        /// <summary>
        /// A word the vocabulary does not know gets its own key ("!" and its patterns): keyed as an empty word list
        /// it would share the key of a search without words, and list every service.
        /// </summary>
        public string Key => string.Join('|', Terms.Select(t => t.Words switch
        {
            null => "~" + string.Join(',', t.Patterns),
            [] => "!" + string.Join(',', t.Patterns),
            var words => "=" + string.Join(',', words),
        }));

        public IQueryable<Service> Apply(AppDbContext db, IQueryable<Service> services)
        {
            ArgumentNullException.ThrowIfNull(db);
            foreach (var (patterns, words) in Terms)
            {
                if (words is null)
                {
                    services = services.Where(ContainsAny<Service>(nameof(Service.SearchText), patterns));
                }
                else if (words.Count == 0)
                {
                    return services.Where(_ => false);
                }
                else
                {
                    var list = words.ToArray();
                    services = services.Where(s => db.ServiceWords.Any(w => w.ServiceId == s.Id && EF.Parameter(list).Contains(w.Word)));
                }
            }
            return services;
        }
    }

    /// <summary>Reads the synonym groups and finds the vocabulary words of each query term.</summary>
    public static async Task<TextMatch> MatchAsync(AppDbContext db, string? text, SearchCache? cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var terms = Search.Terms(text);
        if (terms.Count == 0)
        {
            return TextMatch.None;
        }
        async Task<List<IReadOnlyList<string>>> ReadSynonyms() =>
            (await db.SearchSynonymGroups.AsNoTracking().Select(g => g.Words).ToListAsync(cancellationToken))
                .Select(w => (IReadOnlyList<string>)w.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .ToList();
        // Cached like the rest: a synonym edit saved in this process starts a new cache generation (SearchCacheInvalidator).
        var groups = cache is null ? await ReadSynonyms() : await cache.GetOrAddAsync("synonyms", ReadSynonyms);
        var result = new List<(IReadOnlyList<string>, IReadOnlyList<string>?)>();
        foreach (var term in terms)
        {
            var patterns = Search.Expand(term, groups).Order(StringComparer.Ordinal).ToList();
            Task<IReadOnlyList<string>?> Lookup() => VocabularyAsync(db, patterns, cancellationToken);
            var words = cache is null ? await Lookup() : await cache.GetOrAddAsync("words:" + string.Join(',', patterns), Lookup);
            result.Add((patterns, words));
        }
        return new TextMatch(result);
    }

    private static async Task<IReadOnlyList<string>?> VocabularyAsync(AppDbContext db, IReadOnlyList<string> patterns, CancellationToken cancellationToken)
    {
        var words = await db.SearchWords.AsNoTracking().Where(ContainsAny<SearchWord>(nameof(SearchWord.Word), patterns))
            .Select(w => w.Word).Take(MaxWords + 1).ToListAsync(cancellationToken);
        return words.Count > MaxWords ? null : words.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The free-text filter without caching (staff pages).</summary>
    public static async Task<IQueryable<Service>> WhereTextAsync(AppDbContext db, IQueryable<Service> services, string? text, CancellationToken cancellationToken) =>
        (await MatchAsync(db, text, cache: null, cancellationToken)).Apply(db, services);

    /// <summary>The total of a search and the ids of its first <see cref="HeadIds"/> matches in name order.</summary>
    public sealed record Head(int Total, Guid[] Ids);

    /// <summary>Name order, then id; by an expression when the matches are few (see <see cref="ManyMatches"/>).</summary>
    public static IOrderedQueryable<Service> InNameOrder(IQueryable<Service> services, bool fewMatches) =>
        (fewMatches ? services.OrderBy(s => s.Name + "") : services.OrderBy(s => s.Name)).ThenBy(s => s.Id);

    /// <summary>
    /// The count and the first ids of a normalised search (<paramref name="key"/>: its matched words and filters), from
    /// the cache or read once: the count and one sorted read of at most <see cref="HeadIds"/> ids.
    /// </summary>
    public static Task<Head> HeadAsync(SearchCache cache, string key, IQueryable<Service> services, bool hasText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return cache.GetOrAddAsync(key, async () =>
        {
            var total = await services.CountAsync(cancellationToken);
            var ids = total == 0 ? [] : await InNameOrder(services, hasText && total <= ManyMatches).Select(s => s.Id).Take(HeadIds).ToArrayAsync(cancellationToken);
            return new Head(total, ids);
        }, size: 1 + HeadIds / 64);
    }

    /// <summary>The ids of one page, in order: from the head when it holds them, otherwise read from the database.</summary>
    public static async Task<IReadOnlyList<Guid>> PageIdsAsync(Head head, IQueryable<Service> services, bool hasText, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (skip + take <= head.Ids.Length || head.Ids.Length >= head.Total)
        {
            return head.Ids.Skip(skip).Take(take).ToList();
        }
        return await InNameOrder(services, hasText && head.Total <= ManyMatches).Skip(skip).Take(take).Select(s => s.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Puts rows read by id back in the order of the ids.</summary>
    public static List<T> InOrder<T>(IEnumerable<T> rows, IReadOnlyList<Guid> ids, Func<T, Guid> id)
    {
        var byId = rows.ToDictionary(id);
        return ids.Where(byId.ContainsKey).Select(i => byId[i]).ToList();
    }

    /// <summary>x => LIKE '%a%' OR LIKE '%b%' ...; the words are normalised, so they hold no LIKE wildcards.</summary>
    private static Expression<Func<T, bool>> ContainsAny<T>(string property, IReadOnlyList<string> words)
    {
        var row = Expression.Parameter(typeof(T), "x");
        var text = Expression.Property(row, property);
        var functions = Expression.Constant(EF.Functions);
        Expression? body = null;
        foreach (var word in words)
        {
            var pattern = new PatternHolder($"%{word}%");
            // A member access on a closure-like object becomes a SQL parameter instead of a literal.
            var like = Expression.Call(LikeMethod, functions, text, Expression.Property(Expression.Constant(pattern), nameof(PatternHolder.Pattern)));
            body = body is null ? like : Expression.OrElse(body, like);
        }
        return Expression.Lambda<Func<T, bool>>(body ?? Expression.Constant(true), row);
    }

    private sealed record PatternHolder(string Pattern);

    public static IQueryable<Service> WhereTerm(IQueryable<Service> services, TaxonomyKind kind, string code) =>
        services.Where(s => s.Terms.Any(t => t.TaxonomyTerm!.Taxonomy == kind && t.TaxonomyTerm.Code == code));

    public static IQueryable<Service> WhereMunicipality(IQueryable<Service> services, string code) =>
        services.Where(s => s.Areas.Any(a => a.Municipality!.Code == code));
}
