using Meedenker.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meedenker.Web.Features.Directory;

/// <summary>HSDS /taxonomies and /taxonomy_terms, each with their {id}.</summary>
public static class HsdsTaxonomiesApi
{
    public static RouteGroupBuilder MapHsdsTaxonomies(this RouteGroupBuilder hsds)
    {
        ArgumentNullException.ThrowIfNull(hsds);
        hsds.MapGet("/taxonomies", ListTaxonomies).WithName("HsdsListTaxonomies").WithSummary("Paged taxonomies; query: page, per_page")
            .Produces<HsdsPage<HsdsTaxonomy>>().ProducesValidationProblem();
        hsds.MapGet("/taxonomies/{id}", GetTaxonomy).WithName("HsdsGetTaxonomy").WithSummary("One taxonomy").ProducesProblem(StatusCodes.Status404NotFound);
        hsds.MapGet("/taxonomy_terms", ListTerms).WithName("HsdsListTaxonomyTerms").WithSummary("Paged taxonomy terms; query: page, per_page, taxonomy_id")
            .Produces<HsdsPage<HsdsTaxonomyTerm>>().ProducesValidationProblem();
        hsds.MapGet("/taxonomy_terms/{id}", GetTerm).WithName("HsdsGetTaxonomyTerm").WithSummary("One taxonomy term").ProducesProblem(StatusCodes.Status404NotFound);
        return hsds;
    }

    private static IResult ListTaxonomies(HttpRequest request)
    {
        var query = new HsdsQuery(request);
        var paging = query.Paging();
        if (query.Problem is { } problem)
        {
            return problem;
        }
        var all = HsdsLoader.AllTaxonomies;
        return TypedResults.Json(HsdsPages.Of(all.Skip(paging.Skip).Take(paging.PerPage).ToList(), all.Count, paging), HsdsJson.Options);
    }

    private static Results<JsonHttpResult<HsdsTaxonomy>, ProblemHttpResult> GetTaxonomy(string id)
    {
        var taxonomy = HsdsApi.TryId(id, out var guid) ? HsdsLoader.AllTaxonomies.FirstOrDefault(t => t.Id == guid) : null;
        return taxonomy is null ? HsdsApi.NotFound("taxonomy", id) : TypedResults.Json(taxonomy, HsdsJson.Options);
    }

    private static async Task<IResult> ListTerms(HttpRequest request, AppDbContext db, CancellationToken cancellationToken)
    {
        var query = new HsdsQuery(request);
        var paging = query.Paging();
        var taxonomyId = query.Id("taxonomy_id");
        if (query.Problem is { } problem)
        {
            return problem;
        }
        // A few hundred terms at most (342 municipalities): filtering in memory is simpler and fast enough.
        var terms = await HsdsLoader.AllTermsAsync(db, cancellationToken);
        if (taxonomyId is { } taxonomy)
        {
            terms = terms.Where(t => t.TaxonomyId == taxonomy).ToList();
        }
        return TypedResults.Json(HsdsPages.Of(terms.Skip(paging.Skip).Take(paging.PerPage).ToList(), terms.Count, paging), HsdsJson.Options);
    }

    private static async Task<Results<JsonHttpResult<HsdsTaxonomyTerm>, ProblemHttpResult>> GetTerm(string id, AppDbContext db, CancellationToken cancellationToken)
    {
        var term = HsdsApi.TryId(id, out var guid) ? (await HsdsLoader.AllTermsAsync(db, cancellationToken)).FirstOrDefault(t => t.Id == guid) : null;
        return term is null ? HsdsApi.NotFound("taxonomy_term", id) : TypedResults.Json(term, HsdsJson.Options);
    }
}
