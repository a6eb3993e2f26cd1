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
    /// A page is found by walking the name index when that reads at most this many services; otherwise the matches are
    /// found first and sorted. The same order either way.
    /// </summary>
    public const int WalkBudget = 2000;

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

        public string Key => string.Join('|', Terms.Select(t => t.Words is { } words ? string.Join(',', words) : "~" + string.Join(',', t.Patterns)));

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

    /// <summary>Reads the synonym groups (every time, so an edit works at once) and finds the words of each query term.</summary>
    public static async Task<TextMatch> MatchAsync(AppDbContext db, string? text, SearchCache? cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var terms = Search.Terms(text);
        if (terms.Count == 0)
        {
            return TextMatch.None;
        }
        var groups = (await db.SearchSynonymGroups.AsNoTracking().Select(g => g.Words).ToListAsync(cancellationToken))
            .Select(w => (IReadOnlyList<string>)w.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();
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

    /// <summary>Whether walking the name index to rows <paramref name="end"/> reads at most <see cref="WalkBudget"/> services.</summary>
    public static bool WalkNameIndex(int matches, int all, int end) => (long)end * all <= (long)WalkBudget * Math.Max(matches, 1);

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
