using System.Text.Json;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Meedenker.BrowserTests;

/// <summary>
/// The app on a real Kestrel port and Debian's Chromium driven by Playwright (never a downloaded browser).
/// axe-core comes from npm (src/Meedenker.Web/node_modules) and runs on every page a test visits.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private MeedenkerFactory? _app;

    public MeedenkerFactory App => _app ?? throw new InvalidOperationException("Not started");
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public string AxeSource { get; private set; } = "";
    public static string Root { get; } = FindRoot();

    public async Task InitializeAsync()
    {
        _app = CreateApp();
        _app.PlainHttpCookies = true;
        _app.UseKestrel(0);
        _app.StartServer();
        BaseUrl = _app.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        AxeSource = await File.ReadAllTextAsync(Path.Combine(Root, "src", "Meedenker.Web", "node_modules", "axe-core", "axe.min.js"));
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>The app under test; a fixture for other settings overrides it.</summary>
    protected virtual MeedenkerFactory CreateApp() => new();

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public async Task<IPage> NewPageAsync(bool javaScript = true, string? language = null, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "nl-NL",
        });
        if (language is not null)
        {
            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = BaseUrl }]);
        }
        return await context.NewPageAsync();
    }

    /// <summary>Signs a staff member in through the pages, with the authenticator code.</summary>
    public async Task SignInAsync(IPage page, MeedenkerFactory.Staff staff, string returnUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(staff);
        await page.GotoAsync($"{BaseUrl}/account/inloggen?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.GetByLabel("E-mailadres").FillAsync(staff.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(MeedenkerFactory.Password);
        await page.FollowAsync(() => page.GetByLabel("Wachtwoord").PressAsync("Enter"), "**/account/inloggen/code**");
        await page.GetByLabel("Code").FillAsync(Totp.CodeNow(staff.AuthenticatorKey!));
        await page.FollowAsync(() => page.GetByLabel("Code").PressAsync("Enter"), BaseUrl + returnUrl);
    }

    /// <summary>Runs axe-core (WCAG 2.1 A/AA and best practices) and returns the violations in readable form.</summary>
    public async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        // Colour contrast needs the stylesheets: wait for the load event of the page that is shown now.
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.EvaluateAsync(AxeSource);
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
              return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
            }
            """);
        return violations.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    public async Task AssertAccessibleAsync(IPage page)
    {
        var violations = await AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, $"axe-core found on {page.Url}:\n{string.Join("\n", violations)}");
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Meedenker.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Meedenker.slnx).");
    }
}

// RunAndWaitForNavigation is marked obsolete in favour of WaitForURL, but only it registers the wait before the action.
#pragma warning disable CS0612
public static class PageNavigation
{
    /// <summary>
    /// Runs an action that navigates and waits for the new document. The wait is registered before the action runs,
    /// so a fast navigation cannot slip between a URL check and the wait (which made WaitForURL time out now and then),
    /// and it waits for the document itself, not for every subresource.
    /// </summary>
    public static Task FollowAsync(this IPage page, Func<Task> action, string url)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.RunAndWaitForNavigationAsync(action, new() { UrlString = url, WaitUntil = WaitUntilState.DOMContentLoaded });
    }

    public static Task FollowAsync(this IPage page, Func<Task> action, Func<string, bool> url)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.RunAndWaitForNavigationAsync(action, new() { UrlFunc = url, WaitUntil = WaitUntilState.DOMContentLoaded });
    }
}

#pragma warning restore CS0612

[CollectionDefinition(Name)]
public sealed class BrowserSuite : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
