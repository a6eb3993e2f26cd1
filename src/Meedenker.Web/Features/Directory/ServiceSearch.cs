using System.Linq.Expressions;
using Meedenker.Data;
using Meedenker.Domain;
using Microsoft.EntityFrameworkCore;

namespace Meedenker.Web.Features.Directory;

/// <summary>
/// Free-text search over services, shared by the social map page and the HSDS API. Every query word (or its
/// stem, or a synonym from the administrator's groups) must occur in the service's search text; see
/// docs/decisions/0006-search.md for why this is one LIKE-based approach on both databases.
/// </summary>
public static class ServiceSearch
{
    private static readonly System.Reflection.MethodInfo LikeMethod = typeof(DbFunctionsExtensions)
        .GetMethod(nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string)])!;

    public static async Task<IQueryable<Service>> WhereTextAsync(AppDbContext db, IQueryable<Service> services, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var terms = Search.Terms(text);
        if (terms.Count == 0)
        {
            return services;
        }
        var groups = (await db.SearchSynonymGroups.AsNoTracking().Select(g => g.Words).ToListAsync(cancellationToken))
            .Select(w => (IReadOnlyList<string>)w.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        foreach (var term in terms)
        {
            services = services.Where(ContainsAny(Search.Expand(term, groups)));
        }
        return services;
    }

    /// <summary>s => LIKE '%a%' OR LIKE '%b%' ...; the words are normalised, so they hold no LIKE wildcards.</summary>
    private static Expression<Func<Service, bool>> ContainsAny(IReadOnlyList<string> words)
    {
        var service = Expression.Parameter(typeof(Service), "s");
        var searchText = Expression.Property(service, nameof(Service.SearchText));
        var functions = Expression.Constant(EF.Functions);
        Expression? body = null;
        foreach (var word in words)
        {
            var pattern = new PatternHolder($"%{word}%");
            // A member access on a closure-like object becomes a SQL parameter instead of a literal.
            var like = Expression.Call(LikeMethod, functions, searchText, Expression.Property(Expression.Constant(pattern), nameof(PatternHolder.Pattern)));
            body = body is null ? like : Expression.OrElse(body, like);
        }
        return Expression.Lambda<Func<Service, bool>>(body ?? Expression.Constant(true), service);
    }

    private sealed record PatternHolder(string Pattern);

    public static IQueryable<Service> WhereTerm(IQueryable<Service> services, TaxonomyKind kind, string code) =>
        services.Where(s => s.Terms.Any(t => t.TaxonomyTerm!.Taxonomy == kind && t.TaxonomyTerm.Code == code));

    public static IQueryable<Service> WhereMunicipality(IQueryable<Service> services, string code) =>
        services.Where(s => s.Areas.Any(a => a.Municipality!.Code == code));
}
