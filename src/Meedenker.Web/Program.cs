using System.Globalization;
using System.Threading.RateLimiting;
using Meedenker.Data;
using Meedenker.Web.Features.Api;
using Meedenker.Web.Features.Hulpvraag;
using Meedenker.Web.Features.Verwijzen;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Quartz;
using Scalar.AspNetCore;

namespace Meedenker.Web;

#pragma warning disable CA1052 // Not static: WebApplicationFactory<Program> needs it as a type argument.
public sealed class Program
#pragma warning restore CA1052
{
    private Program()
    {
    }

    public static async Task<int> Main(string[] args)
    {
        var (command, options) = Cli.Parse(args);
        using var bootstrapLogs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var startupLog = bootstrapLogs.CreateLogger("Meedenker.Startup");
        try
        {
            var app = CreateApp(options.WebArgs);
            return command switch
            {
                CliCommand.Run => await RunAsync(app),
                _ => await Cli.RunAsync(command, options, app),
            };
        }
        catch (StartupConfigurationException e)
        {
            startupLog.LogCritical("Meedenker cannot start: {Problem}", e.Message);
            return 1;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Anything else at start-up is still one line, without a stack trace, that names the cause.
            startupLog.LogCritical("Meedenker cannot start: {Problem}. Fix this and start again.",
                $"{e.GetType().Name}: {e.GetBaseException().Message.TrimEnd('.')}");
            return 1;
        }
    }

    private static async Task<int> RunAsync(WebApplication app)
    {
        await app.Services.GetServices<IHostedService>().OfType<DatabaseInitializer>().Single().StartAsync(CancellationToken.None);
        app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app));
        await app.RunAsync();
        return 0;
    }

    /// <summary>Tells whoever started the app where it is and, in demo mode, how to sign in.</summary>
    private static void PrintWelcome(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [];
        var text = new System.Text.StringBuilder();
        text.AppendLine().AppendLine("Meedenker is running:");
        foreach (var address in addresses)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {address}/");
        }
        if (app.Services.GetRequiredService<IOptions<DemoSettings>>().Value.Enabled)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Demo logins (password for all: {Data.Generation.DemoAccounts.Password}):");
            foreach (var account in Data.Generation.DemoAccounts.All)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {account.Role,-20} {account.Email}");
            }
        }
        app.Logger.LogInformation("{Welcome}", text.ToString());
    }

    public static WebApplication CreateApp(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        ConfigureServices(builder);
        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    private static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        // No "Server: Kestrel" header: it only tells an attacker what to try.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        var demo = configuration.GetSection("Demo").Get<DemoSettings>() ?? new DemoSettings();
        if (demo.Enabled && builder.Environment.IsProduction())
        {
            throw new StartupConfigurationException("Demo accounts are not allowed in Production: set Demo:Enabled=false (environment variable Demo__Enabled=false).");
        }
        services.Configure<DemoSettings>(configuration.GetSection("Demo"));
        services.Configure<MailSettings>(configuration.GetSection("Mail"));
        services.Configure<TextMessageSettings>(configuration.GetSection("Sms"));
        services.Configure<RateLimitSettings>(configuration.GetSection("RateLimits"));
        services.Configure<SecuritySettings>(configuration.GetSection("Security"));
        services.Configure<Features.Verwijzen.IntakeSettings>(configuration.GetSection("Intake"));
        var retention = configuration.GetSection("Retention").Get<Features.Privacy.RetentionSettings>() ?? new Features.Privacy.RetentionSettings();
        retention.Validate();
        services.Configure<Features.Privacy.RetentionSettings>(configuration.GetSection("Retention"));
        services.Configure<Features.Privacy.PrivacySettings>(configuration.GetSection("Privacy"));

        var (provider, connectionString) = Database.ReadSettings(configuration, builder.Environment.ContentRootPath);
        services.AddMeedenkerDatabase(provider, connectionString);
        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<AccessCheck>();
        services.AddScoped<Features.OwnRecord.OwnViewSession>();
        services.AddScoped<Features.OwnRecord.OwnRecordReader>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, PolicyDenialLog>();
        services.AddScoped<MailSender>();
        services.AddScoped<Features.Hulpvraag.ResidentConfirmation>();
        services.AddScoped<TextMessageSender>();
        services.AddMemoryCache();
        services.AddScoped<ReferenceData>();
        services.AddScoped<Features.Directory.HsdsImporter>();
        services.AddScoped<Features.Hulpvraag.Intake>();
        services.AddScoped<Features.Verwijzen.ReferrerNotifier>();
        services.AddScoped<Features.Monitoring.MonitorAggregator>();
        services.AddScoped<Features.Monitoring.MonitorData>();
        services.AddScoped<Features.Monitoring.MonitorRefreshJob>();
        services.AddScoped<Features.Monitoring.ShockAlertJob>();
        services.AddScoped<Features.Cases.Matching>();
        services.AddScoped<Features.Cases.FollowUpJob>();
        services.AddScoped<Features.Privacy.Anonymisation>();
        services.AddScoped<Features.Privacy.RetentionJob>();
        // Jobs keep their state in our own tables and are idempotent, so the in-memory scheduler is enough and
        // each instance may run them (see docs/decisions/0008-jobs.md).
        services.AddQuartz(q =>
        {
            q.AddJob<Features.Cases.FollowUpJob>(j => j.WithIdentity(Features.Cases.FollowUpJob.Key));
            q.AddTrigger(t => t.ForJob(Features.Cases.FollowUpJob.Key).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(15)).RepeatForever()));
            q.AddJob<Features.Privacy.RetentionJob>(j => j.WithIdentity(Features.Privacy.RetentionJob.Key));
            q.AddTrigger(t => t.ForJob(Features.Privacy.RetentionJob.Key).WithCronSchedule(retention.Schedule));
            q.AddJob<Features.Monitoring.MonitorRefreshJob>(j => j.WithIdentity(Features.Monitoring.MonitorRefreshJob.Key));
            q.AddTrigger(t => t.ForJob(Features.Monitoring.MonitorRefreshJob.Key).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(30)).RepeatForever()));
            q.AddJob<Features.Monitoring.ShockAlertJob>(j => j.WithIdentity(Features.Monitoring.ShockAlertJob.Key));
            // At start (so a new week is never missed after a restart) and every Monday morning.
            q.AddTrigger(t => t.ForJob(Features.Monitoring.ShockAlertJob.Key).StartNow());
            q.AddTrigger(t => t.ForJob(Features.Monitoring.ShockAlertJob.Key).WithCronSchedule("0 0 6 ? * MON"));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton<Text>();
        // Dutch has ë, é and ï: write them as they are instead of as character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        services.AddDataProtection()
            .SetApplicationName("Meedenker")
            .PersistKeysToDbContext<AppDbContext>();

        services.AddMeedenkerAuth(configuration);
        services.AddRazorPages(o => o.RootDirectory = "/Features");
        services.AddProblemDetails();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Meedenker API";
            document.Info.Description = "Public and partner API of Meedenker, the platform for independent client support (onafhankelijke cliëntondersteuning).";
            return Task.CompletedTask;
        }));
        services.AddValidation();

        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Lang.Supported.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(Lang.Dutch);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Tell the client when to try again: the window's remaining time, rounded up to whole seconds.
            o.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(RateLimitPolicies.PublicForms, context => PerClient(context, s => s.PublicFormsPerMinute));
            o.AddPolicy(RateLimitPolicies.Login, context => PerClient(context, s => s.LoginPerMinute));
            o.AddPolicy(Features.Directory.HsdsApi.RateLimitPolicy, context => PerClient(context, s => s.HsdsPerMinute));
        });

        var reverseProxy = ReverseProxySettings.Read(configuration);
        services.Configure<ForwardedHeadersOptions>(reverseProxy.Apply);

        services.AddHealthChecks()
            .AddCheck<MigrationsHealthCheck>("database", tags: ["ready"]);

        // Traces and metrics only when there is somewhere to send them: without an exporter the instrumentation
        // would still build and tag an activity for every request (decision 0060).
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService("Meedenker.Web"))
                .WithTracing(t => t.AddAspNetCoreInstrumentation().AddSource("Meedenker"))
                .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter("Meedenker"))
                .UseOtlpExporter();
        }
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, Func<RateLimitSettings, int> limit)
    {
        // Reading a form is free; only sending it counts.
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("read");
        }
        var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitSettings>>().Value;
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit(settings)),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        if (app.Configuration.GetValue("ReverseProxy:Enabled", false))
        {
            app.UseForwardedHeaders();
        }
        app.UseMeedenkerSecurityHeaders();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), web =>
        {
            web.UseExceptionHandler("/fout");
            web.UseStatusCodePagesWithReExecute("/fout/{0}");
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseOrganisationSignOnCallbacks();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", o => o.WithOpenApiRoutePattern("/openapi/{documentName}.json").WithTitle("Meedenker API"));
        app.MapLanguageSwitch();
        app.MapMeedenkerApi();
        app.MapHelpRequestApi();
        app.MapReferralApi();
        Features.Directory.HsdsApi.MapHsdsApi(app);
        app.MapRazorPages();
    }
}
