using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Meedenker.IntegrationTests.Infrastructure;

/// <summary>The app with a clock the test moves: the sign-in cookie, the access log and the jobs all read it.</summary>
public sealed class FakeClockFactory : MeedenkerFactory
{
    public FakeTimeProvider Clock { get; } = TestClock.NewFake();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o => o.TimeProvider = Clock);
            services.PostConfigure<SecurityStampValidatorOptions>(o => o.TimeProvider = Clock);
            // Quartz reads the same clock and would fire the jobs as the test moves it; tests run the jobs themselves.
            foreach (var scheduler in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Namespace?.StartsWith("Quartz", StringComparison.Ordinal) == true).ToList())
            {
                services.Remove(scheduler);
            }
        });
    }
}
