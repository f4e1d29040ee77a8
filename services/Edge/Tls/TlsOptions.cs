namespace CertMesh.Edge.Tls;

/// <summary>
/// Where and for whom the Edge terminates TLS, from environment variables. TLS is off unless an HTTPS endpoint is
/// configured: <c>CERTMESH_EDGE_HTTPS_URL</c> (e.g. <c>https://127.0.0.1:5443</c>) or <c>CERTMESH_EDGE_HTTPS_PORT</c>
/// (on the host of the HTTP address).
/// </summary>
internal sealed record TlsOptions
{
    public const string DefaultNamespace = "edge";

    /// <summary>The HTTPS address to listen on; null when the Edge serves plain HTTP only.</summary>
    public string? HttpsUrl { get; init; }

    /// <summary>The namespaces whose Certificates' Secrets the Edge serves (CERTMESH_EDGE_TLS_NAMESPACES, comma list).</summary>
    public IReadOnlySet<string> Namespaces { get; init; } = new HashSet<string>(StringComparer.Ordinal) { DefaultNamespace };

    /// <summary>How often memory is reconciled with the Secrets table (CERTMESH_EDGE_TLS_RESYNC_SECONDS); events do the live work.</summary>
    public TimeSpan Resync { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>At most one "no certificate yet" warning per routed host in this interval.</summary>
    public TimeSpan MissingCertificateWarningInterval { get; init; } = TimeSpan.FromMinutes(1);

    public bool Enabled => HttpsUrl is not null;

    /// <param name="httpUrl">the Edge's first HTTP address, whose host a bare HTTPS port binds to.</param>
    public static TlsOptions From(IConfiguration configuration, string httpUrl)
    {
        var defaults = new TlsOptions();
        var namespaces = (configuration["CERTMESH_EDGE_TLS_NAMESPACES"] ?? DefaultNamespace)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal);
        return new TlsOptions
        {
            HttpsUrl = HttpsUrlFrom(configuration, httpUrl),
            Namespaces = namespaces.Count > 0 ? namespaces : defaults.Namespaces,
            Resync = double.TryParse(configuration["CERTMESH_EDGE_TLS_RESYNC_SECONDS"], System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : defaults.Resync,
        };
    }

    static string? HttpsUrlFrom(IConfiguration configuration, string httpUrl)
    {
        if (configuration["CERTMESH_EDGE_HTTPS_URL"] is { Length: > 0 } url)
            return url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                ? url
                : throw new InvalidOperationException($"CERTMESH_EDGE_HTTPS_URL must be an https:// address, not '{url[..Math.Min(url.Length, 40)]}'");
        if (configuration["CERTMESH_EDGE_HTTPS_PORT"] is not { Length: > 0 } portText)
            return null;
        if (!int.TryParse(portText, out var port) || port is < 1 or > 65535)
            throw new InvalidOperationException($"CERTMESH_EDGE_HTTPS_PORT must be a TCP port (1-65535), not '{portText[..Math.Min(portText.Length, 20)]}'");
        return $"https://{BindingAddress.Parse(httpUrl).Host}:{port}";
    }
}
