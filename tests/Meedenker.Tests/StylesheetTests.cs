namespace Meedenker.Tests;

public sealed class StylesheetTests
{
    /// <summary>A lost brace (e.g. from a merge) silently drops every rule after it; browsers do not complain.</summary>
    [Fact]
    public void Site_stylesheet_has_balanced_braces_and_no_merge_markers()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Meedenker.slnx")))
        {
            dir = dir.Parent;
        }
        Assert.NotNull(dir);
        var css = File.ReadAllText(Path.Combine(dir.FullName, "src", "Meedenker.Web", "wwwroot", "css", "site.css"));
        var depth = 0;
        foreach (var c in css)
        {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            Assert.InRange(depth, 0, 2);
        }
        Assert.Equal(0, depth);
        Assert.DoesNotContain("<<<<<<<", css, StringComparison.Ordinal);
        Assert.DoesNotContain(">>>>>>>", css, StringComparison.Ordinal);
    }
}
