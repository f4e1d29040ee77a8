using CertMesh.WebhookSolver.Configuration;
using CertMesh.WebhookSolver.Endpoints;
using CertMesh.WebhookSolver.Solving;

namespace CertMesh.WebhookSolver;

/// <summary>Builds the whole app, so Program.cs stays two lines and tests can host the same app in-process.</summary>
internal static class WebhookSolverApp
{
    public const string DefaultUrl = "http://127.0.0.1:18099";

    /// <param name="args">Command line, as dotnet run passes it (--urls works).</param>
    /// <param name="configure">Lets tests add settings or loggers before the options are read.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Settings are read once: reload-on-change would watch the working directory recursively (see CertMeshHost).
        var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
        configure?.Invoke(builder);

        // Loopback unless told otherwise (ASPNETCORE_URLS, --urls, or the HTTP_PORTS container images set).
        if (new[] { WebHostDefaults.ServerUrlsKey, WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey }
            .All(key => string.IsNullOrEmpty(builder.WebHost.GetSetting(key))))
            builder.WebHost.UseUrls(DefaultUrl);

        // Hosting logs two lines per request at Information; the solver's own line per action is the one that matters.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        builder.Services.AddSingleton(SolverOptions.From(builder.Configuration));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TxtSolver>();

        var app = builder.Build();
        app.MapDiscoveryEndpoints();
        app.MapSolverEndpoints();
        return app;
    }
}
