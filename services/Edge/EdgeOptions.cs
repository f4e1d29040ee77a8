namespace CertMesh.Edge;

/// <summary>The Edge's own settings, from environment variables; where it listens comes from ASPNETCORE_URLS.</summary>
internal sealed record EdgeOptions
{
    /// <summary>The route file (CERTMESH_EDGE_ROUTES), relative to the content root unless absolute.</summary>
    public required string RoutesFile { get; init; }

    /// <summary>How often the route file is re-read besides file-system notifications (CERTMESH_EDGE_ROUTES_POLL_SECONDS).</summary>
    public TimeSpan RoutesPoll { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether a token missing from memory is looked up once in PostgreSQL (CERTMESH_EDGE_MISS_LOOKUP).</summary>
    public bool MissLookup { get; init; } = true;

    /// <summary>How often memory is reconciled with the token table (CERTMESH_EDGE_RESYNC_SECONDS).</summary>
    public TimeSpan Resync { get; init; } = TimeSpan.FromSeconds(30);

    public static EdgeOptions From(IConfiguration configuration, string contentRoot)
    {
        var defaults = new EdgeOptions { RoutesFile = "" };
        var routes = configuration["CERTMESH_EDGE_ROUTES"] is { Length: > 0 } path ? path : "deploy/local/edge-routes.json";
        return new EdgeOptions
        {
            RoutesFile = Path.GetFullPath(routes, contentRoot),
            RoutesPoll = Seconds(configuration["CERTMESH_EDGE_ROUTES_POLL_SECONDS"], defaults.RoutesPoll),
            MissLookup = configuration["CERTMESH_EDGE_MISS_LOOKUP"] is not { } lookup || !bool.TryParse(lookup, out var enabled) || enabled,
            Resync = Seconds(configuration["CERTMESH_EDGE_RESYNC_SECONDS"], defaults.Resync),
        };
    }

    static TimeSpan Seconds(string? value, TimeSpan fallback) =>
        double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : fallback;
}
