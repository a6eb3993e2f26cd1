namespace Meedenker.Web.Features.Shared;

/// <summary>Paging for a staff list (the _Pager partial): plain links with ?pagina=N, no JavaScript.</summary>
public sealed record Pager(int PageNumber, int TotalPages, string BaseQuery = "")
{
    public string Href(int page) => "?" + BaseQuery + (BaseQuery.Length > 0 ? "&" : "") + "pagina=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
