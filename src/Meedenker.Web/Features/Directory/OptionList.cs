using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Html;

namespace Meedenker.Web.Features.Directory;

/// <summary>
/// The <c>&lt;option&gt;</c> lines of the social map's selects, rendered once per reference snapshot and list
/// (the snapshot is cached for a minute and replaced when reference data changes). With all 342 municipalities the
/// options were the largest part of the page's rendering; now a search only marks the chosen one.
/// </summary>
public static class OptionList
{
    private static readonly ConditionalWeakTable<ReferenceSnapshot, ConcurrentDictionary<string, string>> Rendered = new();

    /// <param name="snapshot">The reference snapshot the options come from: the cache lives as long as it does.</param>
    /// <param name="key">Which list, in which language (names differ per language).</param>
    public static IHtmlContent Render(ReferenceSnapshot snapshot, string key, IReadOnlyList<SocialMapModel.Option> options, string? selected)
    {
        ArgumentNullException.ThrowIfNull(options);
        var all = Rendered.GetOrCreateValue(snapshot).GetOrAdd(key, _ => Build(options));
        if (string.IsNullOrEmpty(selected))
        {
            return new HtmlString(all);
        }
        var value = HtmlEncoder.Default.Encode(selected);
        return new HtmlString(all.Replace($"<option value=\"{value}\">", $"<option value=\"{value}\" selected>", StringComparison.Ordinal));
    }

    private static string Build(IReadOnlyList<SocialMapModel.Option> options)
    {
        var html = new StringBuilder(options.Count * 48);
        foreach (var option in options)
        {
            html.Append("<option value=\"").Append(HtmlEncoder.Default.Encode(option.Code)).Append("\">")
                .Append(HtmlEncoder.Default.Encode(option.Name)).Append("</option>\n");
        }
        return html.ToString();
    }
}
