using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Meedenker.Web.Infrastructure;

/// <summary>
/// Which reverse proxies may tell us the client's address (X-Forwarded-For) and scheme (X-Forwarded-Proto).
/// The rate limits are per client address, so trusting the header from anyone would let a client pick a new
/// address for every request; only the configured proxies are believed.
/// </summary>
public sealed record ReverseProxySettings(bool Enabled, IReadOnlyList<IPAddress> KnownProxies, IReadOnlyList<System.Net.IPNetwork> KnownNetworks)
{
    private const string Example = "set ReverseProxy:KnownProxies to the proxy's address (environment variable ReverseProxy__KnownProxies=10.0.0.5) "
        + "or ReverseProxy:KnownNetworks to its network (ReverseProxy__KnownNetworks=10.0.0.0/24); separate several with commas";

    /// <summary>Reads section ReverseProxy; each list is one comma-separated value or an array (KnownProxies__0, __1, …).</summary>
    public static ReverseProxySettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("ReverseProxy");
        var enabled = section.GetValue("Enabled", false);
        var proxies = new List<IPAddress>();
        foreach (var value in List(section.GetSection("KnownProxies")))
        {
            proxies.Add(IPAddress.TryParse(value, out var address)
                ? address
                : throw new StartupConfigurationException($"ReverseProxy:KnownProxies has '{value}', which is not an IP address: use e.g. 10.0.0.5 or fd00::5."));
        }
        var networks = new List<System.Net.IPNetwork>();
        foreach (var value in List(section.GetSection("KnownNetworks")))
        {
            networks.Add(System.Net.IPNetwork.TryParse(value, out var network)
                ? network
                : throw new StartupConfigurationException($"ReverseProxy:KnownNetworks has '{value}', which is not a network in CIDR notation: use e.g. 10.0.0.0/24 or fd00::/64."));
        }
        if (enabled && proxies.Count == 0 && networks.Count == 0)
        {
            throw new StartupConfigurationException($"ReverseProxy:Enabled=true, but no proxy to trust X-Forwarded-For from is configured: {Example}.");
        }
        return new ReverseProxySettings(enabled, proxies, networks);
    }

    public void Apply(ForwardedHeadersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in KnownProxies)
        {
            options.KnownProxies.Add(proxy);
        }
        foreach (var network in KnownNetworks)
        {
            options.KnownIPNetworks.Add(network);
        }
        // Walk back through a chain of known proxies (load balancer, then nginx); the middleware stops at the
        // first address that is not a known proxy, so whatever a client wrote further left is never used.
        options.ForwardLimit = null;
    }

    private static IEnumerable<string> List(IConfigurationSection section)
    {
        // Both forms at once: some configuration sources give an array's section an empty value of its own.
        var values = section.GetChildren().Select(c => c.Value).Prepend(section.Value).OfType<string>();
        return values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
