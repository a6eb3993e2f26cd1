using System.Net;
using System.Net.Http.Json;
using Meedenker.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Meedenker.IntegrationTests;

/// <summary>
/// The app behind a reverse proxy at 10.0.0.5 (and the network 172.16.0.0/16), with a low limit on the public
/// forms. TestServer has no socket, so a startup filter sets the connection's remote address from a test-only
/// header before anything else in the pipeline runs.
/// </summary>
public sealed class TrustedProxyFactory : MeedenkerFactory
{
    public const string RemoteAddressHeader = "X-Test-Remote-Address";
    public const int Limit = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder!.UseSetting("ReverseProxy:Enabled", "true");
        builder.UseSetting("ReverseProxy:KnownProxies", "10.0.0.5, 10.0.0.6");
        builder.UseSetting("ReverseProxy:KnownNetworks:0", "172.16.0.0/16");
        builder.UseSetting("RateLimits:PublicFormsPerMinute", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, RemoteAddressFromTestHeader>());
    }

    private sealed class RemoteAddressFromTestHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.Remove(RemoteAddressHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class TrustedProxyTests(TrustedProxyFactory app) : IClassFixture<TrustedProxyFactory>
{
    // Twice the limit and one more: even if the one-minute window turns over during the test, one window sees
    // more requests than the limit.
    private const int Requests = (2 * TrustedProxyFactory.Limit) + 1;

    private static object HelpRequest() => new
    {
        askedBy = "self",
        municipalityCode = "GM0664",
        lifeDomains = new[] { "wonen" },
        question = "Ik weet niet waar ik moet beginnen " + Guid.NewGuid(),
        firstName = "Sem",
        contactPreferences = new[] { "email" },
        email = "sem@example.test",
    };

    private async Task<HttpStatusCode> AskForHelpAsync(string remoteAddress, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/help-requests")
        {
            Content = JsonContent.Create(HelpRequest()),
        };
        request.Headers.Add(TrustedProxyFactory.RemoteAddressHeader, remoteAddress);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        using var response = await app.CreateClient().SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_client_that_is_not_a_proxy_cannot_dodge_the_rate_limit_with_made_up_forwarded_addresses()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= Requests; i++)
        {
            statuses.Add(await AskForHelpAsync("203.0.113.7", $"198.51.100.{i}"));
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.TooManyRequests, $"Unexpected {s}"));
    }

    [Fact]
    public async Task A_client_cannot_dodge_the_rate_limit_by_putting_a_made_up_address_before_the_one_the_proxy_adds()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= Requests; i++)
        {
            statuses.Add(await AskForHelpAsync("10.0.0.5", $"198.51.100.{i}, 203.0.113.8"));
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Theory]
    [InlineData("10.0.0.5", "192.0.2")]
    [InlineData("10.0.0.6", "192.0.3")]
    [InlineData("172.16.4.4", "192.0.4")]
    [InlineData("::ffff:10.0.0.5", "192.0.5")]
    public async Task Forwarded_addresses_from_a_known_proxy_are_each_their_own_client(string proxy, string clientPrefix)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= Requests; i++)
        {
            statuses.Add(await AskForHelpAsync(proxy, $"{clientPrefix}.{i}"));
        }
        // The same forwarded client again and again is limited: the proxy's own address is not the partition.
        var repeated = new List<HttpStatusCode>();
        for (var i = 1; i <= Requests; i++)
        {
            repeated.Add(await AskForHelpAsync(proxy, $"{clientPrefix}.200"));
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Contains(HttpStatusCode.TooManyRequests, repeated);
    }
}
