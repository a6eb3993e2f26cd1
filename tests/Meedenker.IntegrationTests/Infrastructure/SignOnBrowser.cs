using System.Net;
using Microsoft.Net.Http.Headers;

namespace Meedenker.IntegrationTests.Infrastructure;

/// <summary>
/// A browser for sign-in through an organisation's IdP: one cookie jar for the app (in-memory test server at
/// https://localhost) and the IdP (Kestrel on 127.0.0.1), and redirects followed between them. Cookies expire by
/// the tests' clock, as a browser whose clock agrees with the server's (the app dates its sign-in cookies by it).
/// </summary>
public sealed class SignOnBrowser : IDisposable
{
    private readonly Dictionary<(string Host, string Name), (string Value, DateTimeOffset? Expires)> _cookies = [];
    private readonly HttpClient _app;
    private readonly HttpClient _idp;

    public SignOnBrowser(MeedenkerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _app = factory.CreateDefaultClient(factory.ClientOptions.BaseAddress, new Jar(this));
        _idp = new HttpClient(new Jar(this) { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false } });
    }

    /// <summary>The address the last response came from (after every redirect).</summary>
    public Uri? Location { get; private set; }

    /// <summary>The path of <see cref="Location"/>, as a user sees where they landed.</summary>
    public string LandedPath => Location?.AbsolutePath ?? "";

    /// <summary>Goes to the address and follows every redirect, between app and IdP.</summary>
    public async Task<HttpResponseMessage> GoAsync(string url, bool follow = true)
    {
        var uri = new Uri(_app.BaseAddress!, url);
        var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri));
        return follow ? await FollowAsync(response) : response;
    }

    public async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response, int maxHops = 10)
    {
        ArgumentNullException.ThrowIfNull(response);
        for (var hop = 0; hop < maxHops && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hop++)
        {
            var next = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            response.Dispose();
            response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, next));
        }
        return response;
    }

    /// <summary>The redirect target of a response, without going there.</summary>
    public static Uri RedirectOf(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
    }

    /// <summary>Posts an app form as a browser does: loads the page for its antiforgery token first, then follows redirects.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        using var page = await GoAsync(url);
        fields["__RequestVerificationToken"] = HttpClientFormExtensions.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        using var content = new FormUrlEncodedContent(fields);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_app.BaseAddress!, url)) { Content = content };
        return await FollowAsync(await SendAsync(request));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        Location = request.RequestUri;
        var client = request.RequestUri!.Host == _app.BaseAddress!.Host ? _app : _idp;
        return await client.SendAsync(request);
    }

    public void Dispose()
    {
        _app.Dispose();
        _idp.Dispose();
    }

    private sealed class Jar(SignOnBrowser browser) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var host = request.RequestUri!.Host;
            var now = TestClock.Now;
            var send = browser._cookies.Where(c => c.Key.Host == host && (c.Value.Expires is null || c.Value.Expires > now))
                .Select(c => $"{c.Key.Name}={c.Value.Value}").ToList();
            if (send.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", send));
            }
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values) && SetCookieHeaderValue.TryParseList(values.ToList(), out var cookies))
            {
                foreach (var cookie in cookies)
                {
                    var key = (host, cookie.Name.ToString());
                    if (string.IsNullOrEmpty(cookie.Value.ToString()) || cookie.Expires < now)
                    {
                        browser._cookies.Remove(key);
                    }
                    else
                    {
                        browser._cookies[key] = (cookie.Value.ToString(), cookie.Expires);
                    }
                }
            }
            return response;
        }
    }
}
